"""NAME.json metadata beside an article file."""

from __future__ import annotations

import json
from datetime import date, datetime, time

from timeline.ingest.dates import parse_loose_datetime
from timeline.ingest.errors import IngestError

STRING_KEYS = ("url", "publisher", "title", "author", "language")


def parse_sidecar(data: bytes, *, name: str) -> dict:
    """Validate a sidecar and return only the known keys, with clean values.

    Returned keys (each present only when given and non-empty): url, publisher, title,
    author, language (str), published (a date, or a datetime when the file gave a time),
    timezone (str, from an ISO offset such as +03:00). Unknown keys are ignored.
    """
    label = f"metadata file {name}"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(f"{label}: not valid JSON (not UTF-8 at byte {exc.start})") from exc
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(
            f"{label}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from exc
    if not isinstance(raw, dict):
        raise IngestError(f"{label}: expected a JSON object, got {type(raw).__name__}")
    out: dict = {}
    for key in STRING_KEYS:
        value = raw.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise IngestError(f'{label}: "{key}" must be a string, got {type(value).__name__}')
        value = " ".join(value.split())
        if value:
            out[key] = value
    published = raw.get("published")
    if published is not None:
        if not isinstance(published, str):
            raise IngestError(
                f'{label}: "published" must be a string such as "2023-12-04", '
                f"got {type(published).__name__}"
            )
        if published.strip():
            parsed = parse_loose_datetime(published)
            if parsed is None:
                raise IngestError(
                    f'{label}: "published" is not a real date: {published.strip()[:40]!r} '
                    "(use YYYY-MM-DD or an ISO datetime)"
                )
            day, clock, tz = parsed
            out["published"] = _combine(day, clock)
            if tz:
                out["timezone"] = tz
    return out


def _combine(day: date, clock: time | None) -> date | datetime:
    return datetime.combine(day, clock) if clock is not None else day
