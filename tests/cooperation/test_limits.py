"""The shared limits: strict amounts, bounded text, write rates that degrade."""

from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from cooperation.core.limits import (
    AmountField,
    LimitedInputMixin,
    parse_amount,
    rate_limit_exceeded,
    validate_amount,
)


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1234,50", "1234.50"),
        ("1234.50", "1234.50"),
        ("1 234,5", "1234.50"),
        ("1\u00a0234\u00a0567,00", "1234567.00"),
        ("7", "7.00"),
        ("  0,01 ", "0.01"),
        (Decimal("12.3"), "12.30"),
    ],
)
def test_amounts_are_read_the_polish_way(typed, amount):
    assert parse_amount(typed) == Decimal(amount)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("1e-999999", "invalid"),
        ("1E5", "invalid"),
        ("NaN", "invalid"),
        ("Infinity", "invalid"),
        ("-inf", "invalid"),
        ("0,001", "max_decimal_places"),
        ("1,000", "max_decimal_places"),
        ("1.000,5", "ambiguous"),
        ("1,000.50", "ambiguous"),
        ("12 34,00", "invalid"),
        ("+5", "invalid"),
        ("", "required"),
        ("99999999999", "max_value"),
    ],
)
def test_anything_else_is_refused_with_its_reason(typed, code):
    with pytest.raises(ValidationError) as caught:
        parse_amount(typed)
    assert caught.value.code == code


def test_amount_field_refuses_negative_amounts():
    with pytest.raises(ValidationError):
        AmountField().clean("-5,00")


@pytest.mark.parametrize(
    "value", [Decimal("NaN"), Decimal("Infinity"), Decimal("1E-999999"), -1]
)
def test_model_level_amounts_are_finite_grosze(value):
    with pytest.raises(ValidationError):
        validate_amount(value)


def test_text_fields_are_bounded_and_refuse_nul(settings):
    settings.TEXT_MAX_LENGTH = 10

    class Form(LimitedInputMixin, forms.Form):
        text = forms.CharField()
        short = forms.CharField(max_length=5)

    assert Form({"text": "x" * 10, "short": "abc"}).is_valid()
    too_long = Form({"text": "x" * 11, "short": "abcdef"})
    assert not too_long.is_valid() and set(too_long.errors) == {"text", "short"}
    nul = Form({"text": "a\x00b", "short": "a"})
    assert not nul.is_valid()
    assert nul.errors["text"].as_data()[0].code == "null_characters_not_allowed"


def test_rate_limit_counts_per_person(settings, django_user_model, db):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "write": "2/1m"}
    request = RequestFactory().post("/")
    request.user = django_user_model.objects.create(username="a", email="a@e.pl")
    other = RequestFactory().post("/")
    other.user = django_user_model.objects.create(username="b", email="b@e.pl")
    assert rate_limit_exceeded(request) is None
    assert rate_limit_exceeded(request) is None
    assert rate_limit_exceeded(request)
    assert rate_limit_exceeded(other) is None


PORTAL_APPS = {
    "cooperation",
    "programme",
    "ngos",
    "grants",
    "consultations",
    "workshops",
}
# Written by the portal itself, never typed: a worker's error, the search index.
DERIVED_TEXT = {
    ("cooperation", "notification", "last_error"),
    ("cooperation", "generateddocument", "error"),
    ("ngos", "organisation", "search_text"),
}


def _portal_text_fields():
    from django.apps import apps
    from django.db import models

    for model in apps.get_models():
        # Field histories are copies that django-simple-history writes.
        if model._meta.app_label not in PORTAL_APPS or model.__name__.startswith(
            "Historical"
        ):
            continue
        for field in model._meta.concrete_fields:
            key = (model._meta.app_label, model._meta.model_name, field.name)
            if isinstance(field, models.TextField) and key not in DERIVED_TEXT:
                yield model, field


def test_every_model_text_field_has_a_server_side_limit_and_refuses_nul():
    from cooperation.core.limits import TextLimit, reject_nul

    fields = list(_portal_text_fields())
    assert len(fields) > 50
    for model, field in fields:
        kinds = [v.kind for v in field.validators if isinstance(v, TextLimit)]
        assert kinds, f"{model._meta.label}.{field.name} has no limit"
        assert reject_nul in field.validators, f"{model._meta.label}.{field.name}"


def test_full_clean_refuses_a_3_mb_text_and_a_nul_character(settings, db):
    from cooperation.programme.models import Programme
    from grants.models import Offer

    offer = Offer(place="x" * 3_000_000, method="a\x00b")
    with pytest.raises(ValidationError) as refused:
        offer.clean_fields()
    errors = refused.value.error_dict
    assert errors["place"][0].code == "max_length"
    assert errors["method"][0].code == "null_characters_not_allowed"
    settings.TEXT_MAX_LENGTH = 100
    programme = Programme(year=2030, goals="x" * 101)
    with pytest.raises(ValidationError) as refused:
        programme.clean_fields()
    assert "goals" in refused.value.error_dict


def test_comment_and_draft_texts_keep_their_own_limits(settings):
    from consultations.models import Comment, DraftVersion

    settings.TEXT_MAX_LENGTH = 10
    DraftVersion._meta.get_field("source_text").clean("x" * 1000, None)
    Comment._meta.get_field("justification").clean("x" * 1000, None)
    settings.COMMENT_MAX_LENGTH = 100
    with pytest.raises(ValidationError):
        Comment._meta.get_field("justification").clean("x" * 101, None)


def test_every_admin_form_bounds_text_and_refuses_nul(rf, django_user_model, db):
    """Each portal ModelAdmin and inline: every text box has a limit and the NUL rule."""
    from django.contrib import admin

    from cooperation.core.limits import reject_nul

    request = rf.get("/admin/")
    request.user = django_user_model.objects.create(
        username="root", email="root@example.org", is_superuser=True, is_staff=True
    )
    checked = 0
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in PORTAL_APPS:
            continue
        forms_ = [model_admin.get_form(request, None)]
        forms_ += [
            inline.get_formset(request, None).form
            for inline in model_admin.get_inline_instances(request, None)
        ]
        for form_class in forms_:
            form = form_class()
            for name, field in form.fields.items():
                if isinstance(field, forms.CharField):
                    where = f"{model_admin}: {form_class.__name__}.{name}"
                    assert field.max_length is not None, where
                    assert reject_nul in field.validators, where
                    checked += 1
    assert checked > 50


def test_anonymous_writes_are_counted_per_visitor_behind_a_trusted_proxy(settings):
    from django.contrib.auth.models import AnonymousUser
    from django.core.cache import cache
    from django.test import RequestFactory

    from cooperation.core.limits import rate_limit_exceeded

    cache.clear()
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "write": "2/10m"}

    def write(address: str) -> str | None:
        request = RequestFactory().post(
            "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=address
        )
        request.user = AnonymousUser()
        return rate_limit_exceeded(request)

    assert write("203.0.113.5") is None
    assert write("203.0.113.5") is None
    assert write("203.0.113.5")  # the third write of the same visitor is refused
    assert write("198.51.100.7") is None  # another visitor behind the same proxy
