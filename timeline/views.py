"""Thin views: validate input, call selectors, render one template (page or partial)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.views.decorators.vary import vary_on_headers

from timeline import selectors
from timeline.filters import TimelineFilters, filters_from_query
from timeline.models import Event, Evidence, Source
from timeline.templatetags.timeline_tags import bar_height, query_with

SOURCES_PER_PAGE = 50


def _fragment(request: HttpRequest) -> bool:
    """An htmx request for a piece of the page (not a history restore, which needs it all)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request


@vary_on_headers("HX-Request")
def timeline(request: HttpRequest) -> HttpResponse:
    form, filters = filters_from_query(request.GET)
    context: dict = {"form": form, "filters": filters}
    status = 200
    if filters is None:
        status = 400
        context.update(page=None, overview=("month", []), facets=_facets_for_invalid(request))
    elif _fragment(request) and filters.after:
        # "Show more": the next events only; counts, overview and facets are already shown.
        query = selectors.TimelineQuery(filters, user=request.user)
        context.update(page=query.page(with_total=False), overview=("month", []), facets={})
    else:
        # One query object: the page, the overview and the facets share its matches.
        query = selectors.TimelineQuery(filters, user=request.user)
        context.update(page=query.page(), overview=query.overview(), facets=query.facets())
    context["bars"] = _overview_bars(request, context["overview"][1])
    template = "timeline/timeline.html"
    if _fragment(request):
        partial = "more-fragment" if filters is not None and filters.after else "results-fragment"
        template = f"{template}#{partial}"
    return render(request, template, context, status=status)


@dataclass(frozen=True)
class Bar:
    """One bar of the overview strip, ready to print."""

    href: str
    height: int  # percent of the tallest bar
    label: str  # "Mar 2023: 4 events"


def _overview_bars(request: HttpRequest, buckets: list) -> list[Bar]:
    tallest = max((bucket.count for bucket in buckets), default=0)
    return [
        Bar(
            query_with(request, **{"from": b.param, "to": b.param, "after": None}),
            bar_height(b.count, tallest),
            f"{b.label}: {b.count} event{'' if b.count == 1 else 's'}",
        )
        for b in buckets
    ]


def _facets_for_invalid(request: HttpRequest) -> dict:
    """With invalid parameters the choices still render, from an unfiltered view."""
    return selectors.timeline_facets(TimelineFilters(), user=request.user)


def source_list(request: HttpRequest) -> HttpResponse:
    paginator = Paginator(selectors.source_list(user=request.user), SOURCES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "timeline/source_list.html", {"page": page})


def _source_or_404(pk: int) -> Source:
    try:
        return selectors.source_get(pk=pk)
    except Source.DoesNotExist as exc:
        raise Http404("No such source.") from exc


@dataclass(frozen=True)
class Segment:
    """A run of body text inside one paragraph, and the passages it belongs to."""

    text: str
    evidence: tuple[Evidence, ...] = ()
    anchors: tuple[str, ...] = ()  # ids of the passages that start here: "ev-<pk>"

    @property
    def anchor(self) -> str:
        return self.anchors[0] if self.anchors else ""

    @property
    def more_anchors(self) -> tuple[str, ...]:
        return self.anchors[1:]


def highlight_segments(body: str, evidence: list[Evidence]) -> list[list[Segment]]:
    """Paragraphs of segments, cut at every passage boundary. Article text stays plain text:
    the template escapes each segment, so nothing from the article is ever marked safe."""
    paragraphs: list[tuple[int, int]] = []
    position = 0
    for part in body.split("\n\n"):
        start, end = position, position + len(part)
        position = end + 2
        if part.strip():
            paragraphs.append((start, end))
    result: list[list[Segment]] = []
    anchored: set[int] = set()
    for p_start, p_end in paragraphs:
        cuts = {p_start, p_end}
        for ev in evidence:
            for cut in (ev.start, ev.end):
                if p_start < cut < p_end:
                    cuts.add(cut)
        ordered = sorted(cuts)
        segments = []
        for start, end in pairwise(ordered):
            covering = tuple(ev for ev in evidence if ev.start <= start and end <= ev.end)
            anchors = tuple(f"ev-{ev.pk}" for ev in covering if ev.pk not in anchored)
            anchored.update(ev.pk for ev in covering)
            segments.append(Segment(body[start:end], covering, anchors))
        result.append(segments)
    return result


def source_detail(request: HttpRequest, pk: int) -> HttpResponse:
    source = _source_or_404(pk)
    evidence = selectors.source_evidence(source, user=request.user)
    return render(
        request,
        "timeline/source_detail.html",
        {
            "source": source,
            "paragraphs": highlight_segments(source.body, evidence),
            "evidence": evidence,
            "jsonld": news_article_jsonld(request, source),
        },
    )


def source_raw(request: HttpRequest, pk: int) -> HttpResponse:
    source = _source_or_404(pk)
    return render(request, "timeline/source_raw.html", {"source": source})


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        event = selectors.event_get(slug=slug, user=request.user)
    except Event.DoesNotExist as exc:
        # A permalink merged into another event keeps working.
        survivor = selectors.event_redirect(slug=slug, user=request.user)
        if survivor is not None:
            return HttpResponsePermanentRedirect(survivor.get_absolute_url())
        raise Http404("No such event.") from exc
    evidence = selectors.event_evidence(event)
    return render(
        request,
        "timeline/event_detail.html",
        {
            "event": event,
            "evidence": evidence,
            "related": selectors.event_related(event, user=request.user),
            "jsonld": event_jsonld(request, event, evidence),
        },
    )


def event_jsonld(request: HttpRequest, event: Event, evidence: list[Evidence]) -> dict:
    """schema.org Event for an event page."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": _iso_at_precision(event.start_date, event.start_precision),
        "url": request.build_absolute_uri(event.get_absolute_url()),
        "eventStatus": "https://schema.org/EventScheduled",
    }
    if event.summary:
        data["description"] = event.summary
    if event.end_date:
        data["endDate"] = _iso_at_precision(event.end_date, event.end_precision)
    if event.place:
        data["location"] = {"@type": "Place", "name": event.place.name}
    people = list(event.participants.all())
    if people:
        data["performer"] = [
            {"@type": "Person" if a.kind == "person" else "Organization", "name": a.name}
            for a in people
        ]
    sources = {ev.source_id: ev.source for ev in evidence}
    if sources:
        data["subjectOf"] = [
            {
                "@type": "NewsArticle",
                "headline": s.title,
                "url": request.build_absolute_uri(s.get_absolute_url()),
            }
            for s in sources.values()
        ]
    return data


def _iso_at_precision(day, precision: str) -> str:
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def news_article_jsonld(request: HttpRequest, source: Source) -> dict:
    """schema.org NewsArticle for a source page."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": source.title,
        "url": request.build_absolute_uri(source.get_absolute_url()),
        "inLanguage": source.language,
    }
    if source.published_date:
        data["datePublished"] = source.published_date.isoformat()
        if source.published_time:
            data["datePublished"] += "T" + source.published_time.isoformat(timespec="minutes")
    if source.author:
        data["author"] = {"@type": "Person", "name": source.author}
    if source.publisher:
        data["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.url.lower().startswith(("http://", "https://")):
        data["sameAs"] = source.url
    if source.dateline_place:
        data["locationCreated"] = {"@type": "Place", "name": source.dateline_place}
    return data
