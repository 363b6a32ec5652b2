"""Export the timeline's events in one of the formats of `timeline.exports`."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator
from django.http import QueryDict

from timeline import exports, selectors
from timeline.filters import filters_from_query

STATUSES = {
    "published": "published events only, as anonymous visitors see them (default)",
    "staff": "published and proposed events, as staff see them",
    "all": "every event whatever its status, and every source, actor and place (whole database; "
    "no filters)",
}


class _Staff:
    """The visibility of a staff member, for `--status staff`."""

    is_authenticated = True
    is_staff = True


class Command(BaseCommand):
    help = (
        "Export events as csv, ics, timelinejs, annotations (W3C Web Annotation JSON-LD) or "
        "fixture (Django JSON, natural keys). Filters are the timeline's URL parameters and are "
        "validated the same way."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--format", required=True, choices=list(exports.FORMATS))
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")
        parser.add_argument(
            "--status",
            choices=list(STATUSES),
            default="published",
            help="; ".join(f"{k}: {v}" for k, v in STATUSES.items()),
        )
        parser.add_argument(
            "--base-url",
            default=exports.common.DEFAULT_BASE_URL,
            help="scheme and host for absolute links (default: %(default)s)",
        )
        group = parser.add_argument_group("filters (the timeline's GET parameters)")
        group.add_argument("--q", help="search titles, summaries and passages")
        group.add_argument(
            "--from", dest="from_", metavar="PERIOD", help="2023, 2023-03, 2023-03-01"
        )
        group.add_argument("--to", metavar="PERIOD", help="2023, 2023-03, 2023-03-31")
        group.add_argument("--actor", action="append", default=[], help="actor slug (repeatable)")
        group.add_argument("--place", help="place slug")
        group.add_argument("--type", action="append", default=[], help="event type (repeatable)")
        group.add_argument("--publisher", help="publisher name")
        group.add_argument("--source", help="source id")

    def handle(self, *args, **options) -> None:
        query = QueryDict(mutable=True)
        for param, option in (
            ("q", "q"),
            ("from", "from_"),
            ("to", "to"),
            ("place", "place"),
            ("publisher", "publisher"),
            ("source", "source"),
        ):
            if options[option]:
                query[param] = options[option]
        query.setlist("actor", options["actor"])
        query.setlist("type", options["type"])
        form, filters = filters_from_query(query)
        if filters is None:
            lines = [f"--{name}: {' '.join(errors)}" for name, errors in form.errors.items()]
            raise CommandError("Some filters could not be used:\n" + "\n".join(lines))

        base_url = options["base_url"].rstrip("/")
        try:
            URLValidator(schemes=["http", "https"])(base_url + "/")
        except ValidationError as exc:
            raise CommandError(f"--base-url: {base_url!r} is not an http(s) URL.") from exc

        status = options["status"]
        if status == "all":
            if filters.active:
                raise CommandError(
                    "--status all exports the whole database and takes no filters; "
                    "use --status staff (published and proposed events) with filters."
                )
            events = exports.events_every_status()
        else:
            user = _Staff() if status == "staff" else None
            events = selectors.events_filtered(filters, user=user)

        export_options = exports.ExportOptions(base_url=base_url, complete=status == "all")
        text = exports.export_render(options["format"], events, export_options)
        if not text.endswith("\n"):
            text += "\n"
        if options["output"]:
            path = Path(options["output"])
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("w", encoding="utf-8", newline="") as handle:
                handle.write(text)
            self.stderr.write(f"Wrote {events.count()} event(s) to {path}.")
        else:
            self.stdout.write(text, ending="")
