"""Logged-in pages and background writes for ``make bench`` (inside a Django process)."""

from __future__ import annotations

import time
from importlib import import_module
from typing import Any


def _session_cookie(user: Any) -> str:
    """A logged-in session of ``user`` in the portal's session store, as a Cookie header."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return f"Cookie: {settings.SESSION_COOKIE_NAME}={store.session_key}"


def _draft_and_representative() -> tuple[Any, Any] | tuple[None, None]:
    """A draft offer and a representative of its organisation (made one if none is)."""
    from django.utils import timezone

    from cooperation.core.models import User
    from grants.models import Offer, OfferStatus
    from ngos.models import Membership

    first = Offer.objects.filter(status=OfferStatus.DRAFT).order_by("pk").first()
    person = User.objects.filter(email="prezes@demo.radlin.example").first()
    if first is not None and person is not None:
        Membership.objects.get_or_create(
            organisation_id=first.organisation_id,
            user=person,
            defaults={
                "role": Membership.Role.REPRESENTATIVE,
                "status": Membership.Status.APPROVED,
                "decided_at": timezone.now(),
            },
        )
    for offer in Offer.objects.filter(status=OfferStatus.DRAFT).order_by("pk")[:50]:
        membership = (
            Membership.objects.filter(
                organisation_id=offer.organisation_id,
                status=Membership.Status.APPROVED,
            )
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if membership is not None:
            return offer, membership.user
    return None, None


def _seat_on_a_committee() -> None:
    """The demo committee member, declared impartial, where offers await scoring."""
    from django.utils import timezone

    from cooperation.core.models import User
    from grants.models import CommitteeMember, Competition, OfferStatus

    person = User.objects.filter(email="komisja@demo.radlin.example").first()
    competition = (
        Competition.objects.filter(offers__status=OfferStatus.FORMALLY_ACCEPTED)
        .order_by("pk")
        .first()
    )
    if person is not None and competition is not None:
        CommitteeMember.objects.get_or_create(
            competition=competition,
            user=person,
            defaults={"declared_at": timezone.now()},
        )


def logged_in_pages() -> list[tuple[str, str, str]]:
    """(label, path, Cookie header) of the main pages people see logged in."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from cooperation.core.models import User
    from grants.models import CommitteeMember, OfferStatus

    pages: list[tuple[str, str, str]] = []
    offer, representative = _draft_and_representative()
    if offer is not None:
        cookie = _session_cookie(representative)
        pages += [
            ("NGO: offer list", "/oferty/", cookie),
            ("NGO: my cases", "/konto/sprawy/", cookie),
            ("NGO: offer step 1", f"/oferty/{offer.pk}/krok/1/", cookie),
            ("NGO: offer step 5 (costs)", f"/oferty/{offer.pk}/krok/5/", cookie),
        ]
    _seat_on_a_committee()
    member = (
        CommitteeMember.objects.filter(
            declared_at__isnull=False,
            user__isnull=False,
            competition__offers__status=OfferStatus.FORMALLY_ACCEPTED,
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if member is not None:
        cookie = _session_cookie(member.user)
        scored = member.competition.offers.filter(
            status=OfferStatus.FORMALLY_ACCEPTED
        ).first()
        pages.append(
            (
                "committee: competition",
                f"/konkursy/{member.competition_id}/komisja/",
                cookie,
            )
        )
        if scored is not None:
            pages.append(("committee: scoring", f"/oferty/{scored.pk}/ocena/", cookie))
    clerk = (
        User.objects.filter(is_staff=True, groups__name="clerks").order_by("pk").first()
    )
    if clerk is not None:
        if not Authenticator.objects.filter(
            user=clerk, type=Authenticator.Type.TOTP
        ).exists():
            TOTP.activate(clerk, generate_totp_secret())
        cookie = _session_cookie(clerk)
        pages += [
            ("clerk: desk", "/admin/", cookie),
            ("clerk: offers", "/admin/grants/offer/", cookie),
            ("clerk: comments", "/admin/consultations/comment/", cookie),
            ("clerk: organisations", "/admin/ngos/organisation/", cookie),
        ]
    return pages


def background_writes(seconds: float, pause: float = 0.05) -> dict[str, int]:
    """Log-ins and offer autosaves, as people make them while others read the pages."""
    from django.test import Client

    from cooperation.core.models import User
    from grants.services.offers import offer_save

    offer, representative = _draft_and_representative()
    people = list(User.objects.filter(is_active=True).order_by("pk")[:20])
    counts = {"log_ins": 0, "autosaves": 0}
    ends = time.monotonic() + seconds
    client = Client()
    while time.monotonic() < ends:
        if people:
            client.force_login(people[counts["log_ins"] % len(people)])
            counts["log_ins"] += 1
        if offer is not None:
            offer.refresh_from_db()
            offer = offer_save(
                offer=offer,
                actor=representative,
                version=offer.version,
                fields={"title": f"Wypoczynek letni {counts['autosaves'] % 7}"},
            )
            counts["autosaves"] += 1
        time.sleep(pause)
    return counts
