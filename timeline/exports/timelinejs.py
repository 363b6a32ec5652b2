"""TimelineJS3 JSON (https://timeline.knightlab.com/docs/json-format.html).

One slide per event: dates at the event's precision (`{year}`, `{year, month}` or
`{year, month, day}`), our period label as `display_date`, the title as headline, and as text
the summary, participants, place and links to each source passage, all HTML-escaped (TimelineJS
renders headline and text as HTML). `group` is the event type; `unique_id` our permalink slug.
"""

from __future__ import annotations

import datetime as dt
import json
from html import escape

from django.db.models import QuerySet

from timeline.exports.common import ExportOptions, event_sources, events_loaded, source_label
from timeline.models import Event, Precision


def render(events: QuerySet[Event], options: ExportOptions) -> str:
    return json.dumps(timelinejs_data(events, options), indent=2, ensure_ascii=False)


def timelinejs_data(events: QuerySet[Event], options: ExportOptions) -> dict:
    slides = [_slide(event, options) for event in events_loaded(events)]
    count = f"{len(slides)} event{'s' if len(slides) != 1 else ''}"
    return {
        "title": {
            "text": {
                "headline": escape(options.title),
                "text": (
                    f"<p>{count}, each linked to the news passages that report it. "
                    f'<a href="{escape(options.absolute("/"))}">Open the timeline</a>.</p>'
                ),
            }
        },
        "events": slides,
    }


def date_parts(day: dt.date, precision: str) -> dict:
    parts = {"year": day.year}
    if precision in (Precision.MONTH, Precision.DAY):
        parts["month"] = day.month
    if precision == Precision.DAY:
        parts["day"] = day.day
    return parts


def _slide(event: Event, options: ExportOptions) -> dict:
    slide = {
        "unique_id": event.slug,
        "start_date": date_parts(event.start_date, event.start_precision),
        "display_date": event.period_label,
        "text": {"headline": escape(event.title), "text": _text(event, options)},
        "group": event.get_event_type_display(),
    }
    if event.end_date:
        slide["end_date"] = date_parts(event.end_date, event.end_precision or event.start_precision)
    return slide


def _text(event: Event, options: ExportOptions) -> str:
    parts = []
    if event.summary:
        parts.append(f"<p>{escape(event.summary)}</p>")
    details = []
    people = [actor.name for actor in event.participants.all()]
    if people:
        details.append("Participants: " + escape(", ".join(people)))
    if event.place:
        details.append("Place: " + escape(event.place.name))
    if details:
        parts.append("<p>" + "<br>".join(details) + "</p>")
    links = []
    for source in event_sources(event):
        passages = [ev for ev in event.evidence.all() if ev.source_id == source.pk]
        href = options.absolute(f"{source.get_absolute_url()}#ev-{passages[0].pk}")
        link = f'<a href="{escape(href)}">{escape(source_label(source))}</a>'
        if source.url.startswith(("https://", "http://")):
            link += f' (<a href="{escape(source.url)}">original</a>)'
        links.append(f"<li>{link}</li>")
    if links:
        parts.append(f"<p>Sources:</p><ul>{''.join(links)}</ul>")
    href = options.absolute(event.get_absolute_url())
    parts.append(f'<p><a href="{escape(href)}">Event page</a></p>')
    return "".join(parts)
