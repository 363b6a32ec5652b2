"""The Export menu's downloads: `/export/<format>/` with the timeline's own filter parameters.

Thin: validate the filters with the timeline's form, read the events through
`selectors.events_filtered` (so an anonymous visitor gets published events only, exactly what
the timeline shows them), hand them to the format's module, attach the file.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from timeline import exports, selectors
from timeline.filters import filters_from_query


@require_safe
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    export_format = exports.FORMATS.get(fmt)
    if export_format is None:
        known = ", ".join(exports.FORMATS)
        return _plain(f"Unknown export format “{fmt}”. Choose one of: {known}.\n", status=404)
    form, filters = filters_from_query(request.GET)
    if filters is None:
        lines = [f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()]
        return _plain("Some filters could not be used:\n" + "\n".join(lines) + "\n", status=400)
    events = selectors.events_filtered(filters, user=request.user)
    options = exports.ExportOptions(base_url=request.build_absolute_uri("/").rstrip("/"))
    response = HttpResponse(
        exports.export_render(fmt, events, options), content_type=export_format.content_type
    )
    response["Content-Disposition"] = f'attachment; filename="{export_format.filename}"'
    return response


def _plain(message: str, *, status: int) -> HttpResponse:
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
