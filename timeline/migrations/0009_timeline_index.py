"""The SQLite timeline index: the FTS5 table gains a `keys` column and takes `sort_key` as its
rowid, so every timeline filter is one FTS5 query answered in timeline order."""

from django.db import migrations, models

from timeline import eventkeys

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS timeline_eventsearch_au",
    "DROP TRIGGER IF EXISTS timeline_eventsearch_ad",
    "DROP TRIGGER IF EXISTS timeline_eventsearch_ai",
    "DROP TABLE IF EXISTS timeline_event_fts",
]
SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE timeline_event_fts USING fts5("
    "document, keys, content='timeline_eventsearch', content_rowid='sort_key', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER timeline_eventsearch_ai AFTER INSERT ON timeline_eventsearch BEGIN "
    "INSERT INTO timeline_event_fts(rowid, document, keys) "
    "VALUES (new.sort_key, new.document, new.keys); END",
    "CREATE TRIGGER timeline_eventsearch_ad AFTER DELETE ON timeline_eventsearch BEGIN "
    "INSERT INTO timeline_event_fts(timeline_event_fts, rowid, document, keys) "
    "VALUES ('delete', old.sort_key, old.document, old.keys); END",
    "CREATE TRIGGER timeline_eventsearch_au AFTER UPDATE ON timeline_eventsearch BEGIN "
    "INSERT INTO timeline_event_fts(timeline_event_fts, rowid, document, keys) "
    "VALUES ('delete', old.sort_key, old.document, old.keys); "
    "INSERT INTO timeline_event_fts(rowid, document, keys) "
    "VALUES (new.sort_key, new.document, new.keys); END",
    "INSERT INTO timeline_event_fts(timeline_event_fts) VALUES ('rebuild')",
]
# Migration 0005's table, for going back.
SQLITE_CREATE_0005 = [
    "CREATE VIRTUAL TABLE timeline_event_fts USING fts5("
    "document, content='timeline_eventsearch', content_rowid='event_id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER timeline_eventsearch_ai AFTER INSERT ON timeline_eventsearch BEGIN "
    "INSERT INTO timeline_event_fts(rowid, document) VALUES (new.event_id, new.document); END",
    "CREATE TRIGGER timeline_eventsearch_ad AFTER DELETE ON timeline_eventsearch BEGIN "
    "INSERT INTO timeline_event_fts(timeline_event_fts, rowid, document) "
    "VALUES ('delete', old.event_id, old.document); END",
    "CREATE TRIGGER timeline_eventsearch_au AFTER UPDATE ON timeline_eventsearch BEGIN "
    "INSERT INTO timeline_event_fts(timeline_event_fts, rowid, document) "
    "VALUES ('delete', old.event_id, old.document); "
    "INSERT INTO timeline_event_fts(rowid, document) VALUES (new.event_id, new.document); END",
    "INSERT INTO timeline_event_fts(timeline_event_fts) VALUES ('rebuild')",
]


def _run(schema_editor, statements):
    if schema_editor.connection.vendor == "sqlite":
        for sql in statements:
            schema_editor.execute(sql)


def drop_old_index(apps, schema_editor):
    _run(schema_editor, SQLITE_DROP)


def fill_keys(apps, schema_editor):
    """Sort keys and filter keys for the documents already there."""
    EventSearch = apps.get_model("timeline", "EventSearch")
    Event = apps.get_model("timeline", "Event")
    Evidence = apps.get_model("timeline", "Evidence")
    Through = Event.participants.through
    ids = list(EventSearch.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), 2000):
        batch = ids[start : start + 2000]
        actors, sources, publishers = {}, {}, {}
        for event_id, actor_id in Through.objects.filter(event_id__in=batch).values_list(
            "event_id", "actor_id"
        ):
            actors.setdefault(event_id, set()).add(actor_id)
        for event_id, source_id, publisher in Evidence.objects.filter(
            event_id__in=batch
        ).values_list("event_id", "source_id", "source__publisher"):
            sources.setdefault(event_id, set()).add(source_id)
            publishers.setdefault(event_id, set()).add(publisher)
        rows = []
        for pk, start_date, status, event_type, place_id in Event.objects.filter(
            pk__in=batch
        ).values_list("pk", "start_date", "status", "event_type", "place_id"):
            tokens = eventkeys.event_tokens(
                status=status,
                event_type=event_type,
                place_id=place_id,
                actor_ids=actors.get(pk, ()),
                source_ids=sources.get(pk, ()),
                publishers=publishers.get(pk, ()),
            )
            rows.append(
                EventSearch(
                    event_id=pk,
                    sort_key=eventkeys.sort_key(start_date, pk),
                    keys=" ".join(tokens),
                )
            )
        EventSearch.objects.bulk_update(rows, ["sort_key", "keys"])


def create_new_index(apps, schema_editor):
    _run(schema_editor, SQLITE_CREATE)


def recreate_old_index(apps, schema_editor):
    _run(schema_editor, SQLITE_CREATE_0005)


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0008_event_long_running"),
    ]

    operations = [
        migrations.RunPython(drop_old_index, recreate_old_index),
        migrations.AddField(
            model_name="eventsearch",
            name="sort_key",
            field=models.BigIntegerField(
                default=0,
                help_text="Start date and id as one number: the event's timeline position.",
            ),
        ),
        migrations.AddField(
            model_name="eventsearch",
            name="keys",
            field=models.TextField(
                blank=True,
                default="",
                help_text="Filter tokens: status, type, place, actors, sources.",
            ),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
        migrations.RunPython(create_new_index, drop_old_index),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                condition=models.Q(("last_day__gt", models.F("start_date"))),
                fields=["start_date", "last_day"],
                name="event_multiday",
            ),
        ),
    ]
