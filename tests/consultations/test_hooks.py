import io
from datetime import timedelta

import pytest
from django.utils import timezone

from bench import pages as bench_pages
from consultations import demo, personal_data, site
from consultations.models import Comment, Consultation
from cooperation.programme.models import Programme
from tests.consultations.factories import CommentFactory, ConsultationFactory

pytestmark = pytest.mark.django_db


def test_home_section_lists_open_consultations(client):
    ConsultationFactory(published=True, title="Otwarta na stronie głównej")
    ConsultationFactory(title="Szkic niewidoczny")
    page = client.get("/").content.decode()
    assert "Otwarta na stronie głównej" in page and "Szkic niewidoczny" not in page


def test_calendar_has_consultation_ends():
    c = ConsultationFactory(published=True)
    ConsultationFactory()  # a draft is not announced
    now = timezone.now()
    entries = list(
        site.calendar_entries(now - timedelta(days=1), now + timedelta(days=30))
    )
    assert [e.uid for e in entries] == [f"consultation-{c.pk}-end"]


def test_personal_data_export_and_erase(roles):
    comment = CommentFactory(
        author=roles.resident,
        author_name="",
        name_consent=True,
        justification="Moja uwaga.",
    )
    data = personal_data.export_comments(roles.resident)
    assert data["consultation_comments"][0]["justification"] == "Moja uwaga."
    personal_data.erase_comments(roles.resident)
    comment.refresh_from_db()
    assert comment.author is None and comment.justification == "Moja uwaga."


def test_seed_demo_steps_are_idempotent(db):
    from cooperation.core.demo import seed_people
    from cooperation.programme.demo import seed_demo as programme_demo
    from tests.ngos.factories import OrganisationFactory, SphereFactory

    SphereFactory()
    OrganisationFactory.create_batch(3)
    out = io.StringIO()
    seed_people(out)
    for _ in range(2):
        programme_demo(out)
        demo.seed_demo(out)
    year = timezone.localdate().year
    assert Programme.objects.filter(year=year + 1).get().priorities.exists()
    assert Consultation.objects.open().count() == 1
    assert Consultation.objects.reported().count() == 1
    reported = Consultation.objects.reported().get()
    assert not reported.comments.undecided().exists()
    assert Comment.objects.filter(channel="paper").count() == 2


def test_seed_demo_has_an_ended_consultation_awaiting_decisions_and_a_survey(
    db, client
):
    from consultations.models import Survey
    from consultations.services import consultation_publish_report
    from cooperation.core.demo import demo_user, seed_people
    from cooperation.core.exceptions import DomainError
    from cooperation.programme.demo import seed_demo as programme_demo
    from tests.ngos.factories import OrganisationFactory

    OrganisationFactory.create_batch(3)
    out = io.StringIO()
    seed_people(out)
    for _ in range(2):
        programme_demo(out)
        demo.seed_demo(out)
    ended = Consultation.objects.closed().get()
    assert ended.comments.undecided().count() == 4
    clerk = demo_user("urzednik@demo.radlin.example")
    # Publishing the report is refused until every comment has a decision.
    with pytest.raises(DomainError):
        consultation_publish_report(
            consultation=ended, actor=clerk, summary="Podsumowanie."
        )
    survey = Survey.objects.get()
    assert survey.is_open and survey.responses.count() == 3
    assert (
        survey.responses.filter(respondent__email__startswith="mieszkaniec").count()
        == 0
    )
    page = client.get(f"/konsultacje/ankiety/{survey.pk}/wyniki/")
    assert page.status_code == 200


def test_seed_bench_scale_one(db):
    out = io.StringIO()
    demo.seed_bench(1, out)
    assert Consultation.objects.count() == 50
    assert Comment.objects.count() == 5000
    labels = dict(bench_pages.consultations())
    assert "consultation with most comments" in labels


@pytest.mark.parametrize(
    "kind", ["announced", "closing", "report_overdue", "report_published"]
)
def test_emails_render_in_polish(kind, roles):
    from cooperation.core.models import Notification
    from cooperation.core.notifications import render_email

    consultation = ConsultationFactory(
        published=True, title="Projekt uchwały o lokalach"
    )
    notification = Notification.objects.create(
        recipient=roles.member_a,
        kind=f"consultations.{kind}",
        occasion=f"test:{kind}",
        content_object=consultation,
    )
    email = render_email(notification)
    assert "Projekt uchwały o lokalach" in email.subject
    assert consultation.get_absolute_url() in email.body


def test_programme_email_renders(roles):
    from cooperation.core.models import Notification
    from cooperation.core.notifications import render_email

    notification = Notification.objects.create(
        recipient=roles.clerk,
        kind="cooperation.programme_not_submitted",
        occasion="test",
        context={"year": 2027},
    )
    email = render_email(notification)
    assert "2027" in email.subject and "30 listopada" in email.body
