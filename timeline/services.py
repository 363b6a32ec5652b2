"""Curation writes: publish, reject, merge and split events; merge, accept and dismiss names.

Each service runs in one transaction and saves objects one by one (never `queryset.update()`),
so django-simple-history records every change with the curator who made it. The admin, views
and commands call these; they hold no logic of their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from timeline.models import (
    Actor,
    Event,
    EventRedirect,
    Evidence,
    Place,
    ReviewStatus,
    Source,
)
from timeline.pipeline import (
    ExtractReport,
    Lookups,
    events_extract,
    events_refresh,
    lookups_load,
)

STATUS_CURATED = "status"


def _mark_curated(event: Event, *fields: str) -> None:
    event.curated_fields = sorted({*(event.curated_fields or []), *fields})


@transaction.atomic
def events_publish(events: Iterable[Event]) -> int:
    """Publish events; a curator's decision, so later extraction keeps it."""
    return _events_set_status(events, Event.Status.PUBLISHED)


@transaction.atomic
def events_reject(events: Iterable[Event]) -> int:
    """Reject events: they leave the public timeline; extraction does not bring them back."""
    return _events_set_status(events, Event.Status.REJECTED)


def _events_set_status(events: Iterable[Event], status: str) -> int:
    changed = 0
    for event in events:
        if event.status != status:
            event.status = status
            changed += 1
        _mark_curated(event, STATUS_CURATED)
        event.save()
    return changed


@transaction.atomic
def event_merge(survivor: Event, others: Sequence[Event], *, lookups: Lookups | None = None):
    """Merge `others` into `survivor`: their evidence, participants, children and redirects
    move to it, their permalinks redirect to it, and they are deleted."""
    others = [o for o in others if o.pk != survivor.pk]
    if not others:
        raise ValidationError("Choose at least two events to merge.")
    survivor_passages = set(survivor.evidence.values_list("source_id", "start", "end"))
    for other in others:
        for evidence in other.evidence.all():
            key = (evidence.source_id, evidence.start, evidence.end)
            if key in survivor_passages:
                evidence.delete()  # the same passage already supports the survivor
                continue
            evidence.event = survivor
            evidence.origin = Evidence.Origin.CURATOR
            evidence.save()
            survivor_passages.add(key)
        for actor in other.participants.all():
            survivor.participants.add(actor)
        for child in other.children.all():
            if child.pk != survivor.pk:
                child.parent = survivor
                child.save()
        if survivor.parent_id is None and other.parent_id and other.parent_id != survivor.pk:
            survivor.parent_id = other.parent_id
        if survivor.place_id is None and other.place_id:
            survivor.place_id = other.place_id
        for redirect in other.redirects.all():
            redirect.event = survivor
            redirect.save()
        EventRedirect.objects.create(old_slug=other.slug, event=survivor)
        other.delete()
    survivor.save()
    # Dates, title and summary now come from all the evidence (curated fields stay).
    events_refresh([survivor], lookups or lookups_load(), ExtractReport())
    survivor.refresh_from_db()
    return survivor


@transaction.atomic
def evidence_split(evidence: Evidence, *, lookups: Lookups | None = None) -> Event:
    """Move one passage off its event into a new event of its own."""
    old = evidence.event
    if old.evidence.count() < 2:
        raise ValidationError("An event with a single passage cannot be split.")
    new = Event(
        slug=_split_slug(old),
        title=old.title,
        start_date=old.start_date,
        start_precision=old.start_precision,
        event_type=old.event_type,
        status=Event.Status.PROPOSED,
    )
    new.save()
    evidence.event = new
    evidence.origin = Evidence.Origin.CURATOR
    evidence.save()
    lookups = lookups or lookups_load()
    events_refresh([new, old], lookups, ExtractReport())
    new.refresh_from_db()
    return new


def _split_slug(event: Event) -> str:
    n = 2
    while Event.objects.filter(slug=f"{event.slug}-split-{n}").exists():
        n += 1
    return f"{event.slug}-split-{n}"


def _names_merge(survivor: Actor | Place, others: Sequence[Actor | Place], move) -> None:
    """Shared by actor and place merges: `move(other)` re-points every reference, then the
    other's names become the survivor's aliases and the other is deleted."""
    others = [o for o in others if o.pk != survivor.pk]
    if not others:
        raise ValidationError("Choose at least two to merge.")
    aliases = list(survivor.aliases or [])
    for other in others:
        move(other)
        for name in [other.name, *(other.aliases or [])]:
            if name and name != survivor.name and name not in aliases:
                aliases.append(name)
        other.delete()
    survivor.aliases = aliases
    survivor.status = ReviewStatus.ACCEPTED
    survivor.full_clean()
    survivor.save()


@transaction.atomic
def actor_merge(survivor: Actor, others: Sequence[Actor]) -> Actor:
    """Merge duplicate actors: every event moves to the survivor, names become aliases."""

    def move(other: Actor) -> None:
        for event in other.events.all():
            event.participants.remove(other)
            event.participants.add(survivor)

    _names_merge(survivor, others, move)
    return survivor


@transaction.atomic
def place_merge(survivor: Place, others: Sequence[Place]) -> Place:
    """Merge duplicate places: events and places inside them move to the survivor."""

    def move(other: Place) -> None:
        for event in other.events.all():
            event.place = survivor
            event.save()
        for inner in Place.objects.filter(country=other):
            inner.country = survivor
            inner.save()

    _names_merge(survivor, others, move)
    return survivor


@transaction.atomic
def names_review(objects: Iterable[Actor | Place], status: str) -> int:
    """Accept or dismiss names extraction proposed (or any actor/place)."""
    changed = 0
    for obj in objects:
        if obj.status != status:
            obj.status = status
            obj.save()
            changed += 1
    return changed


def sources_reextract(sources: Iterable[Source]) -> ExtractReport:
    """Run extraction again on these sources (curated fields and passages stay as they are)."""
    return events_extract(source_ids=[s.pk for s in sources])
