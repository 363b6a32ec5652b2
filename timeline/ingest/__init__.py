"""Pure-Python article importer core: decoding, metadata sidecars, HTML and text parsing.

Nothing in this package imports Django; the Django side builds on the names exported here.
"""

from __future__ import annotations

from timeline.ingest.articles import ParsedArticle, parse_article
from timeline.ingest.decoding import Decoded, decode_bytes, normalise_newlines
from timeline.ingest.errors import IngestError
from timeline.ingest.files import ArticleFile, discover, read_article_file
from timeline.ingest.html import html_to_text
from timeline.ingest.sidecar import parse_sidecar

__all__ = [
    "ArticleFile",
    "Decoded",
    "IngestError",
    "ParsedArticle",
    "decode_bytes",
    "discover",
    "html_to_text",
    "normalise_newlines",
    "parse_article",
    "parse_sidecar",
    "read_article_file",
]
