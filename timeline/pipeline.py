"""The only writer of rows from text: turns the pure ingest results into `Source` rows.

Each file is read and parsed outside any transaction (pure code, no database), then written in
a transaction of its own, so a failing file leaves no rows and the others go on. Importing the
same bytes twice is a no-op: the SHA-256 of the file is unique.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.utils.text import slugify

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
    source.full_clean()
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
    produced: set[int] = set()  # evidence ids this run confirms
    touched: dict[int, Event] = {}
    for cluster in clusters:
        event = _event_for_cluster(cluster, existing, lookups, report)
        touched[event.pk] = event
        for item in _one_per_passage(cluster.mentions):
            mention = item.mention
            key = (mention.start, mention.end)
            kept = [
                ev
                for ev in existing.get(key, [])
                if ev.event_id != event.pk
                and (ev.origin == Evidence.Origin.CURATOR or ev.event.family_of(mention.family))
            ]
            if kept:
                # A curator (or an earlier run) put this passage on another event: keep it.
                produced.update(ev.pk for ev in kept)
                touched.update((ev.event_id, ev.event) for ev in kept)
                continue
            evidence, created = Evidence.objects.update_or_create(
                event=event,
                source=source,
                start=mention.start,
                end=mention.end,
                defaults=_evidence_fields(source, mention),
            )
            report.evidence_created += int(created)
            produced.add(evidence.pk)

    # Passages this run no longer reports (the text or the rules changed).
    for passage in existing.values():
        for evidence in passage:
            if evidence.pk in produced or evidence.origin != Evidence.Origin.EXTRACTED:
                continue
            touched.setdefault(evidence.event_id, evidence.event)
            evidence.delete()
            report.evidence_removed += 1

    for event in touched.values():
        if event_refresh(event, lookups):
            report.events_updated += 1
        elif event.pk is None:
            report.events_removed += 1
    _names_propose(extraction.names, lookups, report)


def _event_for_cluster(cluster, existing, lookups: Lookups, report: ExtractReport) -> Event:
    for item in cluster.mentions:
        for evidence in existing.get((item.mention.start, item.mention.end), []):
            if evidence.event.family_of(item.mention.family):
                return evidence.event
    shape = sketch([m.mention for m in cluster.mentions], lookups.actor_kind)
    candidates = _candidate_sketches(shape, lookups)
    match = best_match(shape, candidates)
    if match is not None:
        return match
    description = describe(cluster.mentions, **_describe_kwargs(lookups))
    event = Event(
        slug=_unique_slug(description),
        title=description.title,
        summary=description.summary,
        start_date=description.start_date,
        start_precision=description.start_precision,
        end_date=description.end_date,
        end_precision=description.end_precision,
        event_type=description.event_type,
        date_reason=description.date_reason[:1000],
        confidence=description.confidence,
    )
    event.full_clean(validate_unique=False, validate_constraints=False)
    event.save()
    report.events_created += 1
    return event


def _candidate_sketches(shape, lookups: Lookups) -> list[tuple[Event, object]]:
    """Stored events that might be the same as `shape` (a date window, then the pure test)."""
    window = dt.timedelta(days=3)
    events = list(
        Event.objects.filter(
            event_type__in=FAMILY_TYPES[shape.family],
            start_date__lte=shape.last_day + window,
            start_date__gte=shape.start - dt.timedelta(days=366),
        ).order_by("start_date", "pk")
    )
    _sketches_load([event.pk for event in events], lookups)
    return [(e, lookups.sketches[e.pk]) for e in events if lookups.sketches.get(e.pk)]


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


def event_refresh(event: Event, lookups: Lookups) -> bool:
    """Recompute an event's extracted fields from its evidence, leaving curated fields alone.

    Returns False (and deletes the event) when no evidence is left and no curator touched it.
    """
    evidence = list(event.evidence.select_related("source"))
    items = [
        SourcedMention(
            str(ev.source_id),
            Mention.from_dict(ev.extracted),
            ev.source.published_date,
            _source_label(ev.source),
        )
        for ev in evidence
        if ev.extracted
    ]
    if not items:
        lookups.sketches.pop(event.pk, None)
        if not event.curated_fields and not evidence:
            event.delete()
            event.pk = None
        return False
    lookups.sketches[event.pk] = sketch([i.mention for i in items], lookups.actor_kind)
    description = describe(items, **_describe_kwargs(lookups))
    curated = set(event.curated_fields or [])
    values = {
        "title": description.title,
        "summary": description.summary,
        "event_type": description.event_type,
        "date_reason": description.date_reason[:1000],
        "disagreements": list(description.disagreements),
        "confidence": description.confidence,
    }
    if not curated & {"start_date", "start_precision", "end_date", "end_precision", "date"}:
        values.update(
            start_date=description.start_date,
            start_precision=description.start_precision,
            end_date=description.end_date,
            end_precision=description.end_precision,
        )
    for name, value in values.items():
        if name not in curated:
            setattr(event, name, value)
    if "place" not in curated:
        event.place_id = lookups.place_pk.get(description.place) if description.place else None
    if (
        settings.TIMELINE_AUTO_PUBLISH
        and event.status == Event.Status.PROPOSED
        and "status" not in curated
        and event.confidence >= settings.TIMELINE_AUTO_PUBLISH_THRESHOLD
    ):
        event.status = Event.Status.PUBLISHED
    # Field validation in Python; the unique and check constraints are the database's.
    event.full_clean(validate_unique=False, validate_constraints=False)
    event.save()
    if "participants" not in curated:
        wanted = [lookups.actor_pk[s] for s in description.participants if s in lookups.actor_pk]
        current = set(event.participants.values_list("pk", flat=True))
        if current != set(wanted):
            event.participants.set(wanted)
    if "parent" not in curated:
        _parent_link(event, lookups)
    return True


def _parent_link(event: Event, lookups: Lookups) -> None:
    """Link talks to the visit they happened during, and a visit to the talks within it."""
    own = lookups.sketches.get(event.pk)
    if own is None:
        return
    window = dt.timedelta(days=3)
    visit_types = FAMILY_TYPES["visit"]
    if own.family == "visit":
        children = list(
            Event.objects.exclude(pk=event.pk)
            .exclude(event_type__in=visit_types)
            .filter(
                parent__isnull=True,
                start_date__gte=own.start - window,
                start_date__lte=own.last_day + window,
            )
        )
        _sketches_load([c.pk for c in children], lookups)
        for child in children:
            child_sketch = lookups.sketches.get(child.pk)
            if (
                child_sketch
                and "parent" not in (child.curated_fields or [])
                and contains_event(own, child_sketch)
            ):
                child.parent = event
                child.save(update_fields=["parent"])
        return
    visits = list(
        Event.objects.filter(
            event_type__in=visit_types,
            start_date__lte=own.last_day + window,
            start_date__gte=own.start - dt.timedelta(days=40),
        ).order_by("start_date", "pk")
    )
    _sketches_load([v.pk for v in visits], lookups)
    parent = next(
        (
            v
            for v in visits
            if lookups.sketches.get(v.pk) and contains_event(lookups.sketches[v.pk], own)
        ),
        None,
    )
    if event.parent_id != (parent.pk if parent else None):
        event.parent = parent
        event.save(update_fields=["parent"])


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
    who = source.publisher or source.file_name or f"source {source.pk}"
    when = f", {source.published_date:%-d %b %Y}" if source.published_date else ""
    return f"{who}{when}"


def _describe_kwargs(lookups: Lookups) -> dict:
    return {
        "names": {**lookups.place_name, **lookups.actor_name},
        "people_kind": lookups.actor_kind,
        "place_kind": lookups.place_kind,
        "place_country": lookups.place_country,
        "actor_country": lookups.actor_country,
    }


def _unique_slug(description) -> str:
    base = slugify(f"{description.start_date:%Y-%m-%d} {description.title}")[:80].strip("-")
    slug, n = base, 2
    while Event.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug
