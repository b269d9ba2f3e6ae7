"""Mutual information (art. 5 ust. 2 pkt 1): plans of both sides, moderated, with a feed."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from cooperation.core.exceptions import (
    DomainError,
    PermissionDeniedError,
    TransitionNotAllowed,
)
from cooperation.core.models import StatusChange
from cooperation.nonfinancial import services
from cooperation.nonfinancial.models import AnnualPlan, PlannedActivity

from .factories import representative

pytestmark = pytest.mark.django_db


def audited(obj):
    return list(
        StatusChange.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        ).values_list("to_status", flat=True)
    )


def plan(clerk, year=2027):
    return services.annual_plan_create(
        actor=clerk,
        year=year,
        competitions="Konkurs na sport dzieci, luty, 100 000 zł.",
        directions="Senioralna polityka gminy.",
    )


def activity(user, organisation, title="Festiwal sąsiedzki"):
    return services.planned_activity_submit(
        actor=user,
        organisation=organisation,
        year=2027,
        title=title,
        description="Trzy dni warsztatów w parku.",
    )


def test_the_municipality_publishes_its_plan_and_every_step_is_audited(clerk):
    annual = plan(clerk)
    services.annual_plan_publish(annualplan=annual, actor=clerk)
    annual.refresh_from_db()
    assert annual.status == AnnualPlan.Status.PUBLISHED
    assert annual.published_at is not None
    assert audited(annual) == ["draft", "published"]
    with pytest.raises(TransitionNotAllowed):
        services.annual_plan_publish(annualplan=annual, actor=clerk)


def test_one_plan_a_year_and_only_a_clerk_drafts_it(clerk):
    plan(clerk)
    with pytest.raises(DomainError):
        plan(clerk)
    user, _organisation = representative()
    with pytest.raises(PermissionDeniedError):
        plan(user, year=2028)


def test_an_organisation_activity_is_moderated_before_it_is_public(clerk, client):
    user, organisation = representative()
    published = activity(user, organisation)
    refused = activity(user, organisation, title="Reklama sklepu")
    services.planned_activity_publish(plannedactivity=published, actor=clerk)
    services.planned_activity_refuse(
        plannedactivity=refused, actor=clerk, reason="To nie działalność pożytku."
    )
    assert audited(published) == ["submitted", "published"]
    assert audited(refused) == ["submitted", "refused"]
    page = client.get(reverse("nonfinancial:information")).content.decode()
    assert "Festiwal sąsiedzki" in page
    assert "Reklama sklepu" not in page


def test_a_refusal_needs_a_reason_and_a_stranger_cannot_submit(clerk):
    user, organisation = representative()
    item = activity(user, organisation)
    with pytest.raises(DomainError):
        services.planned_activity_refuse(plannedactivity=item, actor=clerk, reason=" ")
    stranger, _other = representative()
    with pytest.raises(PermissionDeniedError):
        activity(stranger, organisation)
    assert PlannedActivity.objects.count() == 1


def test_the_feed_lists_what_is_published(clerk, client):
    annual = plan(clerk)
    services.annual_plan_publish(annualplan=annual, actor=clerk)
    user, organisation = representative()
    item = activity(user, organisation)
    services.planned_activity_publish(plannedactivity=item, actor=clerk)
    activity(user, organisation, title="Jeszcze nieopublikowane")
    response = client.get(reverse("nonfinancial:information-feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "2027" in body
    assert "Festiwal sąsiedzki" in body
    assert "Jeszcze nieopublikowane" not in body


def _publish_many(clerk, count):
    for index in range(count):
        user, organisation = representative()
        item = activity(user, organisation, title=f"Działanie {index}")
        services.planned_activity_publish(plannedactivity=item, actor=clerk)


@pytest.mark.parametrize("count", [1, 8])
def test_the_information_page_queries_do_not_grow(
    clerk, client, count, django_assert_num_queries
):
    annual = plan(clerk)
    services.annual_plan_publish(annualplan=annual, actor=clerk)
    _publish_many(clerk, count)
    with django_assert_num_queries(2):
        client.get(reverse("nonfinancial:information"))


def test_the_desk_shows_activities_waiting_and_the_missing_plan(clerk):
    from django.utils import timezone

    from cooperation.nonfinancial.desk import desk_items

    user, organisation = representative()
    activity(user, organisation)
    counts = {item.model: item.count for item in desk_items(timezone.now())}
    assert counts["nonfinancial.plannedactivity"] == 1
    assert counts["nonfinancial.annualplan"] == 1
    annual = plan(clerk, year=timezone.localdate().year)
    services.annual_plan_publish(annualplan=annual, actor=clerk)
    counts = {item.model: item.count for item in desk_items(timezone.now())}
    assert counts["nonfinancial.annualplan"] == 0


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


def test_the_admin_creates_a_plan_through_the_service(admin_client):
    import re

    url = reverse("admin:nonfinancial_annualplan_add")
    page = admin_client.get(url).content.decode()
    management = dict(
        re.findall(
            r'name="([^"]*-(?:TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS)"[^>]*value="(\d*)"',
            page,
        )
    )
    response = admin_client.post(
        url,
        {
            "year": 2029,
            "competitions": "Sport.",
            "directions": "Seniorzy.",
            **management,
        },
    )
    assert response.status_code == 302, response.content.decode().split("<main")[-1][
        :3000
    ]
    annual = AnnualPlan.objects.get(year=2029)
    assert audited(annual) == ["draft"]
    for url in (
        reverse("admin:nonfinancial_annualplan_changelist"),
        reverse("admin:nonfinancial_annualplan_change", args=[annual.pk]),
        reverse("admin:nonfinancial_plannedactivity_changelist"),
    ):
        assert admin_client.get(url).status_code == 200


def test_a_representative_submits_a_planned_activity_through_the_form(client, clerk):
    import feedparser

    user, organisation = representative()
    client.force_login(user)
    url = reverse("nonfinancial:planned-activity-submit")
    form = client.get(url)
    assert form.status_code == 200
    assert form["Cache-Control"].startswith("private")
    for title in ("Bieg uliczny dla dzieci", "Kiermasz firmowy"):
        response = client.post(
            url,
            {
                "organisation": organisation.pk,
                "year": 2027,
                "title": title,
                "description": "Zapisy od maja.",
            },
        )
        assert response.status_code == 302
    approved = PlannedActivity.objects.get(title="Bieg uliczny dla dzieci")
    refused = PlannedActivity.objects.get(title="Kiermasz firmowy")
    assert (approved.organisation, approved.applicant, approved.status) == (
        organisation,
        user,
        PlannedActivity.Status.SUBMITTED,
    )
    client.logout()

    def feed_titles():
        feed = feedparser.parse(
            client.get(reverse("nonfinancial:information-feed")).content
        )
        assert not feed.bozo, feed.bozo_exception
        return [entry.title for entry in feed.entries]

    # Nothing is public before the clerk's moderation.
    assert feed_titles() == []
    assert (
        "Bieg uliczny"
        not in client.get(reverse("nonfinancial:information")).content.decode()
    )
    services.planned_activity_publish(plannedactivity=approved, actor=clerk)
    services.planned_activity_refuse(
        plannedactivity=refused, actor=clerk, reason="To działalność gospodarcza."
    )
    assert audited(approved) == ["submitted", "published"]
    assert audited(refused) == ["submitted", "refused"]
    assert feed_titles() == [f"{organisation.name}: Bieg uliczny dla dzieci"]
    feed = feedparser.parse(
        client.get(reverse("nonfinancial:information-feed")).content
    )
    entry = feed.entries[0]
    assert entry.link.endswith(f"/wspolpraca/informacja/#activity-{approved.pk}")
    assert entry.summary == "Zapisy od maja."
    page = client.get(reverse("nonfinancial:information")).content.decode()
    assert "Bieg uliczny dla dzieci" in page
    assert "Kiermasz firmowy" not in page


def test_only_a_representative_opens_the_planned_activity_form(client):
    from tests.cooperation.factories import UserFactory

    url = reverse("nonfinancial:planned-activity-submit")
    assert client.get(url).status_code == 302
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    assert PlannedActivity.objects.count() == 0


def test_a_planned_activity_without_a_description_is_refused_on_the_form(client):
    user, organisation = representative()
    client.force_login(user)
    response = client.post(
        reverse("nonfinancial:planned-activity-submit"),
        {"organisation": organisation.pk, "year": 2027, "title": "Bieg"},
    )
    assert response.status_code == 200
    assert PlannedActivity.objects.count() == 0
