"""The demo data: the demo year's report, published through the services."""

import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from cooperation.core.workflow import history
from cooperation.evaluation.models import AnnualReport

pytestmark = pytest.mark.django_db


# Mid-year, so that what the demo dates some days back falls in the same year.
@time_machine.travel("2026-06-15 09:00 +0200", tick=True)
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
    # What the demo makes is counted in the report (written down here from the demo:
    # two small grants, one of them contracted; three initiatives, two accepted (one
    # of them in progress); a team
    # with its meeting; the council's opinion on the programme).
    assert report.figures["modes"] == {
        "small_grants_received": 2,
        "small_grants_contracted": 1,
        "local_initiatives_received": 3,
        "local_initiatives_accepted": 2,
    }
    nonfinancial = report.figures["nonfinancial"]
    assert (
        nonfinancial["joint_teams"],
        nonfinancial["joint_team_meetings"],
        nonfinancial["council_opinions"],
    ) == (1, 1, 1)
