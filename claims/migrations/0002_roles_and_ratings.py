from django.contrib.auth.management import create_permissions
from django.db import migrations


def seed(apps, schema_editor):
    # Permissions are normally created after all migrations; create them now so the
    # groups can hold them on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    from claims.roles import DEFAULT_RATINGS, ensure_roles

    ensure_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))
    Rating = apps.get_model("claims", "Rating")
    for slug, label, colour, order, implies, value in DEFAULT_RATINGS:
        Rating.objects.get_or_create(
            slug=slug,
            defaults={"label": label, "colour": colour, "order": order, "implies_status": implies, "value": value},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
