"""Joint offers, attachments, the representatives' confirmations and signed copies."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation

from cooperation.core.exceptions import DomainError, PermissionDeniedError
from grants import documents, services
from grants.models import (
    CoOfferor,
    Offer,
    OfferAttachment,
    OfferConfirmation,
    RequiredAttachment,
)
from grants.selectors import offers_with_rows
from grants.services import signing
from grants.services.offers import OfferInvalid
from tests.conftest import pdf_text
from tests.grants.factories import CompetitionFactory, complete_offer
from tests.grants.signing_helpers import (
    board,
    partner,
    plain_pdf,
    signed_pdf,
    tampered,
    upload,
)
from tests.grants.worlds import freeze
from tests.ngos.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def checksum(offer):
    return signing.current_checksum(offer)


def test_submission_names_the_representatives_who_still_have_to_confirm():
    offer = complete_offer()
    anna, jan = board(
        offer.organisation,
        [("Anna Nowak", "Prezes Zarządu"), ("Jan Kowalski", "Skarbnik")],
        required=2,
    )
    with translation.override("pl"), pytest.raises(OfferInvalid) as refused:
        services.offer_submit(offer=offer, actor=anna)
    message = refused.value.message
    assert "Jan Kowalski (Skarbnik)" in message and "Anna Nowak" not in message
    assert "1" in message and "2" in message
    # The submitter's own confirmation was kept; the second one completes the offer.
    assert OfferConfirmation.objects.filter(offer=offer, user=anna).count() == 1
    signing.offer_confirm(offer=offer, actor=jan, checksum=checksum(offer))
    services.offer_submit(offer=offer, actor=anna)
    offer.refresh_from_db()
    assert offer.status == "submitted"
    assert set(
        offer.confirmations.filter(checksum=offer.checksum).values_list(
            "name", flat=True
        )
    ) == {"Anna Nowak", "Jan Kowalski"}


def test_a_confirmation_is_void_once_the_offer_changes():
    offer = complete_offer()
    anna, jan = board(
        offer.organisation,
        [("Anna Nowak", "Prezes"), ("Jan Kowalski", "Członek")],
        required=2,
    )
    signing.offer_confirm(offer=offer, actor=jan, checksum=checksum(offer))
    offer.refresh_from_db()
    services.offer_save(
        offer=offer, actor=anna, version=offer.version, fields={"title": "Nowy tytuł"}
    )
    with pytest.raises(OfferInvalid) as refused:
        services.offer_submit(offer=offer, actor=anna)
    assert "Jan Kowalski" in refused.value.message
    # Confirming a version one has not seen is refused.
    with pytest.raises(DomainError) as stale:
        signing.offer_confirm(offer=offer, actor=jan, checksum="0" * 64)
    assert stale.value.code == "changed"


def test_only_linked_representatives_confirm_and_an_unrecorded_representation_is_named():
    offer = complete_offer()
    editor = MembershipFactory(organisation=offer.organisation, editor=True).user
    with pytest.raises(PermissionDeniedError):
        signing.offer_confirm(offer=offer, actor=editor, checksum=checksum(offer))
    rep = MembershipFactory(organisation=offer.organisation, signs=False).user
    with translation.override("pl"), pytest.raises(OfferInvalid) as refused:
        services.offer_submit(offer=offer, actor=rep)
    assert offer.organisation.name in refused.value.message
    assert "reprezentac" in refused.value.message


def joint_offer(lead_board=None):
    competition = CompetitionFactory(announced=True)
    offer = complete_offer(
        competition=competition, is_joint=True, joint_roles="Podział ról"
    )
    lead = board(
        offer.organisation, lead_board or [("Anna Nowak", "Prezes")], required=1
    )
    other = partner()
    other_people = board(
        other,
        [("Ewa Zielińska", "Prezes"), ("Piotr Wiśniewski", "Wiceprezes")],
        required=2,
    )
    offer.refresh_from_db()
    services.offer_save(
        offer=offer,
        actor=lead[0],
        version=offer.version,
        co_offerors=[
            {
                "name": "",
                "legal_form": "",
                "register": f"KRS {other.krs}",
                "address": "",
                "st_no_tax_arrears": True,
                "st_no_zus_arrears": True,
                "part": "Warsztaty",
                "cost_share": Decimal("1000.00"),
            }
        ],
    )
    offer = offers_with_rows().get(pk=offer.pk)
    action = offer.actions.get()
    services.offer_save(
        offer=offer,
        actor=lead[0],
        version=offer.version,
        actions=[
            {
                "id": action.pk,
                "name": action.name,
                "start": action.start,
                "end": action.end,
                "performer": other.name,
            }
        ],
    )
    return offers_with_rows().get(pk=offer.pk), lead, other, other_people


def test_a_joint_offer_takes_the_co_offerors_data_and_needs_its_representatives():
    offer, lead, other, (ewa, piotr) = joint_offer()
    partner_row = offer.co_offerors.get()
    # Found in the portal by its KRS number, with section II filled from its profile.
    assert partner_row.organisation == other
    assert partner_row.name == other.name and partner_row.legal_form
    with translation.override("pl"), pytest.raises(OfferInvalid) as refused:
        services.offer_submit(offer=offer, actor=lead[0])
    assert other.name in refused.value.message
    assert "Ewa Zielińska" in refused.value.message
    assert "Piotr Wiśniewski" in refused.value.message
    # The co-offeror's representatives find the offer in their list and may read it.
    from grants.permissions import can_view_offer
    from grants.selectors import offer_list_for_user

    assert offer.pk in {o.pk for o in offer_list_for_user(ewa)}
    assert can_view_offer(ewa, offer)
    signing.offer_confirm(offer=offer, actor=ewa, checksum=checksum(offer))
    with pytest.raises(OfferInvalid):
        services.offer_submit(offer=offer, actor=lead[0])
    signing.offer_confirm(offer=offer, actor=piotr, checksum=checksum(offer))
    services.offer_submit(offer=offer, actor=lead[0])
    offer = offers_with_rows().get(pk=offer.pk)
    assert offer.status == "submitted"
    with translation.override("pl"):
        text = " ".join(pdf_text(documents.offer(offer).file.path).split())
    # III.4 has the column of the offeror carrying out each activity (its heading
    # wraps in the table cell), and names the co-offeror in the activity's row.
    schedule = text[text.index("III. Opis zadania") : text.index("5. Opis zakładanych")]
    assert "Oferent realizujący" in schedule or (
        "realizujący" in schedule and "działanie" in schedule
    )
    assert other.name in schedule
    # Section II for each offeror, and the signature lines with names and functions.
    assert "Oferent 2" in text and other.name in text
    signatures = text[text.index("Podpis osoby upoważnionej") :]
    for name in ("Anna Nowak", "Ewa Zielińska", "Piotr Wiśniewski", "Wiceprezes"):
        assert name in signatures


def test_a_joint_offer_names_the_offeror_of_each_activity():
    offer, lead, _other, _people = joint_offer()
    action = offer.actions.get()
    services.offer_save(
        offer=offer,
        actor=lead[0],
        version=offer.version,
        actions=[
            {
                "id": action.pk,
                "name": action.name,
                "start": action.start,
                "end": action.end,
                "performer": "",
            }
        ],
    )
    offer = offers_with_rows().get(pk=offer.pk)
    problems = [
        m for f, m in services.offer_validate_for_submission(offer) if f == "actions"
    ]
    assert any(action.name in m for m in problems)


def test_a_co_offeror_outside_the_portal_is_refused_by_name():
    offer = complete_offer(is_joint=True, joint_roles="Role")
    CoOfferor.objects.create(
        offer=offer,
        name="Klub Spoza Portalu",
        legal_form="stowarzyszenie",
        register="KRS 0000999999",
        address="Radlin",
    )
    offer = offers_with_rows().get(pk=offer.pk)
    messages = [m for _f, m in services.offer_validate_for_submission(offer)]
    assert any("Klub Spoza Portalu" in m for m in messages)


def test_required_attachment_is_checked_by_content_and_shown_only_to_those_who_see_the_offer(
    client,
):
    offer = complete_offer()
    rep = MembershipFactory(organisation=offer.organisation).user
    required = RequiredAttachment.objects.create(
        competition=offer.competition, name="Statut organizacji"
    )
    offer = offers_with_rows().get(pk=offer.pk)
    with translation.override("pl"):
        assert any(
            "Statut organizacji" in m
            for _f, m in services.offer_validate_for_submission(offer)
        )
    with pytest.raises(DomainError) as refused:
        signing.offer_add_attachment(
            offer=offer,
            actor=rep,
            requirement=required,
            file=upload("statut.pdf", b"<html><script>x</script></html>"),
        )
    assert refused.value.field == "file"
    before = checksum(offer)
    attachment = signing.offer_add_attachment(
        offer=offer,
        actor=rep,
        requirement=required,
        file=upload("statut.pdf", plain_pdf()),
    )
    assert checksum(offer) != before
    services.offer_submit(offer=Offer.objects.get(pk=offer.pk), actor=rep)
    url = attachment.file.url
    client.force_login(rep)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(MembershipFactory(organisation=OrganisationFactory()).user)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code in (302, 404)


def test_the_attachments_page_uploads_with_a_clear_message(client):
    offer = complete_offer()
    rep = MembershipFactory(organisation=offer.organisation).user
    required = RequiredAttachment.objects.create(
        competition=offer.competition, name="Sprawozdanie finansowe"
    )
    client.force_login(rep)
    page = reverse("grants:offer-attachments", args=[offer.pk])
    with translation.override("pl"):
        bad = client.post(
            page,
            {
                "upload": "1",
                "requirement": required.pk,
                "file": upload("a.pdf", b"MZ\x90\x00"),
            },
            HTTP_ACCEPT_LANGUAGE="pl",
        )
    assert bad.status_code == 400
    assert "program" in bad.content.decode()
    good = client.post(
        page,
        {
            "upload": "1",
            "requirement": required.pk,
            "file": upload("a.pdf", plain_pdf()),
        },
    )
    assert good.status_code == 302
    assert (
        OfferAttachment.objects.filter(offer=offer, requirement=required).count() == 1
    )


def test_a_signed_copy_is_checked_for_integrity_and_its_signers_named(client):
    offer = complete_offer()
    rep = MembershipFactory(organisation=offer.organisation).user
    services.offer_submit(offer=offer, actor=rep)
    offer.refresh_from_db()
    data = signed_pdf("Anna Nowak")
    copy = signing.offer_upload_signed_copy(
        offer=offer, actor=rep, file=upload("oferta-podpisana.pdf", data)
    )
    assert copy.signatures_intact is True and copy.signers == ["Anna Nowak"]
    broken = signing.offer_upload_signed_copy(
        offer=offer, actor=rep, file=upload("oferta-podpisana.pdf", tampered(data))
    )
    assert broken.signatures_intact is False
    assert "Anna Nowak" in broken.signature_report
    unsigned = signing.check_pdf_signatures(__import__("io").BytesIO(plain_pdf()))
    assert unsigned.intact is False and unsigned.signers == []
    # The clerk sees the signers and the result on the formal check page.
    Offer.objects.filter(pk=offer.pk).update()
    offer.competition.status = "formal_review"
    offer.competition.save(update_fields=["status"])
    from tests.cooperation.factories import UserFactory

    clerk = UserFactory(clerk=True)
    client.force_login(clerk)
    page = client.get(reverse("grants:offer-formal-check", args=[offer.pk]))
    assert "Anna Nowak" in page.content.decode()


def test_a_correction_may_name_the_attachments_and_signatures_but_never_the_budget(
    clerk,
):
    competition = CompetitionFactory(status="formal_review")
    required = RequiredAttachment.objects.create(competition=competition, name="Statut")
    offer = freeze(
        complete_offer(competition=competition), status="submitted", sequence=1
    )
    rep = MembershipFactory(organisation=offer.organisation).user
    with pytest.raises(DomainError) as refused:
        services.offer_request_correction(
            offer=offer, actor=clerk, fields=["requested_grant"], note="kwota"
        )
    assert refused.value.code == "substantive"
    services.offer_request_correction(
        offer=offer,
        actor=clerk,
        fields=["attachments", "signatures"],
        note="Brak statutu",
    )
    offer.refresh_from_db()
    with pytest.raises(DomainError):
        services.offer_save(
            offer=offer,
            actor=rep,
            version=offer.version,
            cost_rows=[],
        )
    signing.offer_add_attachment(
        offer=offer,
        actor=rep,
        requirement=required,
        file=upload("statut.pdf", plain_pdf()),
    )
    signing.offer_upload_signed_copy(
        offer=offer, actor=rep, file=upload("p.pdf", signed_pdf("Jan Kowalski"))
    )
    services.offer_submit(offer=Offer.objects.get(pk=offer.pk), actor=rep)
    assert Offer.objects.get(pk=offer.pk).status == "submitted"


def test_formal_check_needs_a_tick_or_a_reason_for_every_requirement(clerk):
    competition = CompetitionFactory(status="formal_review")
    offer = freeze(
        complete_offer(competition=competition), status="submitted", sequence=1
    )
    names = competition.formal_checklist()
    with pytest.raises(DomainError):
        services.offer_formal_accept(
            offer=offer, actor=clerk, checklist=[(n, False, "") for n in names]
        )
    with pytest.raises(DomainError):
        services.offer_formal_reject(
            offer=offer,
            actor=clerk,
            reason="x",
            checklist=[(n, True, "") for n in names],
        )
    checklist = [(n, True, "") for n in names]
    checklist[4] = (names[4], False, "Podpisał jeden członek zarządu zamiast dwóch")
    with pytest.raises(DomainError):
        services.offer_formal_accept(offer=offer, actor=clerk, checklist=checklist)
    services.offer_formal_reject(
        offer=offer, actor=clerk, reason="Brak podpisów", checklist=checklist
    )
    items = list(offer.formal_items.order_by("position"))
    assert [i.requirement for i in items] == names
    assert items[4].met is False and "dwóch" in items[4].reason


def test_a_late_submission_records_no_confirmation():
    offer = complete_offer()
    rep = MembershipFactory(organisation=offer.organisation).user
    with time_machine.travel(offer.competition.offers_deadline + timedelta(minutes=1)):
        with pytest.raises(DomainError):
            services.offer_submit(offer=offer, actor=rep, arrived_at=timezone.now())
    assert not OfferConfirmation.objects.filter(offer=offer).exists()
