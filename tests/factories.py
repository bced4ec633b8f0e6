"""factory-boy factories for the core records."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from claims.models import Claim, DeskMembership, Evidence, Source, Story
from claims.permissions import REPORTER


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@newsroom.test")
    password = factory.django.Password("pw-for-tests-123")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(Group.objects.get(name=extracted))

    @factory.post_generation
    def desks(self, create, extracted, **kwargs):
        """Desk memberships; by default the desk StoryFactory files stories to ("National")."""
        for desk in ["National"] if extracted is None else extracted:
            DeskMembership.objects.get_or_create(user=self, desk=desk)


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Story

    headline = factory.Sequence(lambda n: f"Flood barriers hold on the river, story {n}")
    body = (
        "The river peaked at 6.2 metres on Tuesday, the environment agency said. "
        "About 1,200 homes were evacuated, according to the county council."
    )
    desk = "National"
    owner = factory.SubFactory(UserFactory, role=REPORTER)


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    text = factory.Sequence(lambda n: f"About {1000 + n} homes were evacuated")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    title = factory.Sequence(lambda n: f"Council update {n}")
    outlet = factory.Sequence(lambda n: f"Outlet {n}")
    text = "About 1,200 homes were evacuated, the council said."
    reliability = "C"
    kind = "news_outlet"
    fetch_state = Source.FetchState.FETCHED
    published_at = factory.LazyFunction(timezone.now)


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    claim = factory.SubFactory(ClaimFactory)
    source = factory.SubFactory(SourceFactory)
    stance = Evidence.Stance.SUPPORTS
    excerpt = "About 1,200 homes were evacuated"
