"""A curator merges two duplicate events in the admin; the public timeline shows one."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.models import User

from timeline.models import Event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_curator_merges_two_events_through_the_confirm_page(
    live_server, page, screenshot, make_event, gazetteer
) -> None:
    User.objects.create_superuser("editor", "editor@example.org", "a long test password 42")
    first = make_event(
        "Talks in Minsk", dt.date(2024, 5, 6), publisher="BelTA", actors=("lukashenko",)
    )
    make_event(
        "Minsk talks (duplicate)",
        dt.date(2024, 5, 6),
        publisher="Reuters",
        actors=("lukashenko", "putin"),
    )

    page.goto(f"{live_server.url}/admin/login/?next=/admin/timeline/event/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a long test password 42")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/admin/timeline/event/$"))
    screenshot(page, "admin-changelist")

    for title in ("Talks in Minsk", "Minsk talks (duplicate)"):
        row = page.locator("#result_list tbody tr", has_text=title)
        row.locator("input.action-select").check()
    page.locator("select[name=action]").select_option("merge_selected")
    page.get_by_role("button", name="Go").click()
    page.get_by_text("Which one survives?").wait_for()
    page.get_by_role("radio", name=re.compile(r"Talks in Minsk")).check()
    screenshot(page, "admin-merge-confirm")
    page.get_by_role("button", name="Yes, I’m sure").click()
    page.get_by_text("Merged into").wait_for()

    assert Event.objects.count() == 1
    survivor = Event.objects.get()
    assert survivor.pk == first.pk

    page.goto(f"{live_server.url}/admin/timeline/event/{survivor.pk}/change/")
    screenshot(page, "admin-event-form")
    assert page.get_by_text("Open the highlighted passage").count() == 2

    page.goto(f"{live_server.url}/")
    items = page.locator(".events > li")
    assert items.count() == 1
    assert "2 sources" in items.first.inner_text()
    screenshot(page, "timeline-after-merge")
