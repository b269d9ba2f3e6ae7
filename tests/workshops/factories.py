from datetime import timedelta

import factory
from django.utils import timezone

from tests.cooperation.factories import UserFactory
from workshops.models import (
    AdviceSlot,
    Event,
    GroupMember,
    Recommendation,
    Registration,
    Topic,
    WorkingGroup,
)


def in_days(days: float, hour: int = 10):
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup

    name = factory.Sequence(lambda n: f"Grupa robocza {n}")
    slug = factory.Sequence(lambda n: f"grupa-{n}")
    topic = Topic.CONSULTATION
    coordinator = factory.SubFactory(UserFactory)
    term_start = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))


class GroupMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMember

    group = factory.SubFactory(WorkingGroupFactory)
    user = factory.SubFactory(UserFactory)


class EventFactory(factory.django.DjangoModelFactory):
    """A published workshop in ten days, unless a trait says otherwise."""

    class Meta:
        model = Event

    kind = Event.Kind.WORKSHOP
    title = factory.Sequence(lambda n: f"Warsztaty nr {n}")
    description = "Praca w grupach nad modelem współpracy."
    topic = Topic.CONSULTATION
    place = "Miejski Ośrodek Kultury, ul. Mariacka 2, Radlin"
    starts_at = factory.LazyFunction(lambda: in_days(10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=3))
    capacity = 20
    organiser = "Urząd Miasta Radlin"
    status = Event.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    class Params:
        draft = factory.Trait(status=Event.Status.DRAFT, published_at=None)
        past = factory.Trait(starts_at=factory.LazyFunction(lambda: in_days(-10)))
        held = factory.Trait(
            status=Event.Status.HELD,
            starts_at=factory.LazyFunction(lambda: in_days(-10)),
        )
        advice = factory.Trait(
            kind=Event.Kind.ADVICE_HOUR, topic=Topic.SUPPORT, capacity=3
        )


class AdviceSlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdviceSlot

    event = factory.SubFactory(EventFactory, advice=True)
    starts_at = factory.LazyAttributeSequence(
        lambda o, n: o.event.starts_at + timedelta(minutes=30 * (n % 40))
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(minutes=30))


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    status = Registration.Status.CONFIRMED
    consent_at = factory.LazyFunction(timezone.now)

    class Params:
        waiting = factory.Trait(status=Registration.Status.WAITING)


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    group = factory.SubFactory(WorkingGroupFactory)
    title = factory.Sequence(lambda n: f"Rekomendacja {n}")
    text = "Konsultować projekty uchwał co najmniej 14 dni."
    topic = Topic.CONSULTATION

    class Params:
        submitted = factory.Trait(
            status=Recommendation.Status.SUBMITTED,
            submitted_at=factory.LazyFunction(timezone.now),
        )
        accepted = factory.Trait(
            status=Recommendation.Status.ACCEPTED,
            submitted_at=factory.LazyFunction(timezone.now),
            answered_at=factory.LazyFunction(timezone.now),
            answer="Przyjęto do programu współpracy.",
        )
