import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from ngos.forms import OrganisationForm

pytestmark = pytest.mark.django_db

BASE = {
    "name": "Fundacja Logo",
    "legal_form": "foundation",
    "krs": "298765",
    "nip": "647-250-00-03",
    "regon": "240876545",
    "postal_code": "44-310",
    "is_public": "on",
}


def _image(fmt: str = "PNG", size=(64, 64)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#2a6").save(buffer, fmt)
    return buffer.getvalue()


def test_identifiers_are_normalised():
    form = OrganisationForm(BASE)
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["krs"], form.cleaned_data["nip"]) == (
        "0000298765",
        "6472500003",
    )


def test_logo_is_checked_by_content_not_by_name():
    fake = SimpleUploadedFile(
        "logo.png", b"<?php echo 'not an image'; ?>", content_type="image/png"
    )
    form = OrganisationForm(BASE, {"logo": fake})
    assert not form.is_valid()
    assert list(form.errors) == ["logo"]


def test_logo_too_large_is_refused():
    big = SimpleUploadedFile("logo.png", _image(), content_type="image/png")
    big.size = 2 * 1024 * 1024
    form = OrganisationForm(BASE, {"logo": big})
    assert not form.is_valid()
    assert "1 MB" in form.errors["logo"][0]


def test_small_png_logo_is_accepted():
    form = OrganisationForm(
        BASE, {"logo": SimpleUploadedFile("l.png", _image(), content_type="image/png")}
    )
    assert form.is_valid(), form.errors


def test_bmp_logo_is_refused():
    form = OrganisationForm(
        BASE,
        {"logo": SimpleUploadedFile("l.bmp", _image("BMP"), content_type="image/bmp")},
    )
    assert not form.is_valid()
    assert "logo" in form.errors


def test_entity_outside_krs_must_name_its_register():
    form = OrganisationForm({**BASE, "krs": ""})
    assert not form.is_valid()
    assert list(form.errors) == ["other_register"]
    assert OrganisationForm(
        {**BASE, "krs": "", "other_register": "Ewidencja starosty, nr 12"}
    ).is_valid()


def test_postal_code_format():
    form = OrganisationForm({**BASE, "postal_code": "44310"})
    assert list(form.errors) == ["postal_code"]
