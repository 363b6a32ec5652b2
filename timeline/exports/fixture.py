"""The Django fixture format: export (a consistent subset, natural keys) and validated import.

Export: the events, all their evidence, the evidence's sources, the events' participants and
places, and each place's `country` (transitively). An event's `parent` is kept when the parent is
exported too and written as `null` otherwise, so a filtered or published-only export never names
an event it does not contain (loading such a file over a database that has the parent unlinks
it there). `complete=True` (`export_timeline --status all` without filters) adds every source,
actor and place, so the file restores a whole database. Objects are ordered by model, then by
natural key (places after their country, events after their parent); keys are sorted; so two
exports of the same rows are byte-identical on SQLite and PostgreSQL alike.

Load it with `manage.py loaddata` (natural primary keys: rows that already exist, such as the
gazetteer migration 0002 loads, are updated in place) or, validated, with `fixture_import`
(`manage.py import_timeline`), which loads nothing unless every object is valid.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field

from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, models, transaction
from django.db.models import QuerySet
from django.utils import timezone

from timeline.exports.common import ExportOptions
from timeline.models import Actor, Event, Evidence, Place, Source

# Load order: every model's natural key only names models before it.
MODELS: dict[str, type[models.Model]] = {
    "timeline.source": Source,
    "timeline.actor": Actor,
    "timeline.place": Place,
    "timeline.event": Event,
    "timeline.evidence": Evidence,
}
PLURALS = {
    "timeline.source": "sources",
    "timeline.actor": "actors",
    "timeline.place": "places",
    "timeline.event": "events",
    "timeline.evidence": "evidence passages",
}


# --- Export ------------------------------------------------------------------------------


def render(events: QuerySet[Event], options: ExportOptions) -> str:
    data = [
        {"model": item["model"], "fields": _keys_sorted(item["fields"])}
        for item in fixture_objects(events, complete=options.complete)
    ]
    return json.dumps(data, cls=LosslessJSONEncoder, indent=2, ensure_ascii=False)


class LosslessJSONEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder cuts microseconds to milliseconds, so a value ending in .000xyz comes
    back as a whole second and is then written without a fraction: a round trip would differ.
    Times are written whole (UTC, "Z"), which loaddata reads back to the same value."""

    def default(self, o):
        if isinstance(o, dt.datetime):
            if timezone.is_aware(o):
                o = o.astimezone(dt.UTC)
            return o.isoformat().removesuffix("+00:00") + ("Z" if o.tzinfo else "")
        if isinstance(o, dt.time):
            return o.isoformat()
        return super().default(o)


def _keys_sorted(value):
    """Dicts with sorted keys at every level (PostgreSQL's jsonb reorders keys; SQLite keeps
    insertion order), so both databases write the same file."""
    if isinstance(value, dict):
        return {key: _keys_sorted(value[key]) for key in sorted(value)}
    if isinstance(value, (list, tuple)):
        return [_keys_sorted(item) for item in value]
    return value


def fixture_objects(events: QuerySet[Event], *, complete: bool = False) -> list[dict]:
    """The fixture as Python objects (natural foreign and primary keys, no pks)."""
    event_rows = list(
        events.order_by()
        .select_related("place", "parent")
        .prefetch_related(models.Prefetch("participants", queryset=Actor.objects.order_by("slug")))
    )
    exported = {e.pk for e in event_rows}
    evidence = sorted(
        Evidence.objects.filter(event_id__in=exported)
        .select_related("event", "source")
        .only(
            *(f.attname for f in Evidence._meta.concrete_fields),
            "event__slug",
            "source__sha256",
        ),
        key=lambda ev: ev.natural_key(),
    )
    if complete:
        sources = Source.objects.all()
        actors = Actor.objects.all()
        places = list(Place.objects.select_related("country"))
    else:
        sources = Source.objects.filter(pk__in={ev.source_id for ev in evidence})
        actors = Actor.objects.filter(events__in=exported).distinct()
        places = _places_with_countries({e.place_id for e in event_rows if e.place_id})

    objects: list[models.Model] = [
        *sources.order_by("sha256"),
        *actors.order_by("slug"),
        *_parents_first(places, "country_id"),
        *_parents_first(event_rows, "parent_id"),
        *evidence,
    ]
    data = serializers.serialize(
        "python", objects, use_natural_foreign_keys=True, use_natural_primary_keys=True
    )
    slugs = {e.slug for e in event_rows}
    for item in data:
        fields = item["fields"]
        parent = fields.get("parent") if item["model"] == "timeline.event" else None
        if parent and parent[0] not in slugs:
            fields["parent"] = None  # the parent is not in this export: drop the link
        for name, value in fields.items():
            if isinstance(value, tuple):
                fields[name] = list(value)
            elif isinstance(value, list) and value and isinstance(value[0], tuple):
                fields[name] = [list(key) for key in value]
    return data


def _places_with_countries(place_ids: set[int]) -> list[Place]:
    """The places and, transitively, the places named as their country."""
    found: dict[int, Place] = {}
    wanted = set(place_ids)
    while wanted:
        rows = list(Place.objects.filter(pk__in=wanted).select_related("country"))
        found.update((p.pk, p) for p in rows)
        wanted = {p.country_id for p in rows if p.country_id} - found.keys()
    return list(found.values())


def _parents_first(rows, parent_attr: str) -> list:
    """Rows ordered by depth (a row after the one it points to), then by slug."""
    by_pk = {row.pk: row for row in rows}

    def depth(row) -> int:
        seen, level = {row.pk}, 0
        parent = by_pk.get(getattr(row, parent_attr))
        while parent is not None and parent.pk not in seen:
            seen.add(parent.pk)
            level += 1
            parent = by_pk.get(getattr(parent, parent_attr))
        return level

    return sorted(rows, key=lambda row: (depth(row), row.slug))


# --- Validated import --------------------------------------------------------------------


class FixtureInvalid(Exception):
    """The fixture was rejected; `errors` name each object and field. Nothing was written."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class FixtureReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        per_model = Counter(self.created) + Counter(self.updated)
        parts = ", ".join(f"{per_model[m]} {PLURALS[m]}" for m in MODELS if per_model[m])
        total = sum(per_model.values())
        return (
            f"{total} object(s): {parts or 'nothing'} "
            f"({sum(self.created.values())} new, {sum(self.updated.values())} updated)"
        )


@dataclass
class _Item:
    index: int
    label: str  # the model label, e.g. "timeline.event"
    model: type[models.Model]
    fields: dict
    key: tuple

    @property
    def name(self) -> str:
        """How messages name the object: `timeline.event "2023-12-04-talks"`."""
        if self.label == "timeline.evidence":
            event, sha, start, end = self.key
            return f'timeline.evidence "{event}" in source "{str(sha)[:12]}…" [{start}:{end}]'
        return f'{self.label} "{self.key[0]}"'


def fixture_import(text: str, *, dry_run: bool = False) -> FixtureReport:
    """Validate every object of a fixture and load it in one transaction, or raise
    `FixtureInvalid` with every problem found and write nothing. `dry_run` validates only."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FixtureInvalid([f"The file is not JSON: {exc}."]) from exc
    if not isinstance(data, list):
        raise FixtureInvalid(["A fixture is a JSON list of objects."])
    items, errors = _items_parse(data)
    errors += _references_check(items)
    if errors:
        raise FixtureInvalid(errors)
    report = FixtureReport()
    with transaction.atomic():
        errors = _items_load(items, report)
        if errors or dry_run:
            transaction.set_rollback(True)
    if errors:
        raise FixtureInvalid(errors)
    return report


def _items_parse(data: list) -> tuple[list[_Item], list[str]]:
    items: list[_Item] = []
    errors: list[str] = []
    seen: dict[tuple[str, tuple], int] = {}
    for index, raw in enumerate(data):
        where = f"object {index + 1}"
        if not isinstance(raw, dict) or not isinstance(raw.get("fields"), dict):
            errors.append(f'{where}: expected {{"model": ..., "fields": {{...}}}}.')
            continue
        label = str(raw.get("model", "")).lower()
        model = MODELS.get(label)
        if model is None:
            errors.append(
                f"{where}: model {raw.get('model')!r} is not part of a timeline fixture "
                f"(expected one of {', '.join(MODELS)})."
            )
            continue
        fields = raw["fields"]
        try:
            key = _natural_key(label, fields)
        except (KeyError, TypeError, ValueError):
            errors.append(f"{where} ({label}): its natural key is missing or malformed.")
            continue
        item = _Item(index, label, model, fields, key)
        if (label, key) in seen:
            errors.append(
                f"{item.name}: appears twice (objects {seen[label, key]} and {index + 1})."
            )
            continue
        seen[label, key] = index + 1
        errors.extend(_fields_check(item))
        items.append(item)
    items.sort(key=lambda item: (list(MODELS).index(item.label), item.index))
    return items, errors


def _natural_key(label: str, fields: dict) -> tuple:
    if label == "timeline.source":
        key = (fields["sha256"],)
    elif label == "timeline.evidence":
        event, source = fields["event"], fields["source"]
        if not (isinstance(event, list) and isinstance(source, list)):
            raise ValueError("evidence names its event and source by natural key")
        key = (event[0], source[0], int(fields["start"]), int(fields["end"]))
    else:
        key = (fields["slug"],)
    if not all(isinstance(part, (str, int)) and part != "" for part in key):
        raise ValueError("empty natural key")
    return key


def _fields_check(item: _Item) -> list[str]:
    """Unknown fields, and values their field refuses: impossible dates, wrong types, unknown
    choices (model-level rules, such as evidence matching its source, come with full_clean)."""
    errors = []
    for name, value in item.fields.items():
        try:
            model_field = item.model._meta.get_field(name)
        except FieldDoesNotExist:
            errors.append(f"{item.name}: {name}: Unknown field.")
            continue
        if model_field.is_relation or value is None:
            continue
        try:
            model_field.clean(value, None)  # type, choices, length, validators
        except ValidationError as exc:
            errors.append(f"{item.name}: {name}: {' '.join(exc.messages)}")
    return errors


def _references_check(items: list[_Item]) -> list[str]:
    """Every natural-key reference must name an object in the file or in the database."""
    in_file = {(item.label, item.key) for item in items}
    errors = []
    for item in items:
        for model_field in item.model._meta.get_fields():
            if not (model_field.many_to_one or model_field.many_to_many):
                continue
            if model_field.auto_created or model_field.name not in item.fields:
                continue
            value = item.fields[model_field.name]
            if value is None:
                continue
            refs = value if model_field.many_to_many else [value]
            if model_field.many_to_many and not isinstance(value, list):
                errors.append(f"{item.name}: {model_field.name}: Expected a list of natural keys.")
                continue
            target = model_field.related_model
            target_label = target._meta.label_lower
            for ref in refs:
                if not isinstance(ref, list) or not ref:
                    errors.append(
                        f"{item.name}: {model_field.name}: {ref!r} is not a natural key "
                        f'(expected e.g. ["slug"]).'
                    )
                    continue
                if (target_label, tuple(ref)) in in_file:
                    continue
                try:
                    target._default_manager.get_by_natural_key(*ref)
                except (ObjectDoesNotExist, TypeError, ValueError):
                    errors.append(
                        f"{item.name}: {model_field.name}: broken reference: {target_label} "
                        f"{json.dumps(ref, ensure_ascii=False)} is neither in the file nor in "
                        f"the database."
                    )
    return errors


def _items_load(items: list[_Item], report: FixtureReport) -> list[str]:
    """Deserialize, full_clean and save each object (inside the caller's transaction)."""
    errors: list[str] = []
    failed: set[tuple[str, tuple]] = set()
    deferred = []
    for item in items:
        if _depends_on(item, failed):
            failed.add((item.label, item.key))  # its own cause is already reported
            continue
        problems = _item_load(item, report, deferred)
        if problems:
            errors.extend(problems)
            failed.add((item.label, item.key))
    if not errors:
        for deserialized in deferred:
            try:
                deserialized.save_deferred_fields()
            except (ObjectDoesNotExist, DatabaseError) as exc:
                errors.append(f"{deserialized.object._meta.label_lower}: broken reference: {exc}")
    return errors


def _depends_on(item: _Item, failed: set[tuple[str, tuple]]) -> bool:
    if not failed:
        return False
    for model_field in item.model._meta.get_fields():
        if (model_field.many_to_one or model_field.many_to_many) and not model_field.auto_created:
            value = item.fields.get(model_field.name)
            refs = value if model_field.many_to_many else [value]
            label = model_field.related_model._meta.label_lower
            if any(isinstance(r, list) and (label, tuple(r)) in failed for r in refs or ()):
                return True
    return False


def _item_load(item: _Item, report: FixtureReport, deferred: list) -> list[str]:
    raw = {"model": item.label, "fields": item.fields}
    try:
        (deserialized,) = serializers.deserialize("python", [raw], handle_forward_references=True)
    except (DeserializationError, ObjectDoesNotExist, ValidationError) as exc:
        return [f"{item.name}: {_first_line(exc)}"]
    obj = deserialized.object
    created = obj.pk is None
    obj._state.adding = created  # found by natural key: an update, not a clash with itself
    for model_field in obj._meta.concrete_fields:
        if getattr(model_field, "auto_now", False) and getattr(obj, model_field.attname) is None:
            setattr(obj, model_field.attname, timezone.now())
    if isinstance(obj, Event) and obj.start_date:
        with contextlib.suppress(TypeError, ValueError):  # full_clean reports the cause
            obj.last_day = obj.period_end  # derived: never trust the file's copy
    try:
        obj.full_clean()
    except ValidationError as exc:
        return _validation_lines(item, exc)
    try:
        with transaction.atomic():
            deserialized.save()
    except DatabaseError as exc:
        return [f"{item.name}: the database refused it: {_first_line(exc)}"]
    (report.created if created else report.updated)[item.label] += 1
    if deserialized.deferred_fields:
        deferred.append(deserialized)
    return []


def _validation_lines(item: _Item, exc: ValidationError) -> list[str]:
    if not hasattr(exc, "error_dict"):
        return [f"{item.name}: {' '.join(exc.messages)}"]
    lines = []
    for name, messages in exc.message_dict.items():
        prefix = f"{item.name}: " if name == "__all__" else f"{item.name}: {name}: "
        lines.append(prefix + " ".join(messages))
    return lines


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [exc.__class__.__name__])[0]
