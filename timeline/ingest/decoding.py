"""Turn raw file bytes into text: UTF-8 (with or without BOM), UTF-16 with BOM, else a
legacy single-byte encoding chosen by charset-normalizer plus a plausibility check."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from charset_normalizer import from_bytes

from timeline.ingest.errors import IngestError


@dataclass(frozen=True)
class Decoded:
    text: str  # decoded text exactly as read (line endings not normalised)
    encoding: str  # e.g. "utf-8", "utf-8-sig", "cp1251", "latin-1"


# Single-byte encodings that news text realistically arrives in. Multi-byte CJK legacy
# encodings are left out on purpose: they accept almost any byte soup, so including them
# would turn "undecodable" files into confident garbage.
_LEGACY_ENCODINGS = [
    "cp1252",
    "cp1251",
    "koi8_r",
    "koi8_u",
    "cp1250",
    "iso8859_2",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "iso8859_5",
    "iso8859_7",
    "iso8859_9",
    "iso8859_15",
    "mac_cyrillic",
    "cp866",
]
# Tie-break order when two decodings are equally plausible: Western, then Cyrillic.
_PREFERENCE = {"cp1252": 0, "cp1251": 1, "koi8_r": 2}

_MAGIC = [
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (or .docx/.xlsx)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xd0\xcf\x11\xe0", "MS Office document"),
    (b"{\\rtf", "RTF document"),
]
_ALLOWED_CONTROL = set(b"\t\n\r\f\v")
_WORD_RE = re.compile(r"[^\W\d_]+")
_COMMON_SYMBOLS = set("°©®™€£¥¢§¶•№±×÷¬|¦")


def normalise_newlines(text: str) -> str:
    """\\r\\n and lone \\r become \\n."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _refuse_binary(data: bytes) -> None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise IngestError(f"binary file ({kind}), not text")
    if b"\x00" in data:
        raise IngestError("binary file (contains NUL bytes), not text")
    sample = data[:65536]
    controls = sum(1 for b in sample if (b < 0x20 and b not in _ALLOWED_CONTROL) or b == 0x7F)
    if controls > max(2, len(sample) // 20):
        raise IngestError(
            f"binary file ({controls} control bytes in the first {len(sample)}), not text"
        )


def _script(ch: str) -> str:
    try:
        return unicodedata.name(ch).split(" ", 1)[0]
    except ValueError:
        return "?"


def _implausibility(text: str) -> float:
    """How wrong a legacy decoding looks, per word: mis-decoded text shows C1 control
    characters, words mixing scripts (Latin + Cyrillic), or 'words' made mostly of accented
    letters (Russian bytes read as cp1252 give 'Àëåêñàíäð'), or case flipped mid-word."""
    bad = 10.0 * sum(1 for ch in text if 0x80 <= ord(ch) <= 0x9F)
    # Box drawing, math and private-use characters in running text mean the wrong code page
    # (cp866/koi8 map high bytes to "╔═╗"); the usual news symbols are fine.
    bad += sum(
        1
        for ch in text
        if ord(ch) > 0x7F
        and ch not in _COMMON_SYMBOLS
        and unicodedata.category(ch) in ("So", "Sm", "Sk", "Co", "Cn")
    )
    words = _WORD_RE.findall(text)
    for word in words:
        if word.isascii():
            continue
        scripts = {_script(ch) for ch in word}
        if len(scripts) > 1:
            bad += 3
        elif re.search(r"[a-zß-ÿа-яё][А-ЯЁÀ-Þ]", word):
            # "бМЕЛУБОДТ": KOI8-R read as cp1251 (and vice versa) swaps letter case.
            bad += 2
        elif scripts == {"LATIN"} and len(word) >= 3:
            accented = sum(1 for ch in word if not ch.isascii())
            if accented * 2 > len(word):
                bad += 2
    return bad / max(1, len(words))


def _decode_legacy(data: bytes) -> Decoded:
    candidates: list[str] = []
    for match in from_bytes(data, cp_isolation=_LEGACY_ENCODINGS):
        if match.encoding not in candidates:
            candidates.append(match.encoding)
    for enc in ("cp1252", "cp1251"):
        if enc not in candidates:
            candidates.append(enc)
    scored: list[tuple[float, int, int, str, str]] = []
    for order, enc in enumerate(candidates):
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        scored.append((_implausibility(text), _PREFERENCE.get(enc, 9), order, enc, text))
    # latin-1 decodes any byte; it only wins when nothing better does, and the C1 penalty
    # then exposes bytes that are undefined in every real encoding.
    scored.append((_implausibility(data.decode("latin-1")), 10, 99, "latin-1", ""))
    score, _, _, enc, text = min(scored)
    if score > 0.25:
        raise IngestError(
            "undecodable bytes: not valid UTF-8 and no known legacy encoding gives readable text"
        )
    if enc == "latin-1":
        text = data.decode("latin-1")
    elif enc == "cp1252" and not any(0x80 <= b <= 0x9F for b in data):
        # Without bytes 0x80-0x9F cp1252 and latin-1 decode identically; name the simpler one.
        enc = "latin-1"
    name = "latin-1" if enc == "latin-1" else codecs.lookup(enc).name.replace("_", "-")
    return Decoded(text=text, encoding=name)


def decode_bytes(data: bytes) -> Decoded:
    """Decode a file's bytes; raise IngestError for empty, binary or undecodable input."""
    decoded = _decode(data)
    if not decoded.text.strip():
        raise IngestError("empty file (only whitespace)")
    return decoded


def _decode(data: bytes) -> Decoded:
    if not data:
        raise IngestError("empty file (0 bytes)")
    if data.startswith(codecs.BOM_UTF8):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise IngestError(
                f"undecodable bytes: UTF-8 BOM but invalid UTF-8 at byte {exc.start}"
            ) from exc
        _refuse_binary(text.encode("utf-8"))
        return Decoded(text=text, encoding="utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # UTF-16 legitimately contains NUL bytes, so it is handled before the binary check.
        try:
            return Decoded(text=data.decode("utf-16"), encoding="utf-16")
        except UnicodeDecodeError as exc:
            raise IngestError("undecodable bytes: UTF-16 BOM but invalid UTF-16") from exc
    _refuse_binary(data)
    try:
        return Decoded(text=data.decode("utf-8"), encoding="utf-8")
    except UnicodeDecodeError as exc:
        # A file cut in the middle of a character (a truncated download) is still UTF-8: only
        # its last, incomplete character is lost. Anything else goes to detection.
        if exc.reason == "unexpected end of data" and len(data) - exc.start < 4:
            return Decoded(text=data[: exc.start].decode("utf-8"), encoding="utf-8")
    return _decode_legacy(data)
