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
