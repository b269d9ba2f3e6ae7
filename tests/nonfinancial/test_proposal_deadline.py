"""Art. 12 ust. 2: an own-initiative proposal is answered within one month."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cooperation.core.models import Notification, StatusChange
from cooperation.core.reminders import sweep_reminders
from cooperation.nonfinancial import services
from cooperation.nonfinancial.models import proposal_answer_due

from .factories import PROPOSAL, representative

pytestmark = pytest.mark.django_db

WARSAW = ZoneInfo("Europe/Warsaw")


def _moment(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=WARSAW)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2026, 3, 10), date(2026, 4, 10)),
        # A month from 31 January ends on the last day of February.
        (date(2026, 1, 31), date(2026, 2, 28)),
        (date(2028, 1, 31), date(2028, 2, 29)),
        (date(2026, 12, 15), date(2027, 1, 15)),
    ],
)
def test_answer_is_due_one_calendar_month_after_arrival(received, due):
    assert proposal_answer_due(received) == due


def test_the_month_runs_from_the_day_the_proposal_arrived():
    user, organisation = representative()
    with time_machine.travel(_moment(date(2026, 3, 10)), tick=False):
        proposal = services.proposal_submit(
            actor=user, organisation=organisation, **PROPOSAL
        )
    assert proposal.received_on == date(2026, 3, 10)
    assert proposal.answer_due == date(2026, 4, 10)


def test_month_length_is_a_setting(settings):
    settings.PORTAL_RULES = {**settings.PORTAL_RULES, "PROPOSAL_ANSWER_MONTHS": 2}
    assert proposal_answer_due(date(2026, 3, 10)) == date(2026, 5, 10)


def test_clerks_are_reminded_before_the_month_ends_and_once_it_is_overdue(clerk):
    user, organisation = representative()
    with time_machine.travel(_moment(date(2026, 3, 10)), tick=False):
        proposal = services.proposal_submit(
            actor=user, organisation=organisation, **PROPOSAL
        )

    def reminders():
        return list(
            Notification.objects.filter(
                recipient=clerk, kind="nonfinancial.proposal_due"
            ).values_list("occasion", flat=True)
        )

    # Eight days before the deadline: nothing yet (the lead time is 7 days).
    with time_machine.travel(_moment(date(2026, 4, 2)), tick=False):
        sweep_reminders()
    assert reminders() == []
    with time_machine.travel(_moment(date(2026, 4, 3)), tick=False):
        sweep_reminders()
        sweep_reminders()
    assert reminders() == [f"proposal-due:{proposal.pk}"]
    # The last day is still on time.
    with time_machine.travel(_moment(date(2026, 4, 10), 23), tick=False):
        sweep_reminders()
    assert reminders() == [f"proposal-due:{proposal.pk}"]
    with time_machine.travel(_moment(date(2026, 4, 11)), tick=False):
        sweep_reminders()
    assert sorted(reminders()) == sorted(
        [f"proposal-due:{proposal.pk}", f"proposal-overdue:{proposal.pk}"]
    )


def test_an_answer_on_the_last_day_is_on_time_and_one_a_day_later_is_marked_late(clerk):
    user, organisation = representative()
    with time_machine.travel(_moment(date(2026, 3, 10)), tick=False):
        on_time = services.proposal_submit(
            actor=user, organisation=organisation, **PROPOSAL
        )
        late = services.proposal_submit(
            actor=user, organisation=organisation, **PROPOSAL
        )
    with time_machine.travel(_moment(date(2026, 4, 10), 15), tick=False):
        services.proposal_decide_worthwhile(
            taskproposal=on_time,
            actor=clerk,
            answer="Zadanie jest celowe.",
            mode="support",
            competition_on=date(2026, 5, 4),
        )
    with time_machine.travel(_moment(date(2026, 4, 11)), tick=False):
        services.proposal_decide_not_worthwhile(
            taskproposal=late, actor=clerk, answer="Brak środków."
        )
        # An answered proposal is no longer reminded of.
        sweep_reminders()
    notes = dict(
        StatusChange.objects.filter(
            object_id__in=[on_time.pk, late.pk],
            to_status__in=["worthwhile", "not_worthwhile"],
        ).values_list("object_id", "note")
    )
    assert "art. 12 ust. 2" not in notes[on_time.pk]
    assert "10.04.2026" in notes[late.pk] and "art. 12 ust. 2" in notes[late.pk]
    assert not Notification.objects.filter(
        kind="nonfinancial.proposal_due", occasion__endswith=f":{late.pk}"
    ).exists()
