"""After the award: the update of a chosen offer, declining the grant, freed funds."""

from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from cooperation.core.exceptions import DomainError, PermissionDeniedError
from cooperation.core.models import Notification
from cooperation.core.workflow import history
from grants import documents, services
from grants.award import update_problems
from grants.models import Offer, OfferUpdate, Score
from tests.cooperation.factories import UserFactory
from tests.grants.factories import CompetitionFactory, complete_offer
from tests.grants.worlds import freeze
from tests.ngos.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def awarded(roles):
    """A published competition: org A's offer chosen with 7 200 of the 9 000 asked, org
    B's offer not chosen (scored lower), a third offer not chosen (scored lowest)."""
    competition = CompetitionFactory(
        status="results_published",
        announced_at=timezone.now() - timedelta(days=90),
        offers_deadline=timezone.now() - timedelta(days=60),
        results_published_at=timezone.now(),
        public_funds=Decimal("16000.00"),
    )
    chosen = freeze(
        complete_offer(competition=competition, organisation=roles.org_a),
        status="selected",
        sequence=1,
        granted_amount=Decimal("7200.00"),
    )
    second = freeze(
        complete_offer(competition=competition, organisation=roles.org_b),
        status="not_selected",
        sequence=2,
        decision_reason="Mniej punktów",
    )
    third = freeze(
        complete_offer(competition=competition),
        status="not_selected",
        sequence=3,
        decision_reason="Najmniej punktów",
    )
    from grants.models import CommitteeMember

    member = CommitteeMember.objects.create(
        competition=competition, user=UserFactory(committee=True)
    )
    criterion = competition.criteria.first()
    for offer, points in ((chosen, 9), (second, 7), (third, 5)):
        Score.objects.create(
            member=member, offer=offer, criterion=criterion, points=points
        )
    roles.competition, roles.chosen, roles.second, roles.third = (
        competition,
        chosen,
        second,
        third,
    )
    return roles


def _fit(update: OfferUpdate, actor, *, own="800.00", trainer_units="32") -> None:
    """Costs of 8 000: 4 800 trainer, 2 400 equipment, 800 administration; the grant
    of 7 200 and the own contribution of ``own``."""
    action = update.actions[0]
    services.offer_update_save(
        offerupdate=update,
        actor=actor,
        version=update.version,
        fields={"own_financial": Decimal(own), "own_non_financial": Decimal("0")},
        cost_rows=[
            {
                "category": "activity",
                "action_id": action["id"],
                "name": "Trener",
                "unit": "godz.",
                "unit_cost": Decimal("150.00"),
                "units": Decimal(trainer_units),
            },
            {
                "category": "activity",
                "action_id": action["id"],
                "name": "Sprzęt",
                "unit": "kpl.",
                "unit_cost": Decimal("2400.00"),
                "units": Decimal("1"),
            },
            {
                "category": "administrative",
                "action_id": None,
                "name": "Księgowość",
                "unit": "mies.",
                "unit_cost": Decimal("400.00"),
                "units": Decimal("2"),
            },
        ],
    )
    update.refresh_from_db()


def test_update_starts_from_the_offer_content_and_is_audited(awarded):
    update = services.offer_update_start(offer=awarded.chosen, actor=awarded.editor_a)
    assert update.granted_amount == Decimal("7200.00")
    assert [a["name"] for a in update.actions] == ["Zajęcia sportowe"]
    assert [r["name"] for r in update.results] == ["Uczestnicy"]
    assert len(update.cost_rows) == 3
    assert update.own_financial == Decimal("500.00")
    as_offer = update.as_offer()
    assert as_offer.total_costs == Decimal("10000.00")
    assert as_offer.requested_grant == Decimal("7200.00")
    assert [c.to_status for c in history(update)] == ["draft"]
    # The offer itself stays as submitted.
    offer = Offer.objects.get(pk=awarded.chosen.pk)
    assert (offer.status, offer.requested_grant) == ("selected", Decimal("9000.00"))
    again = services.offer_update_start(offer=awarded.chosen, actor=awarded.member_a)
    assert again.pk == update.pk


def test_no_update_when_the_full_amount_was_granted(awarded):
    Offer.objects.filter(pk=awarded.chosen.pk).update(granted_amount=Decimal("9000"))
    with pytest.raises(DomainError) as error:
        services.offer_update_start(
            offer=Offer.objects.get(pk=awarded.chosen.pk), actor=awarded.member_a
        )
    assert error.value.code == "no-update"


def test_outsider_cannot_start_or_save_the_update(awarded):
    with pytest.raises(PermissionDeniedError):
        services.offer_update_start(offer=awarded.chosen, actor=awarded.member_b)
    update = services.offer_update_start(offer=awarded.chosen, actor=awarded.member_a)
    with pytest.raises(PermissionDeniedError):
        services.offer_update_save(
            offerupdate=update, actor=awarded.member_b, version=update.version
        )


def test_update_keeps_the_own_contribution_share_and_equal_sums(awarded):
    update = services.offer_update_start(offer=awarded.chosen, actor=awarded.member_a)
    # The costs unchanged at 10 000 no longer add up with a grant of 7 200.
    messages = [m for _f, m in update_problems(update)]
    assert any("muszą być równe" in m for m in messages), messages
    # 8 300 of costs with 500 of own contribution: 6.02 % instead of the offer's 10 %.
    _fit(update, awarded.member_a, own="500.00", trainer_units="34")
    problems = [m for _f, m in update_problems(update)]
    assert any("udział wkładu własnego" in m for m in problems), problems
    with pytest.raises(DomainError) as error:
        services.offer_update_submit(offerupdate=update, actor=awarded.member_a)
    assert "10,00%" in error.value.message
    _fit(update, awarded.member_a)
    assert update_problems(update) == []


def test_update_keeps_the_announced_dates(awarded):
    update = services.offer_update_start(offer=awarded.chosen, actor=awarded.member_a)
    _fit(update, awarded.member_a)
    late = awarded.competition.task_end + timedelta(days=1)
    services.offer_update_save(
        offerupdate=update,
        actor=awarded.member_a,
        version=update.version,
        fields={"end_date": late},
    )
    update.refresh_from_db()
    messages = [m for _f, m in update_problems(update)]
    assert any("musi się zakończyć do" in m for m in messages), messages


def test_a_stale_save_is_refused(awarded):
    update = services.offer_update_start(offer=awarded.chosen, actor=awarded.member_a)
    loaded = update.version
    _fit(update, awarded.editor_a)
    with pytest.raises(services.StaleUpdate):
        services.offer_update_save(
            offerupdate=update,
            actor=awarded.member_a,
            version=loaded,
            fields={"own_financial": Decimal("1")},
        )


def test_submit_accept_are_audited_frozen_and_sent_through_the_outbox(awarded, clerk):
    update = services.offer_update_start(offer=awarded.chosen, actor=awarded.member_a)
    _fit(update, awarded.member_a)
    with pytest.raises(PermissionDeniedError):
        services.offer_update_submit(offerupdate=update, actor=awarded.editor_a)
    services.offer_update_submit(offerupdate=update, actor=awarded.member_a)
    update.refresh_from_db()
    assert update.status == "submitted"
    assert len(update.checksum) == 64
    assert update.content["totals"]["total"] == "8000.00"
    assert update.content["fields"]["requested_grant"] == "7200.00"
    assert (
        Notification.objects.filter(
            recipient=clerk, kind="grants.update_submitted", object_id=update.pk
        ).count()
        == 1
    )
    with pytest.raises(DomainError):
        services.offer_update_save(
            offerupdate=update, actor=awarded.member_a, version=update.version
        )
    services.offer_update_accept(offerupdate=update, actor=clerk, note="Zgodnie.")
    update.refresh_from_db()
    assert update.status == "accepted" and update.decided_at is not None
    trail = [(c.from_status, c.to_status, c.note) for c in history(update)]
    assert trail == [
        ("", "draft", trail[0][2]),
        ("draft", "submitted", ""),
        ("submitted", "accepted", "Zgodnie."),
    ]
    assert (
        Notification.objects.filter(
            recipient=awarded.member_a, kind="grants.update_accepted"
        ).count()
        == 1
    )


def test_returned_update_is_edited_and_sent_again(awarded, clerk):
    update = services.offer_update_start(offer=awarded.chosen, actor=awarded.member_a)
    _fit(update, awarded.member_a)
    services.offer_update_submit(offerupdate=update, actor=awarded.member_a)
    with pytest.raises(DomainError):
        services.offer_update_return(offerupdate=update, actor=clerk, reason=" ")
    services.offer_update_return(
        offerupdate=update, actor=clerk, reason="Proszę urealnić stawkę trenera."
    )
    update.refresh_from_db()
    assert (update.status, update.return_reason) == (
        "returned",
        "Proszę urealnić stawkę trenera.",
    )
    returned = Notification.objects.get(
        recipient=awarded.member_a, kind="grants.update_returned"
    )
    assert returned.context["reason"] == "Proszę urealnić stawkę trenera."
    _fit(update, awarded.member_a)
    services.offer_update_submit(offerupdate=update, actor=awarded.member_a)
    update.refresh_from_db()
    assert update.status == "submitted" and update.return_reason == ""
    # Each round tells the clerks once.
    assert (
        Notification.objects.filter(
            recipient=clerk, kind="grants.update_submitted"
        ).count()
        == 2
    )
    assert [c.to_status for c in history(update)] == [
        "draft",
        "submitted",
        "returned",
        "submitted",
    ]


def test_declining_withdraws_the_offer_and_frees_the_money(awarded, clerk):
    assert services.competition_free_funds(awarded.competition) == Decimal("8800.00")
    with pytest.raises(DomainError):
        services.offer_decline(offer=awarded.chosen, actor=awarded.member_a, reason="")
    with pytest.raises(PermissionDeniedError):
        services.offer_decline(
            offer=awarded.chosen, actor=awarded.editor_a, reason="Brak kadry"
        )
    update = services.offer_decline(
        offer=awarded.chosen, actor=awarded.member_a, reason="Brak kadry"
    )
    assert (update.status, update.decline_reason) == ("declined", "Brak kadry")
    offer = Offer.objects.get(pk=awarded.chosen.pk)
    assert offer.status == "withdrawn"
    assert [c.to_status for c in history(offer)][-1] == "withdrawn"
    assert [c.to_status for c in history(update)] == ["draft", "declined"]
    assert services.competition_free_funds(awarded.competition) == Decimal("16000.00")
    note = Notification.objects.get(recipient=clerk, kind="grants.grant_declined")
    assert note.context["reason"] == "Brak kadry"
    with pytest.raises(DomainError):
        services.offer_decline(offer=offer, actor=awarded.member_a, reason="Znowu")


def test_freed_funds_go_to_the_next_offer_on_the_ranking(awarded, clerk):
    services.offer_decline(
        offer=awarded.chosen, actor=awarded.member_a, reason="Brak kadry"
    )
    assert services.next_on_ranking(awarded.competition).pk == awarded.second.pk
    with pytest.raises(DomainError) as error:
        services.offer_award_freed_funds(
            offer=awarded.third, actor=clerk, amount="5000,00"
        )
    assert error.value.field == "reason"
    with pytest.raises(DomainError) as error:
        services.offer_award_freed_funds(
            offer=awarded.second, actor=clerk, amount="1e4"
        )
    assert error.value.field == "amount"
    with pytest.raises(DomainError):
        services.offer_award_freed_funds(
            offer=awarded.second, actor=clerk, amount="9 000,01"
        )
    offer = services.offer_award_freed_funds(
        offer=awarded.second, actor=clerk, amount="9 000,00"
    )
    assert (offer.status, offer.granted_amount) == ("selected", Decimal("9000.00"))
    assert services.competition_free_funds(awarded.competition) == Decimal("7000.00")
    with pytest.raises(DomainError):
        services.offer_award_freed_funds(
            offer=awarded.third, actor=clerk, amount="8000", reason="Kolejna"
        )
    assert [c.to_status for c in history(offer)][-1] == "selected"
    assert Notification.objects.filter(
        recipient=awarded.member_b, kind="grants.freed_funds_awarded"
    ).exists()


# Pages ------------------------------------------------------------------------------


def test_offeror_updates_on_the_offer_form_and_sends_it(client, awarded):
    client.force_login(awarded.member_a)
    page = reverse("grants:offer-update", args=[awarded.chosen.pk])
    assert "Rozpocznij aktualizację" in client.get(page).content.decode()
    response = client.post(page)
    assert response.status_code == 302
    step3 = reverse("grants:offer-update-step", args=[awarded.chosen.pk, 3])
    form = client.get(step3)
    assert form.status_code == 200
    body = form.content.decode()
    assert 'value="6000,00"' not in body  # no cost totals: unit costs only
    assert 'name="cost_rows-0-unit_cost"' in body
    update = OfferUpdate.objects.get(offer=awarded.chosen)
    action = str(update.actions[0]["id"])
    data = {
        "version": update.version,
        "own_financial": "800,00",
        "own_non_financial": "0",
        "recipient_payments": "0",
        "cost_rows-TOTAL_FORMS": "3",
        "cost_rows-INITIAL_FORMS": "0",
        "cost_rows-MIN_NUM_FORMS": "0",
        "cost_rows-MAX_NUM_FORMS": "1000",
        "cost_rows-0-activity": action,
        "cost_rows-0-name": "Trener",
        "cost_rows-0-unit": "godz.",
        "cost_rows-0-unit_cost": "150,00",
        "cost_rows-0-units": "32",
        "cost_rows-1-activity": action,
        "cost_rows-1-name": "Sprzęt",
        "cost_rows-1-unit": "kpl.",
        "cost_rows-1-unit_cost": "2 400,00",
        "cost_rows-1-units": "1",
        "cost_rows-2-activity": "administrative",
        "cost_rows-2-name": "Księgowość",
        "cost_rows-2-unit": "mies.",
        "cost_rows-2-unit_cost": "400,00",
        "cost_rows-2-units": "2",
        "next": "1",
    }
    bad = client.post(step3, {**data, "own_financial": "1e3"})
    assert bad.status_code == 200
    assert "Trener" in bad.content.decode()  # nothing typed is lost
    assert client.post(step3, data).status_code == 302
    summary = client.get(page).content.decode()
    assert "Aktualizacja jest kompletna." in summary
    sent = client.post(reverse("grants:offer-update-submit", args=[awarded.chosen.pk]))
    assert sent.status_code == 302
    update.refresh_from_db()
    assert update.status == "submitted"
    pdf = client.get(reverse("grants:offer-update-pdf", args=[awarded.chosen.pk]))
    assert pdf.status_code == 200
    raw = (
        b"".join(pdf.streaming_content)
        if hasattr(pdf, "streaming_content")
        else pdf.content
    )
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(raw)).pages)
    assert "AKTUALIZACJA OFERTY" in text
    words = " ".join(text.split())
    assert "do przyznanej kwoty 7 200,00 zł (wnioskowano: 9 000,00 zł)" in words
    assert update.checksum in "".join(text.split())


def test_update_pages_are_closed_to_outsiders(client, awarded):
    services.offer_update_start(offer=awarded.chosen, actor=awarded.member_a)
    client.force_login(awarded.member_b)
    assert (
        client.get(reverse("grants:offer-update", args=[awarded.chosen.pk])).status_code
        == 403
    )
    assert (
        client.get(
            reverse("grants:offer-update-step", args=[awarded.chosen.pk, 1])
        ).status_code
        == 403
    )


def test_offeror_declines_on_the_page_with_a_reason(client, awarded):
    client.force_login(awarded.member_a)
    url = reverse("grants:offer-decline", args=[awarded.chosen.pk])
    client.post(url, {"reason": ""})
    assert Offer.objects.get(pk=awarded.chosen.pk).status == "selected"
    client.post(url, {"reason": "Zmiana planów"})
    assert Offer.objects.get(pk=awarded.chosen.pk).status == "withdrawn"
    page = client.get(reverse("grants:offer-update", args=[awarded.chosen.pk]))
    assert "Zmiana planów" in page.content.decode()


def test_clerk_accepts_and_returns_updates_in_the_admin(client, awarded, clerk):
    from allauth.mfa.models import Authenticator

    from cooperation.core.signals import sync_clerk_permissions

    sync_clerk_permissions(sender=None)
    Authenticator.objects.get_or_create(
        user=clerk, type=Authenticator.Type.TOTP, defaults={"data": {}}
    )
    update = services.offer_update_start(offer=awarded.chosen, actor=awarded.member_a)
    _fit(update, awarded.member_a)
    services.offer_update_submit(offerupdate=update, actor=awarded.member_a)
    client.force_login(clerk)
    change = reverse("admin:grants_offerupdate_change", args=[update.pk])
    page = client.get(change).content.decode()
    back = reverse("admin:grants_offerupdate_transition", args=[update.pk, "return"])
    assert back in page
    assert client.post(back, {"reason": ""}).status_code == 200
    assert client.post(back, {"reason": "Popraw harmonogram"}).status_code == 302
    assert OfferUpdate.objects.get(pk=update.pk).status == "returned"
    assert client.get(reverse("admin:grants_offerupdate_changelist")).status_code == 200
    services.offer_decline(
        offer=awarded.chosen, actor=awarded.member_a, reason="Brak kadry"
    )
    award = reverse(
        "admin:grants_offer_transition", args=[awarded.second.pk, "award_freed_funds"]
    )
    assert (
        award
        in client.get(
            reverse("admin:grants_offer_change", args=[awarded.second.pk])
        ).content.decode()
    )
    refused = client.post(award, {"amount": "1,000.50", "reason": ""})
    assert refused.status_code == 200
    assert Offer.objects.get(pk=awarded.second.pk).status == "not_selected"
    assert client.post(award, {"amount": "8 000,00", "reason": ""}).status_code == 302
    second = Offer.objects.get(pk=awarded.second.pk)
    assert (second.status, second.granted_amount) == ("selected", Decimal("8000.00"))


def test_declined_offer_receives_no_update(awarded):
    services.offer_decline(
        offer=awarded.chosen, actor=awarded.member_a, reason="Brak kadry"
    )
    update = OfferUpdate.objects.get(offer=awarded.chosen)
    with pytest.raises(DomainError):
        services.offer_update_submit(offerupdate=update, actor=awarded.member_a)


def test_update_pdf_names_the_template_version(awarded):
    update = services.offer_update_start(offer=awarded.chosen, actor=awarded.member_a)
    _fit(update, awarded.member_a)
    services.offer_update_submit(offerupdate=update, actor=awarded.member_a)
    update.refresh_from_db()
    doc = documents.offer_update(update)
    with doc.file.open("rb") as handle:
        text = " ".join(p.extract_text() for p in PdfReader(handle).pages)
    assert "Dz.U. 2018 poz. 2057" in text


def test_another_member_of_the_organisation_may_send_the_update(awarded):
    other = MembershipFactory(organisation=awarded.org_a).user
    update = services.offer_update_start(offer=awarded.chosen, actor=other)
    _fit(update, other)
    services.offer_update_submit(offerupdate=update, actor=other)
    update.refresh_from_db()
    assert update.submitted_by == other


def test_personal_data_export_lists_the_update_and_erasure_keeps_it(awarded):
    from grants import personal_data

    services.offer_decline(
        offer=awarded.chosen, actor=awarded.member_a, reason="Brak kadry"
    )
    update = OfferUpdate.objects.get(offer=awarded.chosen)
    assert update.last_edited_by == awarded.member_a
    data = personal_data.export(awarded.member_a)
    assert data["offer_updates"] == [
        {
            "offer": awarded.chosen.number,
            "status": "declined",
            "submitted_by_me": False,
            "submitted_at": None,
            "decline_reason": "Brak kadry",
        }
    ]
    awarded.member_a.delete()
    update.refresh_from_db()
    assert update.last_edited_by is None and update.status == "declined"


def test_every_award_e_mail_renders_in_polish(awarded, clerk):
    from cooperation.core.notifications import render_email

    update = services.offer_update_start(offer=awarded.chosen, actor=awarded.member_a)
    _fit(update, awarded.member_a)
    services.offer_update_submit(offerupdate=update, actor=awarded.member_a)
    services.offer_update_return(offerupdate=update, actor=clerk, reason="Popraw")
    services.offer_update_submit(offerupdate=update, actor=awarded.member_a)
    services.offer_update_accept(offerupdate=update, actor=clerk)
    services.offer_decline(
        offer=awarded.chosen, actor=awarded.member_a, reason="Brak kadry"
    )
    services.offer_award_freed_funds(offer=awarded.second, actor=clerk, amount="100")
    expected = {
        "grants.update_submitted": "Aktualizacja oferty",
        "grants.update_returned": "zwrócona do poprawy",
        "grants.update_accepted": "została przyjęta",
        "grants.grant_declined": "Odmowa przyjęcia dotacji",
        "grants.freed_funds_awarded": "Dotacja dla oferty",
    }
    for kind, subject in expected.items():
        notification = Notification.objects.filter(kind=kind).first()
        assert notification is not None, kind
        message = render_email(notification)
        assert subject in message.subject, (kind, message.subject)
        assert "http" in message.body


def _updates(count: int) -> None:
    for _n in range(count):
        competition = CompetitionFactory(
            status="results_published", results_published_at=timezone.now()
        )
        offer = freeze(
            complete_offer(competition=competition),
            status="selected",
            sequence=1,
            granted_amount=Decimal("7000.00"),
        )
        OfferUpdate.objects.create(offer=offer, granted_amount=Decimal("7000.00"))


@pytest.mark.parametrize("count", [1, 6])
def test_offer_update_admin_list_reads_a_constant_number_of_queries(
    client, clerk, django_assert_num_queries, count
):
    from allauth.mfa.models import Authenticator

    from cooperation.core.signals import sync_clerk_permissions

    sync_clerk_permissions(sender=None)
    Authenticator.objects.get_or_create(
        user=clerk, type=Authenticator.Type.TOTP, defaults={"data": {}}
    )
    client.force_login(clerk)
    _updates(count)
    url = reverse("admin:grants_offerupdate_changelist")
    client.get(url)
    # On a second visit everything comes from the cache: the session, the person,
    # their second factor and permissions, the table's count, the rows and the
    # filters (the latest competitions as choices).
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response.status_code == 200


def test_schedule_step_keeps_each_activity_and_the_costs_under_it(client, awarded):
    client.force_login(awarded.editor_a)
    services.offer_update_start(offer=awarded.chosen, actor=awarded.member_a)
    update = OfferUpdate.objects.get(offer=awarded.chosen)
    first = update.actions[0]
    step2 = reverse("grants:offer-update-step", args=[awarded.chosen.pk, 2])
    page = client.get(step2).content.decode()
    assert f'value="{first["id"]}"' in page and "Zajęcia sportowe" in page
    start = awarded.chosen.start_date.isoformat()
    response = client.post(
        step2,
        {
            "version": update.version,
            "actions-TOTAL_FORMS": "2",
            "actions-INITIAL_FORMS": "0",
            "actions-MIN_NUM_FORMS": "0",
            "actions-MAX_NUM_FORMS": "1000",
            "actions-0-id": str(first["id"]),
            "actions-0-name": "Zajęcia sportowe dla 32 dzieci",
            "actions-0-start": start,
            "actions-0-end": start,
            "actions-1-name": "Piknik na zakończenie",
            "actions-1-start": start,
            "actions-1-end": start,
            "results-TOTAL_FORMS": "1",
            "results-INITIAL_FORMS": "0",
            "results-MIN_NUM_FORMS": "0",
            "results-MAX_NUM_FORMS": "1000",
            "results-0-name": "Uczestnicy",
            "results-0-target_value": "32 dzieci",
            "results-0-monitoring": "lista obecności",
            "save": "1",
        },
    )
    assert response.status_code == 302
    update.refresh_from_db()
    assert [a["name"] for a in update.actions] == [
        "Zajęcia sportowe dla 32 dzieci",
        "Piknik na zakończenie",
    ]
    assert update.actions[0]["id"] == first["id"]
    assert update.actions[1]["id"] != first["id"]
    linked = [c["action_id"] for c in update.cost_rows if c["category"] == "activity"]
    assert linked == [first["id"], first["id"]]
    assert update.results[0]["target_value"] == "32 dzieci"
    table = update.as_offer().cost_table()
    assert [line.number for line in table if line.kind == "activity"] == [
        "I.1.",
        "I.2.",
    ]


def test_offer_page_links_to_the_update_once_chosen(client, awarded):
    client.force_login(awarded.member_a)
    page = client.get(awarded.chosen.get_absolute_url()).content.decode()
    assert reverse("grants:offer-update", args=[awarded.chosen.pk]) in page
    client.force_login(awarded.member_b)
    page = client.get(awarded.second.get_absolute_url()).content.decode()
    assert reverse("grants:offer-update", args=[awarded.second.pk]) not in page


def test_clerk_records_a_refusal_made_in_writing(awarded, clerk):
    update = services.offer_decline(
        offer=awarded.chosen, actor=clerk, reason="Pismo z 3 marca"
    )
    assert update.status == "declined"
    change = history(update).last()
    assert (change.actor, change.note) == (clerk, "Pismo z 3 marca")
    with pytest.raises(PermissionDeniedError):
        services.offer_decline(
            offer=awarded.second, actor=awarded.resident, reason="Nie"
        )
