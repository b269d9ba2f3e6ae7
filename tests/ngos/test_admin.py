import csv
import io

import pytest
from openpyxl import load_workbook

from cooperation.core.workflow import history
from ngos.models import Membership, Organisation
from tests.cooperation.factories import with_totp
from tests.ngos.factories import MembershipFactory, OrganisationFactory, SphereFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, clerk):
    with_totp(clerk)
    client.force_login(clerk)
    return client


def _rows_of_csv(response) -> list[list[str]]:
    return list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )


def test_exports_hold_exactly_the_filtered_list(admin_client):
    sphere = SphereFactory()
    shown = OrganisationFactory(
        name="Fundacja Widoczna", legal_form="foundation", is_opp=True
    )
    shown.spheres.add(sphere)
    OrganisationFactory(name="Fundacja Bez Sfery", legal_form="foundation", is_opp=True)
    OrganisationFactory(name="Stowarzyszenie", legal_form="association", is_opp=True)
    OrganisationFactory(
        name="Fundacja Niezweryfikowana", legal_form="foundation", unverified=True
    )
    query = f"?verified=yes&legal_form=foundation&is_opp__exact=1&spheres__id__exact={sphere.pk}"
    listing = admin_client.get("/admin/ngos/organisation/" + query)
    assert listing.status_code == 200
    listed = [o.name for o in listing.context["cl"].result_list]
    assert listed == ["Fundacja Widoczna"]
    exported = admin_client.get("/admin/ngos/organisation/export/csv/" + query)
    assert {"private", "no-store"} <= set(exported["Cache-Control"].split(", "))
    rows = _rows_of_csv(exported)
    assert (
        len(rows[0]) == len(listing.context["cl"].list_display) - 1
    )  # without the checkbox
    assert [r[0] for r in rows[1:]] == listed
    exported = admin_client.get("/admin/ngos/organisation/export/xlsx/" + query)
    assert {"private", "no-store"} <= set(exported["Cache-Control"].split(", "))
    sheet = load_workbook(io.BytesIO(exported.content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == listed


def test_export_follows_the_search_box(admin_client):
    OrganisationFactory(name="Klub Szachowy Goniec")
    OrganisationFactory(name="Chór Echo")
    rows = _rows_of_csv(
        admin_client.get("/admin/ngos/organisation/export/csv/?q=Goniec")
    )
    assert [r[0] for r in rows[1:]] == ["Klub Szachowy Goniec"]


def test_list_export_keeps_formulas_as_text(admin_client):
    OrganisationFactory(name="=SUMA(A1:A9) Fundacja")
    rows = _rows_of_csv(admin_client.get("/admin/ngos/organisation/export/csv/"))
    assert [r[0] for r in rows[1:]] == ["'=SUMA(A1:A9) Fundacja"]


def test_verify_action_verifies_and_approves_founder(admin_client, clerk):
    organisation = OrganisationFactory(unverified=True)
    founder = MembershipFactory(organisation=organisation, pending=True, founding=True)
    response = admin_client.post(
        "/admin/ngos/organisation/",
        {"action": "verify", "_selected_action": [organisation.pk]},
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.verified_by == clerk
    assert Membership.objects.get(pk=founder.pk).status == "approved"
    assert [c.to_status for c in history(organisation)] == ["verified"]


def test_clerk_refuses_membership_with_emailed_reason(
    admin_client, django_capture_on_commit_callbacks, mailoutbox
):
    request = MembershipFactory(pending=True)
    url = f"/admin/ngos/membership/{request.pk}/step/refuse/"
    assert admin_client.get(url).status_code == 200
    missing = admin_client.post(url, {"reason": ""})
    assert missing.status_code == 200 and missing.context["form"].errors["reason"]
    with django_capture_on_commit_callbacks(execute=True):
        done = admin_client.post(url, {"reason": "Brak uchwały zarządu."})
    assert done.status_code == 302
    request.refresh_from_db()
    assert request.status == "refused"
    assert "Brak uchwały zarządu." in mailoutbox[0].body


def test_admin_edit_is_audited_by_history(admin_client):
    organisation = OrganisationFactory(name="Stara nazwa", krs="0000413516")
    page = admin_client.get(f"/admin/ngos/organisation/{organisation.pk}/change/")
    form = page.context["adminform"].form
    data = {
        k: ("" if v is None else v)
        for k, v in form.initial.items()
        if k not in ("spheres", "areas", "logo")
    }
    data.update(
        {
            "name": "Nowa nazwa",
            "nip": "123",
            "memberships-TOTAL_FORMS": 0,
            "memberships-INITIAL_FORMS": 0,
            "representation-TOTAL_FORMS": 0,
            "representation-INITIAL_FORMS": 0,
            "cooperation-statuschange-content_type-object_id-TOTAL_FORMS": 0,
            "cooperation-statuschange-content_type-object_id-INITIAL_FORMS": 0,
        }
    )
    data = {k: v for k, v in data.items() if v is not False}
    invalid = admin_client.post(
        f"/admin/ngos/organisation/{organisation.pk}/change/", data
    )
    assert invalid.status_code == 200
    assert "NIP" in str(invalid.context["adminform"].form.errors["nip"])
    data["nip"] = "9721237317"
    saved = admin_client.post(
        f"/admin/ngos/organisation/{organisation.pk}/change/", data
    )
    assert saved.status_code == 302, (
        saved.context["adminform"].form.errors if saved.context else ""
    )
    organisation.refresh_from_db()
    assert organisation.name == "Nowa nazwa"
    assert organisation.history.count() == 2
    assert Organisation.objects.filter(
        pk=organisation.pk, search_text__isnull=False
    ).exists()
