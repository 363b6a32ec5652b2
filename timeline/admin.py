"""Admin registrations. Issue 6 turns this into the full curation tool."""

from __future__ import annotations

from django.contrib import admin

from timeline.models import Actor, Event, Evidence, Place, Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "published_date", "file_name", "imported_at"]
    list_filter = ["publisher", "language"]
    search_fields = ["title", "publisher", "author", "body"]
    date_hierarchy = "published_date"
    readonly_fields = ["raw_text", "sha256", "file_name", "encoding", "imported_at", "parse_notes"]


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ["source", "start", "end", "exact", "modality", "timex_text", "timex_value"]
    raw_id_fields = ["source"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "start_date", "start_precision", "event_type", "status"]
    list_filter = ["status", "event_type", "start_precision"]
    search_fields = ["title", "summary"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["participants", "place"]
    readonly_fields = ["slug", "created_at", "updated_at"]
    inlines = [EvidenceInline]
