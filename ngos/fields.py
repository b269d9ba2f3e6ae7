"""Model fields for Polish identifiers (rules in :mod:`ngos.validators`).

An identifier field is a ``CharField`` that

- normalises in ``to_python`` (so ``full_clean()``, model forms and the admin store
  ``9721237317`` for ``PL 972-123-73-17``) and again before saving, so a value set in
  code is stored in the same form; look-ups are left as given, so the admin's
  substring search still finds part of a number;
- checks the value with its validator, whose message names the identifier (the
  length is part of that check, so there is no second, generic length message);
- offers a form field that accepts the separators people type, wider than the column.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.db import models

from . import validators as v

# Room in a form for the spaces and dashes of a typed number.
TYPED_MAX_LENGTH = 40


class IdentifierFormField(forms.CharField):
    """A text input that normalises what was typed and checks it."""

    def __init__(
        self,
        *,
        normalise: Callable[[str | None], str],
        display: Callable[[str | None], str] | None = None,
        numeric: bool = True,
        **kwargs: Any,
    ) -> None:
        self.normalise = normalise
        self.display = display
        kwargs["max_length"] = max(kwargs.get("max_length") or 0, TYPED_MAX_LENGTH)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("autocomplete", "off")
        if numeric:
            self.widget.attrs.setdefault("inputmode", "numeric")

    def to_python(self, value: Any) -> str:
        value = super().to_python(value)
        return self.normalise(value) if value else value

    def prepare_value(self, value: Any) -> Any:
        if self.display and isinstance(value, str) and value:
            return self.display(value)
        return value


class IdentifierField(models.CharField):
    """Base of the identifier fields: ``normalise``, ``validator``, form field."""

    normalise: Callable[[str | None], str]
    validator: v._IdentifierValidator
    default_length = 10
    numeric = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", self.default_length)
        super().__init__(*args, **kwargs)
        self.validators[:] = [
            validator
            for validator in self.validators
            if not isinstance(validator, MaxLengthValidator)
        ]

    @property
    def default_validators(self) -> list[Any]:  # type: ignore[override]
        return [self.validator]

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        return self.normalise(value) if value else value

    def get_prep_value(self, value: Any) -> Any:
        # Not normalised: a look-up (``krs__icontains="4135"``) keeps its value.
        return models.CharField.to_python(
            self, models.Field.get_prep_value(self, value)
        )

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = getattr(model_instance, self.attname)
        if value:
            value = self.normalise(value)
            setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]
        defaults: dict[str, Any] = {
            "form_class": IdentifierFormField,
            "normalise": self.normalise,
            "numeric": self.numeric,
            "validators": [self.validator],
        }
        defaults.update(kwargs)
        return super().formfield(**defaults)


class KRSField(IdentifierField):
    """A KRS number: 10 digits with leading zeros."""

    normalise = staticmethod(v.normalise_krs)
    validator = v.validate_krs


class NIPField(IdentifierField):
    """A NIP (tax identification number): 10 digits with a check digit."""

    normalise = staticmethod(v.normalise_nip)
    validator = v.validate_nip


class REGONField(IdentifierField):
    """A REGON: 9 or 14 digits with check digits."""

    normalise = staticmethod(v.normalise_regon)
    validator = v.validate_regon
    default_length = 14


class BankAccountField(IdentifierField):
    """A bank account: a Polish NRB stored as 26 digits, or a foreign IBAN."""

    normalise = staticmethod(v.normalise_bank_account)
    validator = v.validate_bank_account
    default_length = 40
    numeric = False

    def formfield(self, **kwargs: Any) -> Any:
        kwargs.setdefault("display", v.format_bank_account)
        return super().formfield(**kwargs)
