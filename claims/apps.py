from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Fact desk"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Register the tasks with Celery in every process (web, worker, management commands),
        # so the outbox can look them up by name.
        from . import tasks  # noqa: F401
