from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from claims.models import ApiToken


class Command(BaseCommand):
    help = "Issue an API token for USERNAME and print it (use as `Authorization: Bearer <token>`)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="A label for the token, e.g. the CMS using it.")

    def handle(self, *args, username, name, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named “{username}”.")
        if not user.is_active:
            raise CommandError(f"User “{username}” is inactive.")
        _token, key = ApiToken.issue(user, name=name)
        self.stdout.write(key)
