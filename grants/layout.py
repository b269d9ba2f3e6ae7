"""The 2018 offer form's layout (Dz.U. 2018 poz. 2057, załącznik nr 1).

Its sections and fields in their order, the repeated rows, and what must be filled in
before submission: the offer's forms, its validators, its PDF and the services all read
the form from here.

SOURCE STATUS of the form's printed words: the statements of part VII (the labels of
``Offer.st_*``, in Polish in the .po file), their lead and the caption of the
signatures are in the order of the project's domain notes (§ 5.2); their Polish words
were found in no source, so they are not verified against Dz.U. 2018 poz. 2057.
The sources found reach only the form's start (a county's adapted copy of zał. nr 1,
https://ngo.powiat.starachowice.pl/st.html, to part III.3).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from django.db.models import Field
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Offer

Label = str | Promise

# The scalar fields of the form, in the order of its sections.
SECTION_FIELDS: dict[str, list[str]] = {
    "I": ["addressed_to", "task_type"],
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
    "III": [
        "title",
        "start_date",
        "end_date",
        "place",
        "target_group",
        "method",
        "complementarity",
        "expected_change",
    ],
    "IV": ["previous_activity", "resources"],
    "V": [
        "requested_grant",
        "own_financial",
        "own_non_financial",
        "recipient_payments",
    ],
    "VI": ["payment", "joint_roles", "other_information"],
    "VII": [
        "st_public_benefit",
        "st_payments",
        "st_no_tax_arrears",
        "st_no_zus_arrears",
        "st_register",
        "st_true",
        "st_personal_data",
    ],
}
EDITABLE_FIELDS = [f for fields in SECTION_FIELDS.values() for f in fields]
ROW_GROUPS = ["actions", "results", "cost_rows", "co_offerors"]
# Formal defects that are not fields of the form: the attachments the announcement
# requires, and the signatures (the representatives' confirmations, a signed copy).
ATTACHMENTS = "attachments"
SIGNATURES = "signatures"
FORMAL_PARTS = {
    ATTACHMENTS: _("Attachments required by the announcement"),
    SIGNATURES: _("Signatures of the persons authorised to represent the offeror(s)"),
}
# What a correction of formal defects may touch (art. 15 ust. 2a: equal treatment of
# the offers): the organ addressed, the offeror's identification data, the
# statements, the attachments and the signatures. The task, its budget, activities
# and results stay as submitted.
CORRECTABLE_FIELDS = [
    "addressed_to",
    *SECTION_FIELDS["II"],
    *SECTION_FIELDS["VII"],
    ATTACHMENTS,
    SIGNATURES,
]
# What an offer may leave empty: everything else in sections I–IV and VII is required.
OPTIONAL_FIELDS = frozenset(
    {
        "offeror_website",
        "offeror_correspondence",
        "offeror_phone",
        "offeror_bank_account",
        "contact_phone",
        "contact_email",
        "complementarity",
        "st_no_tax_arrears",
        "st_no_zus_arrears",
    }
)
REQUIRED_FIELDS = [
    name
    for section in ("I", "II", "III", "IV")
    for name in SECTION_FIELDS[section]
    if name not in OPTIONAL_FIELDS
]
REQUIRED_STATEMENTS = [
    name for name in SECTION_FIELDS["VII"] if name not in OPTIONAL_FIELDS
]

ROW_TITLES = {
    "actions": _("III.4 Plan and schedule of activities"),
    "results": _("III.6 Additional information on the results"),
    "cost_rows": _("V.A Cost calculation"),
    "co_offerors": _("V.C Co-offerors and the split of costs"),
}


@dataclass(frozen=True)
class Step:
    """One step of the offer's editor: a part of the form, its fields and row groups."""

    number: int
    section: str
    title: Label
    fields: list[str]
    groups: list[str]


STEPS = [
    Step(
        1,
        "I–II",
        _("Basic information and the offeror"),
        SECTION_FIELDS["I"] + SECTION_FIELDS["II"],
        [],
    ),
    Step(2, "III.1–3, III.5", _("Description of the task"), SECTION_FIELDS["III"], []),
    Step(
        3,
        "III.4, III.6",
        _("Schedule and expected results"),
        [],
        ["actions", "results"],
    ),
    Step(4, "IV", _("The offeror's resources"), SECTION_FIELDS["IV"], []),
    Step(
        5,
        "V",
        _("Cost calculation and funding sources"),
        SECTION_FIELDS["V"],
        ["cost_rows", "co_offerors"],
    ),
    Step(
        6,
        "VI–VII",
        _("Other information and statements"),
        SECTION_FIELDS["VI"] + SECTION_FIELDS["VII"],
        [],
    ),
]


def step_rows(number: int) -> tuple[str, ...]:
    """The rows a step of the form shows: its tables, and the activities the costs
    of V.A stand under."""
    if not 1 <= number <= len(STEPS):
        return ()
    groups = STEPS[number - 1].groups
    return tuple(groups) + (("actions",) if "cost_rows" in groups else ())


def steps_for(offer: Offer) -> list[Step]:
    """The steps of this offer: a single offeror's has no co-offerors or joint roles."""
    if offer.is_joint:
        return STEPS
    return [
        Step(
            s.number,
            s.section,
            s.title,
            [f for f in s.fields if f != "joint_roles"],
            [g for g in s.groups if g != "co_offerors"],
        )
        for s in STEPS
    ]


# VII: the sentence the numbered statements complete (not verified, see above).
STATEMENTS_LEAD = _("I (we) declare that:")


def statements(offer: Offer) -> list[tuple[str, str, str]]:
    """VII as printed: (field, the statement's text, the offeror's answer)."""
    answers = {
        "st_no_tax_arrears": (_("is (are) not in arrears"), _("is (are) in arrears")),
        "st_no_zus_arrears": (_("is (are) not in arrears"), _("is (are) in arrears")),
    }
    rows = []
    for name in SECTION_FIELDS["VII"]:
        value = bool(getattr(offer, name))
        yes, no = answers.get(name, (_("confirmed"), _("not confirmed")))
        rows.append((name, label(name), str(yes if value else no)))
    return rows


def label(name: str) -> str:
    """The field's name as the form prints it (or the formal part's)."""
    if name in FORMAL_PARTS:
        return str(FORMAL_PARTS[name])
    return str(cast(Field, Offer._meta.get_field(name)).verbose_name)


def offerors(offer: Offer) -> list[str]:
    """The names of the offerors, the lead first: who may carry out an activity."""
    names = [offer.offeror_name or offer.organisation.name]
    if offer.is_joint:
        names += [p.name for p in offer.co_offerors.all() if p.name]
    return names


# The template's signature line (not verified, see above).
SIGNATURE_CAPTION = _(
    "Signature of the authorised person or signatures of the persons authorised to "
    "make declarations of will on behalf of the offerors"
)
