"""Following public objects: a person is told when something is published there.

An app registers in ``registry.followable`` the models whose objects may be followed
(with the public queryset a follow is checked against), and in
``registry.followed_events`` what counts as published: a transition of a model to
one of some states, the objects whose followers are told, the kind of message and
the people the publishing service tells anyway (who are not told twice). The
messages are written by a receiver of ``workflow.transitioned``, in the transaction
of the transition, through the outbox: they are in each follower's inbox and go
by e-mail as the follower set that kind (at once, in a digest, or not).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.dispatch import receiver
from django.utils.translation import gettext as _

from .exceptions import DomainError
from .models import Subscription
from .notifications import Message, notify_many
from .registry import followable, followed_events
from .workflow import transitioned


@dataclass(frozen=True)
class Followable:
    """A model whose objects may be followed; ``visible()`` is the queryset of those
    that are public (only those may be followed)."""

    model: type[models.Model]
    label: Any
    visible: Callable[[], models.QuerySet[Any]]


@dataclass(frozen=True)
class FollowedEvent:
    """``model`` moving to one of ``states`` is news for the followers of the objects
    ``targets(instance)`` returns; they get a message of ``kind`` about the
    instance, except the people ``told_anyway(instance)`` (the publishing service's
    own recipients)."""

    model: type[models.Model]
    states: tuple[str, ...]
    kind: str
    targets: Callable[[Any], Iterable[models.Model | None]]
    told_anyway: Callable[[Any], Iterable[int]] = field(default=lambda obj: ())


def followable_slug(obj: models.Model) -> str | None:
    """The slug under which ``obj``'s model is registered as followable."""
    for slug, entry in followable.items():
        if isinstance(obj, entry.model):
            return slug
    return None


def _key(obj: models.Model) -> tuple[int, int]:
    return ContentType.objects.get_for_model(type(obj)).pk, int(obj.pk)


def is_following(user: Any, obj: models.Model) -> bool:
    """Whether ``user`` follows ``obj`` (one query; none for an anonymous visitor)."""
    if user is None or not user.is_authenticated:
        return False
    ct, pk = _key(obj)
    return Subscription.objects.filter(
        user_id=user.pk, content_type_id=ct, object_id=pk
    ).exists()


def followed_by(user: Any, objects: Iterable[models.Model | None]) -> set[tuple]:
    """Which of ``objects`` ``user`` follows, as (content type id, pk); one query."""
    keys = {_key(obj) for obj in objects if obj is not None}
    if not keys or user is None or not user.is_authenticated:
        return set()
    q = models.Q()
    for ct, pk in keys:
        q |= models.Q(content_type_id=ct, object_id=pk)
    return set(
        Subscription.objects.filter(q, user_id=user.pk).values_list(
            "content_type_id", "object_id"
        )
    )


def subscription_follow(*, user: Any, slug: str, pk: int) -> Subscription:
    """``user`` follows the public object ``pk`` of the followable kind ``slug``.

    Following again changes nothing. Raises ``DomainError`` for an unknown kind or
    an object that is not public.
    """
    obj = _public_object(slug, pk)
    ct, object_id = _key(obj)
    try:
        with transaction.atomic():
            subscription, _created = Subscription.objects.get_or_create(
                user_id=user.pk, content_type_id=ct, object_id=object_id
            )
    except IntegrityError:
        subscription = Subscription.objects.get(
            user_id=user.pk, content_type_id=ct, object_id=object_id
        )
    return subscription


def subscription_unfollow(*, user: Any, slug: str, pk: int) -> int:
    """``user`` stops following the object; returns how many follows ended (0 or 1).

    Raises ``DomainError`` for an unknown kind.
    """
    entry = _entry(slug)
    ct = ContentType.objects.get_for_model(entry.model).pk
    deleted, _rows = Subscription.objects.filter(
        user_id=user.pk, content_type_id=ct, object_id=pk
    ).delete()
    return deleted


def subscriptions_of(user: Any) -> list[Subscription]:
    """The person's follows with the objects followed (one query per kind)."""
    rows = list(
        Subscription.objects.filter(user_id=user.pk).select_related("content_type")
    )
    models.prefetch_related_objects(rows, "content_object")
    return [row for row in rows if row.content_object is not None]


def _entry(slug: str) -> Followable:
    if slug not in followable:
        raise DomainError(_("This cannot be followed."), code="not-followable")
    return followable[slug]


def _public_object(slug: str, pk: int) -> models.Model:
    entry = _entry(slug)
    obj = entry.visible().filter(pk=pk).first()
    if obj is None:
        raise DomainError(_("This page is not public."), code="not-public")
    return obj


def tell_followers(name: str, event: FollowedEvent, instance: models.Model) -> int:
    """Write the messages telling the followers of ``event``'s targets about
    ``instance``; each follower once, however many of the targets they follow."""
    targets = [t for t in event.targets(instance) if t is not None]
    if not targets:
        return 0
    q = models.Q()
    for target in targets:
        ct, pk = _key(target)
        q |= models.Q(content_type_id=ct, object_id=pk)
    followers = set(
        Subscription.objects.filter(q, user__is_active=True).values_list(
            "user_id", flat=True
        )
    )
    followers -= set(event.told_anyway(instance))
    return notify_many(
        Message.about(
            instance,
            recipient_id=user_id,
            kind=event.kind,
            occasion=f"followed:{name}:{instance.pk}",
        )
        for user_id in sorted(followers)
    )


@receiver(transitioned, dispatch_uid="cooperation.following")
def _on_transition(sender, instance, to_status, **kwargs):
    for name, event in followed_events.items():
        if issubclass(sender, event.model) and to_status in event.states:
            tell_followers(name, event, instance)
