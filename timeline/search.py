"""Full-text search over events: SQLite FTS5 or PostgreSQL full-text search, never LIKE scans.

Each event has one search document (title, summary, the passages that report it) in
`EventSearch`. SQLite indexes it with an FTS5 table (porter stemming) kept in step by triggers;
PostgreSQL with a GIN index over a stored `to_tsvector('english', document)` column. Writes go
through `search_index_update`, called by the pipeline for the events it touches and by signals
for edits made elsewhere (admin, services, fixtures).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from timeline import eventkeys
from timeline.models import Event, EventSearch, Evidence

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 12
BATCH = 2000


def search_terms(text: str) -> list[str]:
    """The words of a query (punctuation and operators dropped: user text is never syntax)."""
    return [w.lower() for w in _WORD.findall(text)][:MAX_TERMS]


def search_filter(events: QuerySet[Event], text: str) -> QuerySet[Event]:
    """Events whose title, summary or passages contain every word (with English stemming);
    the last word also as a prefix while it is not yet a word of the index, so results follow
    typing ("tal" finds "talks", "talks" finds "talk" and "talked")."""
    terms = search_terms(text)
    if not terms:
        return events
    prefix = not is_indexed_word(terms[-1])
    if prefix:
        terms = [*terms[:-1], prefix_form(terms[-1])]
    if connection.vendor == "postgresql":
        raw = " & ".join([*terms[:-1], f"{terms[-1]}:*" if prefix else terms[-1]])
        # `search_vector`: the stored to_tsvector('english', document) (migration 0013).
        return events.filter(
            pk__in=RawSQL(
                "SELECT event_id FROM timeline_eventsearch "
                "WHERE search_vector @@ to_tsquery('english'::regconfig, %s)",
                [raw],
            )
        )
    if connection.vendor == "sqlite":
        return events.filter(
            pk__in=RawSQL(
                "SELECT rowid & %s FROM timeline_event_fts WHERE timeline_event_fts MATCH %s",
                [eventkeys.ID_MASK, sqlite_text_expression(terms, prefix=prefix)],
            )
        )
    # Other databases: a plain (slow) scan, correct if not fast.
    for term in terms:
        events = events.filter(search__document__icontains=term)
    return events


def prefix_form(term: str) -> str:
    """The prefix to search while a word is being typed. Both indexes stem a prefix like a
    word, and English stemming turns a final "y" into "i" ("zephy" would look for "zephi*"
    and miss "zephyr"), so a trailing "y" is left out."""
    return term[:-1] if term.endswith("y") and len(term) > 2 else term


def sqlite_text_expression(terms: list[str], *, prefix: bool) -> str:
    last = f'"{terms[-1]}"*' if prefix else f'"{terms[-1]}"'
    return "document : (" + " ".join([*(f'"{t}"' for t in terms[:-1]), last]) + ")"


def is_indexed_word(term: str) -> bool:
    """Whether some search document has this word (after stemming): one index probe.

    A complete word is matched as a word, not as a prefix: a prefix query reads every
    posting of every term it expands to, a cost that grows with the corpus."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT 1 FROM timeline_event_fts WHERE timeline_event_fts MATCH %s LIMIT 1",
                [f'document : "{term}"'],
            )
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT 1 FROM timeline_eventsearch "
                "WHERE search_vector @@ plainto_tsquery('english'::regconfig, %s) LIMIT 1",
                [term],
            )
        else:
            return False
        return cursor.fetchone() is not None


def search_index_update(event_ids: Iterable[int]) -> None:
    """Rewrite the search documents of these events (deleted events lose theirs)."""
    ids = list(dict.fromkeys(event_ids))
    for start in range(0, len(ids), BATCH):
        _update_batch(ids[start : start + BATCH])


def _update_batch(ids: list[int]) -> None:
    rows = _documents(ids)
    EventSearch.objects.filter(event_id__in=ids).delete()
    EventSearch.objects.bulk_create(rows)


def _documents(ids: list[int]) -> list[EventSearch]:
    """The search documents of these events: text, timeline position and filter keys."""
    quotes: dict[int, list[str]] = defaultdict(list)
    sources: dict[int, set[int]] = defaultdict(set)
    publishers: dict[int, set[str]] = defaultdict(set)
    for event_id, exact, source_id, publisher in (
        Evidence.objects.filter(event_id__in=ids)
        .order_by("pk")
        .values_list("event_id", "exact", "source_id", "source__publisher")
    ):
        quotes[event_id].append(exact)
        sources[event_id].add(source_id)
        publishers[event_id].add(publisher)
    actors: dict[int, set[int]] = defaultdict(set)
    for event_id, actor_id in Event.participants.through.objects.filter(
        event_id__in=ids
    ).values_list("event_id", "actor_id"):
        actors[event_id].add(actor_id)
    rows = [
        EventSearch(
            event_id=pk,
            document="\n".join([title, summary, *quotes.get(pk, [])]),
            sort_key=eventkeys.sort_key(start_date, pk),
            keys=" ".join(
                eventkeys.event_tokens(
                    status=status,
                    event_type=event_type,
                    place_id=place_id,
                    actor_ids=actors.get(pk, ()),
                    source_ids=sources.get(pk, ()),
                    publishers=publishers.get(pk, ()),
                )
            ),
        )
        for pk, title, summary, start_date, status, event_type, place_id in (
            Event.objects.filter(pk__in=ids).values_list(
                "pk", "title", "summary", "start_date", "status", "event_type", "place_id"
            )
        )
    ]
    return rows


# The FTS5 table's triggers (as migration 0009 creates them): a bulk rebuild drops them, fills
# the documents, builds the FTS5 index in one pass and puts them back, in one transaction.
_SQLITE_TRIGGERS = {
    "timeline_eventsearch_ai": (
        "CREATE TRIGGER timeline_eventsearch_ai AFTER INSERT ON timeline_eventsearch BEGIN "
        "INSERT INTO timeline_event_fts(rowid, document, keys) "
        "VALUES (new.sort_key, new.document, new.keys); END"
    ),
    "timeline_eventsearch_ad": (
        "CREATE TRIGGER timeline_eventsearch_ad AFTER DELETE ON timeline_eventsearch BEGIN "
        "INSERT INTO timeline_event_fts(timeline_event_fts, rowid, document, keys) "
        "VALUES ('delete', old.sort_key, old.document, old.keys); END"
    ),
    "timeline_eventsearch_au": (
        "CREATE TRIGGER timeline_eventsearch_au AFTER UPDATE ON timeline_eventsearch BEGIN "
        "INSERT INTO timeline_event_fts(timeline_event_fts, rowid, document, keys) "
        "VALUES ('delete', old.sort_key, old.document, old.keys); "
        "INSERT INTO timeline_event_fts(rowid, document, keys) "
        "VALUES (new.sort_key, new.document, new.keys); END"
    ),
}


def search_index_rebuild() -> int:
    """Rebuild every search document (after a bulk load or a restore), in one transaction;
    on SQLite the FTS5 index is then built in one pass instead of row by row."""
    sqlite = connection.vendor == "sqlite"
    ids = list(Event.objects.order_by("pk").values_list("pk", flat=True))
    with transaction.atomic(), connection.cursor() as cursor:
        if sqlite:
            for name in _SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        EventSearch.objects.all().delete()
        for start in range(0, len(ids), BATCH):
            EventSearch.objects.bulk_create(_documents(ids[start : start + BATCH]))
        if sqlite:
            cursor.execute("INSERT INTO timeline_event_fts(timeline_event_fts) VALUES ('rebuild')")
            for sql in _SQLITE_TRIGGERS.values():
                cursor.execute(sql)
    return len(ids)


# --- Keeping documents and statistics current ----------------------------------------------
# Edits anywhere (admin, services, fixtures) update search documents and month statistics at
# once through signals. Bulk work (the pipeline) defers: it collects event ids and months and
# rewrites them in one batch at the end of the block.

_deferred: list[tuple[set[int], set]] = []


class deferred:
    """`with search.deferred(): ...` batches every derived-data update made inside the block."""

    def __enter__(self):
        _deferred.append((set(), set()))
        return _deferred[-1]

    def __exit__(self, exc_type, exc, tb) -> None:
        ids, months = _deferred.pop()
        if exc_type is None:
            derived_update(ids, months)


def derived_update(event_ids: Iterable[int], months: Iterable) -> None:
    from timeline.stats import stats_refresh

    if _deferred:
        _deferred[-1][0].update(event_ids)
        _deferred[-1][1].update(months)
        return
    ids = list(event_ids)
    if ids:
        search_index_update(ids)
    stats_refresh(months)


def search_index_schedule(event_ids: Iterable[int]) -> None:
    """Update now, or at the end of the enclosing `deferred` block."""
    derived_update(event_ids, ())


def on_event_saved(sender, instance: Event, **kwargs) -> None:
    derived_update([instance.pk], instance.stat_months())
    instance._loaded_start = instance.start_date


# Events being deleted: their passages go first (cascade) and must not re-create a document.
_deleting: set[int] = set()


def on_event_deleting(sender, instance: Event, **kwargs) -> None:
    _deleting.add(instance.pk)


def on_event_deleted(sender, instance: Event, **kwargs) -> None:
    _deleting.discard(instance.pk)
    derived_update((), instance.stat_months())


def on_evidence_changed(sender, instance: Evidence, **kwargs) -> None:
    if instance.event_id and instance.event_id not in _deleting:
        search_index_schedule([instance.event_id])


def on_participants_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear", "pre_clear"):
        return
    if not reverse:
        if action != "pre_clear":
            search_index_schedule([instance.pk])
        return
    # From the actor's side: `pk_set` names the events (for a clear, read them before).
    if action == "pre_clear":
        instance._cleared_events = list(
            Event.participants.through.objects.filter(actor_id=instance.pk).values_list(
                "event_id", flat=True
            )
        )
        return
    ids = pk_set if action != "post_clear" else getattr(instance, "_cleared_events", [])
    search_index_schedule(ids or [])


def on_source_saved(sender, instance, created: bool, **kwargs) -> None:
    """A publisher edited on a source changes the keys of the events it reports."""
    if created:
        return
    search_index_schedule(
        Evidence.objects.filter(source_id=instance.pk).values_list("event_id", flat=True)
    )
