"""The demo data: the demo year's report, published through the services."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from cooperation.core.workflow import history
from cooperation.evaluation.models import AnnualReport

pytestmark = pytest.mark.django_db


def test_seed_demo_publishes_the_demo_years_report_once(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    report = AnnualReport.objects.get(year=timezone.localdate().year)
    assert report.status == AnnualReport.Status.PUBLISHED
    assert report.bip_url.startswith(settings.MUNICIPALITY_BIP_URL)
    assert report.figures["priorities"], "the figures kept on submission"
    assert report.programme.indicators.count() == 5
    moves = [(c.from_status, c.to_status) for c in history(report) if c.from_status]
    assert moves == [("draft", "submitted"), ("submitted", "published")]
