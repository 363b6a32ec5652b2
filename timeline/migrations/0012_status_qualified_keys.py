"""Filter keys carry their event's status (`timeline.eventkeys`): recompute them. On SQLite the
update triggers carry the new keys into the FTS5 index."""

import importlib

from django.db import migrations


def refill_keys(apps, schema_editor):
    importlib.import_module("timeline.migrations.0009_timeline_index").fill_keys(
        apps, schema_editor
    )


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0011_event_parent_partial_index"),
    ]

    operations = [migrations.RunPython(refill_keys, migrations.RunPython.noop)]
