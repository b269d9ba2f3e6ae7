"""Demo data of the report on the programme: the demo year's report, published."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.utils import timezone

SUMMARY = (
    "Program współpracy realizowano przez cały rok, zlecając zadania publiczne w "
    "otwartych konkursach ofert oraz w trybie art. 19a ustawy, a także w formach "
    "pozafinansowych: patronatach, użyczaniu lokali, promocji działań organizacji, "
    "konsultacjach projektów aktów i szkoleniach."
)
CONCLUSIONS = (
    "Organizacje najczęściej korzystały z użyczenia sal i ze szkoleń.\n"
    "Konkursy w sferze kultury fizycznej przyciągnęły najwięcej ofert."
)
RECOMMENDATIONS = (
    "Zespół roboczy do spraw współpracy zaleca wcześniejsze ogłaszanie konkursów.\n"
    "Warto rozszerzyć dyżury doradcze o tematykę rozliczania dotacji."
)
INDICATORS = [
    ("Liczba ogłoszonych konkursów", "competitions_announced", {}, "count", "6"),
    ("Liczba złożonych ofert", "offers_received", {}, "count", "20"),
    ("Wysokość przekazanych dotacji", "funds_transferred", {}, "PLN", "300000"),
    (
        "Liczba organizacji uczestniczących",
        "organisations_taking_part",
        {},
        "count",
        "25",
    ),
    ("Uczestnicy szkoleń", "event_participants", {"kind": "training"}, "count", "40"),
]


def seed_demo(stdout) -> None:
    """This year's report, written, submitted to the council and published in BIP."""
    from cooperation.core.models import User
    from cooperation.programme.models import Programme

    from . import services
    from .models import AnnualReport, ProgrammeIndicator

    year = timezone.localdate().year
    programme = Programme.objects.filter(year=year).first()
    clerk = User.objects.filter(groups__name="clerks", is_active=True).first()
    if programme is None or clerk is None:
        stdout.write("  no programme or clerk for the report")
        return
    for position, (name, measure, parameters, unit, target) in enumerate(INDICATORS):
        ProgrammeIndicator.objects.get_or_create(
            programme=programme,
            name=name,
            defaults={
                "position": position + 1,
                "measure": measure,
                "parameters": parameters,
                "unit": unit,
                "target": Decimal(target),
            },
        )
    report = AnnualReport.objects.filter(year=year).first()
    if report is None:
        report = services.report_create(year=year, actor=clerk)
        services.report_write(
            report=report,
            actor=clerk,
            summary=SUMMARY,
            conclusions=CONCLUSIONS,
            recommendations=RECOMMENDATIONS,
        )
    if report.status == AnnualReport.Status.DRAFT:
        services.report_submit(annualreport=report, actor=clerk)
        report.refresh_from_db()
    if report.status == AnnualReport.Status.SUBMITTED:
        services.report_publish(
            annualreport=report,
            actor=clerk,
            published_on=timezone.localdate(),
            bip_url=f"{settings.MUNICIPALITY_BIP_URL.rstrip('/')}/sprawozdanie-{year}",
        )
    stdout.write(f"  report on the programme for {year} (published)")
