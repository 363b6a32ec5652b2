"""Hostile text renders inert: article text, titles, names, curator edits and URLs carrying
`<script>`, event handlers, `javascript:` links and broken markup, on every page and export.

Each page is parsed (html.parser) and checked for what would run: a `<script>` that is not
ours, an `on*` attribute, a `javascript:`/`data:`/`vbscript:` URL in a link or source, or a
JSON-LD block that a `</script>` could close. `hostile_data` is shared with the browser test.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.utils.html import escape

from timeline.models import Actor, EventRedirect, Evidence, Place, Source

SCRIPT = "<script>window.__xss='script'</script>"
HANDLER = "<img src=x onerror=\"window.__xss='img'\">"
SVG = "<svg/onload=window.__xss='svg'>"
BROKEN = "\"'><b><i>unclosed <!-- --!> </textarea></title></noscript></style><a href='"
PAYLOAD = f"{SCRIPT}{HANDLER}{SVG}{BROKEN}"
JS_URL = "javascript:window.__xss='href'"
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")


def hostile_data(make_event, *, status: str = "published") -> dict:
    """An event, its source, actor, place, a child event and a redirect, every text field
    carrying the payload; returns the paths that show them."""
    body = f"Talks {PAYLOAD} happened. {PAYLOAD}\n\nSecond paragraph {PAYLOAD} ends here."
    event = make_event(
        "Talks",
        dt.date(2023, 12, 4),
        actors=("hostile-actor",),
        place="hostile-place",
        publisher=f"Pub {PAYLOAD}",
        body=body,
        summary=f"Summary {PAYLOAD}",
        status=status,
    )
    Actor.objects.filter(slug="hostile-actor").update(name=f"Actor {PAYLOAD}"[:200])
    Place.objects.filter(slug="hostile-place").update(name=f"Place {PAYLOAD}"[:200])
    event.title = f"Talks {PAYLOAD}"[:300]
    event.date_reason = f"Reason {PAYLOAD}"
    event.disagreements = [f"Dates differ {PAYLOAD}"]
    event.curated_fields = ["title", "summary"]
    event.save()
    source = event.evidence.get().source
    Source.objects.filter(pk=source.pk).update(
        title=f"Article {PAYLOAD}",
        author=f"By {PAYLOAD}",
        dateline_place=f"Minsk {PAYLOAD}"[:200],
        url=JS_URL,
        raw_text=f"RAW {PAYLOAD}\x07\x08\x1b[31m",  # no NUL: PostgreSQL text cannot hold it
        file_name=f"{PAYLOAD}.txt",
    )
    Evidence.objects.filter(event=event).update(
        timex_reason=f"Timex {PAYLOAD}", prefix=PAYLOAD[:200], suffix=PAYLOAD[:200]
    )
    child = make_event("Child", dt.date(2023, 12, 4), source=source, status=status)
    child.parent = event
    child.title = f"Child {PAYLOAD}"
    child.save()
    EventRedirect.objects.create(old_slug="old-hostile", event=event)
    return {
        "event": event,
        "source": source,
        "child": child,
        "public": [
            "/",
            f"/?q={PAYLOAD[:150]}",
            f"/?actor=hostile-actor&from={SCRIPT[:10]}",
            "/sources/",
            f"/sources/{source.pk}/",
            f"/sources/{source.pk}/raw/",
            f"/events/{event.slug}/",
            f"/events/{child.slug}/",
        ],
        "admin": [
            "/admin/timeline/event/",
            f"/admin/timeline/event/?q={SCRIPT}",
            f"/admin/timeline/event/{event.pk}/change/",
            f"/admin/timeline/event/{event.pk}/history/",
            "/admin/timeline/source/",
            f"/admin/timeline/source/{source.pk}/change/",
            "/admin/timeline/actor/",
            f"/admin/timeline/actor/{event.participants.get().pk}/change/",
            "/admin/timeline/place/",
            f"/admin/timeline/place/{event.place_id}/change/",
            "/admin/timeline/evidence/",
            f"/admin/timeline/evidence/{event.evidence.get().pk}/change/",
            f"/admin/timeline/event/{event.pk}/split/{event.evidence.get().pk}/",
        ],
    }


class ActiveContent(HTMLParser):
    """Collects everything in a page that a browser would run or follow as script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_jsonld = False

    def handle_starttag(self, tag, attrs) -> None:
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in URL_ATTRS and value:
                cleaned = re.sub(r"[\x00-\x20]", "", value).lower()
                if cleaned.startswith(BAD_SCHEMES):
                    self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in {"iframe", "object", "embed", "base"}:
            self.problems.append(f"<{tag}>")
        if tag == "script":
            src = attributes.get("src") or ""
            if attributes.get("type") == "application/ld+json":
                self.in_jsonld = True
            elif not src.startswith(("/static/", "/admin/jsi18n/")):
                self.problems.append(f"<script {attributes}>")

    def handle_endtag(self, tag) -> None:
        if tag == "script":
            self.in_jsonld = False

    def handle_data(self, data) -> None:
        if self.in_jsonld:
            try:
                json.loads(data)
            except ValueError:
                self.problems.append(f"JSON-LD that does not parse: {data[:80]!r}")


def active_content(html: str) -> list[str]:
    parser = ActiveContent()
    parser.feed(html)
    parser.close()
    return parser.problems


def assert_inert(response, path: str) -> None:
    assert response.status_code in (200, 400), (path, response.status_code)
    html = response.content.decode()
    assert active_content(html) == [], path
    assert SCRIPT not in html, path
    assert "<img src=x" not in html, path


@pytest.fixture
def hostile(make_event):
    return hostile_data(make_event)


def test_the_checker_finds_what_would_run() -> None:
    """The checker itself: each kind of active content is reported."""
    html = (
        f'{SCRIPT}{HANDLER}<a href=" {JS_URL}">x</a><a href="DATA:text/html,x">y</a>'
        '<script type="application/ld+json">{"a": 1}</script></script><p>'
        '<script src="/static/timeline/timeline.js"></script>'
    )
    assert len(active_content(html)) == 4
    assert active_content('<script type="application/ld+json">{"a": "</script>') != []


@pytest.mark.django_db
def test_public_pages_render_hostile_text_inert(client, hostile) -> None:
    for path in hostile["public"]:
        assert_inert(client.get(path), path)
    assert escape(PAYLOAD)[:30] in client.get(hostile["public"][0]).content.decode()  # as text


@pytest.mark.django_db
def test_htmx_fragments_render_hostile_text_inert(client, hostile) -> None:
    for query in ({}, {"q": PAYLOAD[:150]}, {"actor": "hostile-actor"}, {"after": SCRIPT[:40]}):
        response = client.get("/", query, headers={"HX-Request": "true"})
        assert_inert(response, f"fragment {query}")


@pytest.mark.django_db
def test_admin_pages_render_hostile_text_inert(admin_client, hostile) -> None:
    for path in hostile["admin"]:
        response = admin_client.get(path)
        assert response.status_code == 200, path
        assert_inert(response, path)


@pytest.mark.django_db
def test_curator_edit_with_markup_is_stored_as_text_and_shown_inert(admin_client, hostile):
    actor = hostile["event"].participants.get()
    response = admin_client.post(
        f"/admin/timeline/actor/{actor.pk}/change/",
        {
            "name": f"Edited {HANDLER}",
            "slug": actor.slug,
            "kind": "person",
            "aliases": json.dumps([SCRIPT]),
            "description": BROKEN,
            "status": "accepted",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    actor.refresh_from_db()
    assert actor.name == f"Edited {HANDLER}"

    for path in ["/", f"/events/{hostile['event'].slug}/", f"/admin/timeline/actor/{actor.pk}/"]:
        assert_inert(admin_client.get(path, follow=True), path)


@pytest.mark.django_db
def test_a_javascript_source_url_is_never_a_link(client, admin_client, hostile) -> None:
    """A `javascript:` URL that reached the database (a direct write, an old fixture) must not
    become a clickable link on the source page, nor in the admin."""
    source = hostile["source"]
    assert Source.objects.get(pk=source.pk).url == JS_URL

    page = client.get(f"/sources/{source.pk}/").content.decode()
    change = admin_client.get(f"/admin/timeline/source/{source.pk}/change/").content.decode()

    assert not re.search(r"href=\"\s*javascript:", page, re.IGNORECASE)
    assert not re.search(r"href=\"\s*javascript:", change, re.IGNORECASE)


def test_import_refuses_a_javascript_url_in_metadata(db, tmp_path: Path) -> None:
    from timeline.pipeline import articles_import

    article = "Talks in Minsk\n\nLukashenko met Xi on 4 December 2023 in Beijing. They talked."
    (tmp_path / "evil.txt").write_text(article, encoding="utf-8")
    (tmp_path / "evil.json").write_text(json.dumps({"url": JS_URL}), encoding="utf-8")
    (tmp_path / "fine.txt").write_text(article + " Fine.", encoding="utf-8")

    report = articles_import([tmp_path], max_bytes=100_000, extract_events=False)

    outcomes = {o.path.name: o for o in report.outcomes}
    assert outcomes["evil.txt"].status == "failed"
    assert "url" in outcomes["evil.txt"].message.lower()
    assert outcomes["fine.txt"].status == "imported"
    assert list(Source.objects.values_list("file_name", flat=True)) == ["fine.txt"]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "ics", "timelinejs", "annotations", "fixture"])
def test_exports_never_serve_hostile_text_as_html(client, hostile, fmt) -> None:
    response = client.get(f"/export/{fmt}/")

    assert response.status_code == 200
    assert "html" not in response["Content-Type"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.django_db
def test_timelinejs_export_html_is_escaped(client, hostile) -> None:
    """TimelineJS renders headline and text as HTML: both must be inert."""
    data = json.loads(client.get("/export/timelinejs/").content)

    slides = [data["title"], *data["events"]]
    assert len(slides) == 3
    for slide in slides:
        for html in (slide["text"]["headline"], slide["text"]["text"]):
            assert active_content(html) == [], html
            assert "<script" not in html and "<img" not in html


@pytest.mark.django_db
def test_unknown_export_format_echo_is_plain_text(client) -> None:
    response = client.get(f"/export/{HANDLER}/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/plain")
