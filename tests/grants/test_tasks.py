from datetime import timedelta

import pytest
import time_machine

from cooperation.core.workflow import history
from grants.models import Competition
from grants.tasks import competition_close_due_task
from tests.grants.factories import CompetitionFactory

pytestmark = pytest.mark.django_db


def test_close_due_competitions_after_the_deadline():
    due = CompetitionFactory(announced=True)
    later = CompetitionFactory(announced=True)
    Competition.objects.filter(pk=later.pk).update(
        offers_deadline=due.offers_deadline + timedelta(days=5)
    )
    with time_machine.travel(due.offers_deadline + timedelta(minutes=1)):
        assert competition_close_due_task() == 1
        assert competition_close_due_task() == 0
    assert Competition.objects.get(pk=due.pk).status == "closed"
    assert Competition.objects.get(pk=later.pk).status == "announced"
    change = list(history(due))[-1]
    assert (change.from_status, change.to_status, change.actor) == (
        "announced",
        "closed",
        None,
    )
