"""The timeline page `/`: filters, fragments, bad parameters, visibility, paging, query counts."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from timeline.models import Event
from timeline.selectors import PAGE_SIZE

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


def titles(response) -> list[str]:
    html = response.content.decode()
    return [
        re.sub(r"<.*?>", "", t).strip()
        for t in re.findall(r'<h4 id="title-[^"]+">(.*?)</h4>', html, re.S)
    ]


@pytest.fixture
def corpus(make_event):
    return {
        "march": make_event(
            "Spring talks",
            dt.date(2023, 3, 1),
            actors=("lukashenko", "xi-jinping"),
            place="beijing",
            publisher="BelTA",
        ),
        "forum": make_event(
            "Belt and Road Forum",
            dt.date(2023, 10, 1),
            precision="month",
            event_type="summit",
            actors=("xi-jinping",),
            publisher="TDI",
            summary="Xi announced eight major steps.",
        ),
        "visit": make_event(
            "Working visit",
            dt.date(2023, 12, 3),
            end=dt.date(2023, 12, 5),
            event_type="working_visit",
            actors=("lukashenko",),
            place="beijing",
        ),
        "invasion": make_event(
            "Invasion",
            dt.date(2022, 2, 1),
            precision="month",
            event_type="conflict",
            actors=("russia",),
        ),
        "draft": make_event("Secret draft", dt.date(2023, 6, 1), status="proposed"),
        "rejected": make_event("Rejected noise", dt.date(2023, 6, 2), status="rejected"),
    }


def test_published_events_in_date_order_grouped_by_month(client, corpus) -> None:
    response = client.get("/")

    assert response.status_code == 200
    assert titles(response) == ["Invasion", "Spring talks", "Belt and Road Forum", "Working visit"]
    html = response.content.decode()
    assert html.index("February 2022") < html.index("March 2023") < html.index("October 2023")
    assert "Oct 2023" in html and "3–5 Dec 2023" in html and "1 Mar 2023" in html


def test_each_event_links_to_its_passages(client, corpus) -> None:
    html = client.get("/").content.decode()
    evidence = corpus["march"].evidence.get()
    assert f'href="/sources/{evidence.source_id}/#ev-{evidence.pk}"' in html


def test_anonymous_never_sees_proposed_or_rejected(client, corpus) -> None:
    for response in (client.get("/"), client.get("/", **HX), client.get("/?q=e")):
        html = response.content.decode()
        assert "Secret draft" not in html and "Rejected noise" not in html
    overview = client.get("/?from=2023-06&to=2023-06")
    assert "No events match" in overview.content.decode()
    assert client.get(corpus["draft"].get_absolute_url()).status_code == 404
    source_page = client.get(f"/sources/{corpus['draft'].evidence.get().source_id}/")
    assert "<mark" not in source_page.content.decode()


def test_facet_and_overview_counts_ignore_unpublished(client, corpus, make_event) -> None:
    make_event("Hidden meeting", dt.date(2023, 3, 1), status="proposed", actors=("lukashenko",))
    html = client.get("/").content.decode()
    assert re.search(r'id="fc-actor-lukashenko">2<', html)
    assert 'aria-label="Mar 2023: 1 event"' in html


def test_staff_preview_proposed_events_with_a_badge(client, corpus) -> None:
    staff = get_user_model().objects.create_user("curator", password="x", is_staff=True)
    client.force_login(staff)

    html = client.get("/").content.decode()

    assert "Secret draft" in html and "Rejected noise" not in html
    assert '<span class="badge">Proposed</span>' in html
    assert client.get(corpus["draft"].get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("from=2023", ["Spring talks", "Belt and Road Forum", "Working visit"]),
        ("to=2022", ["Invasion"]),
        ("from=2023-10&to=2023-10", ["Belt and Road Forum"]),
        ("from=2023-10-15&to=2023-10-20", ["Belt and Road Forum"]),  # a month covers its days
        ("from=2023-12-04&to=2023-12-04", ["Working visit"]),  # a range covers its days
        ("actor=xi-jinping", ["Spring talks", "Belt and Road Forum"]),
        ("actor=xi-jinping&actor=lukashenko", ["Spring talks"]),  # several: all of them
        ("place=beijing", ["Spring talks", "Working visit"]),
        ("type=summit&type=conflict", ["Invasion", "Belt and Road Forum"]),
        ("publisher=BelTA", ["Spring talks"]),
        ("q=forum", ["Belt and Road Forum"]),  # title
        ("q=EIGHT+MAJOR", ["Belt and Road Forum"]),  # summary, any case
        ("q=happened", ["Invasion", "Spring talks", "Belt and Road Forum", "Working visit"]),
        ("from=2023&actor=lukashenko&place=beijing&type=working_visit&q=visit", ["Working visit"]),
    ],
)
def test_filters(client, corpus, query, expected) -> None:
    response = client.get(f"/?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


def test_source_filter(client, corpus) -> None:
    source_id = corpus["forum"].evidence.get().source_id
    assert titles(client.get(f"/?source={source_id}")) == ["Belt and Road Forum"]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("from=banana", "from", "Enter a year (2023), a month (2023-03) or a day (2023-03-01)."),
        ("to=2023-02-30", "to", "is not a real date"),
        ("from=2023-13", "from", "is not a real date"),
        ("from=2024&to=2023", "to", "“To” is before “From”."),
        ("actor=nobody", "actor", "Unknown people or organisations: “nobody”."),
        ("place=atlantis", "place", "Unknown place: “atlantis”."),
        ("type=party", "type", "Unknown event type: “party”."),
        ("after=garbage", "after", "This “show more” link is broken"),
        ("source=abc", "source", "Enter a whole number."),
    ],
)
def test_bad_parameters_get_a_message_not_a_500(client, corpus, query, field, message) -> None:
    page = client.get(f"/?{query}")
    fragment = client.get(f"/?{query}", **HX)

    assert page.status_code == 400
    assert fragment.status_code == 400
    assert message in page.content.decode()
    assert message in fragment.content.decode()
    assert "<html" in page.content.decode() and "<html" not in fragment.content.decode()


def test_bad_date_is_shown_next_to_its_field(client, corpus) -> None:
    html = client.get("/?from=banana").content.decode()
    assert 'id="id_from" value="banana"' in html
    assert 'aria-invalid="true"' in html
    assert 'id="err-from"' in html


def test_fragment_and_page_come_from_one_template(client, corpus) -> None:
    page = client.get("/?q=talks")
    fragment = client.get("/?q=talks", **HX)
    restore = client.get("/?q=talks", HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HX)

    assert "HX-Request" in page.headers["Vary"]
    assert fragment.content.decode().lstrip().startswith('<section id="results"')
    assert titles(fragment) == titles(page) == ["Spring talks"]
    assert "<html" in restore.content.decode()
    # The fragment also refreshes the facet counts and the live status, out of band.
    assert 'id="fc-actor-lukashenko" hx-swap-oob="true">1<' in fragment.content.decode()
    assert 'id="result-status"' in fragment.content.decode()


def test_empty_state_is_helpful(client, corpus) -> None:
    html = client.get("/?q=zzzz").content.decode()
    assert "No events match" in html and "clear all filters" in html


def test_empty_database(client) -> None:
    html = client.get("/").content.decode()
    assert "Nothing is published yet" in html


def test_overview_counts_per_month_with_gaps_and_links(client, corpus) -> None:
    html = client.get("/?from=2023").content.decode()
    bars = re.findall(r'aria-label="(\w{3} \d{4}): (\d+) events?"', html)
    assert [label for label, _ in bars][:2] == ["Mar 2023", "Apr 2023"]
    assert len(bars) == 10  # March to December, empty months included
    assert dict(bars)["Mar 2023"] == "1" and dict(bars)["Apr 2023"] == "0"
    assert dict(bars)["Dec 2023"] == "1"
    assert "from=2023-10&amp;to=2023-10" in html


def test_overview_per_year_for_long_spans(client, make_event) -> None:
    for year in (2001, 2004, 2010):
        make_event(f"Event {year}", dt.date(year, 5, 1))
    html = client.get("/").content.decode()
    bars = re.findall(r'aria-label="(\d{4}): (\d+) events?"', html)
    assert bars[0] == ("2001", "1") and len(bars) == 10


def test_show_more_pages_with_a_cursor_keeping_filters(client, make_event) -> None:
    for n in range(60):
        make_event(f"Meeting {n:02d}", dt.date(2020, 1, 1) + dt.timedelta(days=n))

    first = client.get("/?q=Meeting")
    html = first.content.decode()
    assert len(titles(first)) == PAGE_SIZE
    assert "60 events match" in html
    link = re.search(r'class="more" href="\?([^"]+)"', html).group(1).replace("&amp;", "&")
    assert link.startswith("q=Meeting") and "&after=" in link
    assert 'href="??' not in html

    rest = client.get(f"/?{link}", **HX)
    assert titles(rest) == [f"Meeting {n:02d}" for n in range(PAGE_SIZE, 60)]
    assert 'id="more" hx-swap-oob="true"' in rest.content.decode()
    assert 'class="more"' not in rest.content.decode()  # nothing further
    full_page = client.get(f"/?{link}")  # without JavaScript
    assert titles(full_page) == titles(rest)


def test_query_count_is_constant(client, make_event) -> None:
    def count(path: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path).status_code == 200
        return len(ctx.captured_queries)

    for n in range(3):
        make_event(f"Handful {n}", dt.date(2021, 1, 1 + n), actors=("a", "b"), place="minsk")
    few = count("/")
    for n in range(45):
        make_event(f"Many {n}", dt.date(2022, 1, 1) + dt.timedelta(days=n), actors=("a", "c"))
    many = count("/")
    assert few == many
    assert count("/?actor=a&q=Many") == count("/?actor=a&q=Handful")


def test_event_page_shows_date_reason_evidence_and_jsonld(client, corpus) -> None:
    event = corpus["visit"]
    event.date_reason = "'on Monday' in an article dated Tuesday 5 Dec 2023"
    event.save()
    child = corpus["march"]
    child.parent = event
    child.save()

    html = client.get(event.get_absolute_url()).content.decode()

    assert "Why this date: &#x27;on Monday&#x27; in an article dated Tuesday 5 Dec 2023" in html
    assert "During this:" in html and child.title in html
    evidence = event.evidence.get()
    assert f"/sources/{evidence.source_id}/#ev-{evidence.pk}" in html
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    assert data["@type"] == "Event"
    assert (data["startDate"], data["endDate"]) == ("2023-12-03", "2023-12-05")
    assert data["location"]["name"] == "Beijing"


def test_month_precision_in_jsonld(client, corpus) -> None:
    html = client.get(corpus["forum"].get_absolute_url()).content.decode()
    assert '"startDate": "2023-10"' in html


def test_permalink_survives_a_title_edit(client, corpus) -> None:
    event = corpus["forum"]
    url = event.get_absolute_url()
    event.title = "Curated title"
    event.save()
    event.refresh_from_db()
    assert event.get_absolute_url() == url
    assert "Curated title" in client.get(url).content.decode()


def test_source_page_highlights_passages_linking_to_events(client, make_event) -> None:
    body = "Before. <script>alert(1)</script> The leaders met on Monday. After."
    event = make_event("Met", body=body)
    evidence = event.evidence.get()

    html = client.get(f"/sources/{evidence.source_id}/").content.decode()

    assert f'<mark id="ev-{evidence.pk}" tabindex="-1" class="passage">' in html
    assert f'href="{event.get_absolute_url()}"' in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_first_page_weighs_under_100_kb(client, corpus, settings) -> None:
    from pathlib import Path

    import django_htmx

    html = client.get("/").content
    css = (Path(settings.BASE_DIR) / "static/timeline/site.css").read_bytes()
    js = (Path(settings.BASE_DIR) / "static/timeline/timeline.js").read_bytes()
    htmx = (Path(django_htmx.__file__).parent / "static/django_htmx/htmx-2.min.js").read_bytes()
    assert len(html) + len(css) + len(js) + len(htmx) < 100_000


def test_event_status_filter_cannot_be_forced_by_parameters(client, corpus) -> None:
    response = client.get("/?status=proposed&status=rejected")
    assert "Secret draft" not in response.content.decode()
    assert Event.objects.filter(status="proposed").exists()


def test_an_event_spanning_years_matches_a_range_inside_it(client, make_event) -> None:
    make_event("Long war", dt.date(2014, 2, 20), end=dt.date(2022, 2, 24), event_type="conflict")
    make_event("Old talks", dt.date(2014, 3, 1))

    assert titles(client.get("/?from=2020&to=2020")) == ["Long war"]
    assert titles(client.get("/?from=2014-03&to=2014-03")) == ["Long war", "Old talks"]
    assert Event.objects.get(title="Long war").long_running
