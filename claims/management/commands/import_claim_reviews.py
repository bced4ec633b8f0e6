"""Import a file of other fact-checkers' ClaimReviews (JSON-LD, a DataFeed, JSON Lines, or HTML)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.models import Reliability
from claims.reviews_in.feeds import new_reviews, queue_new_reviews
from claims.reviews_in.markup import find_reviews

MAX_BYTES = 200 * 1024 * 1024
MAX_REVIEWS = 100_000


def as_document(text: str) -> str:
    """JSON Lines (one review or document a line, as data exports ship) as one JSON list."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > 1 and all(line.startswith("{") and line.endswith("}") for line in lines):
        return "[" + ",".join(lines) + "]"
    return text


class Command(BaseCommand):
    help = (
        "Import a file of ClaimReviews: each review not yet on record is recorded and matched to open "
        "claims (as suggestions). Reviews already on record are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--outlet", default="", help="Who published the file, for reviews naming no organisation.")
        parser.add_argument("--reliability", default="F", choices=Reliability.values, help="Grade of the file itself.")
        parser.add_argument("--now", action="store_true", help="Process here and now instead of in the job queue.")

    def handle(self, *args, path, outlet, reliability, now, **options):
        from claims.processing import process_source

        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No file at {path}.")
        if file.stat().st_size > MAX_BYTES:
            raise CommandError(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB: split it.")
        found = find_reviews(as_document(file.read_text(encoding="utf-8", errors="replace")), limit=MAX_REVIEWS)
        for problem in found.problems:
            self.stderr.write(problem)
        if not found.reviews:
            raise CommandError("No ClaimReview in the file.")
        outlet = outlet or file.stem
        fresh = len(new_reviews(found.reviews, outlet))
        sources = queue_new_reviews(found.reviews, outlet=outlet, what=file.name, reliability=reliability)
        if now:
            for source, _ in sources:
                process_source(source.pk)
        self.stdout.write(
            f"{len(found.reviews)} reviews read, {fresh} new in {len(sources)} source"
            f"{'s' if len(sources) != 1 else ''}"
            f"{' (processed)' if now else ' (queued)'}, {len(found.reviews) - fresh} already on record."
        )
