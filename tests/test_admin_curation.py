"""The curation admin: actions, confirm pages, services, history, permissions, curated fields."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.test import RequestFactory
from django.urls import reverse

from timeline import services
from timeline.models import Actor, Event, EventRedirect, Evidence, Place, Source
from timeline.pipeline import articles_import, events_extract

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:timeline_event_changelist"


def user_in(group: str | None, username: str = "someone") -> User:
    user = User.objects.create_user(username, password="pw", is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def curator(client) -> User:
    user = user_in("Curator", "curator")
    client.force_login(user)
    return user


def post_action(client, url_name: str, action: str, objects, **extra):
    data = {"action": action, "_selected_action": [o.pk for o in objects], **extra}
    return client.post(reverse(url_name), data)


def test_groups_exist_with_their_permissions() -> None:
    curator = set(Group.objects.get(name="Curator").permissions.values_list("codename", flat=True))
    viewer = set(Group.objects.get(name="Viewer").permissions.values_list("codename", flat=True))
    assert {"publish_event", "merge_event", "change_event", "merge_actor"} <= curator
    assert viewer == {f"view_{m}" for m in ("event", "evidence", "actor", "place", "source")}


@pytest.mark.parametrize(
    ("model", "actions"),
    [
        (Event, {"publish_selected", "reject_selected", "merge_selected"}),
        (Actor, {"accept_selected", "dismiss_selected", "merge_selected"}),
        (Place, {"accept_selected", "dismiss_selected", "merge_selected"}),
        (Source, {"reextract_selected"}),
    ],
)
def test_actions_are_registered_for_curators_and_hidden_from_viewers(model, actions) -> None:
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/")
    request.user = user_in("Curator", "c")
    assert actions <= set(model_admin.get_actions(request))
    request.user = user_in("Viewer", "v")
    assert not actions & set(model_admin.get_actions(request))


def test_publish_goes_through_a_confirm_page(client, curator, make_event) -> None:
    events = [make_event("A", status="proposed"), make_event("B", status="proposed")]

    confirm = post_action(client, CHANGELIST, "publish_selected", events)
    assert confirm.status_code == 200
    assert "Publish events?" in confirm.content.decode()
    assert Event.objects.filter(status="published").count() == 0

    done = post_action(client, CHANGELIST, "publish_selected", events, post="yes")
    assert done.status_code == 302
    for event in Event.objects.all():
        assert event.status == "published"
        assert "status" in event.curated_fields
        latest = event.history.first()
        assert latest.history_user == curator and latest.status == "published"


def test_reject_removes_from_the_public_timeline(client, curator, make_event) -> None:
    event = make_event("Noise")
    post_action(client, CHANGELIST, "reject_selected", [event], post="yes")
    event.refresh_from_db()
    assert event.status == "rejected"
    client.logout()
    assert "Noise" not in client.get("/").content.decode()


@pytest.fixture
def duplicates(make_event):
    visit = make_event("Visit", dt.date(2023, 12, 3), event_type="working_visit")
    a = make_event("Talks A", actors=("lukashenko",), place="beijing", publisher="One")
    b = make_event("Talks B", actors=("xi-jinping",), publisher="Two")
    child = make_event("Lunch", actors=("lukashenko",))
    child.parent = b
    child.save()
    b.parent = visit
    b.save()
    return a, b, child, visit


def test_merge_moves_every_related_row_and_redirects(client, curator, duplicates) -> None:
    a, b, child, visit = duplicates
    b_slug, b_evidence = b.slug, b.evidence.get()

    confirm = post_action(client, CHANGELIST, "merge_selected", [a, b])
    assert "Which one survives?" in confirm.content.decode()
    post_action(client, CHANGELIST, "merge_selected", [a, b], post="yes", survivor=a.pk)

    assert not Event.objects.filter(pk=b.pk).exists()
    a.refresh_from_db()
    assert set(a.participants.values_list("slug", flat=True)) == {"lukashenko", "xi-jinping"}
    assert a.evidence.count() == 2
    moved = Evidence.objects.get(pk=b_evidence.pk)
    assert moved.event == a and moved.origin == "curator"
    assert moved.history.first().history_user == curator
    child.refresh_from_db()
    assert child.parent == a
    assert a.parent == visit
    assert a.place.slug == "beijing"
    assert EventRedirect.objects.get(old_slug=b_slug).event == a
    response = client.get(f"/events/{b_slug}/")
    assert response.status_code == 301 and response.headers["Location"] == a.get_absolute_url()


def test_merge_needs_a_survivor_and_two_events(client, curator, duplicates) -> None:
    a, b, *_ = duplicates
    post_action(client, CHANGELIST, "merge_selected", [a, b], post="yes")
    assert Event.objects.filter(pk__in=[a.pk, b.pk]).count() == 2
    post_action(client, CHANGELIST, "merge_selected", [a], post="yes", survivor=a.pk)
    assert Event.objects.filter(pk=a.pk).exists()


def test_split_a_passage_off_into_a_new_event(client, curator, duplicates) -> None:
    a, b, *_ = duplicates
    services.event_merge(a, [b])
    evidence = a.evidence.order_by("pk").last()
    url = reverse("admin:timeline_event_split", args=[a.pk, evidence.pk])

    assert "Split it off" in client.get(url).content.decode()
    response = client.post(url, {"post": "yes"})

    evidence.refresh_from_db()
    new = evidence.event
    assert new.pk != a.pk and new.status == "proposed"
    assert response.headers["Location"] == reverse("admin:timeline_event_change", args=[new.pk])
    assert a.evidence.count() == 1


def test_a_single_passage_cannot_be_split(client, curator, make_event) -> None:
    event = make_event("Alone")
    url = reverse("admin:timeline_event_split", args=[event.pk, event.evidence.get().pk])
    client.post(url, {"post": "yes"})
    assert Event.objects.count() == 1


def test_actor_merge_moves_references_and_keeps_names_as_aliases(client, curator, make_event):
    dup = Actor.objects.create(name="A. Lukashenka", slug="a-lukashenka", kind="person")
    event = make_event("Meeting", actors=("a-lukashenka",))
    lukashenko = Actor.objects.get(slug="lukashenko")

    post_action(
        client,
        "admin:timeline_actor_changelist",
        "merge_selected",
        [lukashenko, dup],
        post="yes",
        survivor=lukashenko.pk,
    )

    assert not Actor.objects.filter(slug="a-lukashenka").exists()
    assert list(event.participants.values_list("slug", flat=True)) == ["lukashenko"]
    lukashenko.refresh_from_db()
    assert "A. Lukashenka" in lukashenko.aliases


def test_place_merge_moves_events_and_inner_places(curator, make_event) -> None:
    dup = Place.objects.create(name="Peking", slug="peking", kind="city")
    event = make_event("Talks", place="peking")
    inner = Place.objects.create(name="Venue", slug="venue", kind="building", country=dup)
    beijing = Place.objects.get(slug="beijing")

    services.place_merge(beijing, [dup])

    event.refresh_from_db()
    inner.refresh_from_db()
    assert event.place == beijing and inner.country == beijing
    assert "Peking" in Place.objects.get(slug="beijing").aliases


def test_proposed_names_are_accepted_or_dismissed(client, curator) -> None:
    a = Actor.objects.create(
        name="Zerkalo.io", slug="zerkalo-io", kind="organisation", status="proposed"
    )
    b = Actor.objects.create(name="Also Read", slug="also-read", kind="person", status="proposed")
    url = "admin:timeline_actor_changelist"
    post_action(client, url, "accept_selected", [a])
    post_action(client, url, "dismiss_selected", [b])
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status) == ("accepted", "dismissed")


def test_editing_a_title_marks_it_curated_and_extraction_keeps_it(
    client, curator, seeds_dir: Path
) -> None:
    articles_import([seeds_dir], max_bytes=5_000_000)
    event = Event.objects.get(event_type="summit")
    url = reverse("admin:timeline_event_change", args=[event.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        title="Belt and Road Forum (curated)",
        participants=[a.pk for a in event.participants.all()],
        place=event.place_id or "",
        parent=event.parent_id or "",
        end_date="",
        **{
            "evidence-TOTAL_FORMS": event.evidence.count(),
            "evidence-INITIAL_FORMS": event.evidence.count(),
            "evidence-MIN_NUM_FORMS": 0,
            "evidence-MAX_NUM_FORMS": 1000,
        },
    )
    for i, ev in enumerate(event.evidence.all()):
        data.update(
            {
                f"evidence-{i}-id": ev.pk,
                f"evidence-{i}-event": event.pk,
                f"evidence-{i}-modality": ev.modality,
            }
        )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    event.refresh_from_db()
    assert event.curated_fields == ["title"]
    slug = event.slug

    source = Source.objects.get(file_name__startswith="000")
    post_action(client, "admin:timeline_source_changelist", "reextract_selected", [source])
    events_extract()

    event.refresh_from_db()
    assert event.title == "Belt and Road Forum (curated)"
    assert event.slug == slug
    assert event.history.filter(title="Belt and Road Forum (curated)").exists()


def test_history_is_visible_with_revert(client, curator, make_event) -> None:
    event = make_event("Original")
    event.title = "Changed"
    event.save()
    history_url = reverse("admin:timeline_event_history", args=[event.pk])
    assert "Changed" in client.get(history_url).content.decode()
    first = event.history.order_by("history_id").first()
    revert_url = reverse("admin:timeline_event_simple_history", args=[event.pk, first.history_id])
    assert "Revert" in client.get(revert_url).content.decode()


def test_viewer_reads_but_cannot_change_or_act(client, make_event) -> None:
    viewer = user_in("Viewer", "viewer")
    client.force_login(viewer)
    event = make_event("Read me", status="proposed")

    changelist = client.get(reverse(CHANGELIST))
    assert changelist.status_code == 200
    assert "publish_selected" not in changelist.content.decode()
    change = client.post(
        reverse("admin:timeline_event_change", args=[event.pk]), {"title": "hacked"}
    )
    assert change.status_code == 403
    post_action(client, CHANGELIST, "publish_selected", [event], post="yes")
    event.refresh_from_db()
    assert event.status == "proposed"
    split = reverse("admin:timeline_event_split", args=[event.pk, event.evidence.get().pk])
    assert client.post(split, {"post": "yes"}).status_code == 403


def test_anonymous_users_are_sent_to_the_login(client) -> None:
    response = client.get(reverse(CHANGELIST))
    assert response.status_code == 302 and "/admin/login/" in response.headers["Location"]


def test_review_queue_lists_proposed_first(client, curator, make_event) -> None:
    make_event("Published old", dt.date(2020, 1, 1))
    make_event("Proposed", dt.date(2021, 1, 1), status="proposed")
    html = client.get(reverse(CHANGELIST)).content.decode()
    assert html.index(">Proposed</a>") < html.index(">Published old</a>")


def test_search_covers_evidence_and_participants(client, curator, make_event) -> None:
    make_event("Unrelated title", actors=("lukashenko",), body="Quote about tractors here.")
    by_quote = client.get(reverse(CHANGELIST), {"q": "tractors"}).content.decode()
    by_name = client.get(reverse(CHANGELIST), {"q": "Lukashenko"}).content.decode()
    assert "Unrelated title" in by_quote and "Unrelated title" in by_name
