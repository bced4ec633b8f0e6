"""`manage.py demo`: an idempotent demo newsroom (run it twice, get the same rows)."""

from datetime import UTC, date, datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from claims import desks, services
from claims.models import Claim, Evidence, Rating, Source, Story, Verification
from claims.permissions import EDITOR, FACT_CHECKER, REPORTER

from ._demo_copy import CLAIMS, SOURCES, STORIES

PASSWORD = "demo-password"
USERS = [
    ("editor", EDITOR, "Elena", "Editor"),
    ("checker", FACT_CHECKER, "Chris", "Checker"),
    ("reporter", REPORTER, "Rosa", "Reporter"),
]


def aware(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)


class Command(BaseCommand):
    help = "Create (or top up) the demo newsroom: users editor/checker/reporter, stories, claims, sources."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The demo creates users with a known password; it is refused when DEBUG is off.")
        with transaction.atomic():
            users = self.users()
            self.memberships(users)
            stories = self.stories(users)
            claims = self.claims(stories, users)
            sources = self.sources(users["checker"])
            self.evidence(claims, sources, users)
            self.verdict(claims, users)
        from claims.suggestions import store_suggestions

        for story in stories.values():
            store_suggestions(story)
        # Refresh synchronously so the demo shows its statuses at once, broker or not.
        for claim in claims.values():
            services.refresh_status(claim.pk, actor="demo", trigger="manage.py demo")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo newsroom ready: {Story.objects.count()} stories, {Claim.objects.count()} claims, "
                f"{Source.objects.count()} sources. Sign in as editor, checker or reporter "
                f"with the password “{PASSWORD}”."
            )
        )

    def users(self):
        User = get_user_model()
        users = {}
        for username, role, first, last in USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@factdesk.example",
                    "is_staff": role != REPORTER,
                },
            )
            if created:
                user.set_password(PASSWORD)
                user.save()
            user.groups.add(Group.objects.get(name=role))
            users[username] = user
        return users

    def memberships(self, users):
        """The checker and the reporter work on every demo desk, so they see all its stories."""
        for desk in sorted({spec["desk"] for spec in STORIES.values()}):
            for username in ("checker", "reporter"):
                desks.add_membership(users[username], desk, users["editor"])

    def stories(self, users):
        stories = {}
        for key, spec in STORIES.items():
            story, _ = Story.objects.get_or_create(
                headline=spec["headline"],
                defaults={
                    "body": spec["body"],
                    "desk": spec["desk"],
                    "byline": spec["byline"],
                    "owner": users["reporter"],
                    "state": spec["state"],
                    "published_at": aware(spec["published"]) if spec.get("published") else None,
                    "published_url": spec.get("url", ""),
                },
            )
            stories[key] = story
        return stories

    def claims(self, stories, users):
        claims = {}
        for key, spec in CLAIMS.items():
            story = stories[spec["story"]]
            start = story.body.index(spec["quote"])
            claim, _mention, created = services.create_claim_from_span(
                story,
                users["checker"],
                start=start,
                end=start + len(spec["quote"]),
                text=spec.get("text"),
                claimant=spec.get("claimant"),
                quantity=spec.get("quantity"),
                kind=spec.get("kind"),
            )
            if created and spec.get("assignee"):
                Claim.objects.filter(pk=claim.pk).update(assignee=users[spec["assignee"]])
            claims[key] = claim
        return claims

    def sources(self, user):
        sources = {}
        for key, spec in SOURCES.items():
            source, created = Source.objects.get_or_create(
                title=spec["title"],
                outlet=spec["outlet"],
                defaults={
                    "text": spec["text"],
                    "kind": spec["kind"],
                    "reliability": spec["reliability"],
                    "published_at": aware(spec["published"]),
                    "url": spec.get("url", ""),
                    "fetch_state": Source.FetchState.FETCHED,
                    "added_by": user,
                },
            )
            if created:
                from claims.processing import content_hash

                Source.objects.filter(pk=source.pk).update(content_hash=content_hash(source.text))
            sources[key] = source
        return sources

    def evidence(self, claims, sources, users):
        for key, spec in CLAIMS.items():
            for item in spec.get("evidence", []):
                source = sources[item["source"]]
                evidence, created = Evidence.objects.get_or_create(
                    claim=claims[key],
                    source=source,
                    defaults={
                        "stance": item["stance"],
                        "excerpt": item["excerpt"],
                        "observed_value": item.get("value"),
                        "observed_at": source.published_at,
                        "matcher_score": item.get("score"),
                        "matcher_reason": item.get("reason", ""),
                        "proposed_by": None if item.get("score") else users["checker"],
                    },
                )
                if created and item.get("accept"):
                    services.accept_evidence(evidence, users["checker"])

    def verdict(self, claims, users):
        spec = next((c for c in CLAIMS.values() if c.get("verdict")), None)
        key = next(k for k, c in CLAIMS.items() if c.get("verdict"))
        claim = claims[key]
        if Verification.objects.filter(claim=claim).exists():
            return
        rating = Rating.objects.get(slug=spec["verdict"]["rating"])
        verification = services.draft_verification(
            claim,
            users["checker"],
            rating=rating,
            rationale=spec["verdict"]["rationale"],
            evidence=list(claim.evidence.filter(state="accepted")),
        )
        services.approve_verification(verification, users["editor"])
