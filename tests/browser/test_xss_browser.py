"""In Chromium: hostile data runs no script on any page, and the Content-Security-Policy neither
blocks anything of ours (timeline with htmx filtering, source pages, admin) nor is needed to
keep the hostile data inert.

The XSS run bypasses the CSP (Playwright's `bypass_csp`), so it tests the escaping alone; the
CSP run keeps it and listens for `securitypolicyviolation` events.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from playwright.sync_api import expect
from test_xss import JS_URL, PAYLOAD, hostile_data

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Installed before any page script: a trap for what the payloads would do, and recorders for
# CSP violations. `window.__xss` is what every payload sets.
TRAPS = """
window.__fired = [];
window.__violations = [];
Object.defineProperty(window, "__xss", {
  configurable: false,
  get() { return undefined; },
  set(value) { window.__fired.push(String(value)); },
});
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}`);
});
"""


SCRIPT_LINKS = (
    "els => els.map(e => e.getAttribute('href'))"
    ".filter(h => /^[\\s\\x00-\\x1f]*(javascript|data|vbscript):/i.test(h))"
)


def new_page(browser, live_server, *, bypass_csp: bool, staff: bool = False):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=bypass_csp)
    if staff:
        user = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
        client = Client()
        client.force_login(user)
        cookie = client.cookies["sessionid"]
        context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    context.add_init_script(TRAPS)
    page = context.new_page()
    seen = {"dialogs": [], "console": [], "errors": []}
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("console", lambda m: m.type in ("error", "warning") and seen["console"].append(m.text))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    return context, page, seen


def visit(page, url: str) -> dict:
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status < 500, url
    page.wait_for_timeout(100)  # let deferred scripts and any injected handler run
    return page.evaluate("({fired: window.__fired, violations: window.__violations})")


@pytest.fixture
def hostile(make_event):
    return hostile_data(make_event)


def test_hostile_data_runs_no_script_on_public_pages(browser, live_server, hostile, screenshot):
    context, page, seen = new_page(browser, live_server, bypass_csp=True)
    try:
        for path in [*hostile["public"], f"/sources/{hostile['source'].pk}/#ev-1"]:
            result = visit(page, live_server.url + path)
            assert result["fired"] == [], path
            assert seen["dialogs"] == [] and seen["errors"] == [], (path, seen)
            assert page.locator("img, svg[onload], iframe").count() == 0, path
        page.goto(f"{live_server.url}/events/{hostile['event'].slug}/")
        assert PAYLOAD[:30] in page.locator("h1").inner_text()  # shown as text
        screenshot(page, "hostile-event-page")
    finally:
        context.close()


def test_hostile_data_runs_no_script_in_htmx_fragments(browser, live_server, hostile):
    context, page, seen = new_page(browser, live_server, bypass_csp=True)
    try:
        visit(page, f"{live_server.url}/")
        with page.expect_response(lambda r: "actor=hostile-actor" in r.url):
            page.locator("input[name=actor][value=hostile-actor]").check()
        page.wait_for_function("document.querySelectorAll('.events h4 a').length === 1")
        with page.expect_response(lambda r: "q=" in r.url):
            page.locator("#id_q").fill("<script>")
        page.wait_for_timeout(200)
        assert page.evaluate("window.__fired") == []
        assert seen["dialogs"] == [] and seen["errors"] == [], seen
    finally:
        context.close()


def test_hostile_data_runs_no_script_in_the_admin(browser, live_server, hostile):
    context, page, seen = new_page(browser, live_server, bypass_csp=True, staff=True)
    try:
        for path in hostile["admin"]:
            result = visit(page, live_server.url + path)
            assert "/admin/login/" not in page.url, path
            assert result["fired"] == [], path
            assert seen["dialogs"] == [] and seen["errors"] == [], (path, seen)
    finally:
        context.close()


def test_no_javascript_link_on_any_page(browser, live_server, hostile):
    """Clicking every link of a page must never run script; a `javascript:` href would."""
    context, page, _ = new_page(browser, live_server, bypass_csp=True, staff=True)
    found = {}
    try:
        for path in [*hostile["public"], *hostile["admin"]]:
            visit(page, live_server.url + path)
            links = page.eval_on_selector_all("a[href], area[href]", SCRIPT_LINKS)
            if links:
                found[path] = links
        assert found == {}
        assert JS_URL in found.get(f"/sources/{hostile['source'].pk}/", [JS_URL])
    finally:
        context.close()


def test_policy_blocks_nothing_of_ours_on_any_page(browser, live_server, hostile):
    """Under the real CSP: no violation on the public pages or in the admin (its scripts,
    styles, widgets and our format_html displays)."""
    context, page, seen = new_page(browser, live_server, bypass_csp=False, staff=True)
    blocked = {}
    try:
        for path in [*hostile["public"], *hostile["admin"], "/admin/timeline/event/add/"]:
            result = visit(page, live_server.url + path)
            if result["violations"]:
                blocked[path] = result["violations"]
            assert result["fired"] == [], path
            assert seen["errors"] == [], (path, seen["errors"])
        assert blocked == {}
        assert not [m for m in seen["console"] if "Content Security Policy" in m], seen
    finally:
        context.close()


def test_timeline_filters_with_htmx_under_the_policy(browser, live_server, make_event):
    make_event("Talks in Beijing", actors=("lukashenko",))
    make_event("Forum in Minsk", actors=("xi-jinping",))
    context, page, seen = new_page(browser, live_server, bypass_csp=False)
    try:
        response = page.goto(f"{live_server.url}/")
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert page.evaluate("typeof htmx") == "object"
        page.evaluate("window.__sameDocument = true")
        with page.expect_request(lambda r: r.headers.get("hx-request") == "true") as request:
            page.locator("input[name=actor][value=lukashenko]").check()
        assert "actor=lukashenko" in request.value.url
        # A locator wait: wait_for_function would evaluate a string, which the policy refuses.
        expect(page.locator(".events h4 a")).to_have_count(1)
        assert page.locator(".events h4 a").inner_text() == "Talks in Beijing"
        assert page.evaluate("window.__sameDocument") is True  # swapped by htmx, no reload
        assert re.search(r"actor=lukashenko", page.url)
        assert page.evaluate("window.__violations") == []
        assert page.evaluate("document.querySelectorAll('head style').length") == 0
        assert seen["errors"] == [] and seen["console"] == [], seen
    finally:
        context.close()
