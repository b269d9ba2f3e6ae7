"""Every list of the administration downloads what its filters show, as CSV and XLSX,
with the columns and the Polish headers the clerk sees."""

import csv
import io

import openpyxl
import pytest
import time_machine
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.utils import label_for_field
from django.core.management import call_command
from django.utils import translation
from django.utils.html import strip_tags

from cooperation.core.admin import ListExportMixin
from cooperation.core.cache import PORTAL_PACKAGES
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


def _portal_models():
    """Every model of the portal's apps the administration lists (whatever the app:
    grants, council, evaluation, non-financial cooperation, open data …)."""
    return {
        model
        for model in admin.site._registry
        if apps.get_app_config(model._meta.app_label).name.split(".")[0]
        in PORTAL_PACKAGES
    }


def test_every_portal_list_exports():
    portal = {model._meta.label for model in _portal_models()}
    labels = {model._meta.app_label for model in _portal_models()}
    assert {"grants", "council", "evaluation", "nonfinancial", "programme"} <= labels
    assert portal <= {model._meta.label for model, _admin in EXPORTING}


def _labels(model, model_admin, request, language):
    with translation.override(language):
        return [
            strip_tags(str(label_for_field(c, model, model_admin)))
            for c in model_admin.get_list_display(request)
            if c != "action_checkbox"
        ]


# Headers that are the same word in both languages.
SAME_IN_BOTH = {"ID", "NIP", "REGON", "KRS", "format", "status"}


# Mid-year, so that what the demo dates some days back falls in the same year.
@time_machine.travel("2026-06-15 09:00 +0200", tick=True)
def test_every_list_with_the_demos_rows_downloads_them_under_polish_headers(
    admin_client, settings
):
    """The demo's records fill the lists of small grants, initiatives, contracts,
    reports, the council, joint teams and the evaluation; each list downloads every
    row it holds, as CSV and XLSX, under the headers the clerk sees in Polish."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("seed_demo", stdout=io.StringIO())
    problems = []
    with_rows = set()
    for model, model_admin in EXPORTING:
        opts = model._meta
        base = f"/admin/{opts.app_label}/{opts.model_name}/"
        page = admin_client.get(base)
        if page.status_code != 200:
            problems.append((opts.label, "list", page.status_code))
            continue
        request = page.wsgi_request
        polish = _labels(model, model_admin, request, "pl")
        english = _labels(model, model_admin, request, "en")
        untranslated = [
            p
            for p, e in zip(polish, english, strict=True)
            if p == e and p not in SAME_IN_BOTH
        ]
        if untranslated:
            problems.append((opts.label, "not in Polish", untranslated))
        shown = model_admin.get_changelist_instance(request).queryset.count()
        response = admin_client.get(f"{base}export/csv/")
        if response.status_code != 200:
            problems.append((opts.label, "csv", response.status_code))
            continue
        rows = list(
            csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
        )
        if rows[0] != polish or len(rows) - 1 != shown:
            problems.append((opts.label, "csv", rows[0], len(rows) - 1, shown))
        response = admin_client.get(f"{base}export/xlsx/")
        if response.status_code != 200:
            problems.append((opts.label, "xlsx", response.status_code))
            continue
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        header = [c.value for c in next(sheet.iter_rows(max_row=1))]
        if header != polish or sheet.max_row - 1 != shown:
            problems.append((opts.label, "xlsx", header, sheet.max_row - 1, shown))
        if shown:
            with_rows.add(opts.label)
    assert problems == []
    for label in (
        "grants.SmallGrantOffer",
        "grants.InitiativeApplication",
        "grants.Contract",
        "grants.Report",
        "council.Term",
        "nonfinancial.JointTeam",
        "evaluation.AnnualReport",
    ):
        assert label in with_rows, label


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
