"""Template helpers: JSON-LD that cannot break out of its <script> element."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# Same escapes as django.utils.html.json_script: no "</script>" or "<!--" can close the element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def jsonld(data: dict) -> SafeString:
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, default=str)
    return mark_safe(f'<script type="application/ld+json">{text.translate(_JSON_ESCAPES)}</script>')


@register.filter
def paragraphs(text: str) -> list[str]:
    """Split a cleaned body into paragraphs (blank-line separated)."""
    return [part.strip() for part in text.split("\n\n") if part.strip()]


@register.simple_tag
def bar_height(count: int, maximum: int) -> int:
    """Bar height in percent of the tallest bar; a non-empty bar is never invisible."""
    if not maximum or not count:
        return 0
    return max(4, round(100 * count / maximum))


@register.filter
def last_label(buckets) -> str:
    return buckets[-1].label if buckets else ""


@register.filter
def intcomma_plain(value: int) -> str:
    """2000 -> '2,000' (without loading django.contrib.humanize)."""
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return str(value)


@register.filter
def http_url(value: str) -> str:
    """The URL if it is http(s), else '' (a javascript: or data: URL never becomes a link)."""
    text = (value or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else ""


@register.simple_tag(takes_context=True)
def filter_query(context, **changes) -> str:
    """`{% querystring %}` for links inside loops (chips): the same result, but the request's
    parameters are read once per request instead of copied per link."""
    return query_with(context.request, **changes)


def query_with(request, **changes) -> str:
    """The request's query string with some parameters replaced (None removes one)."""
    base = getattr(request, "_filter_query_base", None)
    if base is None:
        base = {key: values for key, values in request.GET.lists()}
        request._filter_query_base = base
    params = dict(base)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = [str(value)]
    if not params and not base:
        return ""
    return "?" + urlencode([(key, value) for key, values in params.items() for value in values])
