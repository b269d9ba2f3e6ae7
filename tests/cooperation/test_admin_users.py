import pytest
from django.test import override_settings
from django.utils import translation

from cooperation.core.models import User
from tests.cooperation.factories import UserFactory, with_totp


@pytest.mark.django_db
def test_superuser_adds_a_user_with_an_email(client):
    admin_user = with_totp(
        UserFactory(email="su@example.org", is_staff=True, is_superuser=True)
    )
    client.force_login(admin_user)
    page = client.get("/admin/cooperation/user/add/")
    assert page.status_code == 200
    assert 'name="email"' in page.content.decode()
    response = client.post(
        "/admin/cooperation/user/add/",
        {
            "email": "nowy@example.org",
            "username": "nowy",
            "first_name": "Jan",
            "last_name": "Nowak",
            "usable_password": "true",
            "password1": "Mocne-haslo-2026",
            "password2": "Mocne-haslo-2026",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="nowy@example.org")
    assert user.get_full_name() == "Jan Nowak"


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_clerk_is_not_offered_an_add_user_page_that_fails(client, clerk):
    client.force_login(with_totp(clerk))
    changelist = client.get("/admin/cooperation/user/")
    assert "/admin/cooperation/user/add/" not in changelist.content.decode()
    assert client.get("/admin/cooperation/user/add/").status_code == 403


@pytest.mark.django_db
def test_scheduled_jobs_section_is_polish(client):
    admin_user = with_totp(
        UserFactory(email="su2@example.org", is_staff=True, is_superuser=True)
    )
    client.force_login(admin_user)
    html = client.get("/admin/").content.decode()
    assert "Zadania okresowe" in html
    assert "Periodic tasks" not in html
    assert "Crontabs" not in html


def test_allauth_password_prompt_is_spelt_right():
    with translation.override("pl"):
        assert translation.gettext("Enter your password:") == "Wprowadź hasło:"
