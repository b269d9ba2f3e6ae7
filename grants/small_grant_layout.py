"""The simplified offer's layout (art. 19a; Dz.U. 2018 poz. 2055, załącznik nr 1).

The parts follow the fields of :class:`grants.models.SmallGrantOffer`, which keeps
the template's part numbers in its labels. The steps of the NGO's form, the fields
a submission needs and the content its checksum covers are read from here by the
forms, the views and the services alike.

SOURCE STATUS: the regulation's title ("w sprawie uproszczonego wzoru oferty i
uproszczonego wzoru sprawozdania z realizacji zadania publicznego", 24 October 2018)
and its annexes (nr 1 the offer, nr 2 the report) are given alike by
https://ngo.slaskie.pl/content/dotacje-ngo---dokumenty-nowe-wzory and
https://wrotapodlasia.pl/pl/kultura/finanse/otwarte_konkursy_ofert/wzory_drukow/wzory-drukow.html;
its number (poz. 2055) by the first only. The parts I–VI and their headings were
found in no source and are not verified. The statements are office data, pasted by a
clerk.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from django.db.models import Field
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models.small_grants import SmallGrantOffer

Label = str | Promise

SECTION_FIELDS: dict[str, list[str]] = {
    "I": ["addressed_to", "priority", "title", "start_date", "end_date"],
    "II": [
        "offeror_name",
        "offeror_legal_form",
        "offeror_register",
        "offeror_address",
        "offeror_website",
        "offeror_correspondence",
        "offeror_email",
        "offeror_phone",
        "offeror_bank_account",
        "contact_name",
        "contact_phone",
        "contact_email",
    ],
    "III": ["place", "description", "results", "character"],
    "IV": ["experience", "resources"],
    "V": [
        "requested_grant",
        "own_financial",
        "own_non_financial",
        "recipient_payments",
    ],
    "VI": ["statements_confirmed"],
}
EDITABLE_FIELDS = [f for fields in SECTION_FIELDS.values() for f in fields]
# What a submission may leave empty: the rest of parts I–IV is required.
OPTIONAL_FIELDS = frozenset(
    {
        "offeror_website",
        "offeror_correspondence",
        "offeror_phone",
        "contact_phone",
        "contact_email",
    }
)
REQUIRED_FIELDS = [
    name
    for section in ("I", "II", "III", "IV")
    for name in SECTION_FIELDS[section]
    if name not in OPTIONAL_FIELDS and name not in {"start_date", "end_date"}
]
COSTS_TITLE = _("V.A Costs of the task")
# Left out of the public page: the person's contact data and the bank account, which
# the office needs and the public comment does not.
PRIVATE_FIELDS = frozenset(
    {"contact_name", "contact_phone", "contact_email", "offeror_bank_account"}
)


@dataclass(frozen=True)
class Step:
    """One step of the simplified offer's form."""

    number: int
    section: str
    title: Label
    fields: list[str]
    costs: bool = False


STEPS = [
    Step(1, "I", _("Basic information about the offer"), SECTION_FIELDS["I"]),
    Step(2, "II", _("The offeror"), SECTION_FIELDS["II"]),
    Step(3, "III", _("Description of the task"), SECTION_FIELDS["III"]),
    Step(4, "IV", _("The offeror's characteristics"), SECTION_FIELDS["IV"]),
    Step(5, "V", _("Costs and funding"), SECTION_FIELDS["V"], costs=True),
    Step(6, "VI", _("Statements"), SECTION_FIELDS["VI"]),
]


def label(name: str) -> str:
    """The field's name as the form prints it."""
    return str(cast(Field, SmallGrantOffer._meta.get_field(name)).verbose_name)


def sections(
    offer: SmallGrantOffer, *, public: bool = False
) -> list[tuple[Step, list[tuple[str, object]]]]:
    """Each part with its fields' labels and displayed values, for the offer's pages
    (on the public page without :data:`PRIVATE_FIELDS`)."""
    rows = []
    for step in STEPS:
        values: list[tuple[str, object]] = []
        for name in step.fields:
            if name == "statements_confirmed" or (public and name in PRIVATE_FIELDS):
                continue
            field = cast(Field, SmallGrantOffer._meta.get_field(name))
            if field.choices:
                value: object = getattr(offer, f"get_{name}_display")()
            else:
                value = getattr(offer, name)
            values.append((label(name), value))
        rows.append((step, values))
    return rows
