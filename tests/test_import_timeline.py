"""`manage.py import_timeline`: validates every object, then loads, or writes nothing."""

from __future__ import annotations

import copy
import datetime as dt
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.core.serializers.json import DjangoJSONEncoder

from timeline.exports.common import ExportOptions
from timeline.exports.fixture import FixtureInvalid, fixture_import, fixture_objects, render
from timeline.models import Actor, Event, Evidence, Place, Source

pytestmark = pytest.mark.django_db

SLUG = "2023-12-04-talks"


@pytest.fixture
def fixture_data(make_event) -> list[dict]:
    """A one-event fixture (event, evidence, source, actors, place with country), then an
    empty database (the gazetteer stays, as after migrate)."""
    event = make_event("Talks", actors=("lukashenko", "xi-jinping"), place="beijing")
    Event.objects.filter(pk=event.pk).update(slug=SLUG)
    data = json.loads(render(Event.objects.all(), ExportOptions()))
    Evidence.objects.all().delete()
    Event.objects.all().delete()
    Source.objects.all().delete()
    return data


def write(tmp_path: Path, data) -> Path:
    path = tmp_path / "fixture.json"
    text = data if isinstance(data, str) else json.dumps(data, cls=DjangoJSONEncoder)
    path.write_text(text, encoding="utf-8")
    return path


def run(path: Path) -> str:
    out = StringIO()
    call_command("import_timeline", str(path), stdout=out)
    return out.getvalue()


def rejected(tmp_path: Path, data) -> str:
    with pytest.raises(CommandError) as info:
        run(write(tmp_path, data))
    assert "nothing was written" in str(info.value)
    assert not Event.objects.exists() and not Source.objects.exists()
    return str(info.value)


def the(data: list[dict], model: str) -> dict:
    return next(o["fields"] for o in data if o["model"] == f"timeline.{model}")


def test_a_valid_fixture_loads(fixture_data, tmp_path) -> None:
    output = run(write(tmp_path, fixture_data))

    event = Event.objects.get(slug=SLUG)
    assert "1 events" in output and "1 sources" in output
    assert set(event.participants.values_list("slug", flat=True)) == {"lukashenko", "xi-jinping"}
    assert event.place.slug == "beijing" and event.last_day == dt.date(2023, 12, 4)
    assert Evidence.objects.get().source.sha256 == the(fixture_data, "source")["sha256"]


def test_existing_rows_are_updated_in_place_not_duplicated(fixture_data, tmp_path) -> None:
    actors, places = Actor.objects.count(), Place.objects.count()
    places_in_file = [o["fields"] for o in fixture_data if o["model"] == "timeline.place"]
    beijing = next(p for p in places_in_file if p["slug"] == "beijing")  # in the gazetteer too
    beijing["aliases"] = [*beijing["aliases"], "Peking"]

    output = run(write(tmp_path, fixture_data))
    run(write(tmp_path, fixture_data))

    assert Actor.objects.count() == actors and Place.objects.count() == places
    assert "Peking" in Place.objects.get(slug="beijing").aliases
    assert "updated" in output


def test_unknown_choice_is_named_with_object_and_field(fixture_data, tmp_path) -> None:
    the(fixture_data, "event")["start_precision"] = "week"

    message = rejected(tmp_path, fixture_data)

    assert f"timeline.event \"{SLUG}\": start_precision: Value 'week' is not a valid choice." in (
        message
    )


def test_impossible_date_is_refused(fixture_data, tmp_path) -> None:
    the(fixture_data, "event")["start_date"] = "2023-02-30"

    message = rejected(tmp_path, fixture_data)

    assert f'timeline.event "{SLUG}": start_date: ' in message
    assert "invalid date" in message


def test_date_not_at_the_start_of_its_precision_is_refused(fixture_data, tmp_path) -> None:
    the(fixture_data, "event")["start_precision"] = "month"  # 4 Dec is not the first of the month

    message = rejected(tmp_path, fixture_data)

    assert f'timeline.event "{SLUG}": start_date: A date of month precision must be' in message


def test_end_before_start_is_refused(fixture_data, tmp_path) -> None:
    event = the(fixture_data, "event")
    event.update(end_date="2023-12-01", end_precision="day")

    message = rejected(tmp_path, fixture_data)

    assert f'timeline.event "{SLUG}": end_date: The end date is before the start date.' in message


def test_broken_reference_is_named(fixture_data, tmp_path) -> None:
    the(fixture_data, "event")["participants"].append(["nobody-at-all"])
    the(fixture_data, "event")["place"] = ["atlantis"]

    message = rejected(tmp_path, fixture_data)

    assert (
        f'timeline.event "{SLUG}": participants: broken reference: timeline.actor '
        '["nobody-at-all"] is neither in the file nor in the database.'
    ) in message
    assert 'place: broken reference: timeline.place ["atlantis"]' in message


def test_evidence_pointing_to_a_missing_source_is_refused(fixture_data, tmp_path) -> None:
    data = [o for o in fixture_data if o["model"] != "timeline.source"]

    message = rejected(tmp_path, data)

    assert "timeline.evidence" in message and "source: broken reference: timeline.source" in message


def test_references_resolve_from_the_database(fixture_data, tmp_path) -> None:
    data = [o for o in fixture_data if o["model"] not in ("timeline.actor", "timeline.place")]

    run(write(tmp_path, data))  # lukashenko, xi-jinping and beijing come from the gazetteer

    assert Event.objects.get(slug=SLUG).participants.count() == 2


def test_evidence_offsets_must_match_the_source_text(fixture_data, tmp_path) -> None:
    evidence = the(fixture_data, "evidence")
    evidence["exact"] = "Something the article never said."

    message = rejected(tmp_path, fixture_data)

    assert "timeline.evidence" in message
    assert "exact: The quote does not match the source at its offsets." in message


def test_evidence_past_the_end_of_the_source_is_refused(fixture_data, tmp_path) -> None:
    evidence = the(fixture_data, "evidence")
    evidence["end"] = 10_000

    message = rejected(tmp_path, fixture_data)

    assert "end: Offset 10000 is past the end of the source." in message


def test_unknown_field_and_unknown_model_are_refused(fixture_data, tmp_path) -> None:
    data = copy.deepcopy(fixture_data)
    the(data, "event")["colour"] = "red"
    data.append({"model": "auth.user", "fields": {"username": "mallory"}})

    message = rejected(tmp_path, data)

    assert f'timeline.event "{SLUG}": colour: Unknown field.' in message
    assert "model 'auth.user' is not part of a timeline fixture" in message


def test_duplicate_objects_are_refused(fixture_data, tmp_path) -> None:
    event = next(o for o in fixture_data if o["model"] == "timeline.event")

    message = rejected(tmp_path, [*fixture_data, copy.deepcopy(event)])

    assert f'timeline.event "{SLUG}": appears twice' in message


def test_not_json_is_refused(tmp_path) -> None:
    assert "is not JSON" in rejected(tmp_path, "[{not json")


def test_one_bad_object_leaves_the_database_untouched(fixture_data, tmp_path) -> None:
    actors = sorted(Actor.objects.values_list("slug", "name"))
    fixture_data.append(
        {"model": "timeline.actor", "fields": {"slug": "new-person", "name": "", "kind": "alien"}}
    )

    message = rejected(tmp_path, fixture_data)

    assert "timeline.actor \"new-person\": kind: Value 'alien' is not a valid choice." in message
    assert 'timeline.actor "new-person": name: This field cannot be blank.' in message
    assert sorted(Actor.objects.values_list("slug", "name")) == actors


def test_dry_run_validates_and_writes_nothing(fixture_data, tmp_path) -> None:
    out = StringIO()
    call_command("import_timeline", str(write(tmp_path, fixture_data)), "--dry-run", stdout=out)

    assert "nothing written" in out.getvalue()
    assert not Event.objects.exists()


def test_service_reports_every_problem(fixture_data) -> None:
    the(fixture_data, "event")["status"] = "maybe"
    the(fixture_data, "event")["event_type"] = "party"

    with pytest.raises(FixtureInvalid) as info:
        fixture_import(json.dumps(fixture_data))

    assert len(info.value.errors) == 2


def test_a_filtered_export_is_a_loadable_fixture(make_event, tmp_path) -> None:
    visit = make_event("Visit", dt.date(2023, 12, 3), end=dt.date(2023, 12, 5), event_type="visit")
    talks = make_event("Talks", dt.date(2023, 12, 4), place="minsk")
    talks.parent = visit
    talks.save()
    data = fixture_objects(Event.objects.filter(pk=talks.pk))
    Evidence.objects.all().delete()
    Event.objects.all().delete()
    Source.objects.all().delete()

    run(write(tmp_path, data))

    loaded = Event.objects.get()
    assert loaded.slug == talks.slug and loaded.parent is None  # the parent was not exported
    assert loaded.place.country.slug == "belarus"  # the place's country came along
