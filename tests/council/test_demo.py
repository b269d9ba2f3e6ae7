"""The council's demo data: a council with its term, members, a meeting and an
opinion on next year's draft programme, made through the services."""

from io import StringIO

import pytest
from django.utils import timezone

from cooperation.core.demo import seed_people
from cooperation.core.workflow import history
from cooperation.council import demo
from cooperation.council.models import Council, Opinion, Side, Term
from cooperation.programme import demo as programme_demo
from ngos import demo as ngos_demo

pytestmark = pytest.mark.django_db


def test_demo_council_with_term_members_meeting_and_programme_opinion(client):
    out = StringIO()
    seed_people(out)
    ngos_demo.seed_demo(out)
    programme_demo.seed_demo(out)
    demo.seed_demo(out)
    demo.seed_demo(out)
    council = Council.objects.get()
    assert council.request.signatures.count() == 5
    term = council.terms.get()
    assert term.status == Term.Status.ACTIVE
    members = term.members.filter(until__isnull=True)
    assert members.filter(side=Side.NGO).count() * 2 >= members.count()
    assert {m.side for m in members} == set(Side.values)
    meeting = term.meetings.get()
    assert meeting.minutes and meeting.resolutions.count() == 1
    opinion = Opinion.objects.get(subject="programme", status="published")
    assert opinion.programme.year == timezone.localdate().year + 1
    assert [c.to_status for c in history(opinion)] == ["draft", "published"]
    page = client.get(f"/program-wspolpracy/{opinion.programme.year}/")
    assert opinion.text in page.content.decode()
