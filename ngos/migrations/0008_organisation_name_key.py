"""The name of an organisation as compared for duplicates, unique.

Existing rows get their key; where two organisations already share a name, the
oldest keeps it and the others stay without a key (so the constraint holds) until
a clerk merges them or corrects a name, which gives them their key on saving.
"""

import re
import unicodedata

from django.conf import settings
from django.db import migrations, models

# A copy of ngos.models.name_key_of as it was when this migration was written.
_QUOTES = re.compile(r"[\"'`\u00ab\u00bb\u2018-\u201f\u2039\u203a]")
_DASHES = re.compile(r"\s*[-\u2010-\u2015\u2212]\s*")
_SPACES = re.compile(r"\s+")


def name_key_of(name):
    text = unicodedata.normalize("NFKC", name or "")
    text = _QUOTES.sub(" ", text)
    text = _DASHES.sub("-", text)
    text = _SPACES.sub(" ", text).strip().rstrip(".").strip()
    return text.casefold()


def fill_name_keys(apps, schema_editor):
    Organisation = apps.get_model("ngos", "Organisation")
    taken = set()
    changed = []
    for organisation in Organisation.objects.order_by("pk").only("pk", "name"):
        key = name_key_of(organisation.name)
        if key in taken:
            continue
        taken.add(key)
        organisation.name_key = key
        changed.append(organisation)
    Organisation.objects.bulk_update(changed, ["name_key"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("ngos", "0007_file_kinds"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="name_key",
            field=models.CharField(
                blank=True,
                editable=False,
                max_length=300,
                verbose_name="name for comparison",
            ),
        ),
        migrations.RunPython(fill_name_keys, migrations.RunPython.noop),
    ]
