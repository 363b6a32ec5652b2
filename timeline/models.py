"""The data model: sources (articles), actors, places, events and the evidence linking them.

Every model has a natural key backed by a unique constraint, so fixtures dumped with
`--natural-foreign --natural-primary` load into an empty database. Default managers stay
unfiltered (dumpdata uses them); visibility rules live in `timeline.selectors`.
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords


class Precision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


class ReviewStatus(models.TextChoices):
    """For names proposed by extraction: a curator accepts or dismisses them."""

    ACCEPTED = "accepted", "Accepted"
    PROPOSED = "proposed", "Proposed"
    DISMISSED = "dismissed", "Dismissed"


# --- Sources -----------------------------------------------------------------------------


class SourceManager(models.Manager["Source"]):
    def get_by_natural_key(self, sha256: str) -> Source:
        return self.get(sha256=sha256)


class Source(models.Model):
    """One imported article: its metadata, cleaned body and the raw text exactly as imported."""

    title = models.CharField(max_length=500)
    title_derived = models.BooleanField(
        default=False, help_text="The text had no headline; the title was derived from the body."
    )
    publisher = models.CharField(max_length=200, blank=True)
    author = models.CharField(max_length=300, blank=True)
    published_date = models.DateField(null=True, blank=True, db_index=True)
    published_time = models.TimeField(null=True, blank=True)
    published_tz = models.CharField(
        "time zone", max_length=64, blank=True, help_text="As the text gives it, e.g. EST."
    )
    dateline_place = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=16, default="en")
    url = models.URLField(max_length=2000, blank=True)
    body = models.TextField(help_text="Cleaned article text; evidence offsets point into it.")
    raw_text = models.TextField(help_text="The file's text exactly as imported.")
    sha256 = models.CharField(max_length=64, help_text="SHA-256 of the imported file's bytes.")
    file_name = models.CharField(max_length=500, blank=True)
    encoding = models.CharField(max_length=40, blank=True)
    parse_notes = models.JSONField(default=list, blank=True)
    imported_at = models.DateTimeField(default=timezone.now, editable=False)

    # The raw text never changes after import, so history does not copy it on every edit.
    history = HistoricalRecords(excluded_fields=["raw_text"])

    objects = SourceManager()

    class Meta:
        ordering = ["-published_date", "title"]
        constraints = [models.UniqueConstraint(fields=["sha256"], name="source_sha256_unique")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("timeline:source-detail", args=[self.pk])

    def natural_key(self) -> tuple[str]:
        return (self.sha256,)


# --- Actors and places -------------------------------------------------------------------


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug: str):
        return self.get(slug=slug)


class Actor(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANISATION = "organisation", "Organisation"
        COUNTRY = "country", "Country"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    aliases = models.JSONField(
        default=list, blank=True, help_text="Other names the texts use, one string each."
    )
    description = models.CharField(max_length=500, blank=True)
    status = models.CharField(
        max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.ACCEPTED
    )

    history = HistoricalRecords()

    objects = SlugManager()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["slug"], name="actor_slug_unique")]
        permissions = [("merge_actor", "Can merge actors")]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def clean(self) -> None:
        validate_aliases(self.aliases)


class Place(models.Model):
    class Kind(models.TextChoices):
        CITY = "city", "City"
        COUNTRY = "country", "Country"
        REGION = "region", "Region"
        BUILDING = "building", "Building or venue"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    aliases = models.JSONField(default=list, blank=True)
    country = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.ACCEPTED
    )

    history = HistoricalRecords()

    objects = SlugManager()

    class Meta:
        ordering = ["name"]
        permissions = [("merge_place", "Can merge places")]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="place_slug_unique"),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True)
                | models.Q(latitude__gte=-90, latitude__lte=90),
                name="place_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True)
                | models.Q(longitude__gte=-180, longitude__lte=180),
                name="place_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def clean(self) -> None:
        validate_aliases(self.aliases)


def validate_aliases(value: object) -> None:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError({"aliases": "Aliases must be a list of strings."})


# --- Events and evidence -----------------------------------------------------------------


# Date filters look back this far for events that started before the range; longer events
# are flagged `long_running` and found through their own index.
LONG_RUNNING_DAYS = 366


class Event(models.Model):
    class Type(models.TextChoices):
        VISIT = "visit", "Visit"
        STATE_VISIT = "state_visit", "State visit"
        WORKING_VISIT = "working_visit", "Working visit"
        MEETING = "meeting", "Meeting"
        SUMMIT = "summit", "Summit or forum"
        AGREEMENT = "agreement", "Agreement"
        STATEMENT = "statement", "Statement"
        CONFLICT = "conflict", "Conflict"
        SANCTION = "sanction", "Sanction"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        PUBLISHED = "published", "Published"
        REJECTED = "rejected", "Rejected"

    slug = models.SlugField(
        "permalink",
        max_length=200,
        help_text="Stable: set once when the event is created, never changed by edits.",
    )
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    start_date = models.DateField(help_text="First day of the period the event is dated to.")
    start_precision = models.CharField(
        max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    end_date = models.DateField(null=True, blank=True)
    end_precision = models.CharField(
        max_length=5, choices=Precision.choices, blank=True, default=""
    )
    last_day = models.DateField(
        editable=False,
        null=True,
        help_text="Last day the event covers (kept from the date and precision; for filtering).",
    )
    long_running = models.BooleanField(
        default=False,
        editable=False,
        help_text="Covers more than a year: date filters look for it apart (kept on save).",
    )
    event_type = models.CharField(max_length=20, choices=Type.choices, default=Type.OTHER)
    participants = models.ManyToManyField(Actor, blank=True, related_name="events")
    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text="The larger event this one is part of (talks during a visit).",
        db_index=False,  # a partial index instead (Meta.indexes): most events have no parent
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PROPOSED, db_index=True
    )
    date_reason = models.CharField(
        max_length=1000, blank=True, help_text="Why the event has this date (from the tagger)."
    )
    disagreements = models.JSONField(
        default=list, blank=True, help_text="Where sources differ (dates, durations, counts)."
    )
    confidence = models.FloatField(default=0.0)
    curated_fields = models.JSONField(
        default=list, blank=True, help_text="Fields a curator set; extraction leaves them alone."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[participants])

    objects = SlugManager()

    class Meta:
        ordering = ["start_date", "slug"]
        permissions = [
            ("publish_event", "Can publish and reject events"),
            ("merge_event", "Can merge and split events"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="event_slug_unique"),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="event_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(confidence__gte=0) & models.Q(confidence__lte=1),
                name="event_confidence_range",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "start_date"], name="event_status_start"),
            models.Index(fields=["status", "last_day"], name="event_status_last_day"),
            # Date windows regardless of status: merging, parent links, month statistics.
            models.Index(fields=["start_date", "event_type"], name="event_start_type"),
            models.Index(
                fields=["last_day"],
                name="event_long_running",
                condition=models.Q(long_running=True),
            ),
            # Children of an event. Partial: with most events parentless, a full index looks
            # useless to SQLite's planner once ANALYZE has counted its NULLs.
            models.Index(
                fields=["parent"],
                name="event_parent",
                condition=models.Q(parent__isnull=False),
            ),
            # Events of several days that start before a date filter's `from` and run into it.
            models.Index(
                fields=["start_date", "last_day"],
                name="event_multiday",
                condition=models.Q(last_day__gt=models.F("start_date")),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.set_derived_dates()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {
            "start_date",
            "start_precision",
            "end_date",
            "end_precision",
        } & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "last_day", "long_running"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("timeline:event-detail", args=[self.slug])

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def clean(self) -> None:
        errors = {}
        if self.start_date and not is_period_start(self.start_date, self.start_precision):
            errors["start_date"] = (
                f"A date of {self.start_precision} precision must be the first day of its "
                f"{self.start_precision}."
            )
        if self.end_date and not self.end_precision:
            errors["end_precision"] = "An end date needs a precision."
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = "The end date is before the start date."
        if errors:
            raise ValidationError(errors)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Where the event was counted when loaded, so the month statistics it leaves are
        # refreshed too when a curator moves its date.
        instance._loaded_start = instance.__dict__.get("start_date")
        return instance

    def stat_months(self) -> set[dt.date]:
        """The months whose statistics this event touches (now, and as it was loaded)."""
        days = {self.start_date, getattr(self, "_loaded_start", None)}
        return {day.replace(day=1) for day in days if day}

    def set_derived_dates(self) -> None:
        """`last_day` and `long_running` follow the dates (bulk inserts call this directly)."""
        self.last_day = self.period_end
        self.long_running = (self.last_day - self.start_date).days > LONG_RUNNING_DAYS

    def family_of(self, family: str) -> bool:
        """Whether this event's type belongs to an extraction family (visit, meeting, ...)."""
        return self.event_type in FAMILY_TYPES.get(family, ())

    @property
    def period_label(self) -> str:
        """'4 Dec 2023', 'Oct 2023', '2023', '3–5 Dec 2023'."""
        from timeline.extract.events import format_period

        return format_period(
            self.start_date, self.start_precision, self.end_date, self.end_precision
        )

    @property
    def group_label(self) -> str:
        """The heading the timeline lists this event under: its month, or its year."""
        if self.start_precision == Precision.YEAR:
            return str(self.start_date.year)
        return f"{calendar.month_name[self.start_date.month]} {self.start_date.year}"

    @property
    def period_end(self) -> dt.date:
        """Last day covered by the event (the end of its month or year at coarser precision)."""
        if self.end_date:
            return period_last_day(self.end_date, self.end_precision or Precision.DAY)
        return period_last_day(self.start_date, self.start_precision)


# Extraction families (timeline.extract.events) and the event types each may carry.
FAMILY_TYPES: dict[str, tuple[str, ...]] = {
    "visit": ("visit", "state_visit", "working_visit"),
    "meeting": ("meeting",),
    "summit": ("summit",),
    "agreement": ("agreement",),
    "statement": ("statement",),
    "conflict": ("conflict",),
    "sanction": ("sanction",),
    "election": ("other",),
}


def is_period_start(day: dt.date, precision: str) -> bool:
    if precision == Precision.MONTH:
        return day.day == 1
    if precision == Precision.YEAR:
        return day.day == 1 and day.month == 1
    return True


def period_last_day(day: dt.date, precision: str) -> dt.date:
    if precision == Precision.YEAR:
        return dt.date(day.year, 12, 31)
    if precision == Precision.MONTH:
        return dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    return day


class EvidenceManager(models.Manager["Evidence"]):
    def get_by_natural_key(self, event_slug: str, source_sha256: str, start: int, end: int):
        return self.get(event__slug=event_slug, source__sha256=source_sha256, start=start, end=end)


class Evidence(models.Model):
    """One passage of one source that reports an event.

    Offsets index the source's cleaned body; `exact`/`prefix`/`suffix` follow the W3C Web
    Annotation TextQuoteSelector, `start`/`end` its TextPositionSelector, so a passage can be
    re-anchored even if offsets drift.
    """

    class Origin(models.TextChoices):
        EXTRACTED = "extracted", "Extracted"
        CURATOR = "curator", "Added or moved by a curator"

    class Modality(models.TextChoices):
        REPORTED = "reported", "Reported as happened"
        PREVIEW = "preview", "Preview (expected or planned)"
        REPORTED_SPEECH = "speech", "Reported speech"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="evidence")
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="evidence")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    exact = models.TextField()
    prefix = models.CharField(max_length=200, blank=True)
    suffix = models.CharField(max_length=200, blank=True)
    modality = models.CharField(max_length=10, choices=Modality.choices, default=Modality.REPORTED)
    timex_text = models.CharField("temporal expression", max_length=200, blank=True)
    timex_value = models.CharField("normalised value", max_length=64, blank=True)
    timex_reason = models.CharField(max_length=1000, blank=True)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.EXTRACTED)
    extracted = models.JSONField(
        default=dict, blank=True, help_text="The mention as extraction read it (for re-merging)."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    history = HistoricalRecords()

    objects = EvidenceManager()

    class Meta:
        ordering = ["source", "start"]
        verbose_name_plural = "evidence"
        constraints = [
            models.UniqueConstraint(
                fields=["event", "source", "start", "end"], name="evidence_passage_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="evidence_nonempty_span"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} [{self.start}:{self.end}]"

    def natural_key(self) -> tuple[str, str, int, int]:
        return (self.event.slug, self.source.sha256, self.start, self.end)

    natural_key.dependencies = ["timeline.event", "timeline.source"]

    def clean(self) -> None:
        if self.source_id is None:
            return
        body = self.source.body
        if self.end > len(body):
            raise ValidationError({"end": f"Offset {self.end} is past the end of the source."})
        if body[self.start : self.end] != self.exact:
            raise ValidationError({"exact": "The quote does not match the source at its offsets."})


class EventRedirectManager(models.Manager["EventRedirect"]):
    def get_by_natural_key(self, old_slug: str) -> EventRedirect:
        return self.get(old_slug=old_slug)


class EventRedirect(models.Model):
    """A permalink that was merged away: it answers with a redirect to the surviving event."""

    old_slug = models.SlugField(max_length=200)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = EventRedirectManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["old_slug"], name="eventredirect_old_slug_unique")
        ]

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.event.slug}"

    def natural_key(self) -> tuple[str]:
        return (self.old_slug,)


class EventSearch(models.Model):
    """The text an event is found by (title, summary and its passages) and its filter keys,
    one row per event.

    Indexes sit on top of it: on SQLite an FTS5 table over `document` and `keys` whose rowid
    is `sort_key` (migration 0009, kept in step by triggers), from which every timeline
    filter is answered in timeline order (`timeline.eventkeys`); on PostgreSQL a stored
    generated column `search_vector` (`to_tsvector('english', document)`, migration 0013,
    unknown to the ORM) with a GIN index.
    """

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, primary_key=True, related_name="search"
    )
    document = models.TextField()
    sort_key = models.BigIntegerField(
        default=0, help_text="Start date and id as one number: the event's timeline position."
    )
    keys = models.TextField(
        blank=True, default="", help_text="Filter tokens: status, type, place, actors, sources."
    )

    class Meta:
        verbose_name = "search document"

    def __str__(self) -> str:
        return f"search document of event {self.event_id}"


class EventMonthStat(models.Model):
    """How many events of a status and type start in a month: the overview strip and the
    totals of unfiltered or date/type-filtered timelines read this, never a scan of all events.

    Kept current by `timeline.stats` for every month an event enters or leaves.
    """

    status = models.CharField(max_length=10, choices=Event.Status.choices)
    month = models.DateField(help_text="First day of the month.")
    event_type = models.CharField(max_length=20, choices=Event.Type.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["status", "month", "event_type"], name="eventmonthstat_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.status} {self.event_type}: {self.count}"
