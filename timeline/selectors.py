"""Every read the public site and the exports make, with the visibility rule in one place.

`events_visible` is the only place that decides who sees which events: anonymous visitors see
published events; staff also see proposed ones (marked as such by the templates). Pages,
fragments, overview and facet counts, source highlights and exports all start from it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass
from urllib.parse import quote

from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.db.models.expressions import RawSQL
from django.urls import reverse

from timeline import eventkeys, keyindex
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


def events_filtered(
    filters: TimelineFilters, *, user=None, skip: str = "", long_running: bool | None = None
) -> QuerySet[Event]:
    """Visible events matching the filters; `skip` leaves one facet out (for its counts).

    With a `from` date, `long_running` picks one side of the date condition: False, events
    starting at most LONG_RUNNING_DAYS before it (a range the date index can be read by);
    True, the flagged long-running events; None (the default), both.
    """
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
        recent = Q(start_date__gte=floor, last_day__gte=filters.date_from)
        flagged = Q(long_running=True, last_day__gte=filters.date_from)
        events = events.filter({None: recent | flagged, False: recent, True: flagged}[long_running])
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


@dataclass(frozen=True)
class Bucket:
    start: dt.date
    end: dt.date
    count: int
    label: str
    param: str  # the `from`/`to` value that selects this bucket


@dataclass(frozen=True)
class FacetChoice:
    value: str
    label: str
    count: int
    selected: bool


# Facets whose choices are alternatives (one place, one publisher, any of several types): their
# counts ignore their own filter, so every alternative shows what choosing it would give.
# Actors combine with AND, so their counts are within the current matches: what adding that
# person would leave.
_ALTERNATIVES = {
    "place": lambda f: bool(f.place),
    "type": lambda f: bool(f.types),
    "publisher": lambda f: bool(f.publisher),
}


class TimelineQuery:
    """One request's reads of the timeline. The first SAMPLE_LIMIT matches are read once
    (per facet exclusion in use) and shared by the count, the page, the overview and the
    facet counts.

    On SQLite the matches come from the timeline index (`timeline.keyindex`: one FTS5 query
    in timeline order); elsewhere from `events_filtered`, which stays the reference.
    """

    def __init__(self, filters: TimelineFilters, *, user=None) -> None:
        self.filters, self.user = filters, user
        self.statuses = visible_statuses(user=user)
        self._names: keyindex.Names | None = None
        self._samples: dict[str, list[tuple[dt.date, int, str]]] = {}
        self._tokens: dict[str, dict[str, Counter]] = {}

    def first(
        self,
        limit: int,
        *,
        skip: str = "",
        after: tuple[dt.date, int] | None = None,
        with_keys: bool = False,
    ) -> list[tuple[dt.date, int, str]]:
        """The first `limit` matches in timeline order (after the cursor): (start_date, pk,
        keys), where keys are the event's filter tokens if asked for ("" otherwise)."""
        if connection.vendor == "sqlite":
            if self._names is None:
                self._names = keyindex.Names(self.filters)
            return keyindex.matches(
                self.filters,
                statuses=self.statuses,
                names=self._names,
                limit=limit,
                skip=skip,
                after=after,
                with_keys=with_keys,
            )
        if not self.filters.date_from:
            return self._first_ordered(limit, skip, after, with_keys)
        # The two sides of the date condition apart: as one OR, PostgreSQL reads the date
        # index from the first event instead of from `from`; the long-running side is small.
        rows = {
            row[1]: row
            for long_running in (False, True)
            for row in self._first_ordered(limit, skip, after, with_keys, long_running)
        }
        return sorted(rows.values())[:limit]

    def _first_ordered(self, limit, skip, after, with_keys, long_running=None):
        events = events_filtered(
            self.filters, user=self.user, skip=skip, long_running=long_running
        ).order_by("start_date", "pk")
        if after:
            after_date, after_pk = after
            # The range condition first, so the planner walks the date index from the cursor.
            events = events.filter(start_date__gte=after_date).filter(
                Q(start_date__gt=after_date) | Q(pk__gt=after_pk)
            )
        if not with_keys:
            return [(day, pk, "") for day, pk in events.values_list("start_date", "pk")[:limit]]
        return [
            (day, pk, keys or "")
            for day, pk, keys in events.values_list("start_date", "pk", "search__keys")[:limit]
        ]

    def sample(self, skip: str = "") -> list[tuple[dt.date, int, str]]:
        """The first SAMPLE_LIMIT + 1 matches (one more tells "1,000+"), leaving out the
        facet `skip` when its filter is in use."""
        key = skip if skip in _ALTERNATIVES and _ALTERNATIVES[skip](self.filters) else ""
        if key not in self._samples:
            self._samples[key] = self.first(SAMPLE_LIMIT + 1, skip=key, with_keys=True)
        return self._samples[key]

    # --- the page ---------------------------------------------------------------------

    def page(self, size: int = PAGE_SIZE, *, with_total: bool = True) -> TimelinePage:
        """One page of events in date order, with everything the list shows, in a fixed
        number of queries (matches, events, participants, evidence with sources)."""
        total = len(self.sample()) if with_total else 0
        if self.filters.after:
            hits = self.first(size + 1, after=self.filters.after)
        else:
            hits = self.sample()[: size + 1]
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
        rows = sorted(
            Event.objects.filter(pk__in=[pk for _, pk, _ in hits])
            .select_related("place", "parent")
            .prefetch_related(
                Prefetch("participants", queryset=Actor.objects.only("id", "name", "slug", "kind")),
                Prefetch("evidence", queryset=passages),
            ),
            key=lambda event: (event.start_date, event.pk),
        )
        # What the list shows, worked out here once: the template only prints it (a page of
        # events is the hot path of the site, and template filters cost more than Python).
        event_url = _url_pattern("timeline:event-detail", "slug")
        source_url = _url_pattern("timeline:source-detail", 1)
        types = dict(Event.Type.choices)
        for event in rows:
            # Plain lists: templates read them many times, a related manager would rebuild a
            # queryset on every access.
            event.people = list(event.participants.all())
            event.passages = list(event.evidence.all())
            event.source_count = len({ev.source_id for ev in event.passages})
            event.url = event_url(event.slug)
            event.type_label = types.get(event.event_type, event.event_type)
            parent = event.parent
            event.visible_parent = parent if parent and parent.status in self.statuses else None
            if event.visible_parent:
                event.visible_parent.url = event_url(parent.slug)
            for passage in event.passages:
                passage.url = source_url(passage.source_id)
                passage.label = _passage_label(passage.source)
        more = len(rows) > size
        rows = rows[:size]
        cursor = f"{rows[-1].start_date.isoformat()}_{rows[-1].pk}" if more and rows else ""
        return TimelinePage(rows, cursor, min(total, SAMPLE_LIMIT), total > SAMPLE_LIMIT)

    # --- the overview strip -------------------------------------------------------------

    def overview(self) -> tuple[str, list[Bucket]]:
        """Event counts per month (per year when the span is over four years), gaps included.

        Unfiltered and date/type-filtered views read the monthly statistics (exact, by start
        month); other filters count their first SAMPLE_LIMIT matches.
        """
        filters = self.filters
        per_month: dict[dt.date, int] = {}
        if _uses_only_dates_and_types(filters):
            stats = EventMonthStat.objects.filter(status__in=self.statuses, count__gt=0)
            if filters.types:
                stats = stats.filter(event_type__in=filters.types)
            if filters.date_from:
                stats = stats.filter(month__gte=filters.date_from.replace(day=1))
            if filters.date_to:
                stats = stats.filter(month__lte=filters.date_to)
            for month, n in (
                stats.values_list("month").annotate(n=Sum("count")).values_list("month", "n")
            ):
                per_month[month] = n
        else:
            for day, _, _ in self.sample()[:SAMPLE_LIMIT]:
                month = day.replace(day=1)
                per_month[month] = per_month.get(month, 0) + 1
        return _buckets(per_month)

    # --- facets -------------------------------------------------------------------------

    def facets(self) -> dict[str, list[FacetChoice]]:
        """Choices with counts: actors, places, types, publishers.

        Counts come from the matching events (places, types and publishers ignoring their own
        filter, see `_ALTERNATIVES`), at most the first SAMPLE_LIMIT of them, read from their
        filter keys (`EventSearch.keys`) fetched with the sample: the cost is bounded whatever
        the timeline's size.
        """
        filters = self.filters
        facets: dict[str, list[FacetChoice]] = {}

        actor_counts = self._counts("actor", eventkeys.ACTOR)
        actors = [
            (slug, name, actor_counts.get(pk, 0))
            for pk, slug, name in Actor.objects.filter(
                pk__in=_id_set(_top(actor_counts, FACET_LIMIT))
            ).values_list("pk", "slug", "name")
        ]
        actors.sort(key=lambda row: (-row[2], row[1]))
        actors = actors[:FACET_LIMIT]
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

        place_counts = self._counts("place", eventkeys.PLACE)
        places = [
            (slug, name, place_counts.get(pk, 0))
            for pk, slug, name in Place.objects.filter(
                pk__in=_id_set(_top(place_counts, FACET_LIMIT))
            ).values_list("pk", "slug", "name")
        ]
        places = sorted(places, key=lambda row: (-row[2], row[1]))[:FACET_LIMIT]
        if filters.place and filters.place not in {slug for slug, _, _ in places}:
            places += [
                (slug, name, 0)
                for slug, name in Place.objects.filter(slug=filters.place).values_list(
                    "slug", "name"
                )
            ]
        facets["place"] = [
            FacetChoice(slug, name, n, slug == filters.place)
            for slug, name, n in sorted(places, key=lambda row: row[1])
        ]

        type_counts = self._counts("type", eventkeys.TYPE)
        facets["type"] = [
            FacetChoice(value, label, type_counts.get(value, 0), value in filters.types)
            for value, label in Event.Type.choices
            if type_counts.get(value) or value in filters.types
        ]

        publisher_counts = dict(self._counts("publisher", eventkeys.PUBLISHER))
        if filters.publisher:
            publisher_counts.setdefault(filters.publisher, 0)
        facets["publisher"] = [
            FacetChoice(name, name, n, name == filters.publisher)
            for name, n in sorted(publisher_counts.items())
        ]
        return facets

    def _counts(self, skip: str, kind: str) -> Counter:
        """How many sampled events carry each value of one kind of key."""
        key = skip if skip in _ALTERNATIVES and _ALTERNATIVES[skip](self.filters) else ""
        if key not in self._tokens:
            tokens: Counter = Counter()
            for _, _, keys in self.sample(key)[:SAMPLE_LIMIT]:
                tokens.update(keys.split())
            per_kind: dict[str, Counter] = {
                k: Counter()
                for k in (eventkeys.ACTOR, eventkeys.PLACE, eventkeys.TYPE, eventkeys.PUBLISHER)
            }
            for tok, n in tokens.items():
                counter = per_kind.get(tok[1])
                if counter is not None:
                    # Staff samples mix statuses: the same value under two statuses adds up.
                    counter[eventkeys.token_value(tok)[1]] += n
            self._tokens[key] = per_kind
        return self._tokens[key][kind]


def _top(counts: Counter, limit: int) -> list:
    """The values with the `limit` highest counts, and every value tied with the last one."""
    if len(counts) <= limit:
        return list(counts)
    floor = sorted(counts.values(), reverse=True)[limit - 1]
    return [value for value, n in counts.items() if n >= floor]


def timeline_page(filters: TimelineFilters, *, user=None, size: int = PAGE_SIZE) -> TimelinePage:
    return TimelineQuery(filters, user=user).page(size)


def timeline_overview(filters: TimelineFilters, *, user=None) -> tuple[str, list[Bucket]]:
    return TimelineQuery(filters, user=user).overview()


def timeline_facets(filters: TimelineFilters, *, user=None) -> dict[str, list[FacetChoice]]:
    return TimelineQuery(filters, user=user).facets()


def _url_pattern(name: str, example):
    """reverse() once per page: a function filling in the one argument of URL `name`."""
    marker = "1234567890" if isinstance(example, int) else "placeholder-slug"
    before, after = reverse(name, args=[marker]).split(marker)
    return lambda value: f"{before}{quote(str(value))}{after}"


def _passage_label(source: Source) -> str:
    """'BelTA, 4 Dec 2023': the publisher (or the title, cut at 60 characters) and date."""
    label = source.publisher or source.title
    if len(label) > 60:
        label = label[:59] + "…"
    day = source.published_date
    return f"{label}, {day.day} {calendar.month_abbr[day.month]} {day.year}" if day else label


def _uses_only_dates_and_types(filters: TimelineFilters) -> bool:
    return not (
        filters.actors or filters.place or filters.publisher or filters.source or filters.text
    )


def _buckets(per_month: dict[dt.date, int]) -> tuple[str, list[Bucket]]:
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


def _id_set(ids: list[int]):
    """Up to a few thousand ids as ONE query parameter (a JSON array on SQLite, an array on
    PostgreSQL), so reusing a sample costs nothing per value on the Python side."""
    if connection.vendor == "sqlite":
        return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [ids])
    return ids


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
