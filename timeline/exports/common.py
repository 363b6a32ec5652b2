"""What every format needs: absolute URLs, and the events with what they link to, loaded in a
fixed number of queries and in a stable order (so two exports of the same rows are identical)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, Prefetch, QuerySet

from timeline.models import Actor, Event, Evidence, Precision, Source

DEFAULT_BASE_URL = "http://127.0.0.1:8000"


@dataclass(frozen=True)
class ExportOptions:
    base_url: str = DEFAULT_BASE_URL  # scheme and host, no trailing slash
    complete: bool = False  # fixture only: the whole database, not just what the events link to
    title: str = "Timeline"

    def absolute(self, path: str) -> str:
        return self.base_url.rstrip("/") + path


def events_loaded(events: QuerySet[Event]) -> list[Event]:
    """The events in date order with participants, place and evidence (with its sources, without
    their texts) prefetched."""
    evidence = (
        Evidence.objects.select_related("source")
        .defer("source__body", "source__raw_text", "source__parse_notes")
        .order_by(
            F("source__published_date").asc(nulls_last=True), "source__sha256", "start", "end"
        )
    )
    return list(
        events.select_related("place")
        .prefetch_related(
            Prefetch("participants", queryset=Actor.objects.order_by("name", "slug")),
            Prefetch("evidence", queryset=evidence),
        )
        .order_by("start_date", "slug")
    )


def event_sources(event: Event) -> list[Source]:
    """The distinct sources of an (events_loaded) event, in evidence order."""
    seen: dict[int, Source] = {}
    for passage in event.evidence.all():
        seen.setdefault(passage.source_id, passage.source)
    return list(seen.values())


def source_label(source: Source) -> str:
    """'BelTA, 4 Dec 2023' or the title when the publisher is unknown."""
    label = source.publisher or source.title
    if source.published_date:
        label += f", {source.published_date.day} {source.published_date:%b %Y}"
    return label


def iso_at_precision(day: dt.date, precision: str) -> str:
    """'2023', '2023-10', '2023-12-04'."""
    if precision == Precision.YEAR:
        return f"{day.year:04d}"
    if precision == Precision.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()
