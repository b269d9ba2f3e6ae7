from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from cooperation.core.notifications import deliver_pending, notify, readable_dates
from tests.cooperation.factories import UserFactory


@pytest.mark.django_db
def test_dates_in_an_email_are_written_for_people(mailoutbox):
    user = UserFactory(email="daty@example.org", language="pl")
    moment = datetime(2026, 11, 27, 5, 54, 44, tzinfo=ZoneInfo("Europe/Warsaw"))
    notify(user, "cooperation.message", occasion="dates", context={"text": moment})
    notify(
        user,
        "cooperation.message",
        occasion="dates-iso",
        context={"text": "2026-11-27T05:54:44+01:00"},
    )
    deliver_pending()
    for message in mailoutbox:
        assert "2026-11-27T05:54:44" not in message.body
        assert "27 listopada 2026, 05:54" in message.body
    assert len(mailoutbox) == 2


@pytest.mark.django_db
def test_dates_in_english_emails(mailoutbox):
    user = UserFactory(email="dates@example.org", language="en")
    notify(
        user, "cooperation.message", occasion="dates", context={"text": "2026-12-03"}
    )
    deliver_pending()
    assert "3 December 2026" in mailoutbox[0].body


def test_readable_dates_leaves_other_values_alone():
    context = readable_dates(
        {
            "title": "Konkurs 2026-11",
            "count": 3,
            "when": "2026-11-27T04:54:44Z",
            "items": [{"on": "2026-11-30"}],
            "odd": "2026-13-45",
        }
    )
    assert context["title"] == "Konkurs 2026-11"
    assert context["count"] == 3
    assert context["when"] == datetime(2026, 11, 27, 4, 54, 44, tzinfo=ZoneInfo("UTC"))
    assert context["items"][0]["on"] == date(2026, 11, 30)
    assert context["odd"] == "2026-13-45"
