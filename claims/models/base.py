from django.db import models


class ConflictError(Exception):
    """Someone else saved the record after this editor loaded it."""

    def __init__(self, instance, current=None):
        self.instance = instance
        self.current = current
        super().__init__(
            f"{instance._meta.verbose_name.capitalize()} was changed by someone else "
            "since you opened it. Review their change and save again."
        )


class VersionedModel(models.Model):
    """Optimistic locking for records that several editors edit at once.

    Saves go through `save_versioned`, which only writes when the row still has the
    version the editor loaded; otherwise it raises ConflictError and writes nothing.
    """

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def save_versioned(self, expected_version: int, fields: list[str]) -> None:
        from django.utils import timezone

        values = {name: getattr(self, name) for name in fields}
        if any(f.name == "updated_at" for f in self._meta.fields):
            self.updated_at = values["updated_at"] = timezone.now()
        updated = (
            type(self)
            ._base_manager.filter(pk=self.pk, version=expected_version)
            .update(version=models.F("version") + 1, **values)
        )
        if not updated:
            current = type(self)._base_manager.filter(pk=self.pk).first()
            raise ConflictError(self, current)
        self.version = expected_version + 1
