"""Every read the public site and the exports make, with the visibility rule in one place.

`events_visible` is the only place that decides who sees which events: anonymous visitors see
published events; staff also see proposed ones (marked as such by the templates). Pages,
fragments, overview and facet counts, source highlights and exports all start from it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.db.models.expressions import RawSQL
from django.urls import reverse

from timeline.filters import TimelineFilters
from timeline.models import (
    LONG_RUNNING_DAYS,
    Actor,
    Event,
    EventMonthStat,
    EventRedirect,
    Evidence,
    Place,
    Source,
)
from timeline.search import search_filter

PAGE_SIZE = 30
FACET_LIMIT = 25
# Counts and facets never read more than this many matching events per request: past it the
# page says "1,000+" and computes facet counts over the first 1,000 matches, so a request costs
# the same at a thousand events or a million.
SAMPLE_LIMIT = 1000


def visible_statuses(*, user=None) -> tuple[str, ...]:
    if user is not None and user.is_authenticated and user.is_staff:
        return (Event.Status.PUBLISHED, Event.Status.PROPOSED)
    return (Event.Status.PUBLISHED,)


def events_visible(*, user=None) -> QuerySet[Event]:
    """Events a visitor may see: published ones; staff also see proposed events."""
    return Event.objects.filter(status__in=visible_statuses(user=user))


def events_filtered(filters: TimelineFilters, *, user=None, skip: str = "") -> QuerySet[Event]:
    """Visible events matching the filters; `skip` leaves one facet out (for its counts)."""
    events = events_visible(user=user)
    if filters.date_from:
        # An event overlaps the range when it ends on or after `from` (a month-precision event
        # dated October covers all of October; a visit covers its days). Events start at most
        # LONG_RUNNING_DAYS before `from` unless flagged long-running, which keeps the date
        # index range short; the flagged ones have an index of their own.
        floor = (
            filters.date_from - dt.timedelta(days=LONG_RUNNING_DAYS)
            if (filters.date_from > dt.date.min + dt.timedelta(days=LONG_RUNNING_DAYS))
            else dt.date.min
        )
        events = events.filter(
            Q(start_date__gte=floor, last_day__gte=filters.date_from)
            | Q(long_running=True, last_day__gte=filters.date_from)
        )
    if filters.date_to:
        events = events.filter(start_date__lte=filters.date_to)
    if skip != "actor" and filters.actors:
        ids = dict(Actor.objects.filter(slug__in=filters.actors).values_list("slug", "pk"))
        for slug in filters.actors:
            # IN (the actor's events) rather than a correlated EXISTS: the planner may then
            # start from the actor's (few) events instead of walking the whole timeline.
            events = events.filter(
                pk__in=Event.participants.through.objects.filter(actor_id=ids.get(slug, 0)).values(
                    "event_id"
                )
            )
    if filters.place and skip != "place":
        events = events.filter(place__slug=filters.place)
    if filters.types and skip != "type":
        events = events.filter(event_type__in=filters.types)
    if filters.publisher and skip != "publisher":
        events = events.filter(
            Exists(
                Evidence.objects.filter(
                    event_id=OuterRef("pk"), source__publisher=filters.publisher
                )
            )
        )
    if filters.source:
        events = events.filter(
            Exists(Evidence.objects.filter(event_id=OuterRef("pk"), source_id=filters.source))
        )
    if filters.text:
        events = search_filter(events, filters.text)
    return events


@dataclass(frozen=True)
class TimelinePage:
    events: list[Event]
    next_cursor: str
    total: int
    total_capped: bool = False  # `total` is a lower bound ("1,000+")


def timeline_page(filters: TimelineFilters, *, user=None, size: int = PAGE_SIZE) -> TimelinePage:
    """One page of events in date order, with everything the list shows, in a fixed number of
    queries (count, page, participants, evidence with sources)."""
    events = events_filtered(filters, user=user)
    total = events.order_by()[: SAMPLE_LIMIT + 1].count()
    page = events.order_by("start_date", "pk")
    if filters.after:
        after_date, after_pk = filters.after
        # The range condition first, so the planner walks the date index from the cursor on.
        page = page.filter(start_date__gte=after_date).filter(
            Q(start_date__gt=after_date) | Q(pk__gt=after_pk)
        )
    passages = (
        Evidence.objects.select_related("source")
        .only(
            "id",
            "event_id",
            "source_id",
            "start",
            "end",
            "modality",
            "source__id",
            "source__title",
            "source__publisher",
            "source__published_date",
        )
        .order_by("source__published_date", "source_id", "start")
    )
    rows = list(
        page.select_related("place", "parent").prefetch_related(
            Prefetch("participants", queryset=Actor.objects.only("id", "name", "slug", "kind")),
            Prefetch("evidence", queryset=passages),
        )[: size + 1]
    )
    for event in rows:
        # Plain lists: templates read them many times, a related manager would rebuild a
        # queryset on every access.
        event.people = list(event.participants.all())
        event.passages = list(event.evidence.all())
        event.source_count = len({ev.source_id for ev in event.passages})
        event.url = event.get_absolute_url()
        for passage in event.passages:
            passage.url = reverse("timeline:source-detail", args=[passage.source_id])
    more = len(rows) > size
    rows = rows[:size]
    cursor = f"{rows[-1].start_date.isoformat()}_{rows[-1].pk}" if more and rows else ""
    return TimelinePage(rows, cursor, min(total, SAMPLE_LIMIT), total > SAMPLE_LIMIT)


@dataclass(frozen=True)
class Bucket:
    start: dt.date
    end: dt.date
    count: int
    label: str
    param: str  # the `from`/`to` value that selects this bucket


def _uses_only_dates_and_types(filters: TimelineFilters) -> bool:
    return not (
        filters.actors or filters.place or filters.publisher or filters.source or filters.text
    )


def timeline_overview(filters: TimelineFilters, *, user=None) -> tuple[str, list[Bucket]]:
    """Event counts per month (per year when the span is over four years), gaps included.

    Unfiltered and date/type-filtered views read the monthly statistics (exact, by start
    month); other filters count their matches directly, up to SAMPLE_LIMIT of them.
    """
    if _uses_only_dates_and_types(filters):
        stats = EventMonthStat.objects.filter(status__in=visible_statuses(user=user), count__gt=0)
        if filters.types:
            stats = stats.filter(event_type__in=filters.types)
        if filters.date_from:
            stats = stats.filter(month__gte=filters.date_from.replace(day=1))
        if filters.date_to:
            stats = stats.filter(month__lte=filters.date_to)
        per_month: dict[dt.date, int] = {}
        for month, n in (
            stats.values_list("month").annotate(n=Sum("count")).values_list("month", "n")
        ):
            per_month[month] = n
    else:
        sample = events_filtered(filters, user=user).order_by("start_date", "pk")[:SAMPLE_LIMIT]
        per_month = {}
        for day in sample.values_list("start_date", flat=True):
            month = day.replace(day=1)
            per_month[month] = per_month.get(month, 0) + 1
    if not per_month:
        return "month", []
    first, last = min(per_month), max(per_month)
    unit = "year" if (last.year - first.year) >= 4 else "month"
    counts: dict[dt.date, int] = {}
    for month, n in per_month.items():
        key = dt.date(month.year, 1, 1) if unit == "year" else month
        counts[key] = counts.get(key, 0) + n
    buckets = []
    cursor = dt.date(first.year, 1 if unit == "year" else first.month, 1)
    while cursor <= last:
        if unit == "year":
            end = dt.date(cursor.year, 12, 31)
            label, param = str(cursor.year), str(cursor.year)
            following = dt.date(cursor.year + 1, 1, 1)
        else:
            days = calendar.monthrange(cursor.year, cursor.month)[1]
            end = dt.date(cursor.year, cursor.month, days)
            label = f"{calendar.month_abbr[cursor.month]} {cursor.year}"
            param = f"{cursor.year}-{cursor.month:02d}"
            following = end + dt.timedelta(days=1)
        buckets.append(Bucket(cursor, end, counts.get(cursor, 0), label, param))
        cursor = following
    return unit, buckets


@dataclass(frozen=True)
class FacetChoice:
    value: str
    label: str
    count: int
    selected: bool


class _Samples:
    """The first SAMPLE_LIMIT matches, read once per distinct facet exclusion: a facet whose
    own filter is not in use shares the plain sample."""

    ACTIVE = {
        "actor": lambda f: bool(f.actors),
        "place": lambda f: bool(f.place),
        "type": lambda f: bool(f.types),
        "publisher": lambda f: bool(f.publisher),
    }

    def __init__(self, filters: TimelineFilters, user) -> None:
        self.filters, self.user, self.ids = filters, user, {}

    def __call__(self, skip: str):
        key = skip if self.ACTIVE[skip](self.filters) else ""
        if key not in self.ids:
            self.ids[key] = _id_set(
                list(
                    events_filtered(self.filters, user=self.user, skip=key)
                    .order_by("start_date", "pk")
                    .values_list("pk", flat=True)[:SAMPLE_LIMIT]
                )
            )
        return self.ids[key]


def _id_set(ids: list[int]):
    """Up to a few thousand ids as ONE query parameter (a JSON array on SQLite, an array on
    PostgreSQL), so reusing a sample costs nothing per value on the Python side."""
    if connection.vendor == "sqlite":
        return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [ids])
    return ids


def timeline_facets(filters: TimelineFilters, *, user=None) -> dict[str, list[FacetChoice]]:
    """Choices with counts under the other filters: actors, places, types, publishers.

    Counts come from the matching events (each facet ignoring its own filter), at most the
    first SAMPLE_LIMIT of them, so the cost is bounded whatever the size of the timeline.
    """
    facets: dict[str, list[FacetChoice]] = {}
    sample = _Samples(filters, user)

    actor_rows = (
        Event.participants.through.objects.filter(event_id__in=sample("actor"))
        .values_list("actor__slug", "actor__name")
        .annotate(n=Count("event_id"))
        .order_by("-n", "actor__name")[:FACET_LIMIT]
    )
    actors = [(slug, name, n) for slug, name, n in actor_rows]
    shown = {slug for slug, _, _ in actors}
    missing = [s for s in filters.actors if s not in shown]
    if missing:
        actors += [
            (slug, name, 0)
            for slug, name in Actor.objects.filter(slug__in=missing).values_list("slug", "name")
        ]
    facets["actor"] = [
        FacetChoice(slug, name, n, slug in filters.actors) for slug, name, n in actors
    ]

    place_rows = (
        Event.objects.filter(pk__in=sample("place"))
        .exclude(place=None)
        .values_list("place__slug", "place__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "place__name")[:FACET_LIMIT]
    )
    places = [(slug, name, n) for slug, name, n in place_rows]
    if filters.place and filters.place not in {slug for slug, _, _ in places}:
        places += [
            (slug, name, 0)
            for slug, name in Place.objects.filter(slug=filters.place).values_list("slug", "name")
        ]
    facets["place"] = [
        FacetChoice(slug, name, n, slug == filters.place)
        for slug, name, n in sorted(places, key=lambda row: row[1])
    ]

    type_counts = dict(
        Event.objects.filter(pk__in=sample("type"))
        .values_list("event_type")
        .annotate(n=Count("pk"))
        .values_list("event_type", "n")
    )
    facets["type"] = [
        FacetChoice(value, label, type_counts.get(value, 0), value in filters.types)
        for value, label in Event.Type.choices
        if type_counts.get(value) or value in filters.types
    ]

    publisher_counts = dict(
        Evidence.objects.filter(event_id__in=sample("publisher"))
        .exclude(source__publisher="")
        .values_list("source__publisher")
        .annotate(n=Count("event_id", distinct=True))
        .values_list("source__publisher", "n")
    )
    if filters.publisher:
        publisher_counts.setdefault(filters.publisher, 0)
    facets["publisher"] = [
        FacetChoice(name, name, n, name == filters.publisher)
        for name, n in sorted(publisher_counts.items())
    ]
    return facets


def source_list(*, user=None) -> QuerySet[Source]:
    """Sources for the list page, newest first, without their (large) texts."""
    return Source.objects.defer("body", "raw_text", "parse_notes").order_by(
        "-published_date", "-published_time", "title", "pk"
    )


def source_get(*, pk: int) -> Source:
    return Source.objects.get(pk=pk)


def source_evidence(source: Source, *, user=None) -> list[Evidence]:
    """The evidence passages of a source whose events the visitor may see."""
    return list(
        Evidence.objects.filter(source=source, event__status__in=visible_statuses(user=user))
        .select_related("event")
        .order_by("start", "end", "pk")
    )


def event_get(*, slug: str, user=None) -> Event:
    # By its unique slug first, then the visibility rule: the planner then always uses the
    # slug index, whatever it thinks of the status column.
    event = (
        Event.objects.select_related("place", "parent")
        .prefetch_related("participants")
        .get(slug=slug)
    )
    if event.status not in visible_statuses(user=user):
        raise Event.DoesNotExist(slug)
    return event


def event_redirect(*, slug: str, user=None) -> Event | None:
    """The visible event a merged-away permalink now points to, if any."""
    redirect = EventRedirect.objects.filter(old_slug=slug).values_list("event_id", flat=True)
    return events_visible(user=user).filter(pk__in=redirect).first()


def event_evidence(event: Event) -> list[Evidence]:
    return list(
        event.evidence.select_related("source").order_by(
            "source__published_date", "source_id", "start"
        )
    )


def event_related(event: Event, *, user=None) -> dict[str, list[Event]]:
    """The visit around these talks, and the talks within this visit (visible ones only)."""
    statuses = visible_statuses(user=user)
    parent = event.parent if event.parent_id and event.parent.status in statuses else None
    # Through the parent index, then the visibility rule in Python (a visit has few talks).
    children = sorted(
        (
            child
            # No ORDER BY: it would tempt the planner to walk the date index instead.
            for child in Event.objects.filter(parent_id=event.pk).order_by()
            if child.status in statuses
        ),
        key=lambda child: (child.start_date, child.pk),
    )
    return {"parent": [parent] if parent else [], "children": children}
