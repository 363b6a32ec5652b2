"""Playwright (Python) driving Debian's Chromium against pytest-django's live server.

Browser tests never skip: a machine without Chromium fails them with the install command.
Screenshots go to test-artifacts/screenshots/ (printed at the end of the run).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls the live_server
# fixture makes there are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def chromium_path() -> str:
    candidate = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
    if Path(candidate).is_file() and os.access(candidate, os.X_OK):
        return candidate
    found = shutil.which("chromium")
    if found:
        return found
    pytest.fail(
        f"Chromium not found at {candidate}. Install Debian's Chromium with "
        "`apt-get update && apt-get install -y chromium` (.ci/run does this), "
        "or set CHROMIUM=/path/to/chromium.",
        pytrace=False,
    )


@pytest.fixture(scope="session")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser) -> Iterator:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(request) -> Iterator:
    """Call with a page and a name; saves test-artifacts/screenshots/<test>-<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []

    def take(page, name: str, *, full_page: bool = True) -> Path:
        path = SCREENSHOTS / f"{request.node.name}-{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        saved.append(path)
        return path

    yield take
    for path in saved:
        print(f"screenshot: {path}")


def pytest_terminal_summary(terminalreporter) -> None:
    if SCREENSHOTS.exists() and any(SCREENSHOTS.iterdir()):
        terminalreporter.write_line(f"browser screenshots saved in {SCREENSHOTS}")
