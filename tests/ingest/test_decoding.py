"""decode_bytes / normalise_newlines: encodings, line endings and refusals."""

from __future__ import annotations

import pytest

from timeline.ingest.decoding import decode_bytes, normalise_newlines
from timeline.ingest.errors import IngestError

RUSSIAN = (
    "Александр Лукашенко провёл переговоры с Си Цзиньпином в Пекине. "
    "Стороны обсудили торговлю, инвестиции и индустриальный парк «Великий камень».\n"
)
FRENCH = "Le président a parlé à Genève: « Nous ne céderons pas », a-t-il déclaré, très ému.\n"


def test_utf8() -> None:
    decoded = decode_bytes("Xi met Lukashenko — “working visit”.\n".encode())
    assert decoded.encoding == "utf-8"
    assert decoded.text == "Xi met Lukashenko — “working visit”.\n"


def test_utf8_bom_is_removed() -> None:
    decoded = decode_bytes(b"\xef\xbb\xbfHeadline\r\nBody text here.\r\n")
    assert decoded.encoding == "utf-8-sig"
    assert decoded.text == "Headline\r\nBody text here.\r\n"  # line endings kept as read


def test_utf16_with_bom() -> None:
    decoded = decode_bytes("Минск и Пекин.\n".encode("utf-16"))
    assert decoded.encoding == "utf-16"
    assert decoded.text == "Минск и Пекин.\n"


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_legacy_cyrillic(encoding: str) -> None:
    text = RUSSIAN.replace("«", '"').replace("»", '"')  # KOI8-R has no guillemets
    decoded = decode_bytes(text.encode(encoding))
    assert decoded.text == text
    assert decoded.encoding == encoding.replace("_", "-")


def test_short_cp1251_word_is_not_read_as_latin() -> None:
    assert decode_bytes("Минск".encode("cp1251")).text == "Минск"


def test_latin1() -> None:
    decoded = decode_bytes(FRENCH.encode("latin-1"))
    assert decoded.text == FRENCH
    assert decoded.encoding == "latin-1"


def test_cp1252_smart_quotes() -> None:
    text = "The minister said: “We will not retreat” – and left the café.\n"
    decoded = decode_bytes(text.encode("cp1252"))
    assert decoded.text == text
    assert decoded.encoding == "cp1252"


def test_normalise_newlines() -> None:
    assert normalise_newlines("a\r\nb\rc\nd\r\n\r\n") == "a\nb\nc\nd\n\n"


def test_empty_and_whitespace_only() -> None:
    with pytest.raises(IngestError, match="empty file"):
        decode_bytes(b"")
    with pytest.raises(IngestError, match="empty file"):
        decode_bytes(b" \r\n\t\n")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"hello\x00world" * 10, "NUL bytes"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (bytes(range(1, 9)) * 50 + b"text", "control bytes"),
    ],
)
def test_binary_is_refused(data: bytes, reason: str) -> None:
    with pytest.raises(IngestError, match="binary file") as info:
        decode_bytes(data)
    assert reason in str(info.value)


def test_undecodable_bytes() -> None:
    # Every high byte: undefined in cp1252/cp1251, box drawing and math signs elsewhere.
    with pytest.raises(IngestError, match="undecodable") as info:
        decode_bytes(b"Report " + bytes(range(0x80, 0x100)) * 2 + b" end")
    assert "\n" not in str(info.value)


def test_utf8_cut_inside_the_last_character_stays_utf8() -> None:
    from timeline.ingest.decoding import decode_bytes

    data = "Они обсудили торговлю и инвестиции. Встреча".encode()
    decoded = decode_bytes(data[:-1])
    assert decoded.encoding == "utf-8"
    assert decoded.text == "Они обсудили торговлю и инвестиции. Встреч"
