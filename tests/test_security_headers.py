"""Security headers: the Content-Security-Policy on every kind of response, and the production
settings (HSTS over HTTPS, secure cookies, nosniff, referrer policy, frame denial)."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

from timeline.middleware import DEFAULT_POLICY, policy_header

SETTINGS_FILE = Path(__file__).resolve().parents[1] / "timeline" / "settings.py"
SECURITY_SETTINGS = [
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "X_FRAME_OPTIONS",
    "SECURE_PROXY_SSL_HEADER",
]
SECURITY_ENV = [
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
]


def settings_from_environment(monkeypatch, **env: str) -> dict:
    """timeline/settings.py evaluated afresh under this environment (not the test settings)."""
    for name in SECURITY_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SECRET_KEY", "s" * 60)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    namespace = runpy.run_path(str(SETTINGS_FILE))
    return {name: namespace[name] for name in SECURITY_SETTINGS}


@pytest.fixture
def production(monkeypatch):
    """Django's settings overridden with the security settings a production start gets."""
    values = settings_from_environment(monkeypatch, DEBUG="0", ALLOWED_HOSTS="testserver")
    with override_settings(**values, ALLOWED_HOSTS=["testserver"]):
        yield values


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


# --- Content-Security-Policy -------------------------------------------------------------


def test_policy_allows_only_our_own_scripts_and_styles() -> None:
    policy = directives(policy_header(DEFAULT_POLICY))

    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_policy_relaxes_nothing_but_style_attributes() -> None:
    header = policy_header(DEFAULT_POLICY)
    policy = directives(header)

    assert "'unsafe-eval'" not in header
    assert "'unsafe-hashes'" not in header
    assert [name for name, sources in policy.items() if "'unsafe-inline'" in sources] == [
        "style-src-attr"
    ]
    assert not [s for sources in policy.values() for s in sources if s.endswith(":") or "*" in s]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/", "/sources/", "/sources/999/", "/events/nope/", "/export/csv/", "/export/nope/", "/x/"],
)
def test_every_public_response_carries_the_policy(client, make_event, path) -> None:
    make_event("Talks")

    response = client.get(path)

    assert response["Content-Security-Policy"] == policy_header(DEFAULT_POLICY)


@pytest.mark.django_db
def test_htmx_fragments_and_bad_requests_carry_the_policy(client, make_event) -> None:
    make_event("Talks")

    fragment = client.get("/", {"q": "Talks"}, headers={"HX-Request": "true"})
    invalid = client.get("/", {"from": "banana"})

    assert fragment.status_code == 200
    assert invalid.status_code == 400
    assert fragment["Content-Security-Policy"] == policy_header(DEFAULT_POLICY)
    assert invalid["Content-Security-Policy"] == policy_header(DEFAULT_POLICY)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/admin/", "/admin/timeline/event/", "/admin/timeline/event/add/", "/admin/login/"]
)
def test_admin_pages_carry_the_same_policy(admin_client, client, path) -> None:
    response = (client if path == "/admin/login/" else admin_client).get(path)

    assert response.status_code == 200
    assert response["Content-Security-Policy"] == policy_header(DEFAULT_POLICY)


@pytest.mark.django_db
def test_pages_have_no_inline_scripts_the_policy_would_block(admin_client, make_event) -> None:
    """Only `<script src>` and JSON-LD data blocks: an inline script would be refused."""
    import re

    event = make_event("Talks")
    source_id = event.evidence.get().source_id
    paths = [
        "/",
        f"/events/{event.slug}/",
        f"/sources/{source_id}/",
        f"/sources/{source_id}/raw/",
        "/admin/",
        f"/admin/timeline/event/{event.pk}/change/",
        f"/admin/timeline/source/{source_id}/change/",
    ]
    for path in paths:
        html = admin_client.get(path).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/ld+json"' in tag, (path, tag)
        assert "<style" not in html, path


# --- Production settings -----------------------------------------------------------------


def test_production_settings_are_strict(monkeypatch) -> None:
    values = settings_from_environment(monkeypatch, DEBUG="0")

    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 365
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["SECURE_REFERRER_POLICY"] == "same-origin"


def test_development_settings_do_not_demand_https(monkeypatch) -> None:
    values = settings_from_environment(monkeypatch, DEBUG="1")

    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SESSION_COOKIE_SECURE"] is False
    assert values["SECURE_HSTS_SECONDS"] == 0


@pytest.mark.django_db
def test_https_responses_carry_hsts(production, make_event) -> None:
    make_event("Talks")

    response = Client().get("/", secure=True)

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == (
        f"max-age={production['SECURE_HSTS_SECONDS']}; includeSubDomains; preload"
    )


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https_without_hsts(production) -> None:
    response = Client().get("/sources/?page=2")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/sources/?page=2"
    assert "Strict-Transport-Security" not in response


@pytest.mark.django_db
def test_https_behind_a_proxy_is_recognised(production) -> None:
    response = Client().get("/sources/", headers={"X-Forwarded-Proto": "https"})

    assert response.status_code == 200
    assert "Strict-Transport-Security" in response


@pytest.mark.django_db
def test_common_security_headers_on_every_page(production, make_event) -> None:
    event = make_event("Talks")
    client = Client()

    for path in ("/", "/sources/", f"/events/{event.slug}/", "/export/csv/", "/nope/"):
        response = client.get(path, secure=True)
        assert response["X-Content-Type-Options"] == "nosniff", path
        assert response["Referrer-Policy"] == "same-origin", path
        assert response["X-Frame-Options"] == "DENY", path
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"], path


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_secure_and_session_is_http_only(production) -> None:
    get_user_model().objects.create_superuser("boss", "boss@example.org", "pw-for-tests")
    client = Client(enforce_csrf_checks=True)

    form = client.get("/admin/login/", secure=True)
    csrf = form.cookies["csrftoken"]
    login = client.post(
        "/admin/login/?next=/admin/",
        {"username": "boss", "password": "pw-for-tests", "csrfmiddlewaretoken": csrf.value},
        secure=True,
        headers={"Referer": "https://testserver/admin/login/"},
    )

    assert login.status_code == 302
    session = login.cookies["sessionid"]
    assert csrf["secure"] is True
    assert session["secure"] is True
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"


@pytest.mark.django_db
def test_a_huge_query_string_is_refused_not_amplified(client) -> None:
    response = client.get("/", {"junk": "x" * 10_000})
    assert response.status_code == 414
    assert len(response.content) < 200
    assert client.get("/", {"q": "talks"}).status_code == 200
