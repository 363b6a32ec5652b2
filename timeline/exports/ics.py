"""iCalendar (RFC 5545) with the `icalendar` library: one all-day VEVENT per event.

An event dated to a day lasts that day; to a month, the whole month; to a year, the whole year
(DTEND is exclusive: the day after the period's last day). The UID is `<slug>@timeline`, stable
across exports and hosts, so a calendar that re-imports the file updates instead of duplicating.
DTSTAMP is the event's last change, so exporting unchanged rows gives the same file.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from timeline.exports.common import ExportOptions, event_sources, events_loaded, source_label
from timeline.models import Event

STATUS = {Event.Status.PUBLISHED: "CONFIRMED", Event.Status.PROPOSED: "TENTATIVE"}


def render(events: QuerySet[Event], options: ExportOptions) -> str:
    calendar = Calendar()
    calendar.add("prodid", "-//Timeline//Timeline export//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", options.title)
    for event in events_loaded(events):
        calendar.add_component(_vevent(event, options))
    return calendar.to_ical().decode("utf-8")


def event_uid(event: Event) -> str:
    return f"{event.slug}@timeline"


def _vevent(event: Event, options: ExportOptions) -> CalendarEvent:
    vevent = CalendarEvent()
    vevent.add("uid", event_uid(event))
    vevent.add("dtstamp", event.updated_at.astimezone(dt.UTC))
    vevent.add("dtstart", event.start_date)
    vevent.add("dtend", event.period_end + dt.timedelta(days=1))
    vevent.add("summary", event.title)
    vevent.add("url", options.absolute(event.get_absolute_url()))
    vevent.add("categories", [event.get_event_type_display()])
    vevent.add("transp", "TRANSPARENT")  # a dated fact, not time the reader is busy
    if event.place:
        vevent.add("location", event.place.name)
    if event.status in STATUS:
        vevent.add("status", STATUS[event.status])
    vevent.add("description", _description(event, options))
    return vevent


def _description(event: Event, options: ExportOptions) -> str:
    lines = [f"Date: {event.period_label} ({event.start_precision} precision)"]
    if event.summary:
        lines += ["", event.summary]
    people = [actor.name for actor in event.participants.all()]
    if people:
        lines += ["", "Participants: " + ", ".join(people)]
    sources = event_sources(event)
    if sources:
        lines += ["", "Sources:"]
        lines += [
            f"- {source_label(source)}: {options.absolute(source.get_absolute_url())}"
            for source in sources
        ]
    lines += ["", options.absolute(event.get_absolute_url())]
    return "\n".join(lines)
