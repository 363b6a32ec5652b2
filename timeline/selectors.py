"""Every read the public site and the exports make, with the visibility rule in one place."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from timeline.models import Event, Source


def events_visible(*, user=None) -> QuerySet[Event]:
    """Events a visitor may see: published ones; staff also see proposed events."""
    events = Event.objects.all()
    if user is not None and user.is_authenticated and user.is_staff:
        return events.exclude(status=Event.Status.REJECTED)
    return events.filter(status=Event.Status.PUBLISHED)


def source_list(*, user=None) -> QuerySet[Source]:
    """Sources for the list page, newest first, without their (large) texts."""
    visible = Q(evidence__event__in=events_visible(user=user))
    return (
        Source.objects.defer("body", "raw_text", "parse_notes")
        .annotate(event_count=Count("evidence__event", filter=visible, distinct=True))
        .order_by("-published_date", "-published_time", "title", "pk")
    )


def source_get(*, pk: int) -> Source:
    return Source.objects.get(pk=pk)


def event_get(*, slug: str, user=None) -> Event:
    return events_visible(user=user).select_related("place").get(slug=slug)
