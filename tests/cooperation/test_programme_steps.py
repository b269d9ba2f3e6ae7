"""Dates and states the programme's workflow refuses; the admin offers only allowed steps."""

from datetime import date

import pytest
import time_machine
from django.utils import timezone

from cooperation.core.exceptions import DomainError
from cooperation.core.workflow import history
from cooperation.programme import services
from cooperation.programme.demo import create_programme
from cooperation.programme.models import Programme
from tests.ngos.factories import SphereFactory

pytestmark = pytest.mark.django_db


def at(*args):
    return time_machine.travel(
        timezone.make_aware(timezone.datetime(*args)), tick=False
    )


@pytest.fixture
def programme(db):
    SphereFactory(code="steps-sphere")
    p = create_programme(2027)
    Programme.objects.filter(pk=p.pk).update(status="submitted")
    p.refresh_from_db()
    return p


def test_resolution_date_cannot_be_in_the_future(programme, clerk):
    with at(2026, 11, 20, 10, 0):
        with pytest.raises(DomainError) as error:
            services.programme_adopt(
                programme=programme,
                actor=clerk,
                resolution_number="XX/1/2026",
                resolution_date=date(2026, 11, 21),
            )
        assert error.value.field == "resolution_date"
        programme.refresh_from_db()
        assert programme.status == "submitted"
        services.programme_adopt(
            programme=programme,
            actor=clerk,
            resolution_number="XX/1/2026",
            resolution_date=date(2026, 11, 20),
        )
    assert programme.status == "adopted"


def test_admin_adopt_refuses_a_future_date_and_keeps_the_input(
    programme, client, clerk_with_2fa
):
    client.force_login(clerk_with_2fa)
    with at(2026, 11, 20, 10, 0):
        response = client.post(
            f"/admin/programme/programme/{programme.pk}/step/adopt/",
            {"resolution_number": "XX/1/2026", "resolution_date": "2026-12-24"},
        )
    assert response.status_code == 200
    assert response.context["form"].errors["resolution_date"]
    assert 'value="XX/1/2026"' in response.content.decode()
    programme.refresh_from_db()
    assert programme.status == "submitted"


def test_next_year_programme_cannot_come_into_force_in_november(programme, clerk):
    Programme.objects.filter(pk=programme.pk).update(status="adopted")
    programme.refresh_from_db()
    with at(2026, 11, 27, 10, 0):
        with pytest.raises(DomainError) as error:
            services.programme_put_in_force(programme=programme, actor=clerk)
    assert "1 stycznia 2027" in error.value.message or "1 January 2027" in str(
        error.value.message
    )
    programme.refresh_from_db()
    assert programme.status == "adopted"


def test_coming_into_force_closes_last_years_programme(programme, clerk):
    previous = create_programme(2026)
    Programme.objects.filter(pk=previous.pk).update(status="in_force")
    Programme.objects.filter(pk=programme.pk).update(status="adopted")
    programme.refresh_from_db()
    with at(2027, 1, 2, 8, 0):
        services.programme_put_in_force(programme=programme, actor=clerk)
    previous.refresh_from_db()
    assert programme.status == "in_force" and previous.status == "closed"
    assert list(Programme.objects.filter(status="in_force")) == [programme]
    closing = history(previous).last()
    assert closing.to_status == "closed" and "2027" in closing.note


def test_a_past_years_programme_cannot_come_into_force(clerk):
    SphereFactory(code="old-sphere")
    old = create_programme(2025)
    Programme.objects.filter(pk=old.pk).update(status="adopted")
    old.refresh_from_db()
    with at(2026, 3, 1, 8, 0), pytest.raises(DomainError):
        services.programme_put_in_force(programme=old, actor=clerk)


@pytest.fixture
def clerk_with_2fa(clerk):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.get_or_create(
        user=clerk, type=Authenticator.Type.TOTP, defaults={"data": {}}
    )
    return clerk


def step_links(page: str) -> set[str]:
    import re

    return set(re.findall(r'/step/([a-z_]+)/"', page))


@pytest.mark.parametrize(
    ("status", "steps"),
    [
        ("drafting", {"consult"}),
        ("in_consultation", {"opinion", "submit", "redraft"}),
        ("submitted", {"adopt", "redraft"}),
        ("adopted", {"in_force"}),
        ("closed", set()),
    ],
)
def test_admin_offers_only_the_steps_allowed_from_the_state(
    programme, client, clerk_with_2fa, status, steps
):
    Programme.objects.filter(pk=programme.pk).update(status=status)
    client.force_login(clerk_with_2fa)
    page = client.get(
        f"/admin/programme/programme/{programme.pk}/change/"
    ).content.decode()
    assert step_links(page) == steps


def test_admin_step_not_allowed_redirects_with_a_message(
    programme, client, clerk_with_2fa
):
    client.force_login(clerk_with_2fa)
    response = client.get(f"/admin/programme/programme/{programme.pk}/step/close/")
    assert response.status_code == 302


def test_admin_in_force_step_says_which_programme_it_closes(
    programme, client, clerk_with_2fa
):
    previous = create_programme(2026)
    Programme.objects.filter(pk=previous.pk).update(status="in_force")
    Programme.objects.filter(pk=programme.pk).update(status="adopted")
    step = f"/admin/programme/programme/{programme.pk}/step/in_force/"
    with at(2027, 1, 2, 8, 0):
        client.force_login(clerk_with_2fa)
        page = client.get(step).content.decode()
        assert "2026" in page and "zamknięty" in page
        assert client.post(step, {}).status_code == 302
    previous.refresh_from_db()
    assert previous.status == "closed"
