from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Fact desk"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Register the tasks with Celery in every process (web, worker, management commands),
        # so the outbox can look them up by name.
        from django.db.models.signals import post_migrate

        from . import tasks  # noqa: F401

        post_migrate.connect(seed_roles_and_ratings, sender=self)


def seed_roles_and_ratings(sender, apps=None, **kwargs):
    """After migrate or a test flush: the role groups and rating scale exist (claims.roles)."""
    from .roles import seed_defaults

    if apps is None:  # a flush that does not pass the migration state
        from django.apps import apps
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
        Rating = apps.get_model("claims", "Rating")
    except LookupError:  # migrating backwards past the models
        return
    seed_defaults(Group, Permission, Rating)
