import pytest
from django.urls import reverse

from cooperation.core.workflow import history
from grants.models import Competition
from tests.grants.factories import CompetitionFactory, complete_offer
from tests.grants.worlds import freeze

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, clerk):
    """A clerk in the admin; staff must have a second factor to get in."""
    from allauth.mfa.models import Authenticator

    from cooperation.core.signals import sync_clerk_permissions

    # A transactional test may have flushed the permissions the migrations gave.
    sync_clerk_permissions(sender=None)
    Authenticator.objects.get_or_create(
        user=clerk, type=Authenticator.Type.TOTP, defaults={"data": {}}
    )
    client.force_login(clerk)
    return client


def test_admin_pages_render(admin_client):
    competition = CompetitionFactory()
    offer = freeze(
        complete_offer(competition=CompetitionFactory(status="formal_review")),
        status="submitted",
        sequence=1,
    )
    for url in (
        reverse("admin:grants_competition_changelist"),
        reverse("admin:grants_competition_change", args=[competition.pk]),
        reverse("admin:grants_competition_add"),
        reverse("admin:grants_offer_changelist"),
        reverse("admin:grants_offer_change", args=[offer.pk]),
        reverse("admin:grants_committeemember_add"),
    ):
        assert admin_client.get(url).status_code == 200, url


def test_admin_action_publishes_through_the_service(admin_client):
    ok = CompetitionFactory()
    response = admin_client.post(
        reverse("admin:grants_competition_changelist"),
        {"action": "publish", "_selected_action": [ok.pk]},
        follow=True,
    )
    assert response.status_code == 200
    ok.refresh_from_db()
    assert ok.status == "announced"
    assert [c.to_status for c in history(ok)] == ["announced"]


def test_admin_action_reports_refusal(admin_client):
    too_soon = CompetitionFactory(
        offers_deadline=CompetitionFactory().offers_deadline.replace(year=2000)
    )
    response = admin_client.post(
        reverse("admin:grants_competition_changelist"),
        {"action": "publish", "_selected_action": [too_soon.pk]},
        follow=True,
    )
    assert Competition.objects.get(pk=too_soon.pk).status == "draft"
    assert "21" in response.content.decode()


def test_admin_priority_label_has_the_year_and_committee_plural(competition_factory):
    from django.utils import translation

    from grants.admin import PriorityChoiceField
    from grants.models import CommitteeMember

    priority = competition_factory().priority
    field = PriorityChoiceField(queryset=type(priority).objects.all())
    assert str(priority.programme.year) in field.label_from_instance(priority)
    with translation.override("pl"):
        assert str(CommitteeMember._meta.verbose_name_plural) == (
            "członkowie komisji konkursowej"
        )


def test_clerk_answers_a_request_for_reasons_in_the_admin(admin_client, clerk):
    from django.utils import timezone

    from cooperation.core.models import Notification
    from grants import services
    from grants.models import ReasonsRequest
    from tests.cooperation.factories import UserFactory

    competition = CompetitionFactory(
        status="results_published", results_published_at=timezone.now()
    )
    offer = freeze(
        complete_offer(competition=competition), status="not_selected", sequence=1
    )
    asker = UserFactory()
    request = services.reasons_request_create(
        competition=competition,
        offer=offer,
        actor=asker,
        name="Jan",
        email="jan@example.org",
        question="Dlaczego nie?",
    )
    change = reverse("admin:grants_reasonsrequest_change", args=[request.pk])
    page = admin_client.get(change).content.decode()
    assert "Dlaczego nie?" in page
    step = reverse(
        "admin:grants_reasonsrequest_transition", args=[request.pk, "answer"]
    )
    assert step in page
    assert admin_client.post(step, {"answer": ""}).status_code == 200
    response = admin_client.post(step, {"answer": "Za mało punktów."})
    assert response.status_code == 302
    request = ReasonsRequest.objects.get(pk=request.pk)
    assert (request.status, request.answer) == ("answered", "Za mało punktów.")
    assert [c.to_status for c in history(request)] == ["asked", "answered"]
    assert Notification.objects.filter(
        recipient=asker, kind="grants.reasons_answered"
    ).exists()


def test_excluding_a_member_in_the_admin_goes_through_the_service(admin_client):
    from grants.models import CommitteeMember
    from tests.cooperation.factories import UserFactory

    competition = CompetitionFactory(status="committee_review")
    member = CommitteeMember.objects.create(competition=competition, user=UserFactory())
    change = reverse("admin:grants_committeemember_change", args=[member.pk])
    assert admin_client.get(change).status_code == 200
    response = admin_client.post(
        change, {"is_chair": "", "excluded_reason": "Krewny prezesa oferenta"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    member.refresh_from_db()
    assert member.excluded_at and member.excluded_reason == "Krewny prezesa oferenta"
    assert "committee-member-excluded" in [c.to_status for c in history(competition)]
