"""Thin views: validate input, call one selector, render."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from timeline import selectors
from timeline.models import Event, Source

SOURCES_PER_PAGE = 50


def source_list(request: HttpRequest) -> HttpResponse:
    paginator = Paginator(selectors.source_list(user=request.user), SOURCES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "timeline/source_list.html", {"page": page})


def _source_or_404(pk: int) -> Source:
    try:
        return selectors.source_get(pk=pk)
    except Source.DoesNotExist as exc:
        raise Http404("No such source.") from exc


def source_detail(request: HttpRequest, pk: int) -> HttpResponse:
    source = _source_or_404(pk)
    return render(
        request,
        "timeline/source_detail.html",
        {"source": source, "jsonld": news_article_jsonld(request, source)},
    )


def source_raw(request: HttpRequest, pk: int) -> HttpResponse:
    source = _source_or_404(pk)
    return render(request, "timeline/source_raw.html", {"source": source})


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        event = selectors.event_get(slug=slug, user=request.user)
    except Event.DoesNotExist as exc:
        raise Http404("No such event.") from exc
    return render(request, "timeline/event_detail.html", {"event": event})


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
    if source.url:
        data["sameAs"] = source.url
    if source.dateline_place:
        data["locationCreated"] = {"@type": "Place", "name": source.dateline_place}
    return data
