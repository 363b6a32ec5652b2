"""The TimelineJS export opens in TimelineJS3 itself (the npm package, served locally).

Playwright serves a made-up origin: the harness page (tests/browser/timelinejs/index.html),
TimelineJS3 from node_modules, and the JSON the live server's `/export/timelinejs/` returned.
Every other request is refused and recorded, so nothing comes from the internet.
"""

from __future__ import annotations

import json
import mimetypes
import re
from pathlib import Path

import pytest

from timeline.models import Event
from timeline.pipeline import articles_import

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

HARNESS = Path(__file__).resolve().parent / "timelinejs"
DIST = HARNESS / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
ORIGIN = "http://timelinejs.test"


@pytest.fixture
def seeded(seeds_dir: Path, settings, gazetteer) -> None:
    settings.TIMELINE_AUTO_PUBLISH = True
    articles_import([seeds_dir], max_bytes=5_000_000)
    assert Event.objects.filter(status="published").count() >= 5


@pytest.fixture
def timelinejs_dist() -> Path:
    if not (DIST / "js" / "timeline.js").is_file():
        pytest.fail(
            f"TimelineJS3 is not installed in {HARNESS / 'node_modules'}. Run `make install-dev` "
            "or `cd tests/browser/timelinejs && npm ci --ignore-scripts`.",
            pytrace=False,
        )
    return DIST


def open_in_timelinejs(page, export_json: str) -> dict:
    """Load the harness with this JSON; returns what went wrong (console errors, page errors,
    requests that tried to leave the made-up origin)."""
    problems: dict[str, list[str]] = {"console": [], "page": [], "offline": []}
    page.on("console", lambda m: m.type == "error" and problems["console"].append(m.text))
    page.on("pageerror", lambda e: problems["page"].append(str(e)))

    def serve(route) -> None:
        url = route.request.url
        if not url.startswith(ORIGIN + "/"):
            problems["offline"].append(url)
            route.abort()
            return
        path = url.removeprefix(ORIGIN + "/").split("?")[0].split("#")[0]
        if path in ("", "index.html"):
            route.fulfill(path=str(HARNESS / "index.html"), content_type="text/html")
        elif path == "timeline.json":
            route.fulfill(body=export_json, content_type="application/json")
        elif path.startswith("timelinejs/"):
            file = (DIST / path.removeprefix("timelinejs/")).resolve()
            if file.is_relative_to(DIST.resolve()) and file.is_file():
                kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
                route.fulfill(path=str(file), content_type=kind)
            else:
                route.fulfill(status=404, body="not found")
        else:
            route.fulfill(status=404, body="not found")

    page.route("**/*", serve)
    page.goto(f"{ORIGIN}/")
    page.wait_for_function("window.timeline && window.timeline.ready === true", timeout=20_000)
    page.wait_for_selector(".tl-slide")
    return problems


def slide_ids(page) -> list[str]:
    return page.eval_on_selector_all(".tl-slide", "els => els.map(e => e.id)")


def test_timelinejs_export_opens_in_timelinejs(
    live_server, page, screenshot, seeded, timelinejs_dist
) -> None:
    response = page.request.get(f"{live_server.url}/export/timelinejs/")
    assert response.ok
    data = json.loads(response.text())
    expected = [slide["unique_id"] for slide in data["events"]]
    assert len(expected) == Event.objects.filter(status="published").count()

    problems = open_in_timelinejs(page, response.text())

    ids = slide_ids(page)
    assert page.locator(".tl-slide-titleslide").count() == 1
    assert len(ids) == len(expected) + 1  # one slide per event, plus the title slide
    assert set(expected) <= set(ids)
    assert problems == {"console": [], "page": [], "offline": []}
    headline = page.locator(f'[id="{expected[0]}"] .tl-headline').first
    assert headline.inner_text().strip() == data["events"][0]["text"]["headline"]
    screenshot(page, "timelinejs-title")
    page.evaluate(f"window.timeline.goToId({json.dumps(expected[-1])})")
    page.locator(f'[id="{expected[-1]}"] .tl-headline').first.wait_for(state="visible")
    page.wait_for_timeout(1000)  # the slide animation, for a readable screenshot only
    screenshot(page, "timelinejs-event")


def test_export_menu_follows_the_filters_into_timelinejs(
    live_server, page, browser, seeded, timelinejs_dist
) -> None:
    """Filter the timeline with htmx; the Export menu's TimelineJS link carries the filter and
    the file it gives opens in TimelineJS with just those events."""
    timeline = browser.new_page()
    timeline.goto(f"{live_server.url}/")
    with timeline.expect_response(lambda r: "type=meeting" in r.url):
        timeline.get_by_role("checkbox", name=re.compile(r"^Meeting")).check()
    timeline.wait_for_function(
        "document.querySelector('#export-menu a[href*=\"/export/timelinejs/\"]')"
        ".getAttribute('href').includes('type=meeting')"
    )
    shown = timeline.locator(".events h4 a").count()
    href = timeline.locator('#export-menu a[href*="/export/timelinejs/"]').get_attribute("href")
    timeline.close()
    assert href.startswith("/export/timelinejs/?") and "type=meeting" in href

    response = page.request.get(f"{live_server.url}{href}")
    problems = open_in_timelinejs(page, response.text())

    assert len(slide_ids(page)) == shown + 1
    assert shown == Event.objects.filter(status="published", event_type="meeting").count()
    assert problems == {"console": [], "page": [], "offline": []}
