"""Polish register identifiers: KRS, NIP and REGON, checked with python-stdnum.

Each ``clean_*`` function takes what a person typed or an API returned and gives the
stored form, or raises ``ValidationError`` with a message naming the identifier.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.pl import nip as stdnum_nip
from stdnum.pl import regon as stdnum_regon

_SEPARATORS = re.compile(r"[\s\-.]")


def clean_krs(value: str) -> str:
    """KRS: up to 10 digits, stored left-padded with zeros. There is no checksum."""
    digits = _SEPARATORS.sub("", value or "")
    if not digits:
        return ""
    if not digits.isdigit() or len(digits) > 10 or int(digits) == 0:
        raise ValidationError(
            _("KRS number: enter up to 10 digits, e.g. 0000123456."), code="krs"
        )
    return digits.zfill(10)


def clean_nip(value: str) -> str:
    """NIP: 10 digits with a valid check digit; dashes, spaces and "PL" are dropped."""
    raw = _SEPARATORS.sub("", value or "").upper()
    if raw.startswith("PL"):
        raw = raw[2:]
    if not raw:
        return ""
    try:
        return stdnum_nip.validate(raw)
    except StdnumError:
        raise ValidationError(
            _(
                "NIP: “%(value)s” is not a valid tax identification number (10 digits with a correct check digit)."
            )
            % {"value": value},
            code="nip",
        ) from None


def clean_regon(value: str) -> str:
    """REGON: 9 or 14 digits with valid check digits.

    The KRS API returns a 9-digit REGON padded with five zeros to 14 digits, which
    fails the 14-digit checksum; such a value is the 9-digit REGON.
    """
    raw = _SEPARATORS.sub("", value or "")
    if not raw:
        return ""
    if len(raw) == 14 and raw.endswith("00000") and raw.isdigit():
        raw = raw[:9]
    try:
        return stdnum_regon.validate(raw)
    except StdnumError:
        raise ValidationError(
            _(
                "REGON: “%(value)s” is not a valid statistical number (9 or 14 digits with correct check digits)."
            )
            % {"value": value},
            code="regon",
        ) from None
