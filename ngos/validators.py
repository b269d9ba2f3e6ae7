"""Polish identifiers: KRS, NIP, REGON and bank account numbers (NRB or IBAN).

The one place for their rules, with python-stdnum doing the checksums. The model
fields of :mod:`ngos.fields` use them, so every form, the admin, the KRS import and
``full_clean()`` check an identifier the same way.

For each identifier:

- ``normalise_*`` turns what a person typed or an API returned into the stored form
  (separators dropped, a KRS padded with zeros); it never raises, and leaves a value
  it cannot read as typed (without its separators) for the validator to refuse;
- a deconstructible validator (``KRSValidator`` …) accepts a value in any notation and
  raises ``ValidationError`` with a message naming the identifier;
- ``clean_*`` does both, for code outside a form (the KRS client, the register look-up).
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from stdnum import iban as stdnum_iban
from stdnum.pl import nip as stdnum_nip
from stdnum.pl import regon as stdnum_regon

_SEPARATORS = re.compile(r"[\s\-.]")

# A Polish account number (NRB): 2 check digits, 8 of the bank's branch, 16 of the
# account. As an IBAN it is the same 26 digits after "PL".
NRB_LENGTH = 26


def _compact(value: str | None) -> str:
    return _SEPARATORS.sub("", value or "")


def normalise_krs(value: str | None) -> str:
    """``" 413 516"`` → ``"0000413516"``: 10 digits, left-padded with zeros."""
    digits = _compact(value)
    if digits.isdigit() and len(digits) <= 10:
        return digits.zfill(10)
    return digits


def normalise_nip(value: str | None) -> str:
    """``"PL 972-123-73-17"`` → ``"9721237317"``."""
    raw = _compact(value).upper()
    return raw[2:] if raw.startswith("PL") else raw


def normalise_regon(value: str | None) -> str:
    """Separators dropped; a 9-digit REGON padded to 14 digits is the 9-digit one.

    The KRS API returns a 9-digit REGON padded with five zeros, which fails the
    14-digit checksum.
    """
    raw = _compact(value)
    if (
        len(raw) == 14
        and raw.isdigit()
        and raw.endswith("00000")
        and not stdnum_regon.is_valid(raw)
    ):
        return raw[:9]
    return raw


def normalise_bank_account(value: str | None) -> str:
    """A Polish account as its 26 digits (NRB); a foreign IBAN compact, upper case."""
    raw = _compact(value).upper()
    if raw.startswith("PL") and raw[2:].isdigit():
        return raw[2:]
    return raw


def format_bank_account(value: str | None) -> str:
    """A valid number as people write it: ``61 1090 1014 0000 0712 1981 2874``.

    Anything else is returned as given, so a mistyped number is shown as typed.
    """
    raw = normalise_bank_account(value)
    if not raw or not validate_bank_account.is_valid(raw):
        return value or ""
    if raw.isdigit() and len(raw) == NRB_LENGTH:
        return " ".join([raw[:2]] + [raw[i : i + 4] for i in range(2, len(raw), 4)])
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


class _IdentifierValidator:
    """Normalises the value, then checks it; an empty value passes (blank fields)."""

    message: Any  # a lazy translation
    code: str

    def normalise(self, value: str) -> str:
        raise NotImplementedError

    def is_valid(self, compact: str) -> bool:
        raise NotImplementedError

    def error(self, value: str, compact: str) -> ValidationError:
        return ValidationError(self.message, code=self.code, params={"value": value})

    def __call__(self, value: str | None) -> None:
        compact = self.normalise(value or "")
        if compact and not self.is_valid(compact):
            raise self.error(value or "", compact)

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other)

    def __hash__(self) -> int:
        return hash(type(self))


@deconstructible
class KRSValidator(_IdentifierValidator):
    """KRS: up to 10 digits, not all zeros. The register has no check digit."""

    message = _("KRS number: enter up to 10 digits, e.g. 0000123456.")
    code = "krs"

    def normalise(self, value: str) -> str:
        return normalise_krs(value)

    def is_valid(self, compact: str) -> bool:
        return compact.isdigit() and len(compact) == 10 and int(compact) != 0


@deconstructible
class NIPValidator(_IdentifierValidator):
    """NIP: 10 digits with a correct check digit."""

    message = _(
        "NIP: “%(value)s” is not a valid tax identification number (10 digits with a correct check digit)."
    )
    code = "nip"

    def normalise(self, value: str) -> str:
        return normalise_nip(value)

    def is_valid(self, compact: str) -> bool:
        return bool(stdnum_nip.is_valid(compact))


@deconstructible
class REGONValidator(_IdentifierValidator):
    """REGON: 9 or 14 digits with correct check digits."""

    message = _(
        "REGON: “%(value)s” is not a valid statistical number (9 or 14 digits with correct check digits)."
    )
    code = "regon"

    def normalise(self, value: str) -> str:
        return normalise_regon(value)

    def is_valid(self, compact: str) -> bool:
        return bool(stdnum_regon.is_valid(compact))


@deconstructible
class BankAccountValidator(_IdentifierValidator):
    """A Polish account number (NRB, 26 digits, "PL" optional) or a foreign IBAN."""

    message = _(
        "This is not a valid bank account number: check the digits (the checksum does not match)."
    )
    code = "bank_account"

    def normalise(self, value: str) -> str:
        return normalise_bank_account(value)

    def is_valid(self, compact: str) -> bool:
        if compact.isdigit():
            return len(compact) == NRB_LENGTH and bool(
                stdnum_iban.is_valid("PL" + compact)
            )
        return bool(stdnum_iban.is_valid(compact))

    def error(self, value: str, compact: str) -> ValidationError:
        if compact.isdigit() and len(compact) != NRB_LENGTH:
            return ValidationError(
                _("A Polish account number (NRB) has 26 digits."),
                code="bank_account_length",
            )
        return super().error(value, compact)


validate_krs = KRSValidator()
validate_nip = NIPValidator()
validate_regon = REGONValidator()
validate_bank_account = BankAccountValidator()


def clean_krs(value: str | None) -> str:
    """The stored KRS number, or ``ValidationError``; empty stays empty."""
    validate_krs(value)
    return normalise_krs(value)


def clean_nip(value: str | None) -> str:
    """The stored NIP, or ``ValidationError``; empty stays empty."""
    validate_nip(value)
    return normalise_nip(value)


def clean_regon(value: str | None) -> str:
    """The stored REGON, or ``ValidationError``; empty stays empty."""
    validate_regon(value)
    return normalise_regon(value)


def clean_bank_account(value: str | None) -> str:
    """The stored account number, or ``ValidationError``; empty stays empty."""
    validate_bank_account(value)
    return normalise_bank_account(value)
