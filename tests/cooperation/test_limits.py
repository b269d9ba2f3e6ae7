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
