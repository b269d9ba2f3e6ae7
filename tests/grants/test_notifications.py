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


@pytest.mark.parametrize(
    ("language", "subject", "lines"),
    [
        (
            "pl",
            "Powołanie do komisji konkursowej: Dni Radlina",
            [
                "Powołano Cię do komisji konkursowej, która opiniuje oferty złożone "
                "w otwartym konkursie ofert „Dni Radlina” (art. 15 ust. 2a ustawy).",
                "podpisz na stronie komisji oświadczenie o bezstronności",
                "2. Oceń każdą ofertę według kryteriów konkursu, uzasadniając ocenę "
                "każdego kryterium, do 15 stycznia 2027.",
            ],
        ),
        (
            "en",
            "Appointed to the competition committee: Dni Radlina",
            [
                "You have been appointed to the committee that gives its opinion on "
                "the offers in the open competition “Dni Radlina” (art. 15 ust. 2a "
                "of the Act).",
                "sign the declaration of impartiality on the committee's page",
                "2. Score every offer on the competition's criteria, with a comment "
                "for each criterion, by 15 January 2027.",
            ],
        ),
    ],
)
def test_an_appointed_member_is_told_once_what_to_do_by_when_and_where(
    clerk,
    competition_factory,
    django_capture_on_commit_callbacks,
    mailoutbox,
    language,
    subject,
    lines,
):
    from datetime import date

    from django.conf import settings
    from django.urls import reverse

    from cooperation.core.exceptions import DomainError
    from cooperation.core.notifications import deliver_pending
    from tests.cooperation.factories import UserFactory

    competition = competition_factory(
        announced=True, title="Dni Radlina", scoring_date=date(2027, 1, 15)
    )
    person = UserFactory(language=language)
    with django_capture_on_commit_callbacks(execute=True):
        services.committee_appoint(competition=competition, user=person, actor=clerk)
    with pytest.raises(DomainError), django_capture_on_commit_callbacks(execute=True):
        services.committee_appoint(competition=competition, user=person, actor=clerk)
    deliver_pending()
    sent = [m for m in mailoutbox if m.to == [person.email]]
    assert len(sent) == 1
    assert sent[0].subject == subject
    body = " ".join(sent[0].body.split())
    for line in lines:
        assert line in body
    url = settings.SITE_URL + reverse("grants:committee", args=[competition.pk])
    assert url in sent[0].body


@pytest.mark.parametrize(
    ("language", "subject", "sentence"),
    [
        (
            "pl",
            "Nowy otwarty konkurs ofert: Dni Radlina",
            "Ogłoszono otwarty konkurs ofert „Dni Radlina” w sferze, w której działa "
            "Twoja organizacja: kultura.",
        ),
        (
            "en",
            "New open competition for offers: Dni Radlina",
            "An open competition for offers “Dni Radlina” has been announced in the "
            "sphere in which your organisation works: culture.",
        ),
    ],
)
def test_announcing_tells_each_representative_in_the_sphere_once_and_e_mails_those_who_want_it(
    clerk, django_capture_on_commit_callbacks, mailoutbox, language, subject, sentence
):
    from cooperation.accounts.services import account_set_notifications
    from tests.cooperation.factories import UserFactory
    from tests.grants.factories import CompetitionFactory
    from tests.ngos.factories import MembershipFactory, OrganisationFactory

    competition = CompetitionFactory(
        title="Dni Radlina",
        priority__sphere__name_pl="kultura",
        priority__sphere__name_en="culture",
    )
    sphere = competition.priority.sphere
    first, second, elsewhere, unverified = (
        OrganisationFactory(),
        OrganisationFactory(),
        OrganisationFactory(),
        OrganisationFactory(unverified=True),
    )
    for org in (first, second, unverified):
        org.spheres.add(sphere)
    twice = UserFactory(language=language)
    MembershipFactory(organisation=first, user=twice)
    MembershipFactory(organisation=second, user=twice)
    quiet = MembershipFactory(organisation=first).user
    account_set_notifications(
        user=quiet, wanted={"grants.competition_announced": "none"}
    )
    editor = MembershipFactory(organisation=first, editor=True).user
    outside = MembershipFactory(organisation=elsewhere).user
    not_verified = MembershipFactory(organisation=unverified).user
    with django_capture_on_commit_callbacks(execute=True):
        services.competition_publish(competition=competition, actor=clerk)
    notified = set(
        Notification.objects.filter(kind="grants.competition_announced").values_list(
            "recipient_id", flat=True
        )
    )
    # The person who wants these on the portal only finds it in the inbox and gets
    # no e-mail.
    assert notified == {twice.pk, quiet.pk}
    assert not {editor.pk, outside.pk, not_verified.pk} & notified
    assert not [m for m in mailoutbox if m.to == [quiet.email]]
    assert Notification.objects.get(recipient=quiet).status == "inbox"
    sent = [m for m in mailoutbox if m.to == [twice.email]]
    assert len(sent) == 1 and sent[0].subject == subject
    assert sentence in " ".join(sent[0].body.split())
    assert "/konto/powiadomienia/" in sent[0].body


def test_statutory_notices_cannot_be_switched_off(clerk, competition_factory):
    from cooperation.accounts.services import account_set_notifications
    from cooperation.core.exceptions import DomainError
    from cooperation.core.models import NotificationPreference
    from cooperation.core.notifications import notify
    from tests.cooperation.factories import UserFactory

    person = UserFactory()
    with pytest.raises(DomainError) as error:
        account_set_notifications(user=person, wanted={"grants.results": "none"})
    assert error.value.code == "statutory"
    # Even a row written past the service does not stop a statutory notice.
    NotificationPreference.objects.create(
        user=person, kind="grants.results", delivery="none"
    )
    notification = notify(person, "grants.results", occasion="results:1")
    assert notification is not None and notification.status == "pending"
