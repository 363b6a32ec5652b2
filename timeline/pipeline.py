"""The only writer of rows from text: turns the pure ingest results into `Source` rows.

Each file is read and parsed outside any transaction (pure code, no database), then written in
a transaction of its own, so a failing file leaves no rows and the others go on. Importing the
same bytes twice is a no-op: the SHA-256 of the file is unique.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import reduce
from pathlib import Path
from typing import Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.text import slugify

from timeline import search
from timeline.extract.entities import Gazetteer, GazetteerEntry
from timeline.extract.events import Mention, extract
from timeline.extract.merge import (
    SourcedMention,
    best_match,
    cluster_article,
    contains_event,
    describe,
    sketch,
)
from timeline.ingest.errors import IngestError
from timeline.ingest.files import ArticleFile, discover, read_article_file
from timeline.models import FAMILY_TYPES, Actor, Event, Evidence, Place, ReviewStatus, Source

Status = Literal["imported", "present", "failed"]


@dataclass(frozen=True)
class FileOutcome:
    path: Path
    status: Status
    message: str
    source_id: int | None = None


@dataclass
class ImportReport:
    outcomes: list[FileOutcome] = field(default_factory=list)
    extraction: ExtractReport | None = None

    def count(self, status: Status) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def imported(self) -> int:
        return self.count("imported")

    @property
    def present(self) -> int:
        return self.count("present")

    @property
    def failed(self) -> int:
        return self.count("failed")

    def summary(self) -> str:
        return (
            f"{len(self.outcomes)} file(s): {self.imported} imported, "
            f"{self.present} already present, {self.failed} failed"
        )


def articles_import(
    paths: Iterable[str | Path],
    *,
    max_bytes: int,
    on_outcome: Callable[[FileOutcome, int, int], None] | None = None,
    extract_events: bool = True,
) -> ImportReport:
    """Import every article file under `paths`; report one outcome per file (and per bad path).

    `on_outcome(outcome, done, total)` is called after each file, for progress output. New
    sources then go through event extraction (one transaction per source).
    """
    files, missing = discover(paths)
    report = ImportReport()
    total = len(files) + len(missing)
    for path, reason in missing:
        _record(report, FileOutcome(path, "failed", reason), total, on_outcome)
    for path in files:
        _record(report, article_file_import(path, max_bytes=max_bytes), total, on_outcome)
    new_ids = [o.source_id for o in report.outcomes if o.status == "imported"]
    if extract_events and new_ids:
        report.extraction = events_extract(source_ids=new_ids)
    return report


def _record(report, outcome, total, on_outcome) -> None:
    report.outcomes.append(outcome)
    if on_outcome is not None:
        on_outcome(outcome, len(report.outcomes), total)


def article_file_import(path: Path, *, max_bytes: int) -> FileOutcome:
    """Read, parse and store one file; never raises for bad input, returns a failed outcome."""
    try:
        article_file = read_article_file(path, max_bytes=max_bytes)
    except IngestError as exc:
        return FileOutcome(path, "failed", str(exc))
    except OSError as exc:
        return FileOutcome(path, "failed", f"cannot read file: {exc.strerror or exc}")

    existing = Source.objects.filter(sha256=article_file.sha256).values_list("pk", flat=True)
    if existing:
        return FileOutcome(path, "present", "already imported", existing[0])
    try:
        with transaction.atomic():
            source = source_create(article_file)
    except ValidationError as exc:
        return FileOutcome(path, "failed", f"invalid metadata: {_validation_message(exc)}")
    except IntegrityError:
        # Another process imported the same bytes between our check and our insert.
        pk = Source.objects.filter(sha256=article_file.sha256).values_list("pk", flat=True)
        if pk:
            return FileOutcome(path, "present", "already imported", pk[0])
        return FileOutcome(path, "failed", "database refused the row (integrity error)")
    except DatabaseError as exc:
        return FileOutcome(path, "failed", f"database error: {exc}")
    return FileOutcome(path, "imported", source.title, source.pk)


def source_create(article_file: ArticleFile) -> Source:
    """Build, validate and save the `Source` for one parsed file (inside the caller's atomic)."""
    article = article_file.article
    source = Source(
        title=article.title[:500],
        title_derived=article.title_derived,
        publisher=article.publisher[:200],
        author=article.author[:300],
        published_date=article.published_date,
        published_time=article.published_time,
        published_tz=article.timezone[:64],
        dateline_place=article.dateline_place[:200],
        language=article.language or "en",
        url=article.url,
        body=article.body,
        raw_text=article_file.raw_text,
        sha256=article_file.sha256,
        file_name=article_file.name[:500],
        encoding=article_file.encoding,
        parse_notes=list(article.notes),
    )
    # Uniqueness of the hash was checked just before and the database constraint backs it.
    source.full_clean(validate_unique=False, validate_constraints=False)
    source.save()
    return source


def _validation_message(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in exc.message_dict.items()
        )
    return " ".join(exc.messages)


# --- Events from sources -----------------------------------------------------------------


@dataclass
class ExtractReport:
    sources: int = 0
    mentions: int = 0
    events_created: int = 0
    events_updated: int = 0
    events_removed: int = 0
    evidence_created: int = 0
    evidence_removed: int = 0
    names_proposed: int = 0
    failures: list[tuple[int, str]] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.sources} source(s), {self.mentions} mention(s): "
            f"{self.events_created} event(s) created, {self.events_updated} updated, "
            f"{self.events_removed} removed; {self.evidence_created} evidence added, "
            f"{self.evidence_removed} removed; {self.names_proposed} new name(s) proposed"
        )


@dataclass(frozen=True)
class Lookups:
    """Gazetteer facts the pure merge code needs, by slug."""

    gazetteer: Gazetteer
    actor_name: dict[str, str]
    actor_kind: dict[str, str]
    actor_country: dict[str, str]
    place_name: dict[str, str]
    place_kind: dict[str, str]
    place_country: dict[str, str]
    actor_pk: dict[str, int] = field(default_factory=dict)
    place_pk: dict[str, int] = field(default_factory=dict)
    known_names: set[tuple[str, str]] = field(default_factory=set)  # (model, slug)
    # Sketches of stored events, kept for one extraction run (dropped on rollback).
    sketches: dict[int, object] = field(default_factory=dict)


def lookups_load() -> Lookups:
    """Build the gazetteer from accepted actors and places in the database."""
    actors = list(
        Actor.objects.filter(status=ReviewStatus.ACCEPTED).values_list(
            "slug", "name", "kind", "aliases"
        )
    )
    places = list(
        Place.objects.filter(status=ReviewStatus.ACCEPTED).values_list(
            "slug", "name", "kind", "aliases", "country__slug"
        )
    )
    actor_pk = dict(Actor.objects.values_list("slug", "pk"))
    place_pk = dict(Place.objects.values_list("slug", "pk"))
    entries = [
        GazetteerEntry(slug, name, "actor", kind, tuple(aliases or ()))
        for slug, name, kind, aliases in actors
    ] + [
        GazetteerEntry(slug, name, "place", kind, tuple(aliases or ()), country or "")
        for slug, name, kind, aliases, country in places
    ]
    gazetteer = Gazetteer(entries)
    return Lookups(
        gazetteer=gazetteer,
        actor_name={slug: name for slug, name, _, _ in actors},
        actor_kind={slug: kind for slug, _, kind, _ in actors},
        actor_country={s: e.country for s, e in gazetteer.actors.items() if e.country},
        place_name={slug: name for slug, name, *_ in places},
        place_kind={slug: kind for slug, _, kind, *_ in places},
        place_country={slug: country or "" for slug, *_, country in places},
        actor_pk=actor_pk,
        place_pk=place_pk,
        known_names={("actor", slug) for slug in actor_pk} | {("place", slug) for slug in place_pk},
    )


def events_extract(
    *, source_ids: Iterable[int] | None = None, lookups: Lookups | None = None
) -> ExtractReport:
    """(Re-)extract events from the given sources (all when None), one transaction each."""
    lookups = lookups or lookups_load()
    report = ExtractReport()
    sources = Source.objects.order_by("published_date", "pk")
    if source_ids is not None:
        sources = sources.filter(pk__in=list(source_ids))
    for source in sources.iterator(chunk_size=200):
        report.sources += 1
        try:
            with transaction.atomic():
                source_extract(source, lookups, report)
        except (DatabaseError, ValidationError) as exc:
            lookups.sketches.clear()  # rolled back: cached sketches may describe lost rows
            report.failures.append((source.pk, str(exc)))
    return report


def source_extract(source: Source, lookups: Lookups, report: ExtractReport) -> None:
    """Turn one source's mentions into events and evidence (inside the caller's atomic)."""
    with search.deferred():
        _source_extract(source, lookups, report)


def _source_extract(source: Source, lookups: Lookups, report: ExtractReport) -> None:
    """Reads and writes in batches (a dozen queries per article, whatever its length): existing
    evidence, candidate events in the date window, new events, new evidence, then the refresh
    of every event whose evidence changed.
    """
    extraction = extract(source.body, source.published_date, lookups.gazetteer)
    report.mentions += len(extraction.mentions)
    label = _source_label(source)
    sourced = [
        SourcedMention(str(source.pk), mention, source.published_date, label)
        for mention in extraction.mentions
    ]
    clusters, _dropped = cluster_article(sourced, lookups.actor_kind)

    existing: dict[tuple[int, int], list[Evidence]] = defaultdict(list)
    for evidence in Evidence.objects.filter(source=source).select_related("event"):
        existing[(evidence.start, evidence.end)].append(evidence)

    events, created = _events_for_clusters(clusters, existing, lookups, report)
    produced: set[int] = set()  # existing evidence ids this run confirms
    touched: dict[int, Event] = {}
    new_evidence: list[Evidence] = []
    for cluster, event in zip(clusters, events, strict=True):
        touched[event.pk] = event
        for item in _one_per_passage(cluster.mentions):
            mention = item.mention
            passage = existing.get((mention.start, mention.end), [])
            kept = [
                ev
                for ev in passage
                if ev.event_id != event.pk
                and (ev.origin == Evidence.Origin.CURATOR or ev.event.family_of(mention.family))
            ]
            if kept:
                # A curator (or an earlier run) put this passage on another event: keep it.
                produced.update(ev.pk for ev in kept)
                touched.update((ev.event_id, ev.event) for ev in kept)
                continue
            fields = _evidence_fields(source, mention)
            same = next((ev for ev in passage if ev.event_id == event.pk), None)
            if same is None:
                new_evidence.append(
                    Evidence(
                        event=event, source=source, start=mention.start, end=mention.end, **fields
                    )
                )
                continue
            produced.add(same.pk)
            if any(getattr(same, name) != value for name, value in fields.items()):
                for name, value in fields.items():
                    setattr(same, name, value)
                same.save(update_fields=list(fields))
    Evidence.objects.bulk_create(new_evidence)
    report.evidence_created += len(new_evidence)

    # Passages this run no longer reports (the text or the rules changed).
    stale = [
        ev
        for passage in existing.values()
        for ev in passage
        if ev.pk not in produced and ev.origin == Evidence.Origin.EXTRACTED
    ]
    for evidence in stale:
        touched.setdefault(evidence.event_id, evidence.event)
    if stale:
        Evidence.objects.filter(pk__in=[ev.pk for ev in stale]).delete()
        report.evidence_removed += len(stale)

    events_refresh(list(touched.values()), lookups, report, known=created)
    _names_propose(extraction.names, lookups, report)


def _events_for_clusters(clusters, existing, lookups: Lookups, report: ExtractReport):
    """The event each cluster belongs to: where its passages already are, a stored event that
    matches, or a new event (created in one batch)."""
    shapes = [sketch([m.mention for m in c.mentions], lookups.actor_kind) for c in clusters]
    chosen: list[Event | None] = []
    for cluster in clusters:
        found = None
        for item in cluster.mentions:
            for evidence in existing.get((item.mention.start, item.mention.end), []):
                if evidence.event.family_of(item.mention.family):
                    found = evidence.event
                    break
            if found:
                break
        chosen.append(found)
    open_shapes = [shape for shape, event in zip(shapes, chosen, strict=True) if event is None]
    candidates = _candidate_sketches(open_shapes, lookups)
    new_events: list[Event] = []
    reserved: set[str] = set()
    for index, (cluster, shape) in enumerate(zip(clusters, shapes, strict=True)):
        if chosen[index] is not None:
            continue
        same_family = [(e, s) for e, s in candidates if s.family == shape.family]
        match = best_match(shape, same_family)
        if match is not None:
            chosen[index] = match
            continue
        description = describe(cluster.mentions, **_describe_kwargs(lookups))
        event = Event(slug=_slug_base(description))
        _event_apply(event, description, lookups)  # the same fields a refresh would set
        event.set_derived_dates()  # bulk_create skips save()
        _event_validate(event)
        new_events.append(event)
        chosen[index] = event
        # Later clusters of this article may match the new event too (a visit reported twice).
        candidates.append((event, shape))
    if new_events:
        _slugs_make_unique(new_events, reserved)
        Event.objects.bulk_create(new_events)
        report.events_created += len(new_events)
    lazy = {c.pk for c in chosen if isinstance(c, _LazyEvent)}
    if lazy:
        fetched = Event.objects.in_bulk(lazy)
        chosen = [fetched[c.pk] if isinstance(c, _LazyEvent) else c for c in chosen]
    # A new event's evidence is exactly its cluster (unless a later cluster of this article
    # joined it): the refresh needs no query to know it.
    created: dict[int, list[SourcedMention]] = {}
    new_pks = {e.pk for e in new_events}
    for cluster, event in zip(clusters, chosen, strict=True):
        if event.pk in new_pks:
            created.setdefault(event.pk, []).extend(_one_per_passage(cluster.mentions))
    return chosen, created


def _event_validate(event: Event) -> None:
    """Field validation in Python. Foreign keys come from our own lookups and the unique and
    check constraints are the database's, so neither costs a query here."""
    event.full_clean(exclude=["place", "parent"], validate_unique=False, validate_constraints=False)


class _LazyEvent:
    """A candidate event's key until it is chosen; only chosen events are fetched whole."""

    def __init__(self, pk: int) -> None:
        self.pk = pk


def _candidate_sketches(shapes, lookups: Lookups) -> list[tuple[object, object]]:
    """Stored events that might be the same as any of `shapes` (one date-window query)."""
    if not shapes:
        return []
    window = dt.timedelta(days=3)
    types = sorted({t for shape in shapes for t in FAMILY_TYPES[shape.family]})
    around = Q()
    for shape in shapes:
        actor_ids = [lookups.actor_pk[a] for a in shape.actors if a in lookups.actor_pk]
        if actor_ids:
            # A year back (a year-precision event may hold this day), but only events that
            # share someone with the mention: the window stays small in a large timeline.
            around |= Q(
                start_date__lte=shape.last_day + window,
                start_date__gte=shape.start - dt.timedelta(days=366),
                pk__in=Event.participants.through.objects.filter(actor_id__in=actor_ids).values(
                    "event_id"
                ),
            )
        else:
            around |= Q(
                start_date__lte=shape.last_day + window,
                start_date__gte=shape.start - window,
            )
    pks = list(
        Event.objects.filter(around, event_type__in=types)
        .order_by("start_date", "pk")
        .values_list("pk", flat=True)
    )
    _sketches_load(pks, lookups)
    return [(_LazyEvent(pk), lookups.sketches[pk]) for pk in pks if lookups.sketches.get(pk)]


def _sketches_load(event_ids: list[int], lookups: Lookups) -> None:
    """Fill the run's sketch cache for these events with one query."""
    missing = [pk for pk in event_ids if pk not in lookups.sketches]
    if not missing:
        return
    mentions: dict[int, list[Mention]] = defaultdict(list)
    rows = Evidence.objects.filter(event_id__in=missing).values_list("event_id", "extracted")
    for event_id, extracted in rows:
        if extracted:
            mentions[event_id].append(Mention.from_dict(extracted))
    for pk in missing:
        found = mentions.get(pk)
        lookups.sketches[pk] = sketch(found, lookups.actor_kind) if found else None


def events_refresh(
    events: list[Event],
    lookups: Lookups,
    report: ExtractReport,
    *,
    known: dict[int, list[SourcedMention]] | None = None,
) -> None:
    """Recompute extracted fields of these events from all their evidence (curated fields
    stay), their participants and their parent visit. Events left with no evidence and no
    curator's touch are deleted."""
    if not events:
        return
    by_pk = {event.pk: event for event in events}
    items: dict[int, list[SourcedMention]] = defaultdict(list)
    has_evidence: set[int] = set()
    known = known or {}
    for pk, sourced in known.items():
        if pk in by_pk:
            items[pk] = list(sourced)
            has_evidence.add(pk)
    rows = (
        Evidence.objects.filter(event_id__in=[pk for pk in by_pk if pk not in known])
        .values_list(
            "event_id",
            "extracted",
            "source_id",
            "source__published_date",
            "source__publisher",
            "source__file_name",
        )
        .order_by("source_id", "start")
    )
    for event_id, extracted, source_id, published, publisher, file_name in rows:
        has_evidence.add(event_id)
        if extracted:
            label = _source_label_parts(publisher, file_name, published)
            items[event_id].append(
                SourcedMention(str(source_id), Mention.from_dict(extracted), published, label)
            )
    current_participants: dict[int, set[int]] = defaultdict(set)
    through = Event.participants.through
    stored = [pk for pk in by_pk if pk not in known]
    if stored:
        for event_id, actor_id in through.objects.filter(event_id__in=stored).values_list(
            "event_id", "actor_id"
        ):
            current_participants[event_id].add(actor_id)

    alive: list[Event] = []
    new_links = []
    for pk, event in by_pk.items():
        if not items.get(pk):
            lookups.sketches.pop(pk, None)
            if not event.curated_fields and pk not in has_evidence:
                event.delete()
                report.events_removed += 1
            continue
        lookups.sketches[pk] = sketch([i.mention for i in items[pk]], lookups.actor_kind)
        description = describe(items[pk], **_describe_kwargs(lookups))
        if _event_apply(event, description, lookups):
            _event_validate(event)
            event.save()
            report.events_updated += 1
        curated = set(event.curated_fields or [])
        if "participants" not in curated:
            wanted = [
                lookups.actor_pk[s] for s in description.participants if s in lookups.actor_pk
            ]
            if not current_participants[pk]:
                new_links.extend(through(event_id=pk, actor_id=a) for a in dict.fromkeys(wanted))
            elif set(wanted) != current_participants[pk]:
                event.participants.set(wanted)
        alive.append(event)
    through.objects.bulk_create(new_links)
    _parents_link(alive, lookups)
    search.derived_update(
        [e.pk for e in alive], {m for e in by_pk.values() for m in e.stat_months()}
    )


def _event_apply(event: Event, description, lookups: Lookups) -> bool:
    """Set the extracted values a curator has not claimed; True when anything changed."""
    curated = set(event.curated_fields or [])
    values = {
        "title": description.title,
        "summary": description.summary,
        "event_type": description.event_type,
        "date_reason": description.date_reason[:1000],
        "disagreements": list(description.disagreements),
        "confidence": description.confidence,
        "place_id": lookups.place_pk.get(description.place) if description.place else None,
    }
    if "place" in curated:
        del values["place_id"]
    if not curated & {"start_date", "start_precision", "end_date", "end_precision", "date"}:
        values.update(
            start_date=description.start_date,
            start_precision=description.start_precision,
            end_date=description.end_date,
            end_precision=description.end_precision,
        )
    changed = False
    for name, value in values.items():
        if name not in curated and getattr(event, name) != value:
            setattr(event, name, value)
            changed = True
    if (
        settings.TIMELINE_AUTO_PUBLISH
        and event.status == Event.Status.PROPOSED
        and "status" not in curated
        and event.confidence >= settings.TIMELINE_AUTO_PUBLISH_THRESHOLD
    ):
        event.status = Event.Status.PUBLISHED
        changed = True
    return changed


def _parents_link(events: list[Event], lookups: Lookups) -> None:
    """Link talks to the visit they happened during, and visits to the talks within them."""
    shapes = {e.pk: lookups.sketches[e.pk] for e in events if lookups.sketches.get(e.pk)}
    if not shapes:
        return
    visit_types = FAMILY_TYPES["visit"]
    # Talks need the visits around them; a visit needs the talks within it (parentless ones,
    # or ones of this run). Nothing else is read: of the events in a date window (thousands
    # in a large timeline, each costing its evidence and a sketch) only those that can pass
    # `contains_event` with a shape, i.e. share a person with it or have no person at all.
    windows = [_parent_window(shape, lookups) for shape in shapes.values()]
    nearby = _nearby_events(windows)
    by_pk = {e.pk: e for e in nearby}
    for event in events:  # our in-memory copies win over the ones just read
        by_pk[event.pk] = event
    _sketches_load(list(by_pk), lookups)
    visits = [e for e in by_pk.values() if e.event_type in visit_types]
    for event in by_pk.values():
        if event.event_type in visit_types or "parent" in (event.curated_fields or []):
            continue
        own = lookups.sketches.get(event.pk)
        if own is None:
            continue
        involved = event.pk in shapes or event.parent_id is None
        if not involved:
            continue
        parent = next(
            (
                v
                for v in visits
                if lookups.sketches.get(v.pk) and contains_event(lookups.sketches[v.pk], own)
            ),
            None,
        )
        if parent is None and event.pk not in shapes:
            continue  # only the events of this run lose a parent they no longer fit
        parent_id = parent.pk if parent else None
        if event.parent_id != parent_id:
            event.parent_id = parent_id  # a stored row or one of ours: both hold parent_id
            Event.objects.filter(pk=event.pk).update(parent_id=parent_id)


class _NearbyEvent:
    """What parent linking reads of a stored event near this run's events."""

    __slots__ = ("curated_fields", "event_type", "parent_id", "pk")

    def __init__(self, pk, event_type, parent_id, curated_fields) -> None:
        self.pk = pk
        self.event_type = event_type
        self.parent_id = parent_id
        self.curated_fields = curated_fields


@dataclass(frozen=True)
class _ParentWindow:
    """Where the stored events a shape may be linked with lie (a date range; visits for talks,
    parentless talks for a visit) and the people of the shape (ids; empty when it has none)."""

    first: dt.date
    last: dt.date
    visits: bool  # the shape is talks, looking for visits; else a visit looking for talks
    people: frozenset[int]

    @property
    def query(self) -> Q:
        query = Q(start_date__gte=self.first, start_date__lte=self.last)
        if self.visits:
            return query & Q(event_type__in=FAMILY_TYPES["visit"])
        return query & Q(parent__isnull=True) & ~Q(event_type__in=FAMILY_TYPES["visit"])


def _nearby_events(windows: list[_ParentWindow]) -> list[_NearbyEvent]:
    """The stored events in the windows that may pass `contains_event`, in timeline order.

    A window whose shape has people takes the events that share one of them, those with no
    person at all (countries decide) and those whose participants a curator set. Each is its
    own narrow read: as one OR of subqueries, PostgreSQL hashes every event that has a person.
    """
    events = Event.objects.order_by()
    reads = []
    open_windows = [w.query for w in windows if not w.people]
    if open_windows:
        reads.append(events.filter(reduce(operator.or_, open_windows)))
    bound = [w.query for w in windows if w.people]
    if bound:
        in_window = events.filter(reduce(operator.or_, bound))
        through = Event.participants.through
        people = sorted(set().union(*(w.people for w in windows)))
        with_person = through.objects.filter(
            event_id=OuterRef("pk"),
            actor__kind=Actor.Kind.PERSON,
            actor__status=ReviewStatus.ACCEPTED,
        )
        reads += [
            in_window.filter(pk__in=through.objects.filter(actor_id__in=people).values("event_id")),
            in_window.filter(~Exists(with_person)),
            in_window.filter(curated_fields__icontains="participants"),
        ]
    rows = {}
    for read in reads:
        for row in read.values_list(
            "start_date", "pk", "event_type", "parent_id", "curated_fields"
        ):
            rows[row[1]] = row
    return [_NearbyEvent(*row[1:]) for row in sorted(rows.values())]


def _parent_window(shape, lookups: Lookups) -> _ParentWindow:
    slack = dt.timedelta(days=3)
    people = frozenset(lookups.actor_pk[p] for p in shape.people if p in lookups.actor_pk)
    if shape.family == "visit":
        return _ParentWindow(shape.start - slack, shape.last_day + slack, False, people)
    return _ParentWindow(shape.start - dt.timedelta(days=40), shape.last_day + slack, True, people)


def _names_propose(names, lookups: Lookups, report: ExtractReport) -> None:
    for candidate in names:
        slug = slugify(candidate.text)[:200]
        model = "place" if candidate.kind == "place" else "actor"
        if not slug or (model, slug) in lookups.known_names:
            continue
        if model == "place":
            Place.objects.create(name=candidate.text[:200], slug=slug, status=ReviewStatus.PROPOSED)
        else:
            kind = Actor.Kind.PERSON if candidate.kind == "person" else Actor.Kind.ORGANISATION
            Actor.objects.create(
                name=candidate.text[:200],
                slug=slug,
                kind=kind,
                status=ReviewStatus.PROPOSED,
                description=f"Proposed by extraction: {candidate.evidence}"[:500],
            )
        lookups.known_names.add((model, slug))
        report.names_proposed += 1


def _one_per_passage(items):
    seen = {}
    for item in items:
        seen.setdefault((item.mention.start, item.mention.end), item)
    return list(seen.values())


def _evidence_fields(source: Source, mention: Mention) -> dict:
    body = source.body
    return {
        "exact": body[mention.start : mention.end],
        "prefix": body[max(0, mention.start - 32) : mention.start],
        "suffix": body[mention.end : mention.end + 32],
        "modality": mention.modality,
        "timex_text": mention.date.text[:200],
        "timex_value": (mention.date.value or mention.date.start.isoformat())[:64],
        "timex_reason": mention.date.reason[:1000],
        "origin": Evidence.Origin.EXTRACTED,
        "extracted": mention.as_dict(),
    }


def _source_label(source: Source) -> str:
    return _source_label_parts(source.publisher, source.file_name, source.published_date)


def _source_label_parts(publisher: str, file_name: str, published) -> str:
    who = publisher or file_name or "a source"
    when = f", {published:%-d %b %Y}" if published else ""
    return f"{who}{when}"


def _describe_kwargs(lookups: Lookups) -> dict:
    return {
        "names": {**lookups.place_name, **lookups.actor_name},
        "people_kind": lookups.actor_kind,
        "place_kind": lookups.place_kind,
        "place_country": lookups.place_country,
        "actor_country": lookups.actor_country,
    }


def _slug_base(description) -> str:
    return slugify(f"{description.start_date:%Y-%m-%d} {description.title}")[:80].strip("-")


def _slugs_make_unique(events: list[Event], reserved: set[str]) -> None:
    """Permalinks are unique and never change: suffix -2, -3 ... where one is taken."""
    taken = set(
        Event.objects.filter(slug__in=[e.slug for e in events]).values_list("slug", flat=True)
    )
    for event in events:
        if event.slug not in taken and event.slug not in reserved:
            reserved.add(event.slug)
            continue
        base = event.slug
        siblings = set(
            Event.objects.filter(slug__startswith=f"{base}-").values_list("slug", flat=True)
        )
        n = 2
        while f"{base}-{n}" in siblings or f"{base}-{n}" in reserved:
            n += 1
        event.slug = f"{base}-{n}"
        reserved.add(event.slug)
