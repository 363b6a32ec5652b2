"""Curator and Viewer groups with the permissions the curation admin checks."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["event", "evidence", "actor", "place", "source"]
CURATOR = [
    *(f"view_{m}" for m in MODELS),
    *(f"change_{m}" for m in MODELS),
    "add_evidence",
    "delete_evidence",
    "add_actor",
    "add_place",
    "publish_event",
    "merge_event",
    "merge_actor",
    "merge_place",
]
VIEWER = [f"view_{m}" for m in MODELS]


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; create them now to assign them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("Curator", CURATOR), ("Viewer", VIEWER)):
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(
            content_type__app_label="timeline", codename__in=codenames
        )
        missing = set(codenames) - set(permissions.values_list("codename", flat=True))
        if missing:
            raise RuntimeError(f"permissions not found: {sorted(missing)}")
        group.permissions.set(permissions)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Curator", "Viewer"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0003_history_redirects_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_groups, remove_groups)]
