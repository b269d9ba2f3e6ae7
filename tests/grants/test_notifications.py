"""Who hears of an offer's correction request and of a competition's results."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cooperation.core.models import Notification
from cooperation.core.notifications import render_email
from grants import services
from grants.models import CoOfferor
from tests.grants.factories import complete_offer
from tests.grants.worlds import freeze

pytestmark = pytest.mark.django_db


def test_correction_request_notifies_representatives_and_editors_with_fields_and_deadline(
    clerk, competition_factory, membership_factory
):
    competition = competition_factory(
        status="formal_review",
        corrections_allowed=True,
        announced_at=timezone.now() - timedelta(days=40),
        offers_deadline=timezone.now() - timedelta(days=10),
    )
    offer = freeze(
        complete_offer(competition=competition), status="submitted", sequence=1
    )
    rep = membership_factory(organisation=offer.organisation).user
    editor = membership_factory(organisation=offer.organisation, editor=True).user
    services.offer_request_correction(
        offer=offer,
        actor=clerk,
        fields=["offeror_phone", "st_true"],
        note="Brak numeru telefonu",
    )
    sent = Notification.objects.filter(kind="grants.correction_requested")
    assert {n.recipient_id for n in sent} == {rep.pk, editor.pk}
    body = render_email(sent.get(recipient=rep)).body
    assert "Brak numeru telefonu" in body
    assert "telefon" in body and "zgodne z aktualnym stanem prawnym" in body
    offer.refresh_from_db()
    assert str(timezone.localtime(offer.correction_deadline).year) in body


def test_publishing_results_notifies_every_offeror(
    clerk, competition_factory, organisation, membership_factory
):
    competition = competition_factory(
        status="decision",
        announced_at=timezone.now() - timedelta(days=60),
        offers_deadline=timezone.now() - timedelta(days=30),
    )
    chosen = freeze(
        complete_offer(competition=competition),
        status="selected",
        sequence=1,
        granted_amount=5000,
    )
    rejected = freeze(
        complete_offer(competition=competition),
        status="formally_rejected",
        sequence=2,
        formal_note="Po terminie",
    )
    partner = organisation
    CoOfferor.objects.create(offer=chosen, organisation=partner, name=partner.name)
    people = {
        "chosen": membership_factory(organisation=chosen.organisation).user,
        "rejected": membership_factory(organisation=rejected.organisation).user,
        "partner": membership_factory(organisation=partner, editor=True).user,
    }
    services.competition_publish_results(competition=competition, actor=clerk)
    sent = Notification.objects.filter(kind="grants.results")
    assert {n.recipient_id for n in sent} == {u.pk for u in people.values()}
    assert "Po terminie" in render_email(sent.get(recipient=people["rejected"])).body
    assert "5" in render_email(sent.get(recipient=people["chosen"])).body
