"""The export formats (timeline.exports): each file read back with the tools that read it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import icalendar
import pytest
from django.http import QueryDict

from timeline import exports, selectors
from timeline.exports import ExportOptions
from timeline.exports.fixture import fixture_objects
from timeline.filters import TimelineFilters, filters_from_query
from timeline.models import Event, Evidence, Source
from timeline.pipeline import articles_import

pytestmark = pytest.mark.django_db

BASE = "https://timeline.example.org"
OPTIONS = ExportOptions(base_url=BASE)


@pytest.fixture
def seeded(seeds_dir: Path, settings, gazetteer) -> None:
    settings.TIMELINE_AUTO_PUBLISH = True
    articles_import([seeds_dir], max_bytes=5_000_000)
    assert Event.objects.filter(status="published").count() >= 5


def published() -> object:
    return selectors.events_filtered(TimelineFilters())


def render(fmt: str, events=None) -> str:
    return exports.export_render(fmt, published() if events is None else events, OPTIONS)


def slugs_in(fmt: str, text: str) -> set[str]:
    """The events a file contains, read the way its consumers read it."""
    if fmt == "timelinejs":
        return {slide["unique_id"] for slide in json.loads(text)["events"]}
    if fmt == "csv":
        return {
            row["url"].rstrip("/").rsplit("/", 1)[1] for row in csv.DictReader(io.StringIO(text))
        }
    if fmt == "ics":
        calendar = icalendar.Calendar.from_ical(text)
        return {str(e["UID"]).removesuffix("@timeline") for e in calendar.walk("VEVENT")}
    if fmt == "annotations":
        items = json.loads(text)["first"]["items"]
        return {a["body"]["id"].rstrip("/").rsplit("/", 1)[1] for a in items}
    if fmt == "fixture":
        return {o["fields"]["slug"] for o in json.loads(text) if o["model"] == "timeline.event"}
    raise AssertionError(fmt)


# --- Filters: every format holds exactly the filtered timeline's events --------------------

FILTER_QUERIES = [
    "",
    "actor=li-keqiang",
    "actor=lukashenko&actor=xi-jinping",
    "type=meeting&type=state_visit",
    "from=2023-12",
    "from=2023-03&to=2023-10",
    "place=beijing",
    "publisher=BelTA",
    "q=Forum",
]


@pytest.mark.parametrize("fmt", list(exports.FORMATS))
@pytest.mark.parametrize("query", FILTER_QUERIES)
def test_filtered_export_holds_the_filtered_timelines_events(seeded, fmt, query) -> None:
    _, filters = filters_from_query(QueryDict(query))
    assert filters is not None
    events = selectors.events_filtered(filters)
    expected = set(events.values_list("slug", flat=True))

    assert slugs_in(fmt, render(fmt, events)) == expected


def test_published_export_leaves_out_proposed_and_rejected_events(seeded) -> None:
    proposed = set(Event.objects.filter(status="proposed").values_list("slug", flat=True))
    rejected = Event.objects.filter(status="published").first()
    rejected.status = "rejected"
    rejected.save()
    assert proposed

    for fmt in exports.FORMATS:
        slugs = slugs_in(fmt, render(fmt))
        assert not slugs & proposed, fmt
        assert rejected.slug not in slugs, fmt


# --- TimelineJS ----------------------------------------------------------------------------


def test_timelinejs_dates_follow_each_events_precision(make_event) -> None:
    make_event("Day talks", dt.date(2023, 12, 4))
    make_event("Month forum", dt.date(2023, 10, 1), precision="month", event_type="summit")
    make_event("Year war", dt.date(2022, 1, 1), precision="year", event_type="conflict")
    make_event("Visit", dt.date(2023, 12, 3), end=dt.date(2023, 12, 5), event_type="visit")

    slides = {s["text"]["headline"]: s for s in json.loads(render("timelinejs"))["events"]}

    assert slides["Day talks"]["start_date"] == {"year": 2023, "month": 12, "day": 4}
    assert "end_date" not in slides["Day talks"]
    assert slides["Month forum"]["start_date"] == {"year": 2023, "month": 10}
    assert slides["Month forum"]["display_date"] == "Oct 2023"
    assert slides["Year war"]["start_date"] == {"year": 2022}
    assert slides["Visit"]["end_date"] == {"year": 2023, "month": 12, "day": 5}
    assert slides["Visit"]["display_date"] == "3–5 Dec 2023"
    assert slides["Month forum"]["group"] == "Summit or forum"


def test_timelinejs_escapes_titles_and_links_each_source(make_event) -> None:
    event = make_event("Talks", summary="Said <b>this</b>.")
    event.title = '<script>alert("x")</script> & talks'
    event.save()

    data = json.loads(render("timelinejs"))
    (slide,) = data["events"]

    assert slide["unique_id"] == event.slug
    headline, text = slide["text"]["headline"], slide["text"]["text"]
    assert headline == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; talks"
    assert "<b>" not in text and "&lt;b&gt;this&lt;/b&gt;" in text
    source = event.evidence.get().source
    assert f'href="{BASE}/sources/{source.pk}/#ev-' in text
    assert f'href="{BASE}/events/{event.slug}/"' in text
    assert data["title"]["text"]["headline"] == "Timeline"


# --- CSV -----------------------------------------------------------------------------------


def test_csv_has_a_header_and_one_row_per_event_with_quoting(make_event) -> None:
    tricky = 'Talks, then a "frank" exchange'
    event = make_event("Talks", actors=("lukashenko", "xi-jinping"), place="beijing")
    make_event("Forum", dt.date(2023, 10, 1), precision="month", event_type="summit")
    formula = make_event("Formula")
    Event.objects.filter(pk=event.pk).update(title=tricky)
    Event.objects.filter(pk=formula.pk).update(title="=HYPERLINK(1)")

    text = render("csv")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))

    assert text.splitlines()[0].split(",") == exports.csv_export.HEADER
    assert len(rows) == 3
    by_title = {row["title"]: row for row in rows}
    row = by_title[tricky]
    assert '"Talks, then a ""frank"" exchange"' in text
    assert row["start_date"] == "2023-12-04" and row["precision"] == "day"
    names = sorted(event.participants.values_list("name", flat=True))
    assert row["participants"] == "; ".join(names)
    assert row["place"] == "Beijing"
    assert row["source_count"] == "1"
    assert row["url"].startswith(f"{BASE}/events/") and row["source_pages"].startswith(BASE)
    assert by_title["Forum"]["start_date"] == "2023-10"
    assert by_title["Forum"]["precision"] == "month"
    assert "'=HYPERLINK(1)" in by_title  # a spreadsheet must not run it as a formula


def test_csv_counts_and_lists_every_source_of_an_event(seeded) -> None:
    rows = list(csv.DictReader(io.StringIO(render("csv"), newline="")))
    talks = next(r for r in rows if r["title"] == "Alexander Lukashenko and Xi Jinping hold talks")

    assert talks["source_count"] == "4"
    assert len(talks["source_pages"].split()) == 4


# --- iCalendar -----------------------------------------------------------------------------


def test_ics_parses_and_spans_each_events_period(make_event) -> None:
    day = make_event("Day talks", dt.date(2023, 12, 4), place="beijing")
    month = make_event("Month forum", dt.date(2023, 10, 1), precision="month")
    year = make_event("Year war", dt.date(2022, 1, 1), precision="year")
    visit = make_event("Visit", dt.date(2023, 12, 3), end=dt.date(2023, 12, 5))

    calendar = icalendar.Calendar.from_ical(render("ics"))
    vevents = {str(e["UID"]): e for e in calendar.walk("VEVENT")}

    def span(event: Event) -> tuple[dt.date, dt.date]:
        vevent = vevents[f"{event.slug}@timeline"]
        return vevent.decoded("DTSTART"), vevent.decoded("DTEND")

    assert len(vevents) == 4
    assert span(day) == (dt.date(2023, 12, 4), dt.date(2023, 12, 5))
    assert span(month) == (dt.date(2023, 10, 1), dt.date(2023, 11, 1))
    assert span(year) == (dt.date(2022, 1, 1), dt.date(2023, 1, 1))
    assert span(visit) == (dt.date(2023, 12, 3), dt.date(2023, 12, 6))
    talks = vevents[f"{day.slug}@timeline"]
    assert str(talks["URL"]) == f"{BASE}/events/{day.slug}/"
    assert str(talks["SUMMARY"]) == "Day talks"
    assert str(talks["LOCATION"]) == "Beijing"
    assert calendar["PRODID"] and str(calendar["VERSION"]) == "2.0"


def test_ics_is_the_same_file_when_nothing_changed(seeded) -> None:
    assert render("ics") == render("ics")


# --- Web Annotations -----------------------------------------------------------------------


def test_annotations_reanchor_in_the_source_text(seeded) -> None:
    data = json.loads(render("annotations"))
    items = data["first"]["items"]

    assert data["type"] == "AnnotationCollection" and data["total"] == len(items) > 10
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    for annotation in items:
        assert annotation["type"] == "Annotation"
        assert annotation["body"]["id"].startswith(f"{BASE}/events/")
        pk = int(annotation["target"]["source"].removeprefix(f"{BASE}/sources/").strip("/"))
        body = Source.objects.get(pk=pk).body
        quote, position = annotation["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector"
        assert position["type"] == "TextPositionSelector"
        assert body[position["start"] : position["end"]] == quote["exact"]
        assert body[: position["start"]].endswith(quote["prefix"])
        assert body[position["end"] :].startswith(quote["suffix"])
    assert len({a["id"] for a in items}) == len(items)


def test_one_annotation_per_evidence_passage(seeded) -> None:
    items = json.loads(render("annotations"))["first"]["items"]

    assert len(items) == Evidence.objects.filter(event__in=published()).count()


# --- Fixture: a consistent subset ----------------------------------------------------------


def test_fixture_subset_brings_evidence_sources_actors_places_and_countries(seeded) -> None:
    _, filters = filters_from_query(QueryDict("type=state_visit"))
    data = fixture_objects(selectors.events_filtered(filters))
    by_model: dict[str, list[dict]] = {}
    for item in data:
        by_model.setdefault(item["model"], []).append(item["fields"])
        assert "pk" not in item  # natural primary keys

    (visit,) = by_model["timeline.event"]
    sources = {f["sha256"] for f in by_model["timeline.source"]}
    actors = {f["slug"] for f in by_model["timeline.actor"]}
    places = {f["slug"] for f in by_model["timeline.place"]}
    assert {f["event"][0] for f in by_model["timeline.evidence"]} == {visit["slug"]}
    assert {f["source"][0] for f in by_model["timeline.evidence"]} == sources
    assert {slug for (slug,) in visit["participants"]} == actors
    assert visit["place"] == ["beijing"] and places == {"beijing", "china"}
    event = Event.objects.get(slug=visit["slug"])
    assert len(by_model["timeline.evidence"]) == event.evidence.count()


def test_fixture_drops_the_parent_link_when_the_parent_is_not_exported(seeded) -> None:
    _, filters = filters_from_query(QueryDict("type=meeting"))
    data = fixture_objects(selectors.events_filtered(filters))
    events = [o["fields"] for o in data if o["model"] == "timeline.event"]

    assert events and all(e["parent"] is None for e in events)
    assert Event.objects.filter(event_type="meeting").exclude(parent=None).exists()


def test_fixture_keeps_the_parent_link_when_both_are_exported(seeded) -> None:
    data = fixture_objects(published())
    events = [o["fields"] for o in data if o["model"] == "timeline.event"]
    slugs = [e["slug"] for e in events]
    children = [e for e in events if e["parent"]]

    assert children
    for child in children:
        assert slugs.index(child["parent"][0]) < slugs.index(child["slug"])  # parent first


def test_fixture_is_byte_identical_when_exported_twice(seeded) -> None:
    assert render("fixture") == render("fixture")
