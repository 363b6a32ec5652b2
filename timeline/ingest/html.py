"""HTML pages to plain text via trafilatura (local extraction only, never a fetch)."""

from __future__ import annotations

import re

import trafilatura

from timeline.ingest.errors import IngestError


def html_to_text(html: str) -> tuple[str, dict]:
    """Return (main text with one paragraph per line, metadata).

    Metadata keys, when trafilatura finds them: title, author, published (ISO date string),
    publisher (the site name), url, language.
    """
    if not html.strip():
        raise IngestError("empty HTML page")
    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            # trafilatura's dedup cache is process-wide: a second import of the same page
            # would lose paragraphs. parse_article removes repeats within one article instead.
            deduplicate=False,
        )
    except Exception as exc:  # trafilatura/lxml raise many types on malformed input
        raise IngestError(f"HTML could not be parsed ({type(exc).__name__})") from exc
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise IngestError("no article body found in the HTML page")
    meta: dict = {}
    title = _clean(doc.title)
    publisher = _clean(doc.sitename)
    if title and publisher:
        # <title> often carries " | Site Name" or " - Site Name"; the headline does not.
        title = re.sub(rf"\s*[|\-–—:]\s*{re.escape(publisher)}\s*$", "", title, flags=re.I)
    for key, value in (
        ("title", title),
        ("author", _clean(doc.author)),
        ("published", _clean(doc.date)),
        ("publisher", publisher),
        ("url", _clean(doc.url)),
        ("language", _clean(doc.language)),
    ):
        if value:
            meta[key] = value
    return text, meta


def _clean(value: object) -> str:
    return " ".join(str(value).split()) if value else ""
