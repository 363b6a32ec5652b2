"""The curation tool: review queue, confirm-page actions backed by services, history.

Extraction proposes; curators decide here. Every bulk action goes through a confirm page and a
service that saves objects one by one (so history records who did what); every action declares
the permission it needs, so a Viewer sees a read-only admin without them.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Case, Count, IntegerField, Max, Q, Value, When
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from timeline import services
from timeline.models import (
    Actor,
    Event,
    EventRedirect,
    Evidence,
    Place,
    ReviewStatus,
    Source,
)

admin.site.site_header = "Timeline curation"
admin.site.site_title = "Timeline curation"
admin.site.index_title = "Review, fix, merge and publish events"

# Form fields that map to extraction fields a curator can claim.
CURATABLE = {
    "title",
    "summary",
    "start_date",
    "start_precision",
    "end_date",
    "end_precision",
    "event_type",
    "participants",
    "place",
    "parent",
    "status",
}


def confirm_page(
    modeladmin,
    request,
    queryset,
    *,
    action: str,
    title: str,
    intro: str,
    choose_survivor: bool = False,
):
    """A Django-admin style confirm page (like delete_selected) for a bulk action."""
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "intro": intro,
        "objects": list(queryset),
        "action": action,
        "choose_survivor": choose_survivor,
        "opts": modeladmin.model._meta,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "media": modeladmin.media,
    }
    return TemplateResponse(request, "admin/timeline/confirm_action.html", context)


def _confirmed(request: HttpRequest) -> bool:
    return request.method == "POST" and request.POST.get("post") == "yes"


def merge_action(modeladmin, request, queryset, *, title: str, intro: str, merge):
    """The merge flow every model shares: at least two rows, a confirm page where the
    curator picks the survivor, then `merge(survivor, others)` (a service)."""
    objects = list(queryset)
    if len(objects) < 2:
        modeladmin.message_user(request, "Choose at least two to merge.", messages.ERROR)
        return None
    if not _confirmed(request):
        return confirm_page(
            modeladmin,
            request,
            queryset,
            action="merge_selected",
            title=title,
            intro=intro,
            choose_survivor=True,
        )
    survivor = next((o for o in objects if str(o.pk) == request.POST.get("survivor")), None)
    if survivor is None:
        modeladmin.message_user(request, "Choose the one that survives.", messages.ERROR)
        return None
    survivor = merge(survivor, [o for o in objects if o.pk != survivor.pk])
    modeladmin.message_user(request, f"Merged into “{survivor}”.", messages.SUCCESS)
    return None


class PublicLink:
    """A read-only field linking to the object's public page."""

    @admin.display(description="Public page")
    def public_link(self, obj) -> str:
        if not obj.pk:
            return "-"
        return format_html(
            '<a href="{0}" target="_blank" rel="noopener">{0}</a>', obj.get_absolute_url()
        )


class CurationPermissions:
    """`has_<name>_permission` methods that @admin.action(permissions=[...]) checks."""

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm("timeline.publish_event")

    def has_merge_permission(self, request) -> bool:
        model = self.model._meta.model_name
        codename = {"event": "merge_event", "actor": "merge_actor", "place": "merge_place"}
        return request.user.has_perm(f"timeline.{codename.get(model, 'merge_event')}")

    def has_extract_permission(self, request) -> bool:
        return request.user.has_perm("timeline.change_source")

    def has_review_permission(self, request) -> bool:
        model = self.model._meta.model_name
        return request.user.has_perm(f"timeline.change_{model}")


# --- Events ---------------------------------------------------------------------------


class SourceListFilter(admin.SimpleListFilter):
    title = "source"
    parameter_name = "source"

    def lookups(self, request, model_admin):
        return [(str(pk), title[:60]) for pk, title in Source.objects.values_list("pk", "title")]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(evidence__source_id=self.value()).distinct()
        return queryset


class EvidenceInline(admin.StackedInline):
    model = Evidence
    extra = 0
    show_change_link = True
    fields = [
        "passage",
        "source",
        "modality",
        "origin",
        "timex_text",
        "timex_value",
        "timex_reason",
        "split_link",
    ]
    readonly_fields = [
        "passage",
        "source",
        "timex_text",
        "timex_value",
        "timex_reason",
        "origin",
        "split_link",
    ]
    can_delete = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # passages come from sources; split or merge to move them

    @admin.display(description="Passage in context")
    def passage(self, evidence: Evidence) -> str:
        url = reverse("timeline:source-detail", args=[evidence.source_id])
        return format_html(
            '<span style="color:#666">…{}</span><mark>{}</mark><span style="color:#666">{}…'
            '</span><br><a href="{}#ev-{}" target="_blank" rel="noopener">Open the highlighted '
            "passage</a>",
            evidence.prefix,
            evidence.exact,
            evidence.suffix,
            url,
            evidence.pk,
        )

    @admin.display(description="Split")
    def split_link(self, evidence: Evidence) -> str:
        if not evidence.pk:
            return "-"
        url = reverse("admin:timeline_event_split", args=[evidence.event_id, evidence.pk])
        return format_html('<a href="{}">Split this passage off into a new event</a>', url)


class ReviewQueueChangeList(ChangeList):
    """Unless a column is clicked: proposed events first, then those of the newest sources."""

    QUEUE = ["status_rank", "-newest_source", "start_date", "pk"]

    def get_ordering(self, request, queryset):
        if ORDER_VAR in self.params:
            return super().get_ordering(request, queryset)
        return self.QUEUE


@admin.register(Event)
class EventAdmin(CurationPermissions, PublicLink, SimpleHistoryAdmin):
    list_display = [
        "title",
        "when",
        "event_type",
        "status_badge",
        "source_count",
        "confidence",
        "place",
    ]
    list_display_links = ["title"]
    list_filter = [
        "status",
        "event_type",
        "start_precision",
        ("participants", admin.RelatedOnlyFieldListFilter),
        ("place", admin.RelatedOnlyFieldListFilter),
        SourceListFilter,
    ]
    date_hierarchy = "start_date"
    search_fields = ["title", "summary", "evidence__exact", "participants__name", "slug"]
    autocomplete_fields = ["participants", "place", "parent"]
    readonly_fields = [
        "slug",
        "public_link",
        "date_reason",
        "disagreements",
        "confidence",
        "curated_fields",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["title", "public_link", "status", "event_type", "summary"]}),
        (
            "Date",
            {
                "fields": [
                    ("start_date", "start_precision"),
                    ("end_date", "end_precision"),
                    "date_reason",
                ]
            },
        ),
        ("Who and where", {"fields": ["participants", "place", "parent"]}),
        (
            "Provenance",
            {
                "fields": [
                    "slug",
                    "confidence",
                    "disagreements",
                    "curated_fields",
                    "created_at",
                    "updated_at",
                ],
                "classes": ["collapse"],
            },
        ),
    ]
    inlines = [EvidenceInline]
    actions = ["publish_selected", "reject_selected", "merge_selected"]
    list_per_page = 50

    def get_changelist(self, request, **kwargs):
        return ReviewQueueChangeList

    def get_queryset(self, request):
        # Annotate before ordering: the queue's ordering uses the annotations.
        return (
            self.model._default_manager.get_queryset()
            .select_related("place")
            .annotate(
                status_rank=Case(
                    When(status=Event.Status.PROPOSED, then=Value(0)),
                    When(status=Event.Status.PUBLISHED, then=Value(1)),
                    default=Value(2),
                    output_field=IntegerField(),
                ),
                newest_source=Max("evidence__source__published_date"),
                n_sources=Count("evidence__source", distinct=True),
            )
        )

    @admin.display(description="When", ordering="start_date")
    def when(self, event: Event) -> str:
        return event.period_label

    @admin.display(description="Status", ordering="status")
    def status_badge(self, event: Event) -> str:
        colours = {"proposed": "#c98a00", "published": "#1a7f37", "rejected": "#a1151b"}
        return format_html(
            '<strong style="color:{}">{}</strong>',
            colours.get(event.status, "#333"),
            event.get_status_display(),
        )

    @admin.display(description="Sources", ordering="n_sources")
    def source_count(self, event: Event) -> int:
        return event.n_sources

    def save_model(self, request, obj: Event, form, change: bool) -> None:
        if change:
            claimed = CURATABLE & set(form.changed_data)
            if claimed:
                obj.curated_fields = sorted({*(obj.curated_fields or []), *claimed})
        super().save_model(request, obj, form, change)

    def get_urls(self):
        urls = super().get_urls()
        split = path(
            "<path:object_id>/split/<int:evidence_id>/",
            self.admin_site.admin_view(self.split_view),
            name="timeline_event_split",
        )
        return [split, *urls]

    def split_view(self, request, object_id, evidence_id):
        if not self.has_merge_permission(request):
            raise PermissionDenied
        evidence = get_object_or_404(Evidence, pk=evidence_id, event_id=object_id)
        if _confirmed(request):
            try:
                new = services.evidence_split(evidence)
            except ValidationError as exc:
                self.message_user(request, " ".join(exc.messages), messages.ERROR)
                return HttpResponseRedirect(
                    reverse("admin:timeline_event_change", args=[object_id])
                )
            self.message_user(request, f"Split off into “{new.title}”.", messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:timeline_event_change", args=[new.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": "Split a passage off into a new event",
            "evidence": evidence,
            "event": evidence.event,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/timeline/confirm_split.html", context)

    @admin.action(description="Publish selected events", permissions=["publish"])
    def publish_selected(self, request, queryset):
        if not _confirmed(request):
            return confirm_page(
                self,
                request,
                queryset,
                action="publish_selected",
                title="Publish events?",
                intro="These events will appear on the public timeline.",
            )
        count = services.events_publish(queryset)
        self.message_user(request, f"Published {count} event(s).", messages.SUCCESS)
        return None

    @admin.action(description="Reject selected events", permissions=["publish"])
    def reject_selected(self, request, queryset):
        if not _confirmed(request):
            return confirm_page(
                self,
                request,
                queryset,
                action="reject_selected",
                title="Reject events?",
                intro="These events leave the public timeline; extraction "
                "will not bring them back.",
            )
        count = services.events_reject(queryset)
        self.message_user(request, f"Rejected {count} event(s).", messages.SUCCESS)
        return None

    @admin.action(description="Merge selected events", permissions=["merge"])
    def merge_selected(self, request, queryset):
        return merge_action(
            self,
            request,
            queryset,
            title="Merge events?",
            intro="Choose the event that survives. The evidence, participants and related "
            "events of the others move to it; their permalinks will redirect to it.",
            merge=services.event_merge,
        )


@admin.register(Evidence)
class EvidenceAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "event", "modality", "origin", "timex_value"]
    list_filter = ["modality", "origin"]
    search_fields = ["exact", "event__title", "source__title"]
    raw_id_fields = ["event", "source"]
    readonly_fields = [
        "source",
        "start",
        "end",
        "exact",
        "prefix",
        "suffix",
        "extracted",
        "created_at",
    ]


@admin.register(EventRedirect)
class EventRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "event", "created_at"]
    search_fields = ["old_slug", "event__title"]
    raw_id_fields = ["event"]


# --- Actors and places -------------------------------------------------------------------


class NameAdmin(CurationPermissions, SimpleHistoryAdmin):
    """Shared by actors and places: aliases, review of proposed names, merge."""

    list_filter = ["status", "kind"]
    search_fields = ["name", "slug", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["accept_selected", "dismiss_selected", "merge_selected"]
    list_per_page = 100

    @admin.display(description="Events", ordering="n_events")
    def event_count(self, obj) -> int:
        return obj.n_events

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_events=Count("events", distinct=True))

    @admin.action(description="Accept selected names", permissions=["review"])
    def accept_selected(self, request, queryset):
        count = services.names_review(queryset, ReviewStatus.ACCEPTED)
        self.message_user(request, f"Accepted {count} name(s).", messages.SUCCESS)

    @admin.action(description="Dismiss selected names", permissions=["review"])
    def dismiss_selected(self, request, queryset):
        count = services.names_review(queryset, ReviewStatus.DISMISSED)
        self.message_user(request, f"Dismissed {count} name(s).", messages.SUCCESS)

    @admin.action(description="Merge selected duplicates", permissions=["merge"])
    def merge_selected(self, request, queryset):
        return merge_action(
            self,
            request,
            queryset,
            title="Merge duplicates?",
            intro="Choose the one that survives: every reference moves to it and the other "
            "names become its aliases.",
            merge=services.actor_merge if self.model is Actor else services.place_merge,
        )


@admin.register(Actor)
class ActorAdmin(NameAdmin):
    list_display = ["name", "kind", "status", "event_count", "description"]


@admin.register(Place)
class PlaceAdmin(NameAdmin):
    list_display = ["name", "kind", "status", "event_count", "country"]
    autocomplete_fields = ["country"]


# --- Sources -----------------------------------------------------------------------------


@admin.register(Source)
class SourceAdmin(CurationPermissions, PublicLink, SimpleHistoryAdmin):
    # a URL typed without a scheme is an https one (Django 6's default, said explicitly)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "title",
        "publisher",
        "published_date",
        "file_name",
        "evidence_count",
        "imported_at",
    ]
    list_filter = ["publisher", "language"]
    search_fields = ["title", "publisher", "author", "body", "file_name"]
    date_hierarchy = "published_date"
    readonly_fields = [
        "public_link",
        "raw_text",
        "sha256",
        "file_name",
        "encoding",
        "imported_at",
        "parse_notes",
        "body",
    ]
    fieldsets = [
        (None, {"fields": ["title", "public_link", "publisher", "author", "url", "language"]}),
        (
            "Publication",
            {"fields": [("published_date", "published_time", "published_tz"), "dateline_place"]},
        ),
        ("Text", {"fields": ["body", "raw_text"], "classes": ["collapse"]}),
        (
            "Import",
            {
                "fields": ["file_name", "sha256", "encoding", "imported_at", "parse_notes"],
                "classes": ["collapse"],
            },
        ),
    ]
    actions = ["reextract_selected"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(n_evidence=Count("evidence", filter=Q(evidence__isnull=False)))
        )

    @admin.display(description="Passages", ordering="n_evidence")
    def evidence_count(self, source: Source) -> int:
        return source.n_evidence

    @admin.action(description="Re-run extraction on selected sources", permissions=["extract"])
    def reextract_selected(self, request, queryset):
        report = services.sources_reextract(queryset)
        level = messages.WARNING if report.failures else messages.SUCCESS
        self.message_user(request, f"Extraction: {report.summary()}", level)
