"""Ship the development team's starting criteria; the team re-weighs them in the app."""

from django.db import migrations

from samenspel.challenges.default_criteria import DEFAULTS


def create_defaults(apps, schema_editor):
    criterion = apps.get_model("challenges", "PriorityCriterion")
    for order, (name, description, kind, computation, weight) in enumerate(DEFAULTS, start=1):
        lookup = {"computation": computation} if computation else {"name": name}
        criterion.objects.get_or_create(
            **lookup,
            defaults={
                "name": name,
                "description": description,
                "kind": kind,
                "computation": computation,
                "weight": weight,
                "scale": 5,
                "order": order * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("challenges", "0004_priorities")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
