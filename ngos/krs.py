"""A small client of the public KRS API (Otwarte API KRS, Ministry of Justice).

Only the current extract ("OdpisAktualny") is read, first from register S
(associations, foundations) and then from P (entrepreneurs: an NGO running a business).
Everything here is a convenience: when the service is slow or down, the person fills
the form by hand.
"""

from __future__ import annotations

import logging
import re
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
class KrsMember:
    name: str
    function: str


@dataclass(frozen=True)
class KrsRepresentation:
    """Dział 2 of the extract: the representing organ, its members and the manner."""

    organ: str
    manner: str
    signatures_required: int | None
    note: str
    members: tuple[KrsMember, ...] = ()


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
    website: str = ""
    representation: KrsRepresentation | None = None

    def as_form_data(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("register", "legal_form_name", "representation"):
            data.pop(key)
        return data


# Legal forms of non-governmental organisations as the register spells them, most
# specific first, compared without diacritics (some extracts drop them). A company
# (spółka) is an art. 3 ust. 3 entity only when its articles say it is not for
# profit, which the register does not record: its form is left for the person.
_LEGAL_FORMS = [
    ("KOLO GOSPODYN WIEJSKICH", Organisation.LegalForm.RURAL_HOUSEWIVES_CIRCLE),
    ("SPOLDZIELNIA SOCJALNA", Organisation.LegalForm.SOCIAL_COOPERATIVE),
    ("KLUB SPORTOWY", Organisation.LegalForm.SPORTS_CLUB),
    ("KULTURY FIZYCZNEJ", Organisation.LegalForm.SPORTS_CLUB),
    ("ZWIAZEK SPORTOWY", Organisation.LegalForm.SPORTS_CLUB),
    (
        "ZWIAZEK JEDNOSTEK SAMORZADU",
        Organisation.LegalForm.ASSOCIATION_OF_LOCAL_GOVERNMENTS,
    ),
    (
        "STOWARZYSZENIE JEDNOSTEK SAMORZADU",
        Organisation.LegalForm.ASSOCIATION_OF_LOCAL_GOVERNMENTS,
    ),
    ("STOWARZYSZENIE ZWYKLE", Organisation.LegalForm.ORDINARY_ASSOCIATION),
    ("FUNDACJA", Organisation.LegalForm.FOUNDATION),
    ("STOWARZYSZENIE", Organisation.LegalForm.ASSOCIATION),
    ("ZWIAZEK STOWARZYSZEN", Organisation.LegalForm.ASSOCIATION),
]


def _plain(value: str) -> str:
    """Upper case without Polish diacritics, for comparing the register's spellings."""
    import unicodedata

    folded = unicodedata.normalize("NFKD", (value or "").upper().replace("Ł", "L"))
    return "".join(c for c in folded if not unicodedata.combining(c))


def legal_form_from(name: str) -> str:
    """The portal's legal form for the register's ``formaPrawna``, or "" for a
    form that is not one of a non-governmental organisation (the person chooses)."""
    plain = _plain(name)
    for fragment, form in _LEGAL_FORMS:
        if fragment in plain:
            return str(form)
    return ""


# Words written in lower case inside a name, as Polish spelling has them.
_LOWER = {
    "a", "i", "o", "u", "w", "we", "z", "ze", "na", "do", "dla", "od", "po", "pod",
    "przy", "oraz", "lub", "im.", "nr", "ul.", "al.", "os.", "pl.", "przez", "nad",
    "ku", "bez", "sp.", "o.o.", "z.o.o.",
}  # fmt: skip
# Legal forms at the end of a company's name are written in lower case.
_FORM_SUFFIXES = [
    "spółka z ograniczoną odpowiedzialnością",
    "spolka z ograniczona odpowiedzialnoscia",
    "spółka akcyjna",
    "spolka akcyjna",
    "spółka komandytowa",
    "sp. z o.o.",
]


def _word(word: str, first: bool) -> str:
    lower = word.lower()
    if not first and lower in _LOWER:
        return lower
    if any(c.isdigit() for c in word) or re.fullmatch(r"[IVXLC]+\.?", word):
        return word
    if re.fullmatch(r"[A-ZĄĆĘŁŃÓŚŹŻ]{2,4}", word) and not re.search(
        r"[AEIOUYĄĘÓ]", word
    ):
        return word  # an acronym such as "PCK", "KGW", "LZS"
    out, capital = [], True
    for c in lower:
        out.append(c.upper() if capital and c.isalpha() else c)
        if c.isalpha():
            capital = False
        elif c in "-(„\"'/.":
            capital = True
    return "".join(out)


def readable(value: str, *, street: bool = False) -> str:
    """A name in the register's capitals written as Polish spelling has it.

    "STOWARZYSZENIE PRZYJACIÓŁ SZKOŁY NR 1 W RADLINIE" becomes "Stowarzyszenie
    Przyjaciół Szkoły nr 1 w Radlinie", "KĘDZIERZYN-KOŹLE" "Kędzierzyn-Koźle".
    A street keeps its abbreviation in lower case ("ul. Świerklańska"). Text that
    is not all capitals is left as it is.
    """
    value = " ".join((value or "").split())
    if not value or value != value.upper():
        return value
    words = value.split(" ")
    text = " ".join(_word(w, i == 0 and not street) for i, w in enumerate(words))
    lowered = text.lower()
    for suffix in _FORM_SUFFIXES:
        if lowered.endswith(" " + suffix):
            return text[: -len(suffix)] + suffix
    return text


def _safe(clean, value: str) -> str:
    try:
        return clean(value or "")
    except ValidationError:
        return ""


def address_lines(address: dict[str, Any]) -> tuple[str, str, str]:
    """(street and number, postal code, post-office town) as a Polish address has them.

    A seat in a village without streets is "Szadowo 1, 82-500 Kwidzyn": the village
    and the house number, then the post office's code and town. A street in a place
    whose post office is elsewhere keeps the place: "ul. Lipowa 3, Kamieniec".
    """
    place = readable(address.get("miejscowosc") or "")
    post = readable(address.get("poczta") or "") or place
    number = (address.get("nrDomu") or "").strip()
    if address.get("nrLokalu"):
        number = f"{number}/{address['nrLokalu'].strip()}"
    street = readable(address.get("ulica") or "", street=True)
    if street:
        line = " ".join(p for p in (street, number) if p)
        if place and post and place != post:
            line = f"{line}, {place}"
    else:
        line = " ".join(p for p in (place, number) if p)
    return line, (address.get("kodPocztowy") or "").strip(), post


def _website(value: str) -> str:
    value = (value or "").strip().lower()
    if not value:
        return ""
    return value if re.match(r"^https?://", value) else f"http://{value}"


_COUNTS = {
    "JEDNEGO": 1, "JEDEN": 1, "JEDNOOSOBOWO": 1, "SAMODZIELNIE": 1,
    "DWOCH": 2, "DWU": 2, "DWAJ": 2, "DWOJGA": 2, "DWOCH CZLONKOW": 2,
    "TRZECH": 3, "TRZEJ": 3, "CZTERECH": 4,
}  # fmt: skip
_TOGETHER = re.compile(r"\b(LACZNIE|WSPOLNIE|WSPOLDZIALANIE|DZIALAJACYCH LACZNIE)\b")
_ALONE = re.compile(r"\b(SAMODZIELNIE|JEDNOOSOBOWO)\b")
_CONDITIONAL = re.compile(
    r"\b(W PRZYPADKU|JEZELI|GDY|ALBO|LUB|BADZ|PROKURENT\w*|PELNOMOCNIK\w*|"
    r"POWYZEJ|DO KWOTY|ZOBOWIAZAN\w* MAJATKOW\w*|PREZES\w* ZARZADU SAMODZIELNIE)\b"
)


def signatures_from(manner: str) -> int | None:
    """How many members must sign, when the manner of representation says it plainly.

    "dwóch członków zarządu działających łącznie" is 2, "każdy członek zarządu
    samodzielnie" is 1. A manner with conditions, alternatives, proxies or amounts
    ("w przypadku zarządu wieloosobowego … albo … łącznie z prokurentem") is None:
    the clerk decides.
    """
    plain = _plain(manner)
    if not plain or _CONDITIONAL.search(plain):
        return None
    counts = {n for word, n in _COUNTS.items() if re.search(rf"\b{word}\b", plain)} - (
        {1} if _TOGETHER.search(plain) and not _ALONE.search(plain) else set()
    )
    if _ALONE.search(plain) and not _TOGETHER.search(plain):
        return 1 if counts <= {1} else None
    if _TOGETHER.search(plain) and len(counts) == 1 and min(counts) >= 2:
        return counts.pop()
    return None


def _person(entry: dict[str, Any]) -> str:
    names = entry.get("imiona") or {}
    surname = entry.get("nazwisko") or {}
    first = " ".join(
        v for k, v in sorted(names.items()) if isinstance(v, str) and v.strip()
    )
    last = "-".join(
        v for k, v in sorted(surname.items()) if isinstance(v, str) and v.strip()
    )
    return readable(" ".join(p for p in (first, last) if p))


def representation_from(dzial2: dict[str, Any]) -> KrsRepresentation | None:
    from django.utils.translation import gettext

    organ = dzial2.get("reprezentacja")
    if isinstance(organ, list):
        organ = organ[0] if organ else None
    if not isinstance(organ, dict) or not organ.get("nazwaOrganu"):
        return None
    manner = " ".join((organ.get("sposobReprezentacji") or "").split())
    members = []
    suspended = 0
    sklad = organ.get("sklad") or []
    for entry in sklad if isinstance(sklad, list) else [sklad]:
        if entry.get("czyZawieszona"):
            suspended += 1
            continue
        members.append(
            KrsMember(_person(entry), readable(entry.get("funkcjaWOrganie") or ""))
        )
    required = signatures_from(manner)
    notes = []
    if required is None:
        notes.append(
            gettext(
                "The manner of representation does not say plainly how many members "
                "must sign together: a clerk sets the number from its text."
            )
        )
    elif required > max(len(members), 1):
        notes.append(
            gettext(
                "The manner of representation asks for more signatures than the "
                "register lists members: a clerk checks it."
            )
        )
    if any("*" in m.name for m in members):
        notes.append(
            gettext(
                "The public register shows members' names shortened (“J*** K****”): "
                "complete them from the full extract or the statute."
            )
        )
    if suspended:
        notes.append(
            gettext("%(count)s suspended member(s) of the organ are left out.")
            % {"count": suspended}
        )
    return KrsRepresentation(
        organ=readable(organ.get("nazwaOrganu") or ""),
        manner=manner,
        signatures_required=required,
        note=" ".join(notes),
        members=tuple(members),
    )


def parse_extract(payload: dict[str, Any], *, register: str) -> KrsExtract:
    """Map a current extract to the fields of an organisation and its representation."""
    odpis = payload.get("odpis") or {}
    header = odpis.get("naglowekA") or {}
    dane = odpis.get("dane") or {}
    dzial1 = dane.get("dzial1") or {}
    entity = dzial1.get("danePodmiotu") or {}
    ids = entity.get("identyfikatory") or {}
    seat = dzial1.get("siedzibaIAdres") or {}
    street, postal_code, city = address_lines(seat.get("adres") or {})
    form_name = entity.get("formaPrawna", "")
    return KrsExtract(
        krs=clean_krs(header.get("numerKRS", "")),
        register=register,
        name=readable(entity.get("nazwa") or ""),
        legal_form=legal_form_from(form_name),
        legal_form_name=form_name,
        street=street,
        postal_code=postal_code,
        city=city,
        nip=_safe(clean_nip, ids.get("nip", "")),
        regon=_safe(clean_regon, ids.get("regon", "")),
        is_opp=bool(entity.get("czyPosiadaStatusOPP")),
        website=_website(seat.get("adresStronyInternetowej") or ""),
        representation=representation_from(dane.get("dzial2") or {}),
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
