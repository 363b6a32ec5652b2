"""W3C Web Annotations (JSON-LD, https://www.w3.org/TR/annotation-model/): one per evidence.

Each annotation links a passage to the event it reports: the body is the event's page, the
target the source's page with a TextQuoteSelector (exact, prefix, suffix) and a
TextPositionSelector (start, end). Positions count characters of the source's cleaned body,
the text the source page shows, so `body[start:end] == exact`; the quote re-anchors the passage
if offsets ever drift. The annotation's id is built from its natural key, so it is stable.
"""

from __future__ import annotations

import json

from django.db.models import QuerySet
from django.urls import reverse

from timeline.exports.common import ExportOptions, events_loaded
from timeline.models import Event, Evidence

CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def render(events: QuerySet[Event], options: ExportOptions) -> str:
    return json.dumps(annotation_collection(events, options), indent=2, ensure_ascii=False)


def annotation_collection(events: QuerySet[Event], options: ExportOptions) -> dict:
    items = [
        _annotation(event, passage, options)
        for event in events_loaded(events)
        for passage in event.evidence.all()
    ]
    return {
        "@context": CONTEXT,
        "id": options.absolute(reverse("timeline:export", args=["annotations"])),
        "type": "AnnotationCollection",
        "label": f"{options.title}: the passages that report each event",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def _annotation(event: Event, passage: Evidence, options: ExportOptions) -> dict:
    event_url = options.absolute(event.get_absolute_url())
    source = passage.source
    return {
        "id": f"{event_url}#evidence-{source.sha256[:16]}-{passage.start}-{passage.end}",
        "type": "Annotation",
        "motivation": "linking",
        "created": passage.created_at.isoformat(),
        "body": {
            "id": event_url,
            "type": "Text",
            "format": "text/html",
        },
        "target": {
            "type": "SpecificResource",
            "source": options.absolute(source.get_absolute_url()),
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": passage.exact,
                    "prefix": passage.prefix,
                    "suffix": passage.suffix,
                },
                {"type": "TextPositionSelector", "start": passage.start, "end": passage.end},
            ],
        },
    }
