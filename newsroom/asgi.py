import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
application = get_asgi_application()

# Before the first request: a request that reads a figure must not wait for quantulum3 to load.
from newsroom.warmup import warm_finder  # noqa: E402

warm_finder()
