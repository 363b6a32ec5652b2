"""Exports: one module per format, each turning the selectors' event queryset into a file.

`FORMATS` is the registry the view (`/export/<format>/`) and `export_timeline` both use. A
format's `render(events, options)` takes a queryset that already carries the visibility rule
(`selectors.events_filtered`) and returns the file's text; it never widens that queryset, only
loads what the events link to (participants, place, evidence and its sources).
"""

# No `from __future__ import annotations` here: it would bind the name `annotations` in this
# package before the submodule of that name could be imported.
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet

from timeline.exports import annotations, csv_export, fixture, ics, timelinejs
from timeline.exports.common import ExportOptions
from timeline.models import Event

__all__ = ["FORMATS", "ExportFormat", "ExportOptions", "events_every_status", "export_render"]


@dataclass(frozen=True)
class ExportFormat:
    name: str
    label: str
    content_type: str
    filename: str
    render: Callable[[QuerySet[Event], ExportOptions], str]


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat(
            "csv", "Spreadsheet (CSV)", "text/csv; charset=utf-8", "timeline.csv", csv_export.render
        ),
        ExportFormat(
            "ics",
            "Calendar (iCalendar)",
            "text/calendar; charset=utf-8",
            "timeline.ics",
            ics.render,
        ),
        ExportFormat(
            "timelinejs",
            "TimelineJS (JSON)",
            "application/json; charset=utf-8",
            "timeline-timelinejs.json",
            timelinejs.render,
        ),
        ExportFormat(
            "annotations",
            "Web Annotations (JSON-LD)",
            'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
            "timeline-annotations.jsonld",
            annotations.render,
        ),
        ExportFormat(
            "fixture",
            "Django fixture (JSON)",
            "application/json; charset=utf-8",
            "timeline-fixture.json",
            fixture.render,
        ),
    )
}


def export_render(fmt: str, events: QuerySet[Event], options: ExportOptions) -> str:
    """The file's text for a registered format (KeyError for an unknown one)."""
    return FORMATS[fmt].render(events, options)


def events_every_status() -> QuerySet[Event]:
    """Every event whatever its status: the operator's whole-database export
    (`export_timeline --status all`, like `dumpdata`). Nothing public calls this; pages and
    filtered exports go through `selectors.events_filtered`."""
    return Event.objects.all()
