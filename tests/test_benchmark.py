"""The benchmark's synthetic corpus and request timer (`manage.py bench` runs them at scale)."""

from __future__ import annotations

import itertools

import pytest
from django.test import Client

from timeline import benchmark
from timeline.models import Event, Evidence, Source
from timeline.search import search_index_rebuild
from timeline.selectors import PAGE_SIZE
from timeline.stats import stats_rebuild

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    counts = benchmark.generate(400, echo=lambda line: None)
    search_index_rebuild()
    stats_rebuild()
    return counts


def test_the_corpus_has_the_asked_size_and_consistent_passages(corpus):
    assert Event.objects.filter(slug__startswith="bench-").count() == 400
    assert corpus["events"] == 400
    assert Source.objects.count() == corpus["sources"] >= 100
    assert Evidence.objects.count() == corpus["evidence"] >= 400
    for evidence in Evidence.objects.select_related("source")[:200]:
        assert evidence.source.body[evidence.start : evidence.end] == evidence.exact
    published = Event.objects.filter(status=Event.Status.PUBLISHED).count()
    assert 0.6 < published / 400 < 0.95  # published and proposed mixed
    without_participants = Event.objects.filter(participants__isnull=True).count()
    assert without_participants == 0


def test_the_corpus_is_skewed_towards_recent_decades(corpus):
    recent = Event.objects.filter(start_date__year__gte=1990).count()
    early = Event.objects.filter(start_date__year__lt=1970).count()
    assert recent > 3 * early


def test_timings_count_the_events_each_response_lists(corpus):
    published = Event.objects.filter(status=Event.Status.PUBLISHED).count()

    timing = benchmark.time_requests(Client(), "page", itertools.repeat("/"), 5)

    assert len(timing.samples) == len(timing.rows) == 5
    assert all(ms > 0 for ms in timing.samples)
    assert timing.rows == [min(PAGE_SIZE, published)] * 5
    assert timing.p50 <= timing.p95


def test_timings_refuse_an_error_response(corpus):
    with pytest.raises(RuntimeError, match="answered 400"):
        benchmark.time_requests(Client(), "bad", itertools.repeat("/?from=2023-13"), 3)
