"""Finding article files on disk and reading one into an ArticleFile."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from timeline.ingest.articles import ParsedArticle, parse_article
from timeline.ingest.decoding import decode_bytes, normalise_newlines
from timeline.ingest.errors import IngestError
from timeline.ingest.html import html_to_text
from timeline.ingest.sidecar import parse_sidecar

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")


@dataclass(frozen=True)
class ArticleFile:
    path: Path
    name: str
    raw_text: str  # decoded text exactly as read, line endings untouched
    sha256: str  # hex digest of the raw bytes
    encoding: str
    article: ParsedArticle


def _is_article(path: Path) -> bool:
    return path.suffix.lower() in ARTICLE_SUFFIXES and not path.name.startswith(".")


def discover(paths: Iterable[str | Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Expand files and folders (recursively) into sorted article files.

    Returns (files, problems); problems are (path, reason) for paths that are missing or
    cannot be used. Hidden files and folders (".git", ".DS_Store") are skipped.
    """
    found: set[Path] = set()
    problems: list[tuple[Path, str]] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            try:
                for child in path.rglob("*"):
                    rel = child.relative_to(path).parts
                    if (
                        child.is_file()
                        and _is_article(child)
                        and not any(p.startswith(".") for p in rel)
                    ):
                        found.add(child)
            except OSError as exc:
                problems.append((path, f"cannot list folder: {exc.strerror or exc}"))
        elif path.is_file():
            if path.suffix.lower() in ARTICLE_SUFFIXES:
                found.add(path)
            else:
                problems.append((path, "not an article file (expected .txt, .html or .htm)"))
        elif path.exists():
            problems.append((path, "not a regular file or folder"))
        else:
            problems.append((path, "no such file or folder"))
    return sorted(found, key=lambda p: str(p)), problems


def _read_limited(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(_too_large(size, max_bytes))
        with path.open("rb") as fh:
            # Read one byte past the limit so a file that grew since stat() is still refused.
            data = fh.read(max_bytes + 1)
    except IsADirectoryError as exc:
        raise IngestError("is a folder, not a file") from exc
    except FileNotFoundError as exc:
        raise IngestError("no such file") from exc
    except PermissionError as exc:
        raise IngestError("cannot read file: permission denied") from exc
    except OSError as exc:
        raise IngestError(f"cannot read file: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise IngestError(_too_large(len(data), max_bytes))
    return data


def _too_large(size: int, limit: int) -> str:
    return f"file too large ({_human(size)}, limit {_human(limit)})"


def _human(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1000:
        return f"{n / 1000:.1f} kB"
    return f"{n} bytes"


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html")) or (
        head.startswith("<") and "<body" in text[:5000].lower()
    )


def read_article_file(path: Path, *, max_bytes: int = 5_000_000) -> ArticleFile:
    """Read, decode and parse one article file (plus its NAME.json sidecar if present).

    Raises IngestError with a one-line reason when the file cannot be imported.
    """
    path = Path(path)
    data = _read_limited(path, max_bytes)
    decoded = decode_bytes(data)
    sidecar: dict = {}
    sidecar_path = path.with_suffix(".json")
    if sidecar_path.is_file():
        sidecar = parse_sidecar(_read_limited(sidecar_path, 1_000_000), name=sidecar_path.name)
    text = normalise_newlines(decoded.text)
    notes: list[str] = []
    if path.suffix.lower() in HTML_SUFFIXES or _looks_like_html(text):
        text, html_meta = html_to_text(text)
        # Page metadata (meta tags) beats heuristics on the extracted text; a sidecar beats both.
        sidecar = {**html_meta, **sidecar}
        notes.append("HTML: main text extracted with trafilatura")
    article = parse_article(text, filename=path.name, sidecar=sidecar)
    if sidecar_path.is_file():
        notes.append(f"metadata from {sidecar_path.name}")
    if notes:
        article = _with_notes(article, notes)
    return ArticleFile(
        path=path,
        name=path.name,
        raw_text=decoded.text,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=decoded.encoding,
        article=article,
    )


def _with_notes(article: ParsedArticle, notes: list[str]) -> ParsedArticle:
    return replace(article, notes=tuple(notes) + article.notes)
