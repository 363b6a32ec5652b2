"""Hostile query strings, headers and path parts on every public URL: never a server error.

Hypothesis draws unicode, control characters and NUL bytes, huge strings, SQL-ish and HTML-ish
payloads, and values that look valid (dates at each precision, real and made-up slugs). The
test client re-raises any exception a view lets escape, so a failure shows the traceback.
Profiles (examples per test) are in `tests/hypothesis_profiles.py`.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse

import hypothesis_profiles  # noqa: F401  (registers and loads the Hypothesis profile)
import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from hypothesis import example, given
from hypothesis import strategies as st

from timeline import exports
from timeline.models import EventRedirect

pytestmark = pytest.mark.django_db

TIMELINE_PARAMS = ("q", "from", "to", "actor", "place", "type", "publisher", "source", "after")
REPEATABLE = {"actor", "type"}

PAYLOADS = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "%00",
    "\r\n",
    "\t\x0b\x0c\x1b[31m",
    "\u202e\u200b\ufeff",
    "' OR '1'='1",
    "1; DROP TABLE timeline_event; --",
    '" OR ""="',
    "%",
    "_",
    "\\",
    "%%_\\%",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{ 7|add:7 }}{% debug %}",
    "../../../../etc/passwd",
    "-1",
    "0",
    "1e309",
    "NaN",
    "inf",
    "99999999999999999999999999",
    "9223372036854775808",
    "-9223372036854775809",
    "0x10",
    "2023",
    "2023-03",
    "2023-03-01",
    "2023-02-30",
    "2023-13",
    "2023-00-10",
    "0000",
    "0001-01-01",
    "9999-12-31",
    "10000",
    "2023-3-1",
    "٢٠٢٣-٠٣",  # Arabic-Indic digits match \d
    "２０２３-０３-０１",  # fullwidth digits
    "2023-12-04_1",
    "2023-12-04_999999999999999999",
    "9999-12-31_0",
    "2023-02-30_5",
    "lukashenko",
    "xi-jinping",
    "beijing",
    "meeting",
    "state_visit",
    "Wire",
]

_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
_controls = st.text(st.characters(max_codepoint=0x1F), min_size=1, max_size=20)
# Long enough to pass every max_length many times over; the megabyte case has its own test.
_huge = st.builds(lambda part, n: part[:20] * n, _text.filter(bool), st.integers(100, 500))
_day = st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))
_dates = st.one_of(
    _day.map(dt.date.isoformat),
    _day.map(lambda d: f"{d.year:04d}-{d.month:02d}"),
    _day.map(lambda d: f"{d.year:04d}"),
)
_slugs = st.from_regex(r"[-a-zA-Z0-9_]{1,80}", fullmatch=True)
_integers = st.integers(-(2**70), 2**70).map(str)

values = st.one_of(st.sampled_from(PAYLOADS), _text, _controls, _huge, _dates, _slugs, _integers)

# Values each parameter accepts, edges included (year 1 and 9999, ids past 64 bits, free text
# in `q` and `publisher`). Most drawn values are of this kind: one hostile value already makes
# the form invalid, and the code behind validation (the queries) must be reached too.
# Days near both ends of the calendar (a year after date.min, where date arithmetic overflows).
_edge_days = st.sampled_from(
    [
        dt.date(1, 1, 1),
        dt.date(1, 12, 31),
        dt.date(2, 1, 1),
        dt.date(2, 1, 2),
        dt.date(9998, 12, 31),
        dt.date(9999, 12, 31),
    ]
)
_valid_days = st.one_of(_edge_days, _day)
_free_text = st.one_of(st.sampled_from(PAYLOADS), _text).map(lambda s: s.replace("\x00", "")[:200])
WELL_FORMED = {
    "q": _free_text,
    "from": _edge_days.map(dt.date.isoformat) | _dates | st.sampled_from(["0001", "0002"]),
    "to": _edge_days.map(dt.date.isoformat) | _dates | st.sampled_from(["0001", "9999-12"]),
    "after": st.builds(
        lambda d, pk: f"{d.isoformat()}_{pk}",
        _valid_days,
        st.sampled_from([0, 1, 2**31, 2**63 - 1, 10**18 - 1]) | st.integers(0, 10**18 - 1),
    ),
    "source": (
        st.sampled_from([1, 2, 2**31, 2**63 - 1, 2**63, 2**64, 10**20]) | st.integers(1, 2**80)
    ).map(str),
    "actor": st.sampled_from(["lukashenko", "xi-jinping"]),
    "place": st.sampled_from(["beijing", ""]),
    "type": st.sampled_from(["meeting", "state_visit", "summit", "conflict"]),
    "publisher": st.one_of(st.sampled_from(["Wire", "BelTA", ""]), _free_text),
}


@st.composite
def timeline_queries(draw) -> dict[str, list[str]]:
    """Any subset of the timeline's parameters, mostly well-formed, some hostile; repeatable
    ones sometimes repeated; sometimes unknown parameters too."""
    names = draw(st.lists(st.sampled_from(TIMELINE_PARAMS), unique=True, max_size=9))
    hostile = draw(st.sets(st.sampled_from(names), max_size=2)) if names else set()
    query = {}
    for name in names:
        count = draw(st.integers(1, 25)) if name in REPEATABLE else draw(st.integers(1, 2))
        strategy = values if name in hostile else WELL_FORMED[name]
        query[name] = draw(st.lists(strategy, min_size=count, max_size=count))
    unknown = draw(st.dictionaries(_text, st.lists(values, max_size=2), max_size=2))
    return {**unknown, **query}


htmx_headers = st.fixed_dictionaries(
    {"HX-Request": st.just("true")},
    optional={
        "HX-History-Restore-Request": st.sampled_from(["true", "false", "", "\x00"]),
        "HX-Current-URL": st.one_of(st.sampled_from(PAYLOADS), _text),
        "HX-Target": _text,
        "HX-Trigger": _text,
        "HX-Trigger-Name": _text,
        "HX-Boosted": st.sampled_from(["true", "1", ""]),
        "Triggering-Event": st.one_of(_text, st.just('{"type": "change"')),
    },
).map(lambda headers: {k: v.replace("\r", "").replace("\n", "") for k, v in headers.items()})


@pytest.fixture
def site(make_event):
    """A small published and proposed timeline with actors, places, publishers, a visit with
    talks inside it and a merged-away permalink; returns ids, slugs and two clients."""
    visit = make_event(
        "State visit",
        dt.date(2023, 2, 28),
        end=dt.date(2023, 3, 2),
        event_type="state_visit",
        actors=("lukashenko",),
        place="beijing",
        publisher="BelTA",
    )
    talks = make_event("Talks in Beijing", dt.date(2023, 3, 1), actors=("lukashenko", "xi-jinping"))
    talks.parent = visit
    talks.save()
    month = make_event("Forum", dt.date(2023, 10, 1), precision="month", event_type="summit")
    draft = make_event("Draft", dt.date(2024, 1, 2), status="proposed", actors=("xi-jinping",))
    make_event("Old war", dt.date(2015, 1, 1), precision="year", event_type="conflict")
    EventRedirect.objects.create(old_slug="merged-away", event=talks)
    staff = get_user_model().objects.create_user("curator", password="x", is_staff=True)
    staff_client = Client()
    staff_client.force_login(staff)
    sources = list(visit.evidence.values_list("source_id", flat=True))
    return {
        "slugs": [visit.slug, talks.slug, month.slug, draft.slug, "merged-away"],
        "source_ids": sources + list(draft.evidence.values_list("source_id", flat=True)),
        "clients": [Client(), staff_client],
    }


# Found by these tests once; kept as explicit examples so they run on every run.
KNOWN_BAD = [
    {"from": ["0002-01-01"]},  # date arithmetic below date.min (OverflowError)
    {"from": ["0001"], "to": ["0001"]},
    {"source": ["9223372036854775808"]},  # past 64 bits (OverflowError on SQLite)
    {"actor": ["a\x00b"]},  # NUL reaching PostgreSQL (DataError)
]


def known_bad(test):
    for query in KNOWN_BAD:
        test = example(query=query, staff=False)(test)
    return test


def _client(site, staff: bool) -> Client:
    return site["clients"][1 if staff else 0]


def _get(client: Client, path: str, query=None, headers=None):
    response = client.get(path, query or {}, headers=headers or {})
    assert response.status_code < 500, (path, query, headers, response.status_code)
    return response


@given(query=timeline_queries(), staff=st.booleans())
@known_bad
def test_timeline_never_fails_on_any_query(site, query, staff):
    response = _get(_client(site, staff), "/", query)
    assert response.status_code in (200, 400, 414)


@given(query=timeline_queries(), headers=htmx_headers, staff=st.booleans())
@example(query=KNOWN_BAD[0], headers={"HX-Request": "true"}, staff=True)
def test_timeline_fragment_never_fails_on_any_query(site, query, headers, staff):
    response = _get(_client(site, staff), "/", query, headers)
    assert response.status_code in (200, 400, 414)


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "fragment"])
@pytest.mark.parametrize("name", [*TIMELINE_PARAMS, "unknown"])
def test_timeline_never_fails_on_a_megabyte_parameter(site, name, htmx):
    headers = {"HX-Request": "true"} if htmx else {}
    response = _get(site["clients"][0], "/", {name: "\u00e9<" * 500_000}, headers)
    # Refused before any view runs: links repeat the query string, so it is capped (414).
    assert response.status_code == 414
    assert len(response.content) < 500


@given(raw=st.binary(max_size=500), headers=st.one_of(st.just({}), htmx_headers))
def test_timeline_never_fails_on_raw_query_bytes(site, raw, headers):
    """Undecodable percent-escapes (%FF, lone continuation bytes) and stray separators."""
    path = "/?" + urllib.parse.quote_from_bytes(raw, safe="=&;+%")
    response = _get(site["clients"][0], path, headers=headers)
    assert response.status_code in (200, 400, 414)


@given(
    page=st.one_of(st.sampled_from(PAYLOADS), _integers, _text),
    extra=st.dictionaries(_text, values, max_size=2),
    staff=st.booleans(),
)
def test_source_list_never_fails_on_any_page(site, page, extra, staff):
    response = _get(_client(site, staff), "/sources/", {**extra, "page": page})
    assert response.status_code in (200, 414)


@given(
    pk=st.one_of(st.integers(0, 2**80), st.sampled_from([0, 1, 2**31, 2**63 - 1, 2**63])),
    raw=st.booleans(),
    query=st.dictionaries(_text, values, max_size=2),
)
def test_source_pages_never_fail_on_any_id(site, pk, raw, query):
    for known in (pk, *site["source_ids"]):
        path = f"/sources/{known}/raw/" if raw else f"/sources/{known}/"
        response = _get(site["clients"][0], path, query)
        assert response.status_code in (200, 404, 414)


@given(
    slug=st.one_of(_slugs, st.from_regex(r"[-a-zA-Z0-9_]{200,2000}", fullmatch=True)),
    known=st.booleans(),
    staff=st.booleans(),
    query=st.dictionaries(_text, values, max_size=2),
)
def test_event_pages_never_fail_on_any_slug(site, slug, known, staff, query):
    path_slug = site["slugs"][len(slug) % len(site["slugs"])] if known else slug
    response = _get(_client(site, staff), f"/events/{path_slug}/", query)
    assert response.status_code in (200, 301, 404, 414)


@given(path_part=st.one_of(_text.filter(bool), st.sampled_from(PAYLOADS).filter(bool)))
def test_unknown_paths_never_fail(site, path_part):
    quoted = urllib.parse.quote(path_part, safe="")
    for path in (f"/{quoted}", f"/events/{quoted}/", f"/sources/{quoted}/", f"/{quoted}/raw/"):
        _get(site["clients"][0], path)


@given(
    fmt=st.one_of(st.sampled_from(sorted(exports.FORMATS)), _text.filter(bool)),
    query=timeline_queries(),
    staff=st.booleans(),
)
@example(fmt="csv", query=KNOWN_BAD[0], staff=False)
@example(fmt="ics", query=KNOWN_BAD[2], staff=False)
@example(fmt="timelinejs", query=KNOWN_BAD[3], staff=False)
def test_exports_never_fail_on_any_query(site, fmt, query, staff):
    response = _get(_client(site, staff), f"/export/{urllib.parse.quote(fmt, safe='')}/", query)
    assert response.status_code in (200, 400, 404, 414)
