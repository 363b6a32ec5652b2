"""discover / read_article_file on real files in tmp_path, including HTML and sidecars."""

from __future__ import annotations

import hashlib
import json
from datetime import date, time
from pathlib import Path

import pytest

from timeline.ingest.errors import IngestError
from timeline.ingest.files import discover, read_article_file

ARTICLE = (
    "Lukashenko meets Xi in Beijing\n"
    "\n"
    "By Jane Roe\n"
    "Published: 4 December 2023\n"
    "\n"
    "BEIJING (Reuters) - Belarusian President Alexander Lukashenko met Chinese President "
    "Xi Jinping in Beijing on Monday, their second meeting this year.\n"
    "\n"
    "The two leaders discussed trade and the China-Belarus Industrial Park, state media said.\n"
)

HTML_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Lukashenko meets Xi in Beijing | Example News</title>
  <meta property="og:title" content="Lukashenko meets Xi in Beijing">
  <meta property="og:site_name" content="Example News">
  <meta name="author" content="Jane Roe">
  <meta property="article:published_time" content="2023-12-04T10:31:00+03:00">
</head>
<body>
  <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/asia">Asia</a></nav>
  <article>
    <h1>Lukashenko meets Xi in Beijing</h1>
    <p>Belarusian President Alexander Lukashenko met Chinese President Xi Jinping in Beijing
    on Monday, the second meeting between the two leaders this year.</p>
    <p>The two leaders discussed trade, investment and the China-Belarus Industrial Park,
    according to state media reports from both countries.</p>
    <p>"Belarus has been, is and will remain a reliable partner for China," Lukashenko said
    during the talks.</p>
  </article>
  <aside><h3>Most read</h3><ul><li><a href="/a">Storm hits coast</a></li></ul></aside>
  <footer>Follow us on social media. Copyright 2023 Example News.</footer>
</body>
</html>
"""


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def test_discover_files_folders_and_missing(tmp_path: Path) -> None:
    a = _write(tmp_path / "in" / "b.txt", ARTICLE)
    b = _write(tmp_path / "in" / "sub" / "a.HTML", HTML_PAGE)
    c = _write(tmp_path / "in" / "sub" / "c.htm", HTML_PAGE)
    _write(tmp_path / "in" / "b.json", "{}")
    _write(tmp_path / "in" / "notes.md", "x")
    _write(tmp_path / "in" / ".hidden" / "x.txt", ARTICLE)
    single = _write(tmp_path / "one.txt", ARTICLE)
    other = _write(tmp_path / "image.png", b"\x89PNG")
    files, problems = discover([tmp_path / "in", str(single), single, tmp_path / "nope", other])
    assert files == sorted([a, b, c, single], key=str)
    assert (tmp_path / "nope", "no such file or folder") in problems
    assert any(p == other and "not an article file" in r for p, r in problems)


def test_read_plain_text(tmp_path: Path) -> None:
    raw = ARTICLE.replace("\n", "\r\n").encode()
    path = _write(tmp_path / "story.txt", raw)
    item = read_article_file(path)
    assert item.name == "story.txt" and item.path == path
    assert item.sha256 == hashlib.sha256(raw).hexdigest()
    assert item.encoding == "utf-8"
    assert item.raw_text == raw.decode()  # CRLF preserved in raw_text
    art = item.article
    assert art.title == "Lukashenko meets Xi in Beijing"
    assert art.author == "Jane Roe"
    assert art.published_date == date(2023, 12, 4)
    assert (art.dateline_place, art.publisher) == ("Beijing", "Reuters")
    assert art.body.startswith("Belarusian President")
    assert "\r" not in art.body


def test_old_mac_line_endings(tmp_path: Path) -> None:
    path = _write(tmp_path / "mac.txt", ARTICLE.replace("\n", "\r"))
    art = read_article_file(path).article
    assert art.title == "Lukashenko meets Xi in Beijing"
    assert len(art.body.split("\n\n")) == 2


def test_cp1251_file(tmp_path: Path) -> None:
    text = (
        "Лукашенко провёл переговоры с Си Цзиньпином\n\n"
        "Президент Беларуси Александр Лукашенко провёл переговоры с председателем КНР "
        "в Пекине, и стороны обсудили торговлю и инвестиции. Это вторая встреча за год.\n"
    )
    item = read_article_file(_write(tmp_path / "ru.txt", text.encode("cp1251")))
    assert item.encoding == "cp1251"
    assert item.article.title == "Лукашенко провёл переговоры с Си Цзиньпином"
    assert item.article.language == "ru"


def test_latin1_and_bom_files(tmp_path: Path) -> None:
    latin = ARTICLE.replace("Lukashenko met", "Lukashenko, à Pékin, met")
    item = read_article_file(_write(tmp_path / "l.txt", latin.encode("latin-1")))
    assert item.encoding == "latin-1"
    assert "à Pékin" in item.article.body
    bom = read_article_file(_write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode()))
    assert bom.encoding == "utf-8-sig"
    assert bom.article.title == "Lukashenko meets Xi in Beijing"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"\x00\x01\x02binary\x00" * 20, "binary file"),
        (b"Report " + bytes(range(0x80, 0x100)) * 2 + b" end", "undecodable"),
        (b"Home\n\nFollow us\n\nMost Popular\n", "no article body in x.txt"),
    ],
)
def test_unreadable_files(tmp_path: Path, data: bytes, reason: str) -> None:
    path = _write(tmp_path / "x.txt", data)
    with pytest.raises(IngestError, match=reason) as info:
        read_article_file(path)
    assert "\n" not in str(info.value)


def test_size_limit(tmp_path: Path) -> None:
    path = _write(tmp_path / "big.txt", ARTICLE * 100)
    with pytest.raises(IngestError, match=r"file too large \(.*limit 1.0 kB\)"):
        read_article_file(path, max_bytes=1000)
    assert read_article_file(path, max_bytes=1_000_000).article.title


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        read_article_file(tmp_path / "gone.txt")
    with pytest.raises(IngestError, match="folder"):
        read_article_file(tmp_path)


def test_sidecar_overrides_title_date_publisher(tmp_path: Path) -> None:
    path = _write(tmp_path / "story.txt", ARTICLE)
    _write(
        tmp_path / "story.json",
        json.dumps(
            {
                "title": "Xi and Lukashenko hold talks",
                "published": "2023-12-05T08:00:00Z",
                "publisher": "Example Wire",
                "url": "https://example.com/story",
                "extra": True,
            }
        ),
    )
    art = read_article_file(path).article
    assert art.title == "Xi and Lukashenko hold talks"
    assert (art.published_date, art.published_time, art.timezone) == (
        date(2023, 12, 5),
        time(8, 0),
        "UTC",
    )
    assert art.publisher == "Example Wire"
    assert art.url == "https://example.com/story"
    assert art.author == "Jane Roe"  # not in the sidecar: still read from the text
    assert "metadata from story.json" in art.notes


def test_invalid_sidecar(tmp_path: Path) -> None:
    path = _write(tmp_path / "story.txt", ARTICLE)
    _write(tmp_path / "story.json", '{"title": "x",\n "published": }')
    with pytest.raises(IngestError, match=r"metadata file story.json: not valid JSON \(line 2"):
        read_article_file(path)
    _write(tmp_path / "story.json", '{"published": "2023-13-45"}')
    with pytest.raises(IngestError, match="not a real date"):
        read_article_file(path)


def test_html_file_through_trafilatura(tmp_path: Path) -> None:
    item = read_article_file(_write(tmp_path / "page.html", HTML_PAGE))
    art = item.article
    assert art.title == "Lukashenko meets Xi in Beijing"
    assert art.author == "Jane Roe"
    assert art.publisher == "Example News"
    assert art.published_date == date(2023, 12, 4)
    assert art.body.startswith("Belarusian President Alexander Lukashenko met")
    assert "reliable partner for China" in art.body
    for junk in ("Home", "Storm hits coast", "Follow us", "<p>", "Lukashenko meets Xi"):
        assert junk not in art.body
    assert item.raw_text == HTML_PAGE
    assert any("trafilatura" in note for note in art.notes)


def test_html_without_article_body(tmp_path: Path) -> None:
    path = _write(tmp_path / "empty.htm", "<html><head><title>x</title></head><body></body></html>")
    with pytest.raises(IngestError, match="no article body"):
        read_article_file(path)
