from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.urls import reverse

from timeline.models import Source
from timeline.pipeline import articles_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def sources(seeds_dir: Path) -> list[Source]:
    articles_import([seeds_dir], max_bytes=5_000_000)
    return list(Source.objects.order_by("file_name"))


def make_source(**fields) -> Source:
    defaults = dict(title="T", body="Body text.", raw_text="raw", sha256="0" * 64, file_name="f")
    return Source.objects.create(**{**defaults, **fields})


def test_source_list_shows_every_source_newest_first(client, sources) -> None:
    response = client.get(reverse("timeline:source-list"))

    html = response.content.decode()
    assert response.status_code == 200
    titles = [s.title for s in sorted(sources, key=lambda s: s.published_date, reverse=True)]
    positions = [html.index(str(_escape(t))) for t in titles]
    assert positions[0] < positions[-1]
    assert "5 imported articles" in html


def test_source_list_empty_state(client) -> None:
    response = client.get(reverse("timeline:source-list"))
    assert "No articles yet" in response.content.decode()


def test_source_list_bad_page_number_is_not_an_error(client, sources) -> None:
    response = client.get(reverse("timeline:source-list"), {"page": "banana"})
    assert response.status_code == 200


def test_source_page_shows_metadata_body_and_raw_link(client, sources) -> None:
    source = next(s for s in sources if s.file_name.startswith("003"))

    response = client.get(source.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Lukashenko hails ties with China ahead of Xi meeting" in html
    assert "1 March 2023" in html
    assert reverse("timeline:source-raw", args=[source.pk]) in html
    assert "Xi has spoken to Putin several times since the war began" in html


def test_source_page_carries_news_article_jsonld(client, sources) -> None:
    source = next(s for s in sources if s.file_name.startswith("004"))

    html = client.get(source.get_absolute_url()).content.decode()

    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match
    data = json.loads(match.group(1))
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == source.title
    assert data["datePublished"].startswith("2023-12-04")
    assert data["publisher"]["name"] == source.publisher


def test_raw_page_shows_the_text_as_imported(client, sources) -> None:
    source = sources[3]

    response = client.get(reverse("timeline:source-raw", args=[source.pk]))

    assert response.status_code == 200
    assert "13-year-old Australian boy swims for hours" in response.content.decode()


def test_article_markup_is_escaped_everywhere(client) -> None:
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    source = make_source(
        title=f"Title {hostile}",
        body=f"Para {hostile}\n\nSecond",
        raw_text=hostile,
        author=hostile,
        publisher="</script><script>alert(2)</script>",
    )

    for url in (
        reverse("timeline:source-list"),
        source.get_absolute_url(),
        reverse("timeline:source-raw", args=[source.pk]),
    ):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
    detail = client.get(source.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in detail
    assert "\\u003C/script\\u003E" in detail  # inside the JSON-LD


def test_unknown_source_is_404(client) -> None:
    assert client.get(reverse("timeline:source-detail", args=[999])).status_code == 404
    assert client.get(reverse("timeline:source-raw", args=[999])).status_code == 404


def _escape(text: str) -> str:
    from django.utils.html import escape

    return escape(text)
