"""Limits on what people send: text lengths, NUL characters, uploads, amounts, write rates.

* Every text field of the portal's forms is bounded (:class:`LimitedInputMixin`, or
  :func:`limit_fields` for forms built otherwise): ``TEXT_MAX_LENGTH`` characters,
  ``COMMENT_MAX_LENGTH`` for the fields of a consultation comment and
  ``DRAFT_MAX_LENGTH`` for the text of a draft act. A NUL character (which
  PostgreSQL cannot store) is refused with a message. Uploads are bounded by
  ``UPLOAD_MAX_MB``.
* Amounts of money are typed into :class:`AmountField`: digits with a Polish decimal
  comma (or a dot), spaces between thousands, at most two decimal places; anything
  else ("1e-5", "NaN", "1.000,50") is refused with a message, never guessed.
  :func:`validate_amount` is the same rule on the model fields, for the admin.
* Writes are rate-limited per person (:func:`rate_limit_exceeded`,
  :func:`rate_limited`), ``RATE_LIMITS``; with the cache down they are allowed.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import wraps
from typing import Any

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

CENT = Decimal("0.01")
# The largest amount the portal's money fields hold (12 digits, 2 after the comma).
MAX_AMOUNT = Decimal("9999999999.99")


# --- Text --------------------------------------------------------------------------


def text_limit(kind: str = "text") -> int:
    """The most characters a text field of ``kind`` takes (text, comment or draft)."""
    names = {
        "text": "TEXT_MAX_LENGTH",
        "comment": "COMMENT_MAX_LENGTH",
        "draft": "DRAFT_MAX_LENGTH",
    }
    return int(getattr(settings, names[kind]))


def upload_limit() -> int:
    """The largest upload, in bytes."""
    return int(settings.UPLOAD_MAX_MB) * 1024 * 1024


def reject_nul(value: Any) -> None:
    if isinstance(value, str) and "\x00" in value:
        raise ValidationError(
            _(
                "The text contains a NUL character (code 0), which cannot be stored. "
                "It usually comes from pasting from another program: remove it, "
                "or retype the text around it."
            ),
            code="null_characters_not_allowed",
        )


@deconstructible
class TextLimit:
    """At most :func:`text_limit` characters of ``kind``, read from the settings."""

    def __init__(self, kind: str = "text") -> None:
        self.kind = kind

    def __call__(self, value: Any) -> None:
        limit = text_limit(self.kind)
        if isinstance(value, str) and len(value) > limit:
            raise ValidationError(
                _(
                    "This text is too long: %(length)s characters, at most "
                    "%(limit)s are accepted. Shorten it; what you typed is kept here."
                ),
                code="max_length",
                params={"length": f"{len(value):,}".replace(",", " "), "limit": limit},
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TextLimit) and other.kind == self.kind


def _upload_size(value: Any) -> None:
    size = getattr(value, "size", None)
    if size is not None and size > upload_limit():
        raise ValidationError(
            _("The file is too large: %(size)s MB, at most %(limit)s MB are accepted."),
            code="file_too_large",
            params={
                "size": f"{size / 2**20:.1f}".replace(".", ","),
                "limit": settings.UPLOAD_MAX_MB,
            },
        )


def limit_fields(form: forms.BaseForm, kinds: dict[str, str] | None = None) -> None:
    """Bound every text field and upload of ``form`` and refuse NUL characters.

    ``kinds`` names the limit of particular fields (``{"justification": "comment"}``);
    the others get the ``text`` limit. A field with a smaller ``max_length`` of its
    own keeps it.
    """
    kinds = kinds or {}
    for name, field in form.fields.items():
        if isinstance(field, forms.CharField):
            limit = text_limit(kinds.get(name, "text"))
            if field.max_length is None or field.max_length > limit:
                field.max_length = limit
                field.validators.append(TextLimit(kinds.get(name, "text")))
            field.validators = [
                v
                for v in field.validators
                if type(v).__name__ != "ProhibitNullCharactersValidator"
            ]
            if reject_nul not in field.validators:
                field.validators.insert(0, reject_nul)
            # A browser cuts pasted text at ``maxlength`` without a word: the server
            # says so instead, and keeps what was typed.
            field.widget.attrs.pop("maxlength", None)
        elif (
            isinstance(field, forms.FileField) and _upload_size not in field.validators
        ):
            field.validators.append(_upload_size)


class LimitedTextField(models.TextField):
    """A model TextField with a server-side maximum and no NUL characters.

    ``kind`` names the limit (:func:`text_limit`: ``text``, ``comment`` or
    ``draft``), read from the settings when a value is checked, so the admin, the
    portal's forms, ``full_clean()`` and any import that validates refuse the same
    texts with the same message.
    """

    def __init__(self, *args: Any, kind: str = "text", **kwargs: Any) -> None:
        self.kind = kind
        super().__init__(*args, **kwargs)

    @property
    def default_validators(self) -> list[Any]:  # type: ignore[override]
        return [reject_nul, TextLimit(self.kind)]

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.kind != "text":
            kwargs["kind"] = self.kind
        return name, path, args, kwargs


class LimitedInputMixin:
    """Form mixin: :func:`limit_fields` on the form's fields (``text_limits`` names kinds)."""

    text_limits: dict[str, str] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_fields(self, self.text_limits)  # type: ignore[arg-type]


class LimitedModelForm(LimitedInputMixin, forms.ModelForm):
    """The admin's default form: bounded text, strict amounts, every unique rule checked."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        strict_amounts(self)

    def validate_unique(self) -> None:
        super().validate_unique()
        if not self.errors:
            validate_left_out_uniques(self)


def duplicate_message(model: type[models.Model], fields: Iterable[str]) -> str:
    """The message for a record that would repeat another's unique ``fields``."""
    labels = ", ".join(str(model._meta.get_field(name).verbose_name) for name in fields)
    return gettext(
        "Not saved: another record has the same %(fields)s. Change it and save again."
    ) % {"fields": labels}


def validate_left_out_uniques(form: forms.ModelForm) -> None:
    """Unique fields and constraints that involve fields the form leaves out.

    Django checks only the rules whose fields are all on the form; a read-only
    status, or a value the admin sets, would otherwise reach the database and fail
    there. The instance holds the values it will be saved with.
    """
    instance = form.instance
    model = type(instance)
    left_out = {f.name for f in model._meta.concrete_fields} - set(form.fields)
    if not left_out:
        return
    for field in model._meta.concrete_fields:
        if not field.unique or field.primary_key or field.name not in left_out:
            continue
        value = getattr(instance, field.attname)
        if value in (None, ""):
            continue
        others = model._default_manager.filter(**{field.attname: value})
        if instance.pk is not None:
            others = others.exclude(pk=instance.pk)
        if others.exists():
            form.add_error(None, duplicate_message(model, [field.name]))
    for constraint in model._meta.constraints:
        if not isinstance(constraint, models.UniqueConstraint) or not constraint.fields:
            continue
        try:
            constraint.validate(model, instance)
        except ValidationError:
            form.add_error(None, duplicate_message(model, constraint.fields))


def clean_text(value: str, kind: str = "text") -> str:
    """A text typed outside a form, checked as a form field would be (ValidationError)."""
    reject_nul(value)
    TextLimit(kind)(value)
    return value


# --- Amounts -----------------------------------------------------------------------

# Digits in groups of three separated by spaces, or plain digits; then a decimal
# comma or dot with the grosze.
AMOUNT = re.compile(r"^(?P<int>\d{1,3}(?: \d{3})+|\d+)(?:[.,](?P<frac>\d+))?$")
SPACES = re.compile(r"[\s\u00a0\u202f]+")


def parse_amount(raw: Any, *, places: int = 2) -> Decimal:
    """A typed amount as a Decimal with ``places`` decimal places, or ValidationError.

    "1234,50", "1 234,50" and "1234.50" are the same amount. Exponents, "NaN",
    "Infinity", signs other than a leading minus, two separators ("1.000,50") and more
    than ``places`` decimal places are refused, each with its own message.
    """
    if isinstance(raw, Decimal):
        text = format(raw, "f") if raw.is_finite() else str(raw)
    else:
        text = str(raw)
    text = SPACES.sub(" ", text.strip())
    negative = text.startswith("-")
    if negative:
        text = text[1:].strip()
    if not text:
        raise ValidationError(_("Enter an amount."), code="required")
    if re.search(r"[^\d ,.]", text):
        raise ValidationError(
            _(
                "Write the amount in digits, with a comma before the grosze, for "
                "example 1234,50."
            ),
            code="invalid",
        )
    if text.count(",") + text.count(".") > 1:
        raise ValidationError(
            _(
                "Write the amount without dots or commas between thousands, with one "
                "comma before the grosze, for example 1000,50."
            ),
            code="ambiguous",
        )
    match = AMOUNT.match(text)
    if not match:
        raise ValidationError(
            _(
                "Write the amount in digits, with a comma before the grosze, for "
                "example 1234,50."
            ),
            code="invalid",
        )
    fraction = match.group("frac") or ""
    if len(fraction) > places:
        raise ValidationError(
            _(
                "Amounts are given to the grosz: at most two digits after the comma "
                "(you wrote %(value)s)."
            )
            if places == 2
            else _("At most %(places)s digits after the comma (you wrote %(value)s)."),
            code="max_decimal_places",
            params={"value": str(raw)[:40], "places": places},
        )
    digits = match.group("int").replace(" ", "")
    try:
        value = Decimal(f"{digits}.{fraction or '0'}")
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits digits only
        raise ValidationError(_("Enter an amount."), code="invalid") from exc
    if value > MAX_AMOUNT:
        raise ValidationError(
            _("The amount is too large: at most %(max)s."),
            code="max_value",
            params={"max": "9 999 999 999,99"},
        )
    value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return -value if negative else value


def validate_amount(value: Any) -> None:
    """Model-level rule for money: a finite amount of 0 or more, to the grosz."""
    if value is None:
        return
    try:
        decimal = Decimal(value)
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise ValidationError(_("Enter an amount."), code="invalid") from exc
    if not decimal.is_finite():
        raise ValidationError(_("Enter an amount."), code="invalid")
    if decimal < 0:
        raise ValidationError(_("Give an amount of 0 or more."), code="min_value")
    if decimal != decimal.quantize(CENT) or decimal > MAX_AMOUNT:
        parse_amount(format(decimal, "f"))


class AmountField(forms.DecimalField):
    """An amount typed the Polish way ("1 234,50"), strictly parsed: see :func:`parse_amount`.

    Shown with a decimal comma; negative amounts are refused unless ``min_value`` says
    otherwise.
    """

    widget = forms.TextInput

    def __init__(self, *args: Any, places: int = 2, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", Decimal(0))
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", places)
        kwargs.setdefault("localize", True)
        self.places = places
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.is_localized = True
        for validator in self.validators:
            if getattr(validator, "limit_value", None) == self.min_value:
                validator.message = _("Give an amount of %(limit_value)s or more.")

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values:
            return None
        return parse_amount(value, places=self.places)

    def validate(self, value: Any) -> None:
        forms.Field.validate(self, value)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {"inputmode": "decimal"}


def strict_amounts(form: forms.BaseForm) -> None:
    """Replace the decimal fields of ``form`` (from its models) by :class:`AmountField`."""
    for name, field in list(form.fields.items()):
        if isinstance(field, forms.DecimalField) and not isinstance(field, AmountField):
            amount = AmountField(
                required=field.required,
                label=field.label,
                help_text=field.help_text,
                initial=field.initial,
                disabled=field.disabled,
                places=field.decimal_places if field.decimal_places is not None else 2,
                min_value=field.min_value if field.min_value is not None else 0,
                max_value=field.max_value,
            )
            amount.widget.attrs = {
                **{k: v for k, v in field.widget.attrs.items() if k != "step"},
                "inputmode": "decimal",
            }
            form.fields[name] = amount


# --- Rates -------------------------------------------------------------------------

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _rate(scope: str) -> tuple[int, int]:
    """(count, seconds) of ``RATE_LIMITS[scope]``, e.g. "10/10m" is 10 per 10 minutes."""
    spec = settings.RATE_LIMITS.get(scope) or settings.RATE_LIMITS["write"]
    count, _slash, period = spec.partition("/")
    number = period.rstrip("smhd") or "1"
    unit = period[len(number) :] or "s"
    return int(count), int(number) * UNITS[unit]


def client_address(request: HttpRequest) -> str:
    """The visitor's address, taken from ``X-Forwarded-For`` behind the number of
    proxies ``TRUSTED_PROXY_COUNT`` names, as the log-in limits take it."""
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except Exception:  # noqa: BLE001 - a malformed header: the connecting address
        return request.META.get("REMOTE_ADDR", "")


def rate_limit_exceeded(request: HttpRequest, scope: str = "write") -> str | None:
    """Count one write of ``scope`` by this person; the message to show when over the limit.

    Counted per signed-in person (per address for anonymous visitors) in a fixed
    window, in the cache. When the cache cannot be reached the write is allowed:
    a limit is a guard, not a reason to refuse a person's work.
    """
    count, seconds = _rate(scope)
    if count <= 0:
        return None
    user = getattr(request, "user", None)
    who = (
        f"u{user.pk}"
        if user is not None and user.is_authenticated
        else f"ip{client_address(request)}"
    )
    window = int(time.time() // seconds)
    key = f"rate:{scope}:{who}:{window}"
    try:
        cache.add(key, 0, seconds + 5)
        used = cache.incr(key)
    except Exception:  # noqa: BLE001 - any cache failure: allow, and say so in the log
        logger.warning("Rate limit of %s not checked: the cache is unavailable", scope)
        return None
    if used <= count:
        return None
    minutes = max(1, round((seconds - time.time() % seconds) / 60))
    return gettext(
        "You have sent this too many times in a short while (at most %(count)s in "
        "%(period)s). Nothing was saved; wait %(minutes)s min. and send it again: "
        "what you typed is kept."
    ) % {"count": count, "period": _period(seconds), "minutes": minutes}


def _period(seconds: int) -> str:
    if seconds % 3600 == 0:
        return gettext("%(n)s h") % {"n": seconds // 3600}
    if seconds % 60 == 0:
        return gettext("%(n)s min.") % {"n": seconds // 60}
    return gettext("%(n)s s") % {"n": seconds}


def rate_limited(scope: str = "write") -> Callable[[Callable[..., Any]], Any]:
    """View decorator: a POST over the limit of ``scope`` answers the 429 page."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if request.method == "POST":
                message = rate_limit_exceeded(request, scope)
                if message:
                    return too_many(request, message)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def too_many(request: HttpRequest, message: str) -> HttpResponse:
    response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = "60"
    return response
