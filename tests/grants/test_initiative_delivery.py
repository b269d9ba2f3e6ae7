"""A local initiative carried out (art. 19b-19h): the contributions delivered with their
evidence, the settlement declared vs delivered and its PDF, the public pages once it
is completed, the admin, the desk, the home page and the calendar feed."""

from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO, StringIO

import pytest
import time_machine
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cooperation.core.exceptions import (
    DomainError,
    PermissionDeniedError,
    TransitionNotAllowed,
)
from cooperation.core.workflow import history
from grants import demo
from grants.desk import initiative_items
from grants.initiative_documents import agreement_pdf, settlement_pdf
from grants.models import (
    InitiativeApplication,
    InitiativeContribution,
    InitiativeSettlement,
    InitiativeStatus,
)
from grants.services import initiative_delivery as delivery
from grants.services import initiatives as services
from tests.conftest import assert_pdf_ua, pdf_text
from tests.cooperation.factories import UserFactory
from tests.grants import test_initiative_applications as flow
from tests.ngos.factories import MembershipFactory

pytestmark = pytest.mark.django_db
S = InitiativeStatus
resolution = flow.resolution


def pdf_file(name="lista-obecnosci.pdf"):
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf"
    )


def png_file(name="zdjecie.png"):
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/png")


def under_agreement(clerk, resident, resolution, **changes):
    """An initiative whose agreement is in force from today."""
    application = flow.apply(resident, resolution, **changes)
    flow.agreed(clerk, application, number=f"IL/{application.pk}")
    agreement = application.agreement
    agreement.starts_on = timezone.localdate()
    agreement.save(update_fields=["starts_on"])
    return InitiativeApplication.objects.select_related("agreement", "resolution").get(
        pk=application.pk
    )


def log(application, actor, **changes):
    data = {
        "kind": "work",
        "delivered_on": timezone.localdate(),
        "description": "Przygotowanie terenu: 10 osób po 5 godzin.",
        "hours": 50,
        "evidence": pdf_file(),
    }
    data.update(changes)
    return delivery.initiative_contribution_add(
        application=application, actor=actor, **data
    )


def settle(application, clerk, **changes):
    data = {
        "delivered": "Trzy ławki i kosz, ziemia ogrodowa.",
        "delivered_amount": "9 650,00",
        "conclusion": "Skwer otwarty.",
    }
    data.update(changes)
    return delivery.initiative_settle(
        initiativeapplication=application, actor=clerk, **data
    )


# --- The walk --------------------------------------------------------------------


def test_the_walk_from_application_to_closed_is_audited_with_both_pdfs(
    postgres, resident, clerk, resolution
):
    application = flow.apply(resident, resolution)
    agreement = flow.agreed(clerk, application, number="IL/2026/21")
    application = InitiativeApplication.objects.get(pk=application.pk)
    agreement_text = " ".join(pdf_text(agreement_pdf(application).file.path).split())
    assert "IL/2026/21" in agreement_text
    assert "Skwer sąsiedzki" in agreement_text
    assert "9 800,00" in agreement_text
    agreement.starts_on = timezone.localdate()
    agreement.save(update_fields=["starts_on"])
    application = InitiativeApplication.objects.get(pk=application.pk)
    # 200 h at 30,50 zł, 300 zł in cash and 1 500 zł in goods delivered.
    log(application, resident, hours=120)
    log(application, resident, hours=80, evidence=png_file())
    log(
        application,
        resident,
        kind="cash",
        hours=0,
        amount="300,00",
        description="Zbiórka na sadzonki.",
    )
    log(
        application,
        clerk,
        kind="in_kind",
        hours=0,
        amount="1 500,00",
        description="Użyczenie kosiarki i sadzonki.",
    )
    services.initiative_complete(
        initiativeapplication=application, actor=clerk, note="Skwer gotowy."
    )
    settlement = settle(InitiativeApplication.objects.get(pk=application.pk), clerk)
    application.refresh_from_db()
    assert application.status == S.CLOSED
    steps = [(c.from_status, c.to_status) for c in history(application)]
    assert [s for s in steps if s[0] != "" or s[1] == S.SUBMITTED] == [
        ("", S.SUBMITTED),
        (S.SUBMITTED, S.CHECKED),
        (S.CHECKED, S.ASSESSED),
        (S.ASSESSED, S.ACCEPTED),
        (S.ACCEPTED, S.AGREEMENT),
        (S.AGREEMENT, S.IN_PROGRESS),
        (S.IN_PROGRESS, S.DONE),
        (S.DONE, S.CLOSED),
    ]
    assert [s[1] for s in steps].count("contribution-added") == 4
    assert all(c.actor is not None for c in history(application))
    assert history(settlement).get().to_status == "settled"
    assert (settlement.declared_hours, settlement.delivered_hours) == (240, 200)
    assert settlement.declared_work == Decimal("7320.00")
    assert settlement.delivered_work == Decimal("6100.00")
    assert (settlement.declared_cash, settlement.delivered_cash) == (
        Decimal("500.00"),
        Decimal("300.00"),
    )
    assert (settlement.declared_in_kind, settlement.delivered_in_kind) == (
        Decimal("1200.00"),
        Decimal("1500.00"),
    )
    assert settlement.municipality_declared == Decimal("9800.00")
    assert settlement.municipality_delivered == Decimal("9650.00")
    doc = settlement_pdf(InitiativeApplication.objects.get(pk=application.pk))
    assert doc.status == doc.Status.READY
    assert settlement_pdf(InitiativeApplication.objects.get(pk=application.pk)).pk == (
        doc.pk
    )
    assert_pdf_ua(doc.file.path)
    text = " ".join(pdf_text(doc.file.path).split())
    assert application.number in text
    assert "IL/2026/21" in text
    assert "7 320,00" in text and "6 100,00" in text
    assert "-1 220,00" in text or "−1 220,00" in text
    assert "1 500,00" in text and "300,00" in text
    assert "9 020,00" in text and "7 900,00" in text
    assert "Trzy ławki i kosz, ziemia ogrodowa." in text
    assert "9 650,00" in text
    assert "Zbiórka na sadzonki." in text
    first = application.contributions.first()
    assert first.evidence_sha256[:16] in text.replace(" ", "")


def test_a_closed_initiative_takes_no_more_contributions(resident, clerk, resolution):
    application = under_agreement(clerk, resident, resolution)
    log(application, resident)
    services.initiative_complete(initiativeapplication=application, actor=clerk)
    settle(application, clerk)
    application.refresh_from_db()
    with pytest.raises(DomainError):
        log(application, resident)
    with pytest.raises(DomainError):
        delivery.initiative_contribution_remove(
            contribution=application.contributions.get(), actor=resident
        )
    with pytest.raises(TransitionNotAllowed):
        settle(application, clerk)
    assert InitiativeSettlement.objects.count() == 1


def test_settling_needs_a_carried_out_initiative_and_what_the_municipality_delivered(
    resident, clerk, resolution
):
    application = under_agreement(clerk, resident, resolution)
    with pytest.raises(TransitionNotAllowed):
        settle(application, clerk)
    services.initiative_complete(initiativeapplication=application, actor=clerk)
    with pytest.raises(DomainError) as error:
        settle(application, clerk, delivered=" ")
    assert error.value.field == "delivered"
    with pytest.raises(DomainError) as error:
        settle(application, clerk, delivered_amount="9.650,00")
    assert error.value.field == "delivered_amount"
    with pytest.raises(PermissionDeniedError):
        settle(application, resident)
    application.refresh_from_db()
    assert application.status == S.DONE
    assert not InitiativeSettlement.objects.exists()


# --- Logging contributions ---------------------------------------------------------


def test_the_first_contribution_puts_the_initiative_in_progress(
    resident, clerk, resolution
):
    application = under_agreement(clerk, resident, resolution)
    contribution = log(application, resident, hours=12)
    application.refresh_from_db()
    assert application.status == S.IN_PROGRESS
    assert contribution.amount == Decimal("366.00")  # 12 h × 30,50 zł
    assert contribution.hour_rate == Decimal("30.50")
    assert contribution.recorded_by == resident
    assert len(contribution.evidence_sha256) == 64
    assert contribution.evidence_size > 0
    change = history(application).get(to_status=S.IN_PROGRESS)
    assert change.actor == resident
    log(application, resident)
    assert history(application).filter(to_status=S.IN_PROGRESS).count() == 1


def test_contributions_are_logged_by_the_applicant_the_representative_or_a_clerk(
    clerk, resolution
):
    membership = MembershipFactory()
    application = under_agreement(
        clerk,
        membership.user,
        resolution,
        applicant_kind="organisation",
        organisation=membership.organisation,
    )
    with pytest.raises(PermissionDeniedError):
        log(application, UserFactory())
    colleague = MembershipFactory(organisation=membership.organisation).user
    log(application, colleague)
    log(application, clerk)
    assert application.contributions.count() == 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"hours": 0}, "hours"),
        ({"hours": "12,5"}, "hours"),
        ({"hours": 10_001}, "hours"),
        ({"kind": "cash", "hours": 0, "amount": "1.000,5"}, "amount"),
        ({"kind": "cash", "hours": 0, "amount": "0"}, "amount"),
        ({"kind": "in_kind", "hours": 0, "amount": "12,005"}, "amount"),
        ({"kind": "labour"}, "kind"),
        ({"description": "  "}, "description"),
        ({"description": "x" * 20_001}, "description"),
        ({"delivered_on": None}, "delivered_on"),
        ({"evidence": None}, "evidence"),
    ],
)
def test_logging_refuses_what_is_missing_or_out_of_range(
    resident, clerk, resolution, changes, field
):
    application = under_agreement(clerk, resident, resolution)
    with pytest.raises(DomainError) as error:
        log(application, resident, **changes)
    assert error.value.field == field
    assert not InitiativeContribution.objects.exists()
    application.refresh_from_db()
    assert application.status == S.AGREEMENT


def test_a_contribution_is_dated_within_the_agreement_and_not_ahead(
    resident, clerk, resolution
):
    application = under_agreement(clerk, resident, resolution)
    today = timezone.localdate()
    for day in (today + timedelta(days=1), today - timedelta(days=1)):
        with pytest.raises(DomainError) as error:
            log(application, resident, delivered_on=day)
        assert error.value.field == "delivered_on"


@pytest.mark.parametrize(
    "evidence",
    [
        SimpleUploadedFile("lista.pdf", b"<html><script>alert(1)</script></html>"),
        SimpleUploadedFile("lista.png", b"%PDF-1.4\n%%EOF\n"),
        SimpleUploadedFile("program.pdf", b"MZ\x90\x00" + b"\x00" * 64),
    ],
    ids=["web-page", "wrong-name", "program"],
)
def test_the_evidence_is_checked_by_its_content(resident, clerk, resolution, evidence):
    application = under_agreement(clerk, resident, resolution)
    with pytest.raises(DomainError) as error:
        log(application, resident, evidence=evidence)
    assert error.value.field == "evidence"
    assert not InitiativeContribution.objects.exists()


def test_evidence_over_the_upload_limit_is_refused(
    resident, clerk, resolution, settings
):
    settings.UPLOAD_MAX_MB = 1
    application = under_agreement(clerk, resident, resolution)
    big = SimpleUploadedFile("lista.pdf", b"%PDF-1.4\n" + b"0" * (2**20 + 1))
    with pytest.raises(DomainError) as error:
        log(application, resident, evidence=big)
    assert error.value.field == "evidence"


def test_a_contribution_taken_off_the_log_is_audited(resident, clerk, resolution):
    application = under_agreement(clerk, resident, resolution)
    contribution = log(application, resident)
    sha = contribution.evidence_sha256
    with pytest.raises(PermissionDeniedError):
        delivery.initiative_contribution_remove(
            contribution=contribution, actor=UserFactory()
        )
    delivery.initiative_contribution_remove(contribution=contribution, actor=resident)
    assert not InitiativeContribution.objects.exists()
    removed = history(application).get(to_status="contribution-removed")
    assert sha in removed.note
    assert removed.actor == resident


# --- Pages -----------------------------------------------------------------------


def test_the_public_pages_show_what_residents_contributed_once_completed(
    client, resident, clerk, resolution
):
    application = under_agreement(clerk, resident, resolution)
    log(application, resident, hours=100)  # 3 050,00 zł
    log(application, resident, kind="cash", hours=0, amount="250,00")
    detail = application.get_absolute_url()
    listing = reverse("grants:initiative-list")
    assert "3 300,00" not in client.get(listing).content.decode().replace("\xa0", " ")
    assert "3 300,00" not in client.get(detail).content.decode().replace("\xa0", " ")
    services.initiative_complete(initiativeapplication=application, actor=clerk)
    # The public pages are cached until the commit, which a test does not reach.
    cache.clear()
    page = client.get(listing).content.decode().replace("\xa0", " ")
    assert "3 300,00 (100 " in page
    page = client.get(detail).content.decode().replace("\xa0", " ")
    assert "3 050,00" in page and "250,00" in page and "3 300,00" in page
    settle(application, clerk)
    cache.clear()
    page = client.get(detail).content.decode().replace("\xa0", " ")
    assert "Trzy ławki i kosz, ziemia ogrodowa." in page
    assert "9 650,00" in page
    assert "3 300,00" in page
    # The evidence and the log stay with the applicants and the clerks.
    assert reverse("grants:initiative-contributions", args=[application.pk]) not in page


@pytest.mark.parametrize("count", [1, 6])
def test_the_log_of_contributions_takes_a_constant_number_of_queries(
    client, resident, clerk, resolution, django_assert_num_queries, count
):
    application = under_agreement(clerk, resident, resolution)
    for n in range(count):
        log(application, resident, description=f"Praca nr {n}")
    client.force_login(resident)
    url = reverse("grants:initiative-contributions", args=[application.pk])
    # 1. the user (the session is cached), 2. the initiative with its resolution,
    # organisation, agreement and settlement, 3. the person's groups (a clerk?),
    # 4. the log with who recorded each, 5. the totals delivered, 6. the person's
    # unread notifications
    with django_assert_num_queries(6):
        response = client.get(url)
    page = response.content.decode()
    assert all(f"Praca nr {n}" in page for n in range(count))


def test_the_log_is_for_the_applicants_and_the_clerks(
    client, resident, clerk, resolution
):
    application = under_agreement(clerk, resident, resolution)
    contribution = log(application, resident)
    url = reverse("grants:initiative-contributions", args=[application.pk])
    assert client.get(url).status_code == 302
    outsider = UserFactory()
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert client.get(contribution.evidence.url).status_code == 404
    client.force_login(resident)
    assert client.get(url).status_code == 200
    response = client.get(contribution.evidence.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    client.force_login(clerk)
    assert client.get(contribution.evidence.url).status_code == 200


def test_the_form_logs_a_contribution_and_keeps_what_was_typed(
    client, resident, clerk, resolution
):
    application = under_agreement(clerk, resident, resolution)
    client.force_login(resident)
    url = reverse("grants:initiative-contributions", args=[application.pk])
    data = {
        "kind": "in_kind",
        "delivered_on": timezone.localdate().isoformat(),
        "description": "Sadzonki z ogrodów sąsiadów.",
        "hours": "",
        "amount": "1.200,00",
        "evidence": png_file(),
    }
    response = client.post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Sadzonki z ogrodów sąsiadów." in page
    assert "1.200,00" in page
    assert response.context["form"].errors["amount"]
    data["amount"] = "1 200,00"
    data["evidence"] = png_file()
    response = client.post(url, data)
    assert response.status_code == 302
    contribution = InitiativeContribution.objects.get()
    assert contribution.amount == Decimal("1200.00")
    assert contribution.evidence.name.endswith(".png")
    response = client.post(
        reverse(
            "grants:initiative-contribution-remove",
            args=[application.pk, contribution.pk],
        )
    )
    assert response.status_code == 302
    assert not InitiativeContribution.objects.exists()


def test_the_settlement_pdf_is_for_the_applicant_and_the_clerks(
    client, resident, clerk, resolution
):
    application = under_agreement(clerk, resident, resolution)
    services.initiative_complete(initiativeapplication=application, actor=clerk)
    url = reverse("grants:initiative-settlement-pdf", args=[application.pk])
    client.force_login(resident)
    assert client.get(url).status_code == 404
    settle(application, clerk)
    assert client.get(url)["Content-Type"] == "application/pdf"
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


# --- Admin, desk, personal data, demo -----------------------------------------------


def test_the_clerk_logs_a_contribution_and_settles_in_the_admin(
    client, resident, clerk, resolution
):
    application = under_agreement(clerk, resident, resolution)
    client.force_login(clerk)
    change = reverse("admin:grants_initiativeapplication_change", args=[application.pk])
    url = reverse(
        "admin:grants_initiativeapplication_contribution", args=[application.pk]
    )
    assert url in client.get(change).content.decode()
    data = {
        "kind": "work",
        "delivered_on": timezone.localdate().isoformat(),
        "description": "Sprzątanie terenu.",
        "hours": "",
        "amount": "",
        "evidence": pdf_file(),
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["hours"]
    data.update({"hours": "8", "evidence": pdf_file()})
    assert client.post(url, data).status_code == 302
    contribution = InitiativeContribution.objects.get()
    assert contribution.recorded_by == clerk
    assert contribution.amount == Decimal("244.00")
    page = client.get(change).content.decode()
    assert "Sprzątanie terenu." in page
    assert f"/{application.pk}/step/complete/" in page
    step = "admin:grants_initiativeapplication_transition"
    client.post(reverse(step, args=[application.pk, "complete"]), {"note": ""})
    application.refresh_from_db()
    assert application.status == S.DONE
    response = client.post(
        reverse(step, args=[application.pk, "settle"]),
        {"delivered": "Ławki.", "delivered_amount": "9.000", "conclusion": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["delivered_amount"]
    response = client.post(
        reverse(step, args=[application.pk, "settle"]),
        {"delivered": "Ławki.", "delivered_amount": "9 000,00", "conclusion": ""},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.CLOSED
    assert application.settlement.delivered_work == Decimal("244.00")
    page = client.get(change).content.decode()
    assert reverse("grants:initiative-settlement-pdf", args=[application.pk]) in page


def test_the_desk_asks_for_the_settlement_of_carried_out_initiatives(
    resident, clerk, resolution
):
    application = under_agreement(clerk, resident, resolution)
    log(application, resident)
    items = initiative_items(timezone.now())
    assert items[-1].count == 0
    services.initiative_complete(initiativeapplication=application, actor=clerk)
    items = initiative_items(timezone.now())
    assert items[-1].count == 1
    assert f"status__exact={S.DONE}" in items[-1].url
    settle(application, clerk)
    assert initiative_items(timezone.now())[-1].count == 0


def test_the_persons_data_holds_the_contributions_they_logged(
    resident, clerk, resolution
):
    from grants import personal_data

    application = under_agreement(clerk, resident, resolution)
    mine = log(application, resident, description="Moja praca.")
    log(application, clerk, description="Wpis urzędnika.")
    rows = personal_data.export(resident)["initiative_contributions"]
    assert [r["description"] for r in rows] == ["Moja praca."]
    assert rows[0]["evidence_sha256"] == mine.evidence_sha256
    personal_data.erase(resident)
    mine.refresh_from_db()
    assert mine.recorded_by is None
    assert personal_data.export(resident)["initiative_contributions"] == []


def test_the_demo_has_an_initiative_in_progress_with_contributions(db):
    from cooperation.core.demo import seed_people

    seed_people(StringIO())
    demo.seed_initiatives(StringIO())
    in_progress = InitiativeApplication.objects.get(status=S.IN_PROGRESS)
    kinds = set(in_progress.contributions.values_list("kind", flat=True))
    assert kinds == {"work", "cash", "in_kind"}
    assert all(c.evidence_sha256 for c in in_progress.contributions.all())
    assert in_progress.agreement.starts_on < timezone.localdate()
    totals = delivery.contribution_totals(in_progress)
    assert totals["hours"] == 112
    assert totals["total"] == Decimal("112") * Decimal("30.50") + Decimal("1000.00")


# --- Deadlines: the resolution, the home page and the calendar ------------------------


def test_no_application_is_received_after_the_resolutions_deadline(
    resident, resolution
):
    resolution.application_deadline = timezone.localdate() - timedelta(days=1)
    resolution.save()
    with pytest.raises(DomainError) as error:
        flow.apply(resident, resolution)
    assert error.value.code == "deadline"
    resolution.application_deadline = timezone.localdate()
    resolution.save()
    flow.apply(resident, resolution)


def test_the_home_page_shows_the_deadline_and_the_initiatives_under_way(
    client, resident, clerk, resolution
):
    resolution.application_deadline = timezone.localdate() + timedelta(days=20)
    resolution.save()
    application = under_agreement(clerk, resident, resolution)
    from django.utils.dateformat import format as date_format

    page = client.get("/").content.decode()
    deadline = resolution.application_deadline
    assert 'id="home-initiatives"' in page
    assert date_format(deadline, "j E Y") in page
    assert application.title in page
    assert application.get_absolute_url() in page


def test_the_calendar_feed_holds_the_initiative_deadlines(client, clerk, resolution):
    import vobject

    from cooperation.site import ical

    with time_machine.travel(date(2027, 3, 1), tick=False):
        resident = UserFactory()
        resolution.application_deadline = date(2027, 4, 30)
        resolution.settlement_days = 30
        resolution.save()
        application = flow.apply(resident, resolution)
        flow.agreed(clerk, application, number="IL/2027/4")
        application.agreement.ends_on = date(2027, 6, 15)
        application.agreement.save(update_fields=["ends_on"])
        response = client.get("/kalendarz.ics")
    parsed = vobject.readOne(response.content.decode("utf-8"), validate=True)
    events = {e.uid.value: e for e in parsed.vevent_list}
    domain = ical.uid_domain()
    deadline = events[f"grants-initiative-resolution-{resolution.pk}-deadline@{domain}"]
    assert deadline.dtstart.value == date(2027, 4, 30)
    assert resolution.number in deadline.summary.value
    end = events[f"grants-initiative-{application.pk}-end@{domain}"]
    assert end.dtstart.value == date(2027, 6, 15)
    assert application.title in end.summary.value
    due = events[f"grants-initiative-{application.pk}-contributions@{domain}"]
    assert due.dtstart.value == date(2027, 7, 15)
    assert end.url.value.endswith(application.get_absolute_url())


# --- Co-applicants invited by e-mail ------------------------------------------------


def test_the_leader_invites_a_co_applicant_by_e_mail_through_the_outbox(
    client, resident, resolution, mailoutbox
):
    from cooperation.core.models import Notification
    from cooperation.core.notifications import deliver_pending
    from grants.services import initiative_invitations as invitations

    application = flow.apply(resident, resolution)
    invitation = invitations.initiative_invite(
        application=application,
        actor=resident,
        name="Piotr Sąsiad",
        email="Piotr@Example.org",
    )
    assert invitation.email == "piotr@example.org"
    queued = Notification.objects.get(kind="grants.initiative_invitation")
    assert queued.recipient == resident
    assert queued.read_at is not None
    assert history(application).filter(to_status="co-applicant-invited").exists()
    deliver_pending()
    assert [m.to for m in mailoutbox] == [["piotr@example.org"]]
    body = mailoutbox[0].body
    assert invitation.get_absolute_url() in body
    assert "Piotr Sąsiad" in body and application.title in body
    # The link's secret does not stay in the outbox once sent.
    queued.refresh_from_db()
    assert invitation.token not in str(queued.context)
    with pytest.raises(DomainError) as error:
        invitations.initiative_invite(
            application=application,
            actor=resident,
            name="Piotr",
            email="piotr@example.org",
        )
    assert error.value.field == "email"
    with pytest.raises(PermissionDeniedError):
        invitations.initiative_invite(
            application=application,
            actor=UserFactory(),
            name="Anna",
            email="anna@example.org",
        )


def test_the_invited_resident_joins_with_an_account_of_that_address(
    client, resident, resolution
):
    from grants.services import initiative_invitations as invitations

    application = flow.apply(resident, resolution)
    invitation = invitations.initiative_invite(
        application=application, actor=resident, name="Piotr", email="piotr@example.org"
    )
    url = invitation.get_absolute_url()
    assert client.get(url).status_code == 302
    someone_else = UserFactory()
    client.force_login(someone_else)
    response = client.post(url)
    assert response.status_code == 400
    assert client.get(application.get_absolute_url()).status_code == 404
    piotr = UserFactory(email="piotr@example.org")
    client.force_login(piotr)
    assert client.get(application.get_absolute_url()).status_code == 404
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.accepted_by == piotr
    page = client.get(application.get_absolute_url()).content.decode()
    assert "ewa@example.org" in page
    mine = client.get(reverse("grants:initiative-mine")).content.decode()
    assert application.title in mine
    assert history(application).filter(to_status="co-applicant-joined").exists()
    client.force_login(someone_else)
    assert client.post(url).status_code == 400


def test_the_leader_invites_on_the_applications_page(client, resident, resolution):
    application = flow.apply(resident, resolution)
    client.force_login(resident)
    page = client.get(application.get_absolute_url()).content.decode()
    assert 'id="invite-form"' in page
    url = reverse("grants:initiative-invite", args=[application.pk])
    response = client.post(url, {"name": "Anna Nowak", "email": "nie-adres"})
    assert response.status_code == 400
    assert "Anna Nowak" in response.content.decode()
    response = client.post(url, {"name": "Anna Nowak", "email": "anna@example.org"})
    assert response.status_code == 302
    page = client.get(application.get_absolute_url()).content.decode()
    assert "anna@example.org" in page
    client.force_login(UserFactory())
    assert client.post(url, {"name": "X", "email": "x@example.org"}).status_code == 404


def test_the_applicant_is_told_of_the_settlement_by_e_mail(
    resident, clerk, resolution, mailoutbox
):
    from cooperation.core.notifications import deliver_pending

    application = under_agreement(clerk, resident, resolution)
    log(application, resident, hours=100)
    services.initiative_complete(initiativeapplication=application, actor=clerk)
    settle(application, clerk)
    deliver_pending()
    bodies = [m.body.replace("\xa0", " ") for m in mailoutbox]
    settled = [b for b in bodies if "9 020,00" in b]
    assert len(settled) == 1
    assert "3 050,00" in settled[0]
    assert {tuple(m.to) for m in mailoutbox} == {(resident.email,)}


# --- Documents the resolution requires -----------------------------------------------


def test_the_applicant_attaches_the_documents_until_the_formal_check(
    client, resident, clerk, resolution
):
    from grants.models import InitiativeAttachment
    from grants.services import initiative_attachments as attachments

    application = flow.apply(resident, resolution)
    client.force_login(resident)
    page = client.get(application.get_absolute_url()).content.decode()
    assert 'id="attach-form"' in page
    assert "Lista poparcia mieszkańców." in page
    url = reverse("grants:initiative-attach", args=[application.pk])
    response = client.post(
        url,
        {
            "name": "Lista poparcia",
            "file": SimpleUploadedFile("lista.pdf", b"<html><body>x</body></html>"),
        },
    )
    assert response.status_code == 400
    assert "Lista poparcia" in response.content.decode()
    assert response.context["attach_form"].errors["file"]
    response = client.post(url, {"name": "Lista poparcia", "file": pdf_file()})
    assert response.status_code == 302
    document = InitiativeAttachment.objects.get()
    assert document.uploaded_by == resident and len(document.sha256) == 64
    assert history(application).filter(to_status="document-attached").exists()
    assert client.get(document.file.url).status_code == 200
    client.force_login(UserFactory())
    assert client.get(document.file.url).status_code == 404
    client.force_login(clerk)
    change = reverse("admin:grants_initiativeapplication_change", args=[application.pk])
    assert "Lista poparcia" in client.get(change).content.decode()
    flow.checked(clerk, application)
    with pytest.raises(DomainError):
        attachments.initiative_attach(
            application=application, actor=resident, name="Zgoda", file=pdf_file()
        )
    with pytest.raises(DomainError):
        attachments.initiative_detach(attachment=document, actor=resident)
    assert InitiativeAttachment.objects.count() == 1


def test_a_document_taken_off_is_audited(client, resident, resolution):
    from grants.models import InitiativeAttachment

    application = flow.apply(resident, resolution)
    client.force_login(resident)
    client.post(
        reverse("grants:initiative-attach", args=[application.pk]),
        {"name": "Zgoda właściciela", "file": png_file()},
    )
    document = InitiativeAttachment.objects.get()
    response = client.post(
        reverse("grants:initiative-detach", args=[application.pk, document.pk])
    )
    assert response.status_code == 302
    assert not InitiativeAttachment.objects.exists()
    removed = history(application).get(to_status="document-removed")
    assert document.sha256 in removed.note


def test_the_leader_is_reminded_to_document_the_contributions_once_per_stage(
    resident, clerk, resolution, mailoutbox
):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from cooperation.core.models import Notification
    from cooperation.core.notifications import deliver_pending
    from cooperation.core.reminders import sweep_reminders
    from grants.reminders import initiative_contributions_due_reminders as due

    application = under_agreement(clerk, resident, resolution)
    agreement = application.agreement
    agreement.ends_on = timezone.localdate() + timedelta(days=20)
    agreement.save(update_fields=["ends_on"])
    deadline = agreement.ends_on + timedelta(days=resolution.settlement_days)

    def at(day):
        return datetime(
            day.year, day.month, day.day, 8, tzinfo=ZoneInfo("Europe/Warsaw")
        )

    assert due(at(deadline - timedelta(days=8))) == []
    assert [m.occasion for m in due(at(deadline - timedelta(days=7)))] == [
        f"initiative-contributions-7d:{application.pk}"
    ]
    assert [m.occasion for m in due(at(deadline - timedelta(days=1)))] == [
        f"initiative-contributions-1d:{application.pk}"
    ]
    assert due(at(deadline + timedelta(days=1))) == []
    sweep_reminders(now=at(deadline - timedelta(days=7)))
    sweep_reminders(now=at(deadline - timedelta(days=6)))
    kind = "grants.initiative_contributions_due"
    assert Notification.objects.filter(kind=kind).count() == 1
    deliver_pending()
    sent = [m for m in mailoutbox if "/wklad/" in m.body]
    assert [m.to for m in sent] == [[resident.email]]
    assert agreement.number in sent[0].body
    services.initiative_complete(initiativeapplication=application, actor=clerk)
    settle(application, clerk)
    assert due(at(deadline - timedelta(days=1))) == []


@pytest.mark.parametrize("count", [1, 5])
def test_the_home_section_takes_a_constant_number_of_queries(
    rf, clerk, resolution, django_assert_num_queries, count
):
    from grants import initiative_site

    for _n in range(count):
        under_agreement(clerk, UserFactory(), resolution)
    # 1. the current resolution, 2. its criteria (prefetched), 3. the agreements
    # under way with their initiatives and resolutions
    with django_assert_num_queries(3):
        section = initiative_site.home_section(rf.get("/"))
        titles = [a.application.title for a in section["agreements"]]
        dues = [a.contributions_due for a in section["agreements"]]
    assert len(titles) == count and len(dues) == count
