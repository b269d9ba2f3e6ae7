"""Records of small grants, local initiatives and annual reports for the API's tests:
one in each state, so that the public ones and those the public must not see stand
side by side. The states are set directly (the services are tested in their apps);
what the API reads is the state."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from itertools import count

from django.utils import timezone

from cooperation.evaluation.figures import compute_figures
from cooperation.evaluation.models import AnnualReport, ReportFigure
from grants.models import (
    Contract,
    InitiativeAgreement,
    InitiativeApplication,
    InitiativeResolution,
    Payment,
    SmallGrantComment,
    SmallGrantOffer,
)
from tests.grants.small_grant_helpers import COMPLETE, contract_template
from tests.ngos.factories import OrganisationFactory

_numbers = count(1)

# What the office keeps about people and the public never sees.
CONTACT_NAME = "Anna Nowak"
CONTACT_EMAIL = "anna.nowak@example.org"
BANK_ACCOUNT = "61109010140000071219812874"
LEADER_NAME = "Jan Kowalski-Mieszkaniec"
LEADER_EMAIL = "jan.kowalski@example.org"
CO_APPLICANT = "Maria Wiśniewska-Sąsiadka"
COMMENTER = "Zofia Komentująca"
CLERK_NOTE = "Notatka urzędu: ocena wewnętrzna"


def small_grant(priority, status: str, *, title: str | None = None, **kw):
    """A small-grant offer in ``status``; published ones have their comment days."""
    n = next(_numbers)
    organisation = kw.pop("organisation", None) or OrganisationFactory()
    today = timezone.localdate()
    published = status in ("published", "comments_closed", "contracted")
    start = date(priority.programme.year, 5, 1)
    return SmallGrantOffer.objects.create(
        organisation=organisation,
        priority=priority,
        status=status,
        number=f"MG/{n}/{priority.programme.year}" if status != "draft" else "",
        title=title or f"Mały grant {n} ({status})",
        start_date=start,
        end_date=start + timedelta(days=29),
        requested_grant=Decimal("5000.00"),
        offeror_name=organisation.name,
        costs=[{"name": "Nagłośnienie", "total": "5000.00"}],
        received_on=today - timedelta(days=20) if status != "draft" else None,
        decided_on=today - timedelta(days=15) if published else None,
        published_on=today - timedelta(days=3) if published else None,
        comments_until=today + timedelta(days=5) if published else None,
        **{
            **COMPLETE,
            "contact_name": CONTACT_NAME,
            "contact_email": CONTACT_EMAIL,
            "offeror_bank_account": BANK_ACCOUNT,
            **kw,
        },
    )


def small_grant_comment(offer, *, hidden: bool = False):
    return SmallGrantComment.objects.create(
        offer=offer,
        author_name=COMMENTER,
        email="zofia@example.org",
        email_confirmed_at=timezone.now(),
        text="Popieram.",
        hidden_at=timezone.now() if hidden else None,
        hidden_reason="Wulgaryzmy" if hidden else "",
    )


def contract_for(small: SmallGrantOffer, *, signed: bool, paid: str | None = None):
    """The contract of a small grant, signed or a draft, with one transfer if paid."""
    n = next(_numbers)
    template = _template() or contract_template()
    contract = Contract.objects.create(
        small_grant=small,
        template=template,
        template_version=template.version,
        number=f"UM/{n}/2027",
        year=2027,
        sequence=1000 + n,
        form="support",
        title=small.title,
        grant=small.requested_grant,
        bank_account=BANK_ACCOUNT,
        cost_shift_percent=Decimal("10"),
        municipality_representative="Burmistrz Miasta",
        representatives=[{"name": CONTACT_NAME, "function": "prezes"}],
        status="signed" if signed else "draft",
        signed_on=timezone.localdate() if signed else None,
        signed_for_organisation=CONTACT_NAME if signed else "",
        terms={"start_date": str(small.start_date), "end_date": str(small.end_date)},
    )
    if paid:
        Payment.objects.create(
            contract=contract,
            instalment=1,
            paid_on=timezone.localdate(),
            amount=Decimal(paid),
        )
    return contract


def _template():
    from grants.models import DocumentTemplate

    return DocumentTemplate.objects.filter(kind="contract", version="test-1").first()


def resolution():
    found = InitiativeResolution.objects.filter(number="XII/101/2026").first()
    return found or InitiativeResolution.objects.create(
        number="XII/101/2026",
        adopted_on=date(2026, 3, 1),
        title="Tryb i kryteria oceny wniosków",
        hour_rate=Decimal("30.00"),
    )


def initiative(status: str, *, title: str | None = None, agreement: bool = False):
    n = next(_numbers)
    today = timezone.localdate()
    decided = status in ("accepted", "refused", "agreement", "done")
    application = InitiativeApplication.objects.create(
        resolution=resolution(),
        status=status,
        number=f"IL/{n}/2027",
        leader_name=LEADER_NAME,
        leader_email=LEADER_EMAIL,
        leader_phone="600100200",
        co_applicants=CO_APPLICANT,
        task="nature",
        title=title or f"Inicjatywa {n} ({status})",
        place="Skwer przy ul. Mariańskiej",
        beneficiaries="Mieszkańcy osiedla",
        description="Nasadzenia krzewów.",
        schedule="Maj: nasadzenia.",
        start_date=date(2027, 5, 1),
        end_date=date(2027, 5, 31),
        cost_estimate=Decimal("6000.00"),
        social_work_hours=40,
        social_work="Sadzenie i podlewanie.",
        in_kind_value=Decimal("500.00"),
        in_kind="Narzędzia.",
        financial_contribution=Decimal("250.00"),
        requested_support="Sadzonki i ziemia.",
        received_on=today - timedelta(days=30),
        worthwhile=True if status != "submitted" else None,
        assessment_note=CLERK_NOTE,
        total_points=80 if status != "submitted" else None,
        decided_on=today - timedelta(days=10) if decided else None,
        decision_reasons="Inicjatywa służy mieszkańcom." if decided else "",
        refusal_reason="Brak środków." if status == "refused" else "",
        municipality_contribution="Sadzonki." if decided else "",
        municipality_amount=Decimal("3000.00") if decided else Decimal(0),
        completed_on=date(2027, 5, 31) if status == "done" else None,
    )
    if agreement:
        InitiativeAgreement.objects.create(
            application=application,
            number=f"UIL/{n}/2027",
            concluded_on=today - timedelta(days=5),
            starts_on=date(2027, 5, 1),
            ends_on=date(2027, 6, 30),
            municipality_representative="Burmistrz Miasta",
            applicants_representative=LEADER_NAME,
        )
    return application


def annual_report(year: int, status: str, programme=None, *, correct: bool = False):
    """A report in ``status``; a submitted or published one keeps its figures."""
    kept = status != "draft"
    figures = {}
    if kept:
        figures = compute_figures(year)
        figures["indicators"] = []
    report = AnnualReport.objects.create(
        year=year,
        programme=programme,
        status=status,
        summary=f"Podsumowanie roku {year}.",
        submitted_on=date(year + 1, 4, 20) if kept else None,
        published_on=date(year + 1, 5, 10) if status == "published" else None,
        bip_url=f"https://bip.example.org/sprawozdanie-{year}"
        if status == "published"
        else "",
        figures=figures,
    )
    if correct:
        ReportFigure.objects.create(
            report=report,
            key="modes.small_grants_received",
            label="Oferty w trybie art. 19a",
            computed=figures.get("modes", {}).get("small_grants_received", 0),
            value=Decimal("7"),
            reason="Dwie oferty złożone na papierze.",
        )
    return report
