import os

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

app = Celery("newsroom")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def _warm_finder(**kwargs):
    """Once per worker, before its pool forks: the finder's first job does not load quantulum3 itself."""
    from newsroom.warmup import warm_finder

    warm_finder()
