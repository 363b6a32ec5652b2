"""SQLite: a covering index of the filter keys in timeline order. The timeline index returns
matches by sort key and reads their keys here (facet counts): neighbouring events are
neighbouring index entries, instead of a lookup per event among the (large) documents.
PostgreSQL reads keys through the event id and needs no such index."""

from django.db import migrations

CREATE = "CREATE INDEX IF NOT EXISTS eventsearch_sort_keys ON timeline_eventsearch (sort_key, keys)"
DROP = "DROP INDEX IF EXISTS eventsearch_sort_keys"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0009_timeline_index"),
    ]

    operations = [migrations.RunPython(create, drop)]
