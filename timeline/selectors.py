"""Every read the public site and the exports make, with the visibility rule in one place.

`events_visible` is the only place that decides who sees which events: anonymous visitors see
published events; staff also see proposed ones (marked as such by the templates). Pages,
fragments, overview and facet counts, source highlights and exports all start from it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import TruncMonth, TruncYear

from timeline.filters import TimelineFilters
from timeline.models import Actor, Event, EventRedirect, Evidence, Place, ReviewStatus, Source

PAGE_SIZE = 50
FACET_LIMIT = 25


def events_visible(*, user=None) -> QuerySet[Event]:
    """Events a visitor may see: published ones; staff also see proposed events."""
    events = Event.objects.all()
    if user is not None and user.is_authenticated and user.is_staff:
        return events.exclude(status=Event.Status.REJECTED)
    return events.filter(status=Event.Status.PUBLISHED)


def events_filtered(filters: TimelineFilters, *, user=None, skip: str = "") -> QuerySet[Event]:
    """Visible events matching the filters; `skip` leaves one facet out (for its counts)."""
    events = events_visible(user=user)
    if filters.date_from:
        # An event overlaps the range when it ends on or after `from` (a month-precision event
        # dated October covers the whole of October).
        events = events.filter(last_day__gte=filters.date_from)
    if filters.date_to:
        events = events.filter(start_date__lte=filters.date_to)
    if skip != "actor":
        for slug in filters.actors:
            events = events.filter(
                Exists(
                    Event.participants.through.objects.filter(
                        event_id=OuterRef("pk"), actor__slug=slug
                    )
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
        events = events.filter(
            Q(title__icontains=filters.text)
            | Q(summary__icontains=filters.text)
            | Exists(
                Evidence.objects.filter(event_id=OuterRef("pk"), exact__icontains=filters.text)
            )
        )
    return events


@dataclass(frozen=True)
class TimelinePage:
    events: list[Event]
    next_cursor: str
    total: int


def timeline_page(filters: TimelineFilters, *, user=None, size: int = PAGE_SIZE) -> TimelinePage:
    """One page of events in date order, with everything the list shows, in a fixed number of
    queries (count, page, participants, evidence with sources)."""
    events = events_filtered(filters, user=user)
    total = events.count()
    page = events.order_by("start_date", "pk")
    if filters.after:
        after_date, after_pk = filters.after
        page = page.filter(Q(start_date__gt=after_date) | Q(start_date=after_date, pk__gt=after_pk))
    visible_sources = (
        Evidence.objects.select_related("source")
        .only(
            "id",
            "event_id",
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
        page.select_related("place", "parent")
        .prefetch_related(
            Prefetch("participants", queryset=Actor.objects.only("id", "name", "slug", "kind")),
            Prefetch("evidence", queryset=visible_sources),
        )
        .annotate(source_count=Count("evidence__source", distinct=True))[: size + 1]
    )
    more = len(rows) > size
    rows = rows[:size]
    cursor = f"{rows[-1].start_date.isoformat()}_{rows[-1].pk}" if more and rows else ""
    return TimelinePage(rows, cursor, total)


@dataclass(frozen=True)
class Bucket:
    start: dt.date
    end: dt.date
    count: int
    label: str
    param: str  # the `from`/`to` value that selects this bucket


def timeline_overview(filters: TimelineFilters, *, user=None) -> tuple[str, list[Bucket]]:
    """Event counts per month (per year when the span is over four years), gaps included."""
    events = events_filtered(filters, user=user).order_by()
    span = events.values_list("start_date", flat=True)
    first = span.order_by("start_date").first()
    last = span.order_by("-start_date").first()
    if first is None:
        return "month", []
    unit = "year" if (last.year - first.year) >= 4 else "month"
    trunc = TruncYear if unit == "year" else TruncMonth
    counts = {
        (row["bucket"].date() if isinstance(row["bucket"], dt.datetime) else row["bucket"]): row[
            "n"
        ]
        for row in events.annotate(bucket=trunc("start_date"))
        .values("bucket")
        .annotate(n=Count("pk"))
        .order_by()
    }
    buckets = []
    cursor = dt.date(first.year, 1 if unit == "year" else first.month, 1)
    while cursor <= last:
        if unit == "year":
            end = dt.date(cursor.year, 12, 31)
            label, param = str(cursor.year), str(cursor.year)
            following = dt.date(cursor.year + 1, 1, 1)
        else:
            end = dt.date(
                cursor.year, cursor.month, calendar.monthrange(cursor.year, cursor.month)[1]
            )
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


def timeline_facets(filters: TimelineFilters, *, user=None) -> dict[str, list[FacetChoice]]:
    """Choices with counts under the other filters: actors, places, types, publishers."""
    visible = events_visible(user=user)
    facets: dict[str, list[FacetChoice]] = {}

    actor_counts = dict(
        Event.participants.through.objects.filter(
            event__in=events_filtered(filters, user=user, skip="actor")
        )
        .values_list("actor__slug")
        .annotate(n=Count("event_id", distinct=True))
        .values_list("actor__slug", "n")
    )
    actors = (
        Actor.objects.filter(Q(events__in=visible) | Q(slug__in=filters.actors))
        .exclude(status=ReviewStatus.DISMISSED)
        .annotate(total=Count("events", filter=Q(events__in=visible), distinct=True))
        .order_by("-total", "name")
        .values_list("slug", "name")[:FACET_LIMIT]
    )
    chosen = list(actors)
    missing = [s for s in filters.actors if s not in {slug for slug, _ in chosen}]
    if missing:
        chosen += list(Actor.objects.filter(slug__in=missing).values_list("slug", "name"))
    facets["actor"] = [
        FacetChoice(slug, name, actor_counts.get(slug, 0), slug in filters.actors)
        for slug, name in chosen
    ]

    place_counts = dict(
        events_filtered(filters, user=user, skip="place")
        .exclude(place=None)
        .values_list("place__slug")
        .annotate(n=Count("pk"))
        .values_list("place__slug", "n")
    )
    places = Place.objects.filter(Q(events__in=visible) | Q(slug=filters.place)).distinct()
    facets["place"] = [
        FacetChoice(slug, name, place_counts.get(slug, 0), slug == filters.place)
        for slug, name in places.order_by("name").values_list("slug", "name")
    ]

    type_counts = dict(
        events_filtered(filters, user=user, skip="type")
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
        Evidence.objects.filter(event__in=events_filtered(filters, user=user, skip="publisher"))
        .exclude(source__publisher="")
        .values_list("source__publisher")
        .annotate(n=Count("event_id", distinct=True))
        .values_list("source__publisher", "n")
    )
    publishers = (
        Source.objects.filter(evidence__event__in=visible)
        .exclude(publisher="")
        .values_list("publisher", flat=True)
        .distinct()
        .order_by("publisher")
    )
    facets["publisher"] = [
        FacetChoice(name, name, publisher_counts.get(name, 0), name == filters.publisher)
        for name in publishers
    ]
    return facets


def source_list(*, user=None) -> QuerySet[Source]:
    """Sources for the list page, newest first, without their (large) texts."""
    visible = Q(evidence__event__in=events_visible(user=user))
    return (
        Source.objects.defer("body", "raw_text", "parse_notes")
        .annotate(event_count=Count("evidence__event", filter=visible, distinct=True))
        .order_by("-published_date", "-published_time", "title", "pk")
    )


def source_get(*, pk: int) -> Source:
    return Source.objects.get(pk=pk)


def source_evidence(source: Source, *, user=None) -> list[Evidence]:
    """The evidence passages of a source whose events the visitor may see."""
    return list(
        Evidence.objects.filter(source=source, event__in=events_visible(user=user))
        .select_related("event")
        .order_by("start", "end", "pk")
    )


def event_get(*, slug: str, user=None) -> Event:
    return (
        events_visible(user=user)
        .select_related("place", "parent")
        .prefetch_related("participants")
        .get(slug=slug)
    )


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
    visible = events_visible(user=user)
    parent = visible.filter(pk=event.parent_id).first() if event.parent_id else None
    children = list(visible.filter(parent=event).order_by("start_date", "pk"))
    return {"parent": [parent] if parent else [], "children": children}
