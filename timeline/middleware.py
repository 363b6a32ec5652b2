"""Content-Security-Policy for every response (Django 5.2 has no CSP support of its own).

The site runs only its own static files: site.css, timeline.js and htmx (served from our static
by `{% htmx_script %}`). htmx 2 needs no `'unsafe-eval'` as long as no template uses `hx-on`,
`js:` values in `hx-vals` or `[...]` trigger filters; and no inline `<style>` once
`htmx.config.includeIndicatorStyles` is false (site.css styles `.htmx-indicator` itself).
JSON-LD blocks (`<script type="application/ld+json">`) are data, never run, so they need nothing.

One exception, documented: `style-src-attr 'unsafe-inline'`. It allows `style="..."`
*attributes* only (never `<style>` elements or any script): the timeline's bars carry their
height as `style="--h: 40%"`, and the admin's own displays (`format_html` in timeline/admin.py,
django-simple-history's history list) use `style="color: ..."`. Templates escape every value
they print, so an attribute cannot be injected; CSS in an existing attribute cannot run script.

The admin (Django 5.2) has no inline scripts: its constants travel in `data-` attributes of
`<script src>` tags, so it runs under the same policy. A view may set its own header; it is then
left alone.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

DEFAULT_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def policy_header(policy: dict[str, list[str]]) -> str:
    return "; ".join(f"{name} {' '.join(sources)}".strip() for name, sources in policy.items())


class ContentSecurityPolicyMiddleware:
    """Adds `Content-Security-Policy` (settings.CSP_POLICY, else DEFAULT_POLICY)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = policy_header(getattr(settings, "CSP_POLICY", None) or DEFAULT_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.header
        return response


MAX_QUERY_STRING = 4096  # bytes; every real timeline URL is far shorter


class QueryStringLimitMiddleware:
    """Refuses very long query strings with 414 before any view runs: links on our pages
    repeat the query string, so an unbounded one would multiply into a huge response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
            return HttpResponse(
                f"The address is too long (over {MAX_QUERY_STRING} bytes of parameters).",
                status=414,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
