"""The benchmark's rows for the report: they run and leave nothing behind."""

import pytest

from bench.jobs import JOBS
from cooperation.core.models import GeneratedDocument
from cooperation.evaluation.models import AnnualReport
from tests.grants.factories import CompetitionFactory

pytestmark = pytest.mark.django_db


def test_report_jobs_render_and_serve_from_storage_and_leave_no_rows():
    CompetitionFactory(announced=True)  # this year's programme, with a competition
    assert JOBS["pdf: report on the programme (figures computed)"]() is None
    served = JOBS["pdf: report again, unchanged (served from storage)"]()
    assert served is not None and served["seconds"] < 1
    assert not AnnualReport.objects.exists()
    assert not GeneratedDocument.objects.exists()
