"""CSV: one row per event, for spreadsheets (RFC 4180: comma-separated, CRLF, quoted as needed).

Dates are written at the event's precision (`2023`, `2023-10`, `2023-12-04`) with the precision
beside them, so a month is never passed off as its first day. Several values in one cell
(participants, URLs) are separated by "; " and " " respectively. A text cell that a spreadsheet
would run as a formula (starting with =, +, -, @) gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import io

from django.db.models import QuerySet

from timeline.exports.common import ExportOptions, event_sources, events_loaded, iso_at_precision
from timeline.models import Event

HEADER = [
    "url",
    "start_date",
    "end_date",
    "precision",
    "end_precision",
    "title",
    "type",
    "participants",
    "place",
    "status",
    "source_count",
    "source_pages",
    "source_urls",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def render(events: QuerySet[Event], options: ExportOptions) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for event in events_loaded(events):
        writer.writerow(_row(event, options))
    return out.getvalue()


def _row(event: Event, options: ExportOptions) -> list:
    sources = event_sources(event)
    end_precision = (event.end_precision or event.start_precision) if event.end_date else ""
    return [
        options.absolute(event.get_absolute_url()),
        iso_at_precision(event.start_date, event.start_precision),
        iso_at_precision(event.end_date, end_precision) if event.end_date else "",
        event.start_precision,
        end_precision,
        _text(event.title),
        event.get_event_type_display(),
        _text("; ".join(actor.name for actor in event.participants.all())),
        _text(event.place.name if event.place else ""),
        event.status,
        len(sources),
        " ".join(options.absolute(source.get_absolute_url()) for source in sources),
        " ".join(source.url for source in sources if source.url),
    ]


def _text(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value
