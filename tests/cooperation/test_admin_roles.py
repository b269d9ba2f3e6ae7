"""Who sees what in the administration: technical sections for administrators,
clerks only in the fields naming the clerk who answers for a record."""

import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse

from cooperation.core.admin import PortalAdmin
from cooperation.core.models import User
from tests.cooperation.factories import UserFactory, with_totp

pytestmark = pytest.mark.django_db

TECHNICAL = [
    "periodictask",
    "intervalschedule",
    "crontabschedule",
    "solarschedule",
    "clockedschedule",
]


def _staff_with_every_beat_right():
    person = with_totp(
        UserFactory(email="technik@example.org", is_staff=True, clerk=True)
    )
    person.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="django_celery_beat")
    )
    return User.objects.get(pk=person.pk)


@pytest.mark.parametrize("model_name", TECHNICAL)
def test_schedules_are_for_administrators_only(client, model_name):
    """A clerk, even one given every right on the schedules, does not see them."""
    url = f"/admin/django_celery_beat/{model_name}/"
    staff = _staff_with_every_beat_right()
    assert staff.has_perm(f"django_celery_beat.view_{model_name}")
    client.force_login(staff)
    assert client.get(url).status_code == 403
    assert client.get(url + "add/").status_code == 403
    assert "/admin/django_celery_beat/" not in client.get("/admin/").content.decode()
    superuser = with_totp(
        UserFactory(email="admin@example.org", is_superuser=True, clerk=True)
    )
    client.force_login(superuser)
    assert client.get(url).status_code == 200
    assert f'href="{url}"' in client.get("/admin/").content.decode()


def _clerk_fields():
    for model, model_admin in admin.site._registry.items():
        if not isinstance(model_admin, PortalAdmin):
            continue
        for name in model_admin.clerk_fields:
            fields = {f.name: f for f in model._meta.fields}
            if name in fields and fields[name].related_model is User:
                yield model, name


CLERK_FIELDS = sorted(_clerk_fields(), key=lambda item: item[0]._meta.label)


def test_the_models_with_a_responsible_clerk_are_found():
    labels = {model._meta.label for model, _ in CLERK_FIELDS}
    assert {"consultations.Consultation", "programme.Programme"} <= labels


@pytest.mark.parametrize(
    "model,field", CLERK_FIELDS, ids=[m._meta.label for m, _ in CLERK_FIELDS]
)
def test_a_responsible_clerk_is_chosen_among_clerks_only(client, model, field):
    clerk = with_totp(
        UserFactory(email="urzedniczka@example.org", clerk=True, last_name="Urzędnik")
    )
    UserFactory(email="mieszkanka@example.org", last_name="Mieszkanka")
    UserFactory(email="byla@example.org", clerk=True, is_active=False, last_name="Była")
    client.force_login(clerk)
    opts = model._meta
    page = client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    ).content.decode()
    select = re.search(rf'<select name="{field}".*?</select>', page, re.S)
    assert select, f"{opts.label}: no choice of {field} on the add page"
    options = select.group(0)
    assert f'value="{clerk.pk}"' in options
    assert "Mieszkanka" not in options
    assert "Była" not in options
