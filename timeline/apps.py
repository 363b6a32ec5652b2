from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete


class TimelineConfig(AppConfig):
    name = "timeline"
    verbose_name = "Timeline"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from timeline import search
        from timeline.models import Event, Evidence, Source

        post_save.connect(search.on_event_saved, sender=Event, dispatch_uid="search-event")
        pre_delete.connect(search.on_event_deleting, sender=Event, dispatch_uid="search-del-1")
        post_delete.connect(search.on_event_deleted, sender=Event, dispatch_uid="search-del-2")
        post_save.connect(
            search.on_evidence_changed, sender=Evidence, dispatch_uid="search-evidence-save"
        )
        post_delete.connect(
            search.on_evidence_changed, sender=Evidence, dispatch_uid="search-evidence-delete"
        )
        # Filter keys follow participants and publishers too.
        m2m_changed.connect(
            search.on_participants_changed,
            sender=Event.participants.through,
            dispatch_uid="search-participants",
        )
        post_save.connect(search.on_source_saved, sender=Source, dispatch_uid="search-source")
