"""Timeline queries answered by the SQLite timeline index (FTS5 over filter keys and text).

`matches` returns what `selectors.events_filtered(...).order_by("start_date", "pk")` would,
as (start_date, pk, keys) triples, but from one FTS5 query whose rowids are timeline
positions: the index walks posting lists in timeline order and stops at `limit`, so the cost
follows the page, not the corpus. The ORM query stays the reference (and PostgreSQL's path);
`tests/test_timeline_index.py` checks both against a plain reading of the rows on random
filters.

Limits: event ids up to 2**32 - 1 (the low half of a sort key); a last search word that is
still being typed is an FTS5 prefix query, which reads every posting of the terms it expands
to (tens of milliseconds for a common three-letter prefix at a million events).
"""

from __future__ import annotations

import datetime as dt

from django.db import connection

from timeline import eventkeys
from timeline.eventkeys import ACTOR, PLACE, PUBLISHER, SOURCE, STATUS, TYPE, KeyFilter, token
from timeline.filters import TimelineFilters
from timeline.models import LONG_RUNNING_DAYS, Actor, Event, EventSearch, Place
from timeline.search import (
    is_indexed_word,
    prefix_form,
    search_terms,
    sqlite_text_expression,
)

FTS = "timeline_event_fts"


class Names:
    """Actor and place slugs resolved to ids once per request (unknown ones match nothing)."""

    def __init__(self, filters: TimelineFilters) -> None:
        self.actors = (
            dict(Actor.objects.filter(slug__in=filters.actors).values_list("slug", "pk"))
            if filters.actors
            else {}
        )
        self.place = (
            Place.objects.filter(slug=filters.place).values_list("pk", flat=True).first() or 0
            if filters.place
            else 0
        )
        self._words: dict[str, bool] = {}

    def is_word(self, term: str) -> bool:
        if term not in self._words:
            self._words[term] = is_indexed_word(term)
        return self._words[term]


def key_filter(
    filters: TimelineFilters, statuses: tuple[str, ...], names: Names, skip: str = ""
) -> KeyFilter:
    """The filters as clauses over status-qualified tokens: each clause accepts its value at
    any visible status (an event's tokens all carry its one status, so they agree)."""

    def visible(kind: str, value) -> list[str]:
        return [token(kind, value, status) for status in statuses]

    keys = KeyFilter()
    if filters.actors and skip != "actor":
        for slug in filters.actors:
            keys.require_any(visible(ACTOR, names.actors.get(slug, 0)))
    if filters.place and skip != "place":
        keys.require_any(visible(PLACE, names.place))
    if filters.types and skip != "type":
        keys.require_any([tok for value in filters.types for tok in visible(TYPE, value)])
    if filters.publisher and skip != "publisher":
        keys.require_any(visible(PUBLISHER, filters.publisher))
    if filters.source:
        keys.require_any(visible(SOURCE, filters.source))
    if not keys.clauses:
        keys.require_any(visible(STATUS, ""))  # no filter on keys: every visible event
    return keys


def text_expression(text: str, names: Names) -> str:
    """The words of the text as an FTS5 expression (`search.search_filter`'s rule)."""
    terms = search_terms(text)
    if not terms:
        return ""
    if names.is_word(terms[-1]):
        return sqlite_text_expression(terms, prefix=False)
    return sqlite_text_expression([*terms[:-1], prefix_form(terms[-1])], prefix=True)


def _lower_bound(filters: TimelineFilters, after: tuple[dt.date, int] | None) -> int | None:
    bound = eventkeys.first_key(filters.date_from) if filters.date_from else None
    if after:
        day, pk = after
        if pk < eventkeys.ID_MASK:
            cursor = eventkeys.sort_key(day, pk) + 1
        elif day < dt.date.max:
            cursor = eventkeys.first_key(day + dt.timedelta(days=1))
        else:
            return -1  # nothing comes after the last possible day
        bound = cursor if bound is None else max(bound, cursor)
    return bound


def matches(
    filters: TimelineFilters,
    *,
    statuses: tuple[str, ...],
    names: Names,
    limit: int,
    skip: str = "",
    after: tuple[dt.date, int] | None = None,
    with_keys: bool = False,
) -> list[tuple[dt.date, int, str]]:
    """The first `limit` matching events in timeline order (after the cursor), as
    (start_date, pk, keys); `keys` (the event's filter tokens) is "" unless asked for."""
    keys = key_filter(filters, statuses, names, skip)
    text = text_expression(filters.text, names)
    expression = keys.expression() + (f" AND {text}" if text else "")
    low = _lower_bound(filters, after)
    if low == -1:
        return []
    early = _carried_over(filters, keys, text, statuses, after) if filters.date_from else []
    if len(early) >= limit:
        return early[:limit]
    if with_keys:
        # The tokens of each match in the same query, from the covering index in timeline
        # order (migration 0010): neighbouring matches are neighbouring entries.
        sql = [
            f"SELECT {FTS}.rowid, s.keys FROM {FTS} JOIN {EventSearch._meta.db_table} s "
            f"INDEXED BY eventsearch_sort_keys ON s.sort_key = {FTS}.rowid WHERE {FTS} MATCH %s"
        ]
    else:
        sql = [f"SELECT rowid, '' FROM {FTS} WHERE {FTS} MATCH %s"]
    params: list = [expression]
    if low is not None:
        sql.append(f"AND {FTS}.rowid >= %s")
        params.append(low)
    if filters.date_to:
        sql.append(f"AND {FTS}.rowid <= %s")
        params.append(eventkeys.last_key(filters.date_to))
    sql.append(f"ORDER BY {FTS}.rowid LIMIT %s")
    params.append(limit - len(early))
    with connection.cursor() as cursor:
        cursor.execute(" ".join(sql), params)
        rows = cursor.fetchall()
    fromordinal, shift, mask = dt.date.fromordinal, eventkeys.ID_BITS, eventkeys.ID_MASK
    return early + [(fromordinal(key >> shift), key & mask, tokens) for key, tokens in rows]


def _carried_over(
    filters: TimelineFilters,
    keys: KeyFilter,
    text: str,
    statuses: tuple[str, ...],
    after: tuple[dt.date, int] | None,
) -> list[tuple[dt.date, int, str]]:
    """Events that start before `from` and run into it: events of several days starting at
    most LONG_RUNNING_DAYS before (partial index `event_multiday`), and long-running ones
    (`event_long_running`). There are few; their keys are checked here."""
    start = filters.date_from
    assert start is not None
    floor = (
        start - dt.timedelta(days=LONG_RUNNING_DAYS)
        if start > dt.date.min + dt.timedelta(days=LONG_RUNNING_DAYS)
        else dt.date.min
    )
    # INDEXED BY: the planner would otherwise walk a year of the (status, start_date) index.
    marks = ", ".join(["%s"] * len(statuses))
    table = Event._meta.db_table
    queries = [
        (
            f"SELECT id, start_date FROM {table} INDEXED BY event_multiday WHERE "
            f"start_date >= %s AND start_date < %s AND last_day > start_date "
            f"AND last_day >= %s AND status IN ({marks})",
            [floor, start, start, *statuses],
        ),
        (
            f"SELECT id, start_date FROM {table} INDEXED BY event_long_running WHERE "
            f"long_running AND last_day >= %s AND start_date < %s AND status IN ({marks})",
            [start, start, *statuses],
        ),
    ]
    candidates: dict[int, dt.date] = {}
    with connection.cursor() as cursor:
        for sql, params in queries:
            cursor.execute(sql, params)
            for pk, day in cursor.fetchall():
                candidates[pk] = day if isinstance(day, dt.date) else dt.date.fromisoformat(day)
    if after:
        candidates = {pk: day for pk, day in candidates.items() if (day, pk) > after}
    if not candidates:
        return []
    documents = EventSearch.objects.filter(event_id__in=list(candidates)).values_list(
        "event_id", "keys", "sort_key"
    )
    kept = {pk: (key, tokens) for pk, tokens, key in documents if keys.matches(set(tokens.split()))}
    if kept and text:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s AND rowid >= %s AND rowid <= %s",
                [text, min(k for k, _ in kept.values()), max(k for k, _ in kept.values())],
            )
            found = {row[0] for row in cursor.fetchall()}
        kept = {pk: kt for pk, kt in kept.items() if kt[0] in found}
    return sorted((candidates[pk], pk, tokens) for pk, (_, tokens) in kept.items())
