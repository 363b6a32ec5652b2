"""Static files as production serves them (whitenoise): hashed names, compressed copies, long
cache lifetimes for hashed files, and pages that link the hashed names."""

from __future__ import annotations

import gzip
import runpy
from pathlib import Path

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import Client, override_settings

SETTINGS_FILE = Path(__file__).resolve().parents[1] / "timeline" / "settings.py"
ONE_YEAR = 60 * 60 * 24 * 365


@pytest.fixture
def production_static(tmp_path, monkeypatch):
    """The production static settings (timeline/settings.py with DEBUG off), collected into a
    temporary STATIC_ROOT."""
    monkeypatch.setenv("SECRET_KEY", "s" * 60)
    monkeypatch.setenv("DEBUG", "0")
    production = runpy.run_path(str(SETTINGS_FILE))
    with override_settings(
        DEBUG=False,
        STORAGES=production["STORAGES"],
        WHITENOISE_MAX_AGE=production["WHITENOISE_MAX_AGE"],
        STATIC_ROOT=tmp_path,
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield tmp_path


def max_age(response) -> int:
    for part in response["Cache-Control"].split(","):
        name, _, value = part.strip().partition("=")
        if name == "max-age":
            return int(value)
    raise AssertionError(f"no max-age in {response['Cache-Control']!r}")


def test_hashed_static_files_are_cached_for_good_and_served_compressed(production_static):
    url = staticfiles_storage.url("timeline/site.css")
    assert url != "/static/timeline/site.css", "production names carry a content hash"

    response = Client().get(url, HTTP_ACCEPT_ENCODING="gzip")

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "immutable" in response["Cache-Control"]
    assert max_age(response) >= ONE_YEAR
    body = gzip.decompress(b"".join(response.streaming_content))
    assert body == (production_static / "timeline" / "site.css").read_bytes()


def test_unhashed_names_are_cached_for_the_configured_time(production_static):
    response = Client().get("/static/timeline/timeline.js")

    assert response.status_code == 200
    assert "Content-Encoding" not in response  # the client asked for no compression
    assert "immutable" not in response["Cache-Control"]
    assert max_age(response) == ONE_YEAR


@pytest.mark.django_db
def test_pages_link_the_hashed_static_files(production_static):
    html = Client().get("/").content.decode()

    assert staticfiles_storage.url("timeline/site.css") in html
    assert staticfiles_storage.url("timeline/timeline.js") in html
