from __future__ import annotations

from pathlib import Path

import pytest

from timeline.models import Source
from timeline.pipeline import articles_import

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_reader_goes_from_the_list_to_a_source_and_its_raw_text(
    live_server, page, screenshot, seeds_dir: Path, gazetteer
) -> None:
    articles_import([seeds_dir], max_bytes=5_000_000)
    source = Source.objects.get(file_name__startswith="000")

    page.goto(f"{live_server.url}/sources/")
    assert page.locator("h1").inner_text() == "Sources"
    assert page.locator(".source-list > li").count() == 5
    screenshot(page, "source-list")

    page.get_by_role("link", name=source.title).click()
    page.wait_for_url(f"**{source.get_absolute_url()}")
    assert page.locator("h1").inner_text() == source.title
    assert page.get_by_text("Xi reaffirmed to Lukashenko").count() == 1
    assert page.get_by_text("Also Read").count() == 0
    screenshot(page, "source-detail")

    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "source-detail-phone")

    page.get_by_role("link", name="Raw text as imported").click()
    assert "Also Read:\u00a0China approves" in page.locator("pre.raw").inner_text()


def test_keyboard_user_can_skip_to_content(live_server, page) -> None:
    page.goto(f"{live_server.url}/sources/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
