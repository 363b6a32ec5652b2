"""The timeline's query parameters: parsed and validated into a `TimelineFilters` value.

Every public view and export reads filters through this form, so a wrong parameter gets the
same message everywhere: `from=banana` is "Enter a year (2023), a month (2023-03) or a day
(2023-03-01)", an unknown actor is named, `to` before `from` is refused.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from django import forms

from timeline.models import Actor, Event, Place

_PERIOD = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
PERIOD_HELP = "a year (2023), a month (2023-03) or a day (2023-03-01)"
_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")
MAX_ID = 2**62  # ids beyond any database's integer range are refused, not sent to it


@dataclass(frozen=True)
class TimelineFilters:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    actors: tuple[str, ...] = ()
    place: str = ""
    types: tuple[str, ...] = ()
    publisher: str = ""
    source: int | None = None
    text: str = ""
    after: tuple[dt.date, int] | None = None  # keyset cursor: (start_date, pk) of the last row
    raw: dict = field(default_factory=dict, compare=False)

    @property
    def active(self) -> bool:
        return any(
            (
                self.date_from,
                self.date_to,
                self.actors,
                self.place,
                self.types,
                self.publisher,
                self.source,
                self.text,
            )
        )


def parse_period(value: str, *, end: bool) -> dt.date:
    """'2023' -> 1 Jan (or 31 Dec when end), '2023-03' -> 1 (or 31) Mar, '2023-03-01' as is."""
    match = _PERIOD.match(value.strip())
    if not match:
        raise forms.ValidationError(f"Enter {PERIOD_HELP}.", code="format")
    year, month, day = (int(part) if part else None for part in match.groups())
    if not 1 <= year <= 9999:
        raise forms.ValidationError("That year is out of range.", code="range")
    try:
        if month is None:
            return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
        if day is None:
            last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
            return dt.date(year, month, last if end else 1)
        return dt.date(year, month, day)
    except (ValueError, calendar.IllegalMonthError) as exc:
        raise forms.ValidationError(
            f"“{value}” is not a real date: enter {PERIOD_HELP}.", code="invalid_date"
        ) from exc


class PeriodField(forms.CharField):
    def __init__(self, *, end: bool, **kwargs) -> None:
        self.end = end
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 10)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return parse_period(value, end=self.end) if value else None


class SlugListField(forms.Field):
    """Several slugs (repeated parameter), each checked against a queryset of known rows."""

    def __init__(self, *, queryset_factory, label_plural: str, **kwargs) -> None:
        self.queryset_factory = queryset_factory
        self.label_plural = label_plural
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        if not value:
            return ()
        values = value if isinstance(value, (list, tuple)) else [value]
        cleaned = tuple(dict.fromkeys(v.strip() for v in values if v and v.strip()))
        # Not a slug (NUL bytes, spaces, markup): unknown, and never sent to the database.
        bad = [v for v in cleaned if not _SLUG.fullmatch(v)]
        if bad:
            names = ", ".join(f"“{v[:60]}”" for v in bad[:5])
            raise forms.ValidationError(f"Unknown {self.label_plural}: {names}.", code="unknown")
        if len(cleaned) > 20:
            raise forms.ValidationError(f"Choose at most 20 {self.label_plural}.")
        return cleaned

    def validate(self, value) -> None:
        if not value:
            return
        known = set(self.queryset_factory().filter(slug__in=value).values_list("slug", flat=True))
        unknown = [v for v in value if v not in known]
        if unknown:
            names = ", ".join(f"“{v}”" for v in unknown)
            raise forms.ValidationError(f"Unknown {self.label_plural}: {names}.", code="unknown")


class TimelineFilterForm(forms.Form):
    """GET parameters of `/` and of the exports. Field names are the public URL parameters."""

    q = forms.CharField(label="Search", required=False, max_length=200, strip=True)
    actor = SlugListField(
        label="People and organisations",
        queryset_factory=lambda: Actor.objects.all(),
        label_plural="people or organisations",
        widget=forms.MultipleHiddenInput,
    )
    place = forms.CharField(label="Place", required=False, max_length=200)
    type = forms.MultipleChoiceField(
        label="Event type",
        required=False,
        choices=Event.Type.choices,
        error_messages={"invalid_choice": "Unknown event type: “%(value)s”."},
    )
    publisher = forms.CharField(label="Publisher", required=False, max_length=200)
    source = forms.IntegerField(label="Source", required=False, min_value=1, max_value=MAX_ID)
    after = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def __init__(self, data=None, *args, **kwargs) -> None:
        super().__init__(data, *args, **kwargs)
        # "from" is a Python keyword, so these two are added by name.
        self.fields["from"] = PeriodField(label="From", end=False, help_text=PERIOD_HELP)
        self.fields["to"] = PeriodField(label="To", end=True, help_text=PERIOD_HELP)
        self.order_fields(["q", "from", "to", "actor", "place", "type", "publisher", "source"])

    def clean_place(self) -> str:
        slug = self.cleaned_data.get("place", "").strip()
        if slug and (not _SLUG.fullmatch(slug) or not Place.objects.filter(slug=slug).exists()):
            raise forms.ValidationError(f"Unknown place: “{slug}”.", code="unknown")
        return slug

    def clean_after(self):
        value = self.cleaned_data.get("after", "").strip()
        if not value:
            return None
        match = re.fullmatch(r"(\d{4}-\d{2}-\d{2})_(\d{1,18})", value)
        if not match:
            raise forms.ValidationError("This “show more” link is broken; start again.")
        try:
            day, pk = dt.date.fromisoformat(match[1]), int(match[2])
            if pk > MAX_ID:
                raise ValueError(pk)
            return day, pk
        except ValueError as exc:
            raise forms.ValidationError("This “show more” link is broken; start again.") from exc

    def clean(self):
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        if start and end and end < start:
            self.add_error("to", "“To” is before “From”.")
        return data

    def filters(self) -> TimelineFilters:
        """The validated filters (call after is_valid())."""
        data = self.cleaned_data
        return TimelineFilters(
            date_from=data.get("from"),
            date_to=data.get("to"),
            actors=tuple(data.get("actor") or ()),
            place=data.get("place") or "",
            types=tuple(data.get("type") or ()),
            publisher=data.get("publisher") or "",
            source=data.get("source"),
            text=data.get("q") or "",
            after=data.get("after"),
            raw={k: v for k, v in self.data.lists()} if hasattr(self.data, "lists") else {},
        )


def filters_from_query(query) -> tuple[TimelineFilterForm, TimelineFilters | None]:
    """Bind the form to a QueryDict; return the form and the filters (None when invalid)."""
    form = TimelineFilterForm(query)
    if form.is_valid():
        return form, form.filters()
    return form, None
