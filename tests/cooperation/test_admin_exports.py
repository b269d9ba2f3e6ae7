"""Every list of the administration downloads what its filters show, as CSV and XLSX,
with the columns and the Polish headers the clerk sees."""

import csv
import io

import openpyxl
import pytest
from django.contrib import admin
from django.contrib.admin.utils import label_for_field
from django.utils import translation
from django.utils.html import strip_tags

from cooperation.core.admin import ListExportMixin
from tests.cooperation.factories import with_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, admin_user):
    """An administrator with an authenticator app, as staff must have one."""
    client.force_login(with_totp(admin_user))
    return client


EXPORTING = sorted(
    (
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, ListExportMixin)
    ),
    key=lambda pair: pair[0]._meta.label,
)


def test_every_portal_list_exports():
    portal = {
        model._meta.label
        for model in admin.site._registry
        if model._meta.app_label
        in {"cooperation", "ngos", "grants", "consultations", "workshops", "programme"}
    }
    assert portal <= {model._meta.label for model, _admin in EXPORTING}


@pytest.mark.parametrize(
    ("model", "model_admin"), EXPORTING, ids=[m._meta.label for m, _a in EXPORTING]
)
def test_a_list_downloads_with_its_polish_headers(admin_client, model, model_admin):
    opts = model._meta
    base = f"/admin/{opts.app_label}/{opts.model_name}/"
    page = admin_client.get(base)
    assert page.status_code == 200
    html = page.content.decode()
    assert f"{base}export/csv/" in html and f"{base}export/xlsx/" in html
    with translation.override("pl"):
        expected = [
            strip_tags(str(label_for_field(c, model, model_admin)))
            for c in model_admin.get_list_display(page.wsgi_request)
            if c != "action_checkbox"
        ]
    response = admin_client.get(f"{base}export/csv/")
    assert response.status_code == 200
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    assert rows[0] == expected
    workbook = openpyxl.load_workbook(
        io.BytesIO(admin_client.get(f"{base}export/xlsx/").content)
    )
    sheet = workbook.active
    assert [c.value for c in next(sheet.iter_rows(max_row=1))] == expected
