"""A small client of the public KRS API (Otwarte API KRS, Ministry of Justice).

Only the current extract ("OdpisAktualny") is read, first from register S
(associations, foundations) and then from P (entrepreneurs: an NGO running a business).
Everything here is a convenience: when the service is slow or down, the person fills
the form by hand.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from typing import Any

import requests
from django.conf import settings
from django.core.exceptions import ValidationError

from .models import Organisation
from .validators import clean_krs, clean_nip, clean_regon

logger = logging.getLogger(__name__)

BASE_URL = "https://api-krs.ms.gov.pl/api/krs"
REGISTERS = ("S", "P")
DEFAULT_TIMEOUT = 5.0


class KrsError(Exception):
    """The extract could not be read."""


class KrsUnavailable(KrsError):
    """The service did not answer in time or answered with an error."""


class KrsNotFound(KrsError):
    """No entity with this number in either register."""


@dataclass(frozen=True)
class KrsExtract:
    krs: str
    register: str
    name: str
    legal_form: str
    legal_form_name: str
    street: str
    postal_code: str
    city: str
    nip: str
    regon: str
    is_opp: bool

    def as_form_data(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("register")
        data.pop("legal_form_name")
        return data


# Legal forms as the register spells them, most specific first.
_LEGAL_FORMS = [
    ("KOŁO GOSPODYŃ WIEJSKICH", Organisation.LegalForm.RURAL_HOUSEWIVES_CIRCLE),
    ("SPÓŁDZIELNIA SOCJALNA", Organisation.LegalForm.SOCIAL_COOPERATIVE),
    ("KLUB SPORTOWY", Organisation.LegalForm.SPORTS_CLUB),
    ("KULTURY FIZYCZNEJ", Organisation.LegalForm.SPORTS_CLUB),
    ("ZWIĄZEK SPORTOWY", Organisation.LegalForm.SPORTS_CLUB),
    (
        "ZWIĄZEK JEDNOSTEK SAMORZĄDU",
        Organisation.LegalForm.ASSOCIATION_OF_LOCAL_GOVERNMENTS,
    ),
    (
        "STOWARZYSZENIE JEDNOSTEK SAMORZĄDU",
        Organisation.LegalForm.ASSOCIATION_OF_LOCAL_GOVERNMENTS,
    ),
    ("STOWARZYSZENIE ZWYKŁE", Organisation.LegalForm.ORDINARY_ASSOCIATION),
    ("FUNDACJA", Organisation.LegalForm.FOUNDATION),
    ("STOWARZYSZENIE", Organisation.LegalForm.ASSOCIATION),
    ("ZWIĄZEK STOWARZYSZEŃ", Organisation.LegalForm.ASSOCIATION),
    ("SPÓŁKA", Organisation.LegalForm.NONPROFIT_COMPANY),
]


def legal_form_from(name: str) -> str:
    upper = (name or "").upper()
    for fragment, form in _LEGAL_FORMS:
        if fragment in upper:
            return str(form)
    return str(Organisation.LegalForm.OTHER)


def _safe(clean, value: str) -> str:
    try:
        return clean(value or "")
    except ValidationError:
        return ""


def parse_extract(payload: dict[str, Any], *, register: str) -> KrsExtract:
    """Map a current extract to the fields of an organisation."""
    odpis = payload.get("odpis") or {}
    header = odpis.get("naglowekA") or {}
    dzial1 = (odpis.get("dane") or {}).get("dzial1") or {}
    entity = dzial1.get("danePodmiotu") or {}
    ids = entity.get("identyfikatory") or {}
    address = (dzial1.get("siedzibaIAdres") or {}).get("adres") or {}
    street = " ".join(
        p
        for p in [
            address.get("ulica", ""),
            address.get("nrDomu", ""),
        ]
        if p
    )
    if address.get("nrLokalu"):
        street = f"{street}/{address['nrLokalu']}"
    form_name = entity.get("formaPrawna", "")
    return KrsExtract(
        krs=clean_krs(header.get("numerKRS", "")),
        register=register,
        name=(entity.get("nazwa") or "").strip(),
        legal_form=legal_form_from(form_name),
        legal_form_name=form_name,
        street=street,
        postal_code=address.get("kodPocztowy", ""),
        city=(address.get("miejscowosc") or "").title(),
        nip=_safe(clean_nip, ids.get("nip", "")),
        regon=_safe(clean_regon, ids.get("regon", "")),
        is_opp=bool(entity.get("czyPosiadaStatusOPP")),
    )


def fetch_extract(krs: str, *, timeout: float | None = None) -> KrsExtract:
    """The current extract of ``krs``, from register S, else P.

    Raises :class:`KrsNotFound` when neither register has it and
    :class:`KrsUnavailable` when the service cannot be reached in time.
    """
    number = clean_krs(krs)
    timeout = timeout or getattr(settings, "KRS_API_TIMEOUT", DEFAULT_TIMEOUT)
    base = getattr(settings, "KRS_API_URL", BASE_URL)
    for register in REGISTERS:
        try:
            response = requests.get(
                f"{base}/OdpisAktualny/{number}",
                params={"rejestr": register, "format": "json"},
                timeout=timeout,
                headers={"Accept": "application/json"},
            )
        except requests.RequestException as exc:
            logger.info("KRS API unreachable: %s", exc)
            raise KrsUnavailable(str(exc)) from exc
        if response.status_code == 404:
            continue
        if response.status_code != 200:
            raise KrsUnavailable(f"HTTP {response.status_code}")
        try:
            return parse_extract(response.json(), register=register)
        except ValueError as exc:
            raise KrsUnavailable("invalid JSON") from exc
    raise KrsNotFound(number)
