"""The report in the administration: every change through the services, audited."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from cooperation.core.workflow import history
from cooperation.evaluation.models import AnnualReport, ReportFigure
from tests.evaluation.worlds import year_of_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, clerk):
    """A clerk in the admin; staff must have a second factor to get in."""
    from allauth.mfa.models import Authenticator

    from cooperation.core.signals import sync_clerk_permissions

    sync_clerk_permissions(sender=None)
    Authenticator.objects.get_or_create(
        user=clerk, type=Authenticator.Type.TOTP, defaults={"data": {}}
    )
    client.force_login(clerk)
    return client


def _management(page: str) -> dict[str, str]:
    return dict(
        re.findall(
            r'name="([^"]*-(?:TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS)"[^>]*value="(\d*)"',
            page,
        )
    )


def test_the_admin_creates_the_report_and_corrects_a_figure_with_a_reason(
    admin_client,
):
    year_of_data()
    url = reverse("admin:evaluation_annualreport_add")
    page = admin_client.get(url).content.decode()
    response = admin_client.post(
        url,
        {"year": 2025, "summary": "Program zrealizowano.", **_management(page)},
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    report = AnnualReport.objects.get(year=2025)
    assert report.summary == "Program zrealizowano."
    assert history(report).filter(to_status="draft").count() == 2  # created, written

    add = reverse("admin:evaluation_reportfigure_add") + f"?report={report.pk}"
    form = admin_client.get(add).content.decode()
    assert "nonfinancial.patronages_granted" in form
    refused = admin_client.post(
        add,
        {
            "report": report.pk,
            "key": "nonfinancial.patronages_granted",
            "value": "2",
            "reason": "",
        },
    )
    assert refused.status_code == 200 and not ReportFigure.objects.exists()
    saved = admin_client.post(
        add,
        {
            "report": report.pk,
            "key": "nonfinancial.patronages_granted",
            "value": "2",
            "reason": "Patronat udzielony pisemnie.",
        },
    )
    assert saved.status_code == 302, saved.content.decode()[-3000:]
    correction = ReportFigure.objects.get()
    assert (correction.computed, correction.value) == (Decimal("1.00"), Decimal("2.00"))
    change = admin_client.get(
        reverse("admin:evaluation_annualreport_change", args=[report.pk])
    ).content.decode()
    assert "Patronat udzielony pisemnie." in change
    assert reverse("evaluation:report-pdf", args=[2025]) in change


def test_the_table_covers_every_state_and_names_services_taking_its_inputs():
    import inspect

    from django.utils.module_loading import import_string

    from cooperation.evaluation.services import TRANSITIONS

    workflow = TRANSITIONS[AnnualReport]
    assert workflow.states | workflow.initial == set(workflow.choices)
    for step in workflow:
        parameters = inspect.signature(import_string(step.service)).parameters
        given = {"annualreport", "actor", *(i.name for i in step.inputs)}
        assert given <= set(parameters), step.key
        required = {
            n for n, p in parameters.items() if p.default is inspect.Parameter.empty
        }
        assert required <= given, step.key


def test_the_admin_submits_and_publishes_through_the_transition_pages(admin_client):
    from django.utils import timezone

    from cooperation.evaluation import services

    year_of_data()
    from cooperation.core.models import User

    actor = User.objects.get(email="urzednik@example.org")
    report = services.report_create(year=2025, actor=actor)
    services.report_write(report=report, actor=actor, summary="Podsumowanie.")
    submit = reverse(
        "admin:evaluation_annualreport_transition", args=[report.pk, "submit"]
    )
    response = admin_client.post(
        submit, {"submitted_on": timezone.localdate().isoformat()}
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    report.refresh_from_db()
    assert report.status == "submitted" and report.figures["priorities"]
    publish = reverse(
        "admin:evaluation_annualreport_transition", args=[report.pk, "publish"]
    )
    refused = admin_client.post(
        publish,
        {"published_on": timezone.localdate().isoformat(), "bip_url": "nie-adres"},
    )
    assert refused.status_code == 200
    response = admin_client.post(
        publish,
        {
            "published_on": timezone.localdate().isoformat(),
            "bip_url": "https://bip.radlin.example/sprawozdanie-2025",
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "published"
