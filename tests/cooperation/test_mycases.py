"""Moje sprawy (/konto/sprawy/): the matters of the person's organisations and their
own, with their state, the next step and its date, kept per person."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from cooperation.core.cache import record_area
from cooperation.core.mycases import desk_areas
from cooperation.nonfinancial.models import Booking, Patronage, Promotion
from grants import services as grant_services
from grants.models import (
    CommitteeMember,
    Conflict,
    Contract,
    Criterion,
    DocumentTemplate,
    OfferStatus,
    Refund,
    Report,
    Score,
    SmallGrantComment,
)
from ngos import services as ngo_services
from ngos.models import Membership
from tests.consultations.factories import CommentFactory, ConsultationFactory
from tests.grants import test_award
from tests.grants.factories import CompetitionFactory, OfferFactory, PriorityFactory
from tests.grants.small_grant_helpers import draft as small_grant_draft
from tests.grants.test_award import _fit
from tests.ngos.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnerSearchFactory,
)
from tests.nonfinancial.factories import ResourceFactory, booking_kwargs
from tests.workshops.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db
awarded = test_award.awarded
URL = "/konto/sprawy/"
_numbers = iter(range(1, 10_000))


def _template(kind="contract"):
    return DocumentTemplate.objects.get_or_create(
        kind=kind,
        version="demo-1",
        defaults={
            "name": "Umowa",
            "legal_basis": "Dz.U. 2018 poz. 2057, zał. nr 3",
            "valid_from": date(2019, 1, 1),
            "body": "WZÓR",
        },
    )[0]


def _contract(offer, **kw):
    n = next(_numbers)
    return Contract.objects.create(
        offer=offer,
        template=_template(),
        template_version="demo-1",
        status=kw.pop("status", Contract.Status.SIGNED),
        number=f"ZP.{n}.2026",
        year=2026,
        sequence=n,
        form="support",
        title=offer.title or "Zadanie",
        grant=Decimal("5000.00"),
        bank_account="61109010140000071219812874",
        cost_shift_percent=Decimal("10"),
        municipality_representative="Burmistrz Miasta Radlin",
        **kw,
    )


def organisation_matters(membership, n=1):
    """``n`` of each kind of matter of the membership's organisation."""
    organisation = membership.organisation
    competition = CompetitionFactory(announced=True)
    priority = PriorityFactory()
    resource = ResourceFactory()
    for i in range(n):
        OfferFactory(
            competition=competition, organisation=organisation, title=f"Szkic {i}"
        )
        OfferFactory(
            competition=competition,
            organisation=organisation,
            title=f"Do poprawy {i}",
            status=OfferStatus.CORRECTION_REQUESTED,
            checksum="0" * 64,
            correction_deadline=timezone.now() + timedelta(days=7),
        )
        chosen = OfferFactory(
            competition=competition,
            organisation=organisation,
            title=f"Wybrana {i}",
            status=OfferStatus.SELECTED,
            checksum="0" * 64,
        )
        contract = _contract(chosen, next_due_on=timezone.localdate())
        Report.objects.create(
            contract=contract,
            template=_template("report"),
            template_version="demo-1",
            kind="final",
            form="full",
            status="called",
            period_start=date(2026, 1, 1),
            period_end=date(2026, 6, 30),
            due_on=timezone.localdate() + timedelta(days=20),
        )
        Refund.objects.create(
            contract=contract,
            kind="unused",
            amount=Decimal("120.00"),
            interest_from=timezone.localdate(),
            due_on=timezone.localdate() + timedelta(days=14),
        )
        Promotion.objects.create(
            organisation=organisation,
            kind="call",
            title=f"Szukamy wolontariuszy {i}",
            text="Zapraszamy.",
        )
        small_grant_draft(priority, organisation, title=f"Mały grant {i}")
        Booking.objects.create(
            organisation=organisation,
            applicant=membership.user,
            **booking_kwargs(resource),
        )
        Patronage.objects.create(
            organisation=organisation,
            event_title=f"Festyn {i}",
            description="Festyn rodzinny.",
            starts_on=timezone.localdate() + timedelta(days=10),
            ends_on=timezone.localdate() + timedelta(days=10),
            place="Radlin",
            audience="Mieszkańcy",
            publicity="Plakaty",
        )
        PartnerSearchFactory(organisation=organisation, title=f"Partner {i}")
        MembershipFactory(organisation=organisation, editor=True, pending=True)


def own_matters(user, n=1):
    consultation = ConsultationFactory(published=True)
    small_grant = small_grant_draft(PriorityFactory(), title="Cudzy mały grant")
    for i in range(n):
        SmallGrantComment.objects.create(
            offer=small_grant, author=user, author_name="Jan", text=f"Uwaga {i}"
        )
        CommentFactory(consultation=consultation, author=user)
        event = EventFactory(title=f"Warsztat {i}")
        RegistrationFactory(event=event, user=user)
        competition = CompetitionFactory(status="committee_review")
        CommitteeMember.objects.create(competition=competition, user=user)


def _page(client) -> str:
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def test_the_desk_shows_each_matter_with_its_state_next_step_and_date(client):
    membership = MembershipFactory()
    organisation_matters(membership)
    own_matters(membership.user)
    client.force_login(membership.user)
    text = _page(client)
    assert membership.organisation.name in text
    # The organisation's matters, each with its state, next step and date.
    assert "Szkic 0" in text and "Uzupełnij i złóż ofertę" in text
    assert "Do poprawy 0" in text and "Popraw ofertę" in text
    # The chosen offer has a contract: the contract stands for it.
    assert "Wybrana 0</a>" not in text
    assert "Umowa ZP." in text and "Najbliższa transza dotacji" in text
    assert "Napisz i złóż sprawozdanie" in text
    assert reverse("grants:my-contracts") in text
    assert "Mały grant 0" in text
    assert "Festyn 0" in text and "Sala nr" in text
    assert "Szukamy wolontariuszy 0" in text and "Urząd decyduje o publikacji" in text
    assert "Zwrot 120,00 PLN, umowa ZP." in text and "Zwróć kwotę z odsetkami" in text
    assert reverse("nonfinancial:my-requests") in text
    assert "Partner 0" in text
    assert "1 prośba o dołączenie" in text
    assert (
        reverse("ngos:organisation-panel", args=[membership.organisation.slug]) in text
    )
    # The person's own matters.
    assert "Podpisz oświadczenie o bezstronności" in text
    assert "Warsztat 0" in text
    assert "Możesz jeszcze zmienić uwagę" in text
    assert "Cudzy mały grant" in text and "czeka na rozpatrzenie" in text
    assert (
        reverse("ngos:organisation-edit", args=[membership.organisation.slug]) in text
    )
    assert "Następny krok:" in text and "Termin:" in text


def _cold_and_warm(client, django_assert_num_queries, organisation, queries):
    client.get(URL)  # the session, the person and their roles come from the cache
    # A change of a record the desk shows renders the person's desk again.
    PartnerSearchFactory(organisation=organisation, title="Nowe ogłoszenie")
    with django_assert_num_queries(queries):
        text = _page(client)
    assert "Nowe ogłoszenie" in text
    # Unchanged, the desk is the person's kept fragment.
    with django_assert_num_queries(0):
        _page(client)
    return text


# 1 the person's memberships with their organisations; per section: 2 requests to
# join, 3 offers (with competition, update and contract), 4 small-grant offers,
# 5 contracts, 6 reports, 7 refunds, 8 the organisations' local initiatives,
# 9 bookings, 10 patronages, 11 promotions, 12 partner searches; the person's own:
# 13 committee seats (offers to score, conflicts and scores counted), 14 local
# initiatives, 15 consultation comments, 16 small-grant comments, 17 registrations.
DESK_QUERIES = 17


def test_the_desk_reads_the_same_queries_for_one_and_for_several_organisations(
    client, django_assert_num_queries
):
    one = MembershipFactory()
    organisation_matters(one)
    own_matters(one.user)
    client.force_login(one.user)
    _cold_and_warm(client, django_assert_num_queries, one.organisation, DESK_QUERIES)

    many = MembershipFactory()
    organisation_matters(many, n=3)
    for _ in range(2):
        other = MembershipFactory(user=many.user, editor=True)
        organisation_matters(other, n=3)
    own_matters(many.user, n=3)
    client.force_login(many.user)
    text = _cold_and_warm(
        client, django_assert_num_queries, many.organisation, DESK_QUERIES
    )
    assert text.count("Uzupełnij i złóż ofertę") >= 9
    assert text.count("Warsztat ") == 3


def test_a_person_who_leaves_an_organisation_no_longer_sees_its_matters(client):
    membership = MembershipFactory()
    organisation_matters(membership)
    client.force_login(membership.user)
    assert "Szkic 0" in _page(client)
    assert "Szkic 0" in _page(client)  # the kept fragment
    ngo_services.membership_end(membership=membership, actor=membership.user)
    text = _page(client)
    assert "Szkic 0" not in text and membership.organisation.name not in text
    assert "Nie działasz w imieniu żadnej organizacji." in text


def test_a_pending_member_sees_the_organisation_but_none_of_its_matters(client):
    membership = MembershipFactory(pending=True)
    organisation_matters(MembershipFactory(organisation=membership.organisation))
    client.force_login(membership.user)
    text = _page(client)
    assert membership.organisation.name in text
    assert "Twoje członkostwo czeka na zatwierdzenie" in text
    assert "Szkic 0" not in text and "Festyn 0" not in text


def test_an_editor_is_not_asked_to_decide_on_requests_to_join(client):
    representative = MembershipFactory()
    organisation_matters(representative)
    editor = MembershipFactory(organisation=representative.organisation, editor=True)
    client.force_login(editor.user)
    text = _page(client)
    assert "Szkic 0" in text
    assert "prośba o dołączenie" not in text


def test_an_outsider_sees_nothing_of_other_organisations(client):
    membership = MembershipFactory()
    organisation_matters(membership)
    outsider = MembershipFactory()
    client.force_login(membership.user)
    assert "Szkic 0" in _page(client)  # kept for the member, never for another
    client.force_login(outsider.user)
    text = _page(client)
    assert outsider.organisation.name in text
    assert membership.organisation.name not in text
    assert "Szkic 0" not in text and "Umowa ZP." not in text
    assert "Nic w toku." in text


def test_committee_work_counts_the_offers_left_to_score(client):
    member = MembershipFactory()
    competition = CompetitionFactory(status="committee_review")
    offers = [
        OfferFactory(
            competition=competition,
            status=OfferStatus.FORMALLY_ACCEPTED,
            checksum="0" * 64,
        )
        for _ in range(4)
    ]
    seat = CommitteeMember.objects.create(
        competition=competition, user=member.user, declared_at=timezone.now()
    )
    Conflict.objects.create(member=seat, offer=offers[0])
    criterion = Criterion.objects.filter(competition=competition).first()
    Score.objects.create(member=seat, offer=offers[1], criterion=criterion, points=5)
    client.force_login(member.user)
    text = _page(client)
    # Four accepted offers, one in conflict, one scored: two left.
    assert "Oceń 2 oferty" in text
    assert reverse("grants:committee", args=[competition.pk]) in text
    for offer in offers[2:]:
        Score.objects.create(member=seat, offer=offer, criterion=criterion, points=5)
    assert "każda oferta oceniona" in _page(client)


def test_local_initiatives_i_lead_are_mine_and_others_are_not(client):
    from tests.grants.test_initiative_applications import apply, make_resolution

    resolution = make_resolution()
    leader = MembershipFactory(user__email="lider@example.org").user
    filer = MembershipFactory().user
    apply(
        filer, resolution, leader_email="LIDER@example.org", title="Skwer przy szkole"
    )
    apply(filer, resolution, title="Cudzy skwer")
    client.force_login(leader)
    text = _page(client)
    assert "Skwer przy szkole" in text and "Urząd ocenia wniosek" in text
    assert "Cudzy skwer" not in text
    client.force_login(filer)
    assert "Cudzy skwer" in _page(client)


def test_the_desk_is_private_and_needs_a_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/konto/login/" in response["Location"]
    client.force_login(MembershipFactory().user)
    response = client.get(URL)
    assert response["Cache-Control"] == "private, no-store"


def test_the_account_menu_links_the_desk(client):
    client.force_login(MembershipFactory().user)
    text = client.get("/").content.decode()
    assert f'href="{reverse("account-cases")}">Moje sprawy</a>' in text


def test_the_desk_is_kept_under_the_memberships_and_every_sections_records():
    areas = set(desk_areas())
    for model in (Membership, Contract, Report, Booking, Patronage, CommitteeMember):
        assert record_area(model) in areas
    assert record_area(OrganisationFactory._meta.model) in areas


def test_a_chosen_offer_leads_through_its_update_to_the_contract(
    client, clerk, awarded
):
    update_url = reverse("grants:offer-update", args=[awarded.chosen.pk])
    client.force_login(awarded.member_a)
    text = _page(client)
    # 7 200 granted of the 9 000 asked: the offer is updated before the contract.
    assert "Przygotuj aktualizację oferty" in text and update_url in text
    update = grant_services.offer_update_start(
        offer=awarded.chosen, actor=awarded.member_a
    )
    assert "Uzupełnij i złóż aktualizację" in _page(client)
    _fit(update, awarded.member_a)
    grant_services.offer_update_submit(offerupdate=update, actor=awarded.member_a)
    assert "Urząd sprawdza aktualizację" in _page(client)
    grant_services.offer_update_accept(offerupdate=update, actor=clerk)
    assert "Urząd przygotowuje umowę" in _page(client)
    # The offer not chosen is not on the desk of its organisation.
    client.force_login(awarded.member_b)
    assert awarded.second.title not in _page(client).split("<main", 1)[1]
