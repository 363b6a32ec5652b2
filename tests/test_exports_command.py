"""`manage.py export_timeline`: formats, filters, statuses, base URL, output file."""

from __future__ import annotations

import csv
import io
import json
from io import StringIO
from pathlib import Path

import icalendar
import pytest
from django.core.management import CommandError, call_command
from django.http import QueryDict

from timeline import selectors
from timeline.filters import filters_from_query
from timeline.models import Event
from timeline.pipeline import articles_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(seeds_dir: Path, settings, gazetteer) -> None:
    settings.TIMELINE_AUTO_PUBLISH = True
    articles_import([seeds_dir], max_bytes=5_000_000)
    rejected = Event.objects.filter(status="published", event_type="conflict").get()
    rejected.status = Event.Status.REJECTED
    rejected.save()


def export(*args: str) -> str:
    out = StringIO()
    call_command("export_timeline", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def slugs(text: str) -> set[str]:
    return {slide["unique_id"] for slide in json.loads(text)["events"]}


def statuses(*values: str) -> set[str]:
    return set(Event.objects.filter(status__in=values).values_list("slug", flat=True))


def test_default_exports_published_events(seeded) -> None:
    assert slugs(export("--format", "timelinejs")) == statuses("published")


def test_status_staff_adds_proposed_events(seeded) -> None:
    text = export("--format", "timelinejs", "--status", "staff")

    assert slugs(text) == statuses("published", "proposed")


def test_status_all_exports_every_event(seeded) -> None:
    text = export("--format", "timelinejs", "--status", "all")

    assert slugs(text) == statuses("published", "proposed", "rejected")


def test_status_all_refuses_filters(seeded) -> None:
    with pytest.raises(CommandError, match="takes no filters"):
        export("--format", "csv", "--status", "all", "--type", "meeting")


def test_filters_match_the_timelines_filters(seeded) -> None:
    text = export(
        "--format", "timelinejs", "--actor", "lukashenko", "--actor", "xi-jinping",
        "--type", "meeting", "--from", "2023",
    )  # fmt: skip

    _, filters = filters_from_query(
        QueryDict("actor=lukashenko&actor=xi-jinping&type=meeting&from=2023")
    )
    assert slugs(text) == set(selectors.events_filtered(filters).values_list("slug", flat=True))
    assert len(slugs(text)) == 2


def test_bad_filters_fail_with_the_timelines_message(seeded) -> None:
    with pytest.raises(CommandError, match=r"--from: Enter a year \(2023\)"):
        export("--format", "csv", "--from", "banana")
    with pytest.raises(CommandError, match="Unknown place: “atlantis”"):
        export("--format", "csv", "--place", "atlantis")


def test_base_url_makes_the_links(seeded) -> None:
    text = export("--format", "ics", "--base-url", "https://timeline.example.org/")

    calendar = icalendar.Calendar.from_ical(text)
    urls = [str(e["URL"]) for e in calendar.walk("VEVENT")]
    assert urls and all(u.startswith("https://timeline.example.org/events/") for u in urls)


def test_default_base_url_is_the_development_server(seeded) -> None:
    rows = list(csv.DictReader(io.StringIO(export("--format", "csv"))))

    assert rows[0]["url"].startswith("http://127.0.0.1:8000/events/")


def test_bad_base_url_is_refused(seeded) -> None:
    with pytest.raises(CommandError, match="--base-url"):
        export("--format", "csv", "--base-url", "javascript:alert(1)")


def test_output_file_is_written_byte_for_byte(seeded, tmp_path) -> None:
    path = tmp_path / "out" / "timeline.ics"
    err = StringIO()

    call_command("export_timeline", "--format", "ics", "-o", str(path), stderr=err)

    data = path.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")  # CRLF kept, as RFC 5545 wants
    assert f"to {path}" in err.getvalue()


def test_unknown_format_is_refused() -> None:
    with pytest.raises(CommandError, match="invalid choice: 'pdf'"):
        export("--format", "pdf")
