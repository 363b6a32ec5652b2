"""Load the gazetteer (fixtures/gazetteer.json) so extraction knows names from the first import.

Written against the historical models, so later schema changes do not break it; existing rows
(same slug) are left as a curator may have edited them.
"""

import json
from pathlib import Path

from django.db import migrations

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "gazetteer.json"


def load(apps, schema_editor):
    Actor = apps.get_model("timeline", "Actor")
    Place = apps.get_model("timeline", "Place")
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    places = {}
    deferred_country = []
    for item in data:
        fields = dict(item["fields"])
        if item["model"] == "timeline.actor":
            Actor.objects.get_or_create(slug=fields.pop("slug"), defaults=fields)
        elif item["model"] == "timeline.place":
            country = fields.pop("country", None)
            place, _ = Place.objects.get_or_create(slug=fields.pop("slug"), defaults=fields)
            places[place.slug] = place
            if country:
                deferred_country.append(
                    (place, country[0] if isinstance(country, list) else country)
                )
    for place, country_slug in deferred_country:
        if place.country_id is None and country_slug in places:
            place.country = places[country_slug]
            place.save(update_fields=["country"])


def unload(apps, schema_editor):
    """Reversing removes nothing: curators may have linked events to these rows."""


class Migration(migrations.Migration):
    dependencies = [("timeline", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
