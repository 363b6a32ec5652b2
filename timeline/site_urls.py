from __future__ import annotations

from django.urls import path

from timeline import views, views_export

app_name = "timeline"

urlpatterns = [
    path("", views.timeline, name="home"),
    path("sources/", views.source_list, name="source-list"),
    path("sources/<int:pk>/", views.source_detail, name="source-detail"),
    path("sources/<int:pk>/raw/", views.source_raw, name="source-raw"),
    path("events/<slug:slug>/", views.event_detail, name="event-detail"),
    path("export/<str:fmt>/", views_export.export, name="export"),
]
