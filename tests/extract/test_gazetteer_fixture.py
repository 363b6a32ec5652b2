"""The gazetteer fixture is a valid natural-key Django fixture that matches the role tables."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from timeline.extract.entities import Gazetteer
from timeline.extract.roles import DEFAULT_CAPITALS, DEFAULT_DEMONYMS, DEFAULT_ROLES, DEFAULT_SEATS

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "gazetteer.json"
KINDS = {
    "timeline.actor": {"person", "organisation", "country"},
    "timeline.place": {"city", "country", "region", "building", "other"},
}
STATUSES = {"accepted", "proposed", "dismissed"}


@pytest.fixture(scope="module")
def objects() -> list[dict]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def slugs(objects: list[dict], model: str) -> set[str]:
    return {o["fields"]["slug"] for o in objects if o["model"] == model}


def test_models_and_natural_keys(objects):
    assert 60 <= len(objects) <= 130
    for obj in objects:
        assert obj["model"] in KINDS
        assert "pk" not in obj, "natural keys only"
        assert set(obj) == {"model", "fields"}


def test_fields_are_valid(objects):
    for obj in objects:
        fields = obj["fields"]
        label = f"{obj['model']} {fields.get('slug')}"
        assert isinstance(fields["name"], str) and fields["name"].strip(), label
        assert len(fields["name"]) <= 200, label
        slug = fields["slug"]
        assert slug and slug == slug.lower() and " " not in slug, label
        assert all(ch.isalnum() or ch == "-" for ch in slug), label
        assert fields["kind"] in KINDS[obj["model"]], label
        assert fields.get("status", "accepted") in STATUSES, label
        aliases = fields["aliases"]
        assert isinstance(aliases, list) and all(isinstance(a, str) and a for a in aliases), label
        assert len(set(aliases)) == len(aliases), f"duplicate alias in {label}"
        assert fields["name"] not in aliases, label


def test_slugs_unique_per_model(objects):
    for model in KINDS:
        found = [o["fields"]["slug"] for o in objects if o["model"] == model]
        assert len(found) == len(set(found)), model


def test_place_countries_resolve_and_coordinates_in_range(objects):
    countries = {
        o["fields"]["slug"]
        for o in objects
        if o["model"] == "timeline.place" and o["fields"]["kind"] == "country"
    }
    for obj in objects:
        if obj["model"] != "timeline.place":
            assert "country" not in obj["fields"]
            continue
        fields = obj["fields"]
        country = fields.get("country")
        if country is not None:
            assert isinstance(country, list) and len(country) == 1, fields["slug"]
            assert country[0] in countries, fields["slug"]
        for key, limit in (("latitude", 90), ("longitude", 180)):
            value = fields.get(key)
            if value is None:
                continue
            number = Decimal(str(value))
            assert -limit <= number <= limit, fields["slug"]
            # DecimalField(max_digits=9, decimal_places=6)
            assert -number.as_tuple().exponent <= 6, fields["slug"]


def test_every_country_actor_is_also_a_place(objects):
    actor_countries = {
        o["fields"]["slug"]
        for o in objects
        if o["model"] == "timeline.actor" and o["fields"]["kind"] == "country"
    }
    place_countries = {
        o["fields"]["slug"]
        for o in objects
        if o["model"] == "timeline.place" and o["fields"]["kind"] == "country"
    }
    assert actor_countries == place_countries


def test_required_domain_entries(objects):
    actors = {o["fields"]["slug"]: o["fields"] for o in objects if o["model"] == "timeline.actor"}
    places = {o["fields"]["slug"]: o["fields"] for o in objects if o["model"] == "timeline.place"}
    for slug in ("lukashenko", "xi-jinping", "li-keqiang", "li-qiang", "wang-yi", "putin"):
        assert actors[slug]["kind"] == "person"
    for slug in ("zelenskyy", "biden", "trump", "lavrov"):
        assert actors[slug]["kind"] == "person"
    assert {"Aleksandr Lukashenko", "Alyaksandr Lukashenka", "Lukashenko"} <= set(
        actors["lukashenko"]["aliases"]
    )
    assert {"Xi", "Jinping"} <= set(actors["xi-jinping"]["aliases"])
    assert {"Zelensky", "Zelenskiy"} <= set(actors["zelenskyy"]["aliases"])
    for slug in ("european-union", "nato", "united-nations", "sco", "belta", "xinhua"):
        assert actors[slug]["kind"] == "organisation"
    assert "State Department" in actors["us-state-department"]["aliases"]
    for slug in ("china", "belarus", "russia", "ukraine", "united-states", "united-kingdom"):
        assert actors[slug]["kind"] == "country"
    assert {"US", "USA"} <= set(actors["united-states"]["aliases"])
    assert {"UK", "Britain"} <= set(actors["united-kingdom"]["aliases"])
    assert "Kiev" in places["kyiv"]["aliases"]
    assert places["diaoyutai-state-guesthouse"]["kind"] == "building"
    assert places["diaoyutai-state-guesthouse"]["country"] == ["china"]
    assert places["great-hall-of-the-people"]["kind"] == "building"
    for slug in ("beijing", "minsk", "moscow", "kyiv", "washington", "brussels"):
        assert places[slug]["kind"] == "city"


def test_role_tables_refer_to_fixture_slugs(objects):
    actors = slugs(objects, "timeline.actor")
    places = slugs(objects, "timeline.place")
    for role in DEFAULT_ROLES:
        assert role.person in actors, role
        assert role.country in actors, role
        assert role.start is None or role.end is None or role.start <= role.end, role
    assert set(DEFAULT_DEMONYMS) <= actors
    for country, capital in DEFAULT_CAPITALS.items():
        assert country in actors and capital in places
    for place, country in DEFAULT_SEATS.items():
        assert place in places and country in actors


def test_no_alias_is_shared_by_two_entries_of_one_model(objects):
    # A shared alias would make matching ambiguous; countries appear once per model.
    for model in KINDS:
        seen: dict[str, str] = {}
        for obj in objects:
            if obj["model"] != model:
                continue
            fields = obj["fields"]
            for form in (fields["name"], *fields["aliases"]):
                assert form not in seen, f"{form!r}: {seen.get(form)} and {fields['slug']}"
                seen[form] = fields["slug"]


def test_builds_a_gazetteer(objects):
    gazetteer = Gazetteer.from_fixture(objects)
    assert len(gazetteer.actors) + len(gazetteer.places) == len(objects)
    assert gazetteer.places["diaoyutai-state-guesthouse"].country == "china"
    # Persons take a country from their office, for surname order and "counterpart".
    assert gazetteer.actors["li-keqiang"].country == "china"
    assert "Li" in gazetteer.surnames
