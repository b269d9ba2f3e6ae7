"""The shared admin base: a refused save is a form error, never a 500 or a false success."""

import pytest
from allauth.mfa.models import Authenticator

from consultations.models import Consultation
from cooperation.core.limits import LimitedModelForm
from ngos.models import Area, Membership
from tests.consultations.factories import CommentFactory, ConsultationFactory
from tests.ngos.factories import AreaFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

EN = {"accept-language": "en"}


@pytest.fixture
def admin_client(client, clerk):
    """A clerk with an authenticator app (the clerk fixture has one), logged in."""
    assert Authenticator.objects.filter(
        user=clerk, type=Authenticator.Type.TOTP
    ).exists()
    client.force_login(clerk)
    return client


def _inlines(admin_client, url) -> dict[str, str]:
    """The management data of the page's inline formsets, with no inline changed."""
    page = admin_client.get(url, headers=EN)
    data = {}
    for inline in page.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    return data


def _errors(response) -> str:
    form = response.context["adminform"].form
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def test_a_second_active_membership_is_a_form_error_not_a_500(admin_client):
    """The status is read-only in the admin, so Django alone would not check the rule."""
    existing = MembershipFactory(pending=True)
    response = admin_client.post(
        "/admin/ngos/membership/add/",
        {
            "user": existing.user.pk,
            "organisation": existing.organisation.pk,
            "role": Membership.Role.EDITOR,
        },
        headers=EN,
    )
    assert response.status_code == 200
    assert "another record has the same" in _errors(response)
    assert Membership.objects.count() == 1


def test_a_duplicate_the_database_refuses_is_shown_on_the_form(
    admin_client, monkeypatch
):
    """Two clerks saving the same slug at once: the second gets a form, not a 500."""
    AreaFactory(name="Głożyny", slug="glozyny")
    # The form's own check passes, as it would for the clerk who lost the race.
    monkeypatch.setattr(LimitedModelForm, "validate_unique", lambda form: None)
    response = admin_client.post(
        "/admin/ngos/area/add/", {"name": "Głożyny", "slug": "glozyny"}, headers=EN
    )
    assert response.status_code == 200
    assert "another record has the same name" in _errors(response)
    page = response.content.decode()
    assert 'value="glozyny"' in page
    assert "was added successfully" not in page
    assert Area.objects.count() == 1


def test_a_duplicate_slug_in_the_admin_names_the_field(admin_client):
    AreaFactory(name="Głożyny", slug="glozyny")
    response = admin_client.post(
        "/admin/ngos/area/add/",
        {"name": "Głożyny Dolne", "slug": "glozyny"},
        headers=EN,
    )
    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors


def test_a_decision_the_service_refuses_keeps_the_text_and_claims_no_success(
    admin_client,
):
    consultation = ConsultationFactory(
        ended=True, status=Consultation.Status.REPORT_PUBLISHED
    )
    comment = CommentFactory(consultation=consultation, rejected=True)
    url = f"/admin/consultations/comment/{comment.pk}/change/"
    typed = "Nowe uzasadnienie, napisane po raporcie."
    response = admin_client.post(
        url,
        {
            **_inlines(admin_client, url),
            "decision": "rejected",
            "decision_justification": typed,
            "hidden_reason": "",
            "_save": "Save",
        },
        headers=EN,
        follow=True,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "decisions can no longer change" in page
    assert typed in page
    assert "successfully" not in page
    assert response.redirect_chain == []
    comment.refresh_from_db()
    assert comment.decision_justification == "Niezgodne z ustawą."


def test_a_refusal_in_the_organisation_admin_is_a_form_error(admin_client, monkeypatch):
    """A ValidationError raised by save_model (here the duplicate check) is shown."""
    from cooperation.core.exceptions import DomainError
    from ngos import services
    from ngos.forms import OrganisationForm

    organisation = OrganisationFactory()
    monkeypatch.setattr(OrganisationForm, "validate_unique", lambda form: None)

    def registered_meanwhile(**kwargs):
        raise DomainError("KRS number already registered.", field="krs")

    monkeypatch.setattr(services, "check_duplicates", registered_meanwhile)
    url = f"/admin/ngos/organisation/{organisation.pk}/change/"
    response = admin_client.get(url, headers=EN)
    form = response.context["adminform"].form
    data = {
        name: form[name].value() or ""
        for name in form.fields
        if name not in ("logo", "spheres", "areas")
    }
    data["is_public"] = "on"
    data["description"] = "Opis wpisany przed odmową."
    response = admin_client.post(
        url,
        {**data, **_inlines(admin_client, url), "_save": "Save"},
        headers=EN,
    )
    assert response.status_code == 200
    assert "KRS number already registered." in _errors(response)
    assert "Opis wpisany przed odmową." in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.description != "Opis wpisany przed odmową."
