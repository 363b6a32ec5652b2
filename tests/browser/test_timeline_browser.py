"""The timeline in a real browser: htmx filtering, history, no-JS fallback, passages, axe."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from timeline.models import Event
from timeline.pipeline import articles_import

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def seeded(seeds_dir: Path, settings, gazetteer) -> None:
    settings.TIMELINE_AUTO_PUBLISH = True
    articles_import([seeds_dir], max_bytes=5_000_000)
    assert Event.objects.filter(status="published").count() >= 5


def wait_until(page, script: str, timeout: float = 10.0) -> None:
    """Poll a condition through page.evaluate (CDP, unaffected by the page's CSP, which
    forbids the string evaluation that page.wait_for_function relies on)."""
    import time

    deadline = time.monotonic() + timeout
    while not page.evaluate(script):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {script}")
        page.wait_for_timeout(50)


def event_titles(page) -> list[str]:
    return [t.strip() for t in page.locator(".events h4 a").all_inner_texts()]


def test_filters_update_results_and_url_without_reload(live_server, page, screenshot, seeded):
    page.goto(f"{live_server.url}/")
    page.evaluate("window.__sameDocument = true")  # lost on a full page load
    all_titles = event_titles(page)
    assert len(all_titles) >= 5
    screenshot(page, "timeline-desktop")

    with page.expect_response(lambda r: "actor=li-keqiang" in r.url):
        page.get_by_role("checkbox", name=re.compile(r"^Li Keqiang")).check()
    wait_until(page, "document.querySelectorAll('.events h4 a').length === 1")
    assert event_titles(page) == ["Li Keqiang and Alexander Lukashenko hold talks"]
    assert "actor=li-keqiang" in page.url
    assert page.evaluate("window.__sameDocument") is True
    status = page.locator("#result-status")
    assert status.inner_text() == "1 event."  # announced by the live region

    page.get_by_role("checkbox", name=re.compile(r"^Li Keqiang")).uncheck()
    wait_until(page, "document.querySelectorAll('.events h4 a').length > 1")
    with page.expect_response(lambda r: "q=Forum" in r.url):
        page.get_by_label("Search titles, summaries and passages").type("Forum", delay=30)
    wait_until(page, "document.querySelectorAll('.events h4 a').length === 1")
    assert event_titles(page) == ["Third Belt and Road Forum for International Cooperation"]
    assert re.search(r"[?&]q=Forum", page.url)
    assert page.evaluate("window.__sameDocument") is True
    filtered_url = page.url
    screenshot(page, "timeline-filtered")

    page.go_back()
    wait_until(page, "document.querySelectorAll('.events h4 a').length > 1")
    assert "q=Forum" not in page.url
    page.go_forward()
    wait_until(page, "document.querySelectorAll('.events h4 a').length === 1")

    fresh = page.context.new_page()
    fresh.goto(filtered_url)
    assert event_titles(fresh) == ["Third Belt and Road Forum for International Cooperation"]
    assert fresh.get_by_label("Search titles, summaries and passages").input_value() == "Forum"
    fresh.close()


def test_filters_work_with_javascript_off(live_server, browser, screenshot, seeded) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    page.get_by_role("checkbox", name=re.compile(r"^Summit or forum")).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"type=summit"))
    assert event_titles(page) == ["Third Belt and Road Forum for International Cooperation"]

    page.get_by_label("From", exact=True).fill("banana")
    page.get_by_role("button", name="Apply filters").click()
    assert "Enter a year (2023), a month (2023-03) or a day" in page.content()
    screenshot(page, "timeline-no-js-error")
    context.close()


def test_evidence_link_lands_on_the_highlighted_passage(live_server, page, screenshot, seeded):
    forum = Event.objects.get(event_type="summit")
    evidence = forum.evidence.get()
    page.goto(f"{live_server.url}{forum.get_absolute_url()}")
    page.get_by_role("link", name=re.compile(r"China welcomes biannual visit")).click()
    page.wait_for_url(re.compile(rf"/sources/{evidence.source_id}/#ev-{evidence.pk}$"))
    wait_until(page, f"document.activeElement.id === 'ev-{evidence.pk}'")
    mark = page.locator(f"#ev-{evidence.pk}")
    assert mark.evaluate("el => el.tagName") == "MARK"
    assert "third Belt and Road Forum" in mark.inner_text()
    assert mark.is_visible()
    screenshot(page, "source-highlight")


def test_show_more_and_keyboard_only(live_server, page, seeded) -> None:
    page.goto(f"{live_server.url}/")
    # Keyboard only: tab to the first checkbox of the people facet and toggle it.
    page.get_by_label("Search titles, summaries and passages").focus()
    for _ in range(3):
        page.keyboard.press("Tab")  # from, to, first actor
    focused = page.evaluate("document.activeElement.name")
    assert focused == "actor"
    with page.expect_response(lambda r: "actor=" in r.url):
        page.keyboard.press("Space")
    wait_until(page, "location.search.includes('actor=')")
    assert page.evaluate("document.activeElement.name") == "actor"  # focus is kept


@pytest.mark.parametrize("width", [1280, 390])
def test_no_serious_accessibility_violations(live_server, browser, screenshot, seeded, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    forum = Event.objects.get(event_type="summit")
    source_id = forum.evidence.get().source_id
    axe = Axe()
    for name, path in [
        ("timeline", "/"),
        ("event", forum.get_absolute_url()),
        ("source", f"/sources/{source_id}/"),
    ]:
        page.goto(f"{live_server.url}{path}")
        results = axe.run(page)
        serious = [
            v for v in results.response["violations"] if v["impact"] in {"serious", "critical"}
        ]
        assert not serious, results.generate_report()
        screenshot(page, f"{name}-{width}")
    context.close()


def test_first_page_transfer_is_under_100_kb(live_server, page, seeded) -> None:
    sizes: list[int] = []
    page.on("response", lambda r: sizes.append(len(r.body())) if r.ok else None)
    page.goto(f"{live_server.url}/")
    page.wait_for_load_state("networkidle")
    assert 0 < sum(sizes) < 100_000
