"""`/export/<format>/` and the timeline's Export menu."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.http import QueryDict

from timeline import exports, selectors
from timeline.filters import filters_from_query
from timeline.models import Event
from timeline.pipeline import articles_import

pytestmark = pytest.mark.django_db

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "ics": "text/calendar; charset=utf-8",
    "timelinejs": "application/json; charset=utf-8",
    "annotations": 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
    "fixture": "application/json; charset=utf-8",
}


@pytest.fixture
def seeded(seeds_dir: Path, settings, gazetteer) -> None:
    settings.TIMELINE_AUTO_PUBLISH = True
    articles_import([seeds_dir], max_bytes=5_000_000)
    rejected = Event.objects.filter(status="published", event_type="conflict").get()
    rejected.status = Event.Status.REJECTED
    rejected.save()
    assert Event.objects.filter(status="proposed").exists()


def event_slugs(response) -> set[str]:
    data = json.loads(response.content)
    return {slide["unique_id"] for slide in data["events"]}


@pytest.mark.parametrize("fmt", list(exports.FORMATS))
def test_each_format_downloads_with_its_type_and_filename(client, seeded, fmt) -> None:
    response = client.get(f"/export/{fmt}/")

    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPES[fmt]
    filename = exports.FORMATS[fmt].filename
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response.content


def test_anonymous_export_has_published_events_only(client, seeded) -> None:
    published = set(Event.objects.filter(status="published").values_list("slug", flat=True))

    for fmt in ("timelinejs", "fixture"):
        text = client.get(f"/export/{fmt}/").content.decode()
        for event in Event.objects.exclude(status="published"):
            assert event.slug not in text, (fmt, event.status)
    assert event_slugs(client.get("/export/timelinejs/")) == published


def test_staff_export_adds_proposed_but_never_rejected_events(client, seeded) -> None:
    staff = get_user_model().objects.create_user("curator", password="x", is_staff=True)
    client.force_login(staff)

    slugs = event_slugs(client.get("/export/timelinejs/"))

    assert slugs == set(Event.objects.exclude(status="rejected").values_list("slug", flat=True))


def test_export_keeps_the_timelines_filters(client, seeded) -> None:
    query = "actor=lukashenko&type=meeting&from=2023-12"
    _, filters = filters_from_query(QueryDict(query))
    expected = set(selectors.events_filtered(filters).values_list("slug", flat=True))

    response = client.get(f"/export/csv/?{query}")

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {r["url"].rstrip("/").rsplit("/", 1)[1] for r in rows} == expected
    assert len(expected) == 1


def test_export_links_use_the_requests_host(client, seeded, settings) -> None:
    settings.ALLOWED_HOSTS = ["timeline.example.org"]
    response = client.get("/export/csv/", HTTP_HOST="timeline.example.org", secure=True)

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows and all(r["url"].startswith("https://timeline.example.org/events/") for r in rows)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("from=banana", "Enter a year (2023), a month (2023-03) or a day (2023-03-01)."),
        ("from=2023-02-30", "is not a real date"),
        ("from=2023-12&to=2023-01", "“To” is before “From”."),
        ("actor=nobody", "Unknown people or organisations: “nobody”."),
        ("type=picnic", "Unknown event type: “picnic”."),
        ("place=atlantis", "Unknown place: “atlantis”."),
        ("source=abc", "Enter a whole number."),
    ],
)
def test_bad_filters_give_400_with_the_message(client, seeded, query, message) -> None:
    response = client.get(f"/export/timelinejs/?{query}")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert message in response.content.decode()


def test_unknown_format_is_404_with_the_known_formats(client, seeded) -> None:
    response = client.get("/export/pdf/")

    assert response.status_code == 404
    text = response.content.decode()
    assert "Unknown export format “pdf”" in text and "timelinejs" in text


def test_export_refuses_post(client, seeded) -> None:
    assert client.post("/export/csv/").status_code == 405


def test_timeline_page_has_an_export_menu_keeping_the_filters(client, seeded) -> None:
    response = client.get("/?type=meeting&actor=lukashenko&after=2023-03-01_1")
    html = response.content.decode()

    assert 'id="export-menu"' in html
    for fmt in exports.FORMATS:
        assert f'href="/export/{fmt}/?type=meeting&amp;actor=lukashenko"' in html


def test_export_menu_updates_with_the_htmx_results_fragment(client, seeded) -> None:
    response = client.get("/?type=summit", headers={"HX-Request": "true"})
    html = response.content.decode()

    assert "<html" not in html
    assert 'href="/export/ics/?type=summit"' in html


def test_export_menu_without_filters_links_to_the_bare_export(client, seeded) -> None:
    html = client.get("/").content.decode()

    assert 'href="/export/csv/"' in html
