"""The office's document templates filled in: the text of a contract or an annex.

A template's body is the official wording pasted by a clerk. It may hold only the
placeholders listed in :data:`PLACEHOLDERS` (``{{ umowa.numer }}``) and, each on a
line of its own, the tables of :data:`TABLES` (``{{ harmonogram }}``); tags, filters,
comments and any other name are refused when the template is saved. The text is
rendered by Django's template engine from plain strings only, so nothing else of the
portal can be reached from a template.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template import Context, Engine
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.core.models import GeneratedDocument
from cooperation.core.pdf import document_for
from cooperation.core.registry import document_contexts
from ngos.validators import format_bank_account

from .validators import pln

PLACEHOLDERS: dict[str, Any] = {
    "umowa.numer": gettext_lazy("number of the contract"),
    "umowa.data_zawarcia": gettext_lazy("date the contract was signed"),
    "umowa.tytul": gettext_lazy("title of the public task"),
    "umowa.forma": gettext_lazy("“wspierania” or “powierzenia” (form of the task)"),
    "umowa.termin_od": gettext_lazy("start date of the task"),
    "umowa.termin_do": gettext_lazy("end date of the task"),
    "umowa.dotacja": gettext_lazy("the grant, in PLN"),
    "umowa.przesuniecie": gettext_lazy(
        "permitted shift between cost items, in per cent"
    ),
    "umowa.rachunek": gettext_lazy("bank account of the organisation"),
    "gmina.nazwa": gettext_lazy("name of the municipality"),
    "gmina.adres": gettext_lazy("address of the municipality"),
    "gmina.reprezentant": gettext_lazy("who represents the municipality"),
    "zleceniobiorca.nazwa": gettext_lazy("name of the organisation"),
    "zleceniobiorca.adres": gettext_lazy("address of the organisation"),
    "zleceniobiorca.rejestr": gettext_lazy("register and number of the organisation"),
    "oferta.numer": gettext_lazy("number of the offer"),
    "oferta.data_zlozenia": gettext_lazy("date the offer was submitted"),
    "konkurs.tytul": gettext_lazy("title of the competition"),
    "wklad.finansowy": gettext_lazy("own financial contribution, in PLN"),
    "wklad.niefinansowy": gettext_lazy("own non-financial contribution, in PLN"),
    "wklad.swiadczenia": gettext_lazy("payments from recipients, in PLN"),
    "aneks.numer": gettext_lazy("number of the annex (annexes only)"),
    "aneks.powod": gettext_lazy("reason for the change (annexes only)"),
}
TABLES: dict[str, Any] = {
    "reprezentanci": gettext_lazy("the representatives of both parties"),
    "harmonogram": gettext_lazy("the plan and schedule of activities"),
    "kosztorys": gettext_lazy("the cost calculation"),
    "transze": gettext_lazy("the grant per budget year and its instalments"),
}

# A report's template (kind "report") may hold the placeholders of a contract, these,
# and the report's own tables; the figures come from the report's content.
REPORT_PLACEHOLDERS: dict[str, Any] = {
    "sprawozdanie.rodzaj": gettext_lazy("“częściowe” or “końcowe” (kind of report)"),
    "sprawozdanie.okres_od": gettext_lazy("start of the period reported"),
    "sprawozdanie.okres_do": gettext_lazy("end of the period reported"),
    "sprawozdanie.data_zlozenia": gettext_lazy("date the report was submitted"),
    "sprawozdanie.rezultaty_trwale": gettext_lazy("lasting results"),
    "sprawozdanie.inne_przychody": gettext_lazy("other income of the task"),
    "sprawozdanie.swiadczenia": gettext_lazy("payments collected from the recipients"),
    "sprawozdanie.czesc_iii": gettext_lazy("part III, additional information"),
    "sprawozdanie.opis_wykonania": gettext_lazy(
        "how the task was carried out (simplified report)"
    ),
    "sprawozdanie.rezultaty": gettext_lazy(
        "the results achieved, with numbers (simplified report)"
    ),
}
REPORT_TABLES: dict[str, Any] = {
    "rezultaty": gettext_lazy("the results, their values and how they were measured"),
    "dzialania": gettext_lazy("the activities, deviations and parts done by others"),
    "koszty": gettext_lazy("the costs per the contract and incurred, by item"),
    "zrodla": gettext_lazy("the funding sources with amounts and shares"),
    "zalaczniki": gettext_lazy("the attachments (list of documents)"),
}


def names_for(kind: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The placeholders and tables a template of ``kind`` may hold."""
    if kind in ("report", "simplified"):
        return {**PLACEHOLDERS, **REPORT_PLACEHOLDERS}, REPORT_TABLES
    return PLACEHOLDERS, TABLES


_TAG = re.compile(r"\{%|%\}|\{#|#\}")
_VARIABLE = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
_TABLE_LINE = re.compile(r"^[ \t]*\{\{\s*([a-z_]+)\s*\}\}[ \t]*$", re.MULTILINE)
_ENGINE = Engine(
    dirs=[], app_dirs=False, libraries={}, string_if_invalid="", autoescape=False
)


def help_text() -> str:
    """The placeholders a template may hold, for the admin and the README."""
    names = [f"{{{{ {name} }}}} — {label}" for name, label in PLACEHOLDERS.items()]
    tables = [
        _("{{ %(name)s }} on a line of its own — %(label)s")
        % {"name": name, "label": label}
        for name, label in TABLES.items()
    ]
    report = [
        f"{{{{ {name} }}}} — {label}" for name, label in REPORT_PLACEHOLDERS.items()
    ] + [
        _("{{ %(name)s }} on a line of its own — %(label)s")
        % {"name": name, "label": label}
        for name, label in REPORT_TABLES.items()
    ]
    return (
        "; ".join(names + tables)
        + ". "
        + _("A report's template also: %(list)s") % {"list": "; ".join(report)}
    )


def check_template(body: str, kind: str = "contract") -> None:
    """Refuse a body with a tag, a filter or a name that is not a placeholder."""
    placeholders, table_names = names_for(kind)
    if _TAG.search(body or ""):
        raise ValidationError(
            _(
                "The text may hold placeholders {{ … }} only: template tags and "
                "comments ({%% … %%}, {# … #}) are not allowed."
            ),
            code="tag",
        )
    for match in _VARIABLE.finditer(body or ""):
        name = match.group(1).strip()
        if name in table_names:
            continue
        if name not in placeholders:
            raise ValidationError(
                _(
                    "“{{ %(name)s }}” is not one of the placeholders a template may "
                    "use (see the list under the field)."
                ),
                code="placeholder",
                params={"name": name[:60]},
            )
    tables_inline = {m.group(1).strip() for m in _VARIABLE.finditer(body or "")} & set(
        table_names
    )
    on_own_line = {m.group(1) for m in _TABLE_LINE.finditer(body or "")}
    misplaced = sorted(tables_inline - on_own_line)
    if misplaced:
        raise ValidationError(
            _("The table {{ %(name)s }} must stand on a line of its own."),
            code="table",
            params={"name": misplaced[0]},
        )


def _nested(values: Mapping[str, str]) -> dict[str, dict[str, str]]:
    tree: dict[str, dict[str, str]] = {}
    for key, value in values.items():
        group, name = key.split(".", 1)
        tree.setdefault(group, {})[name] = str(value)
    return tree


def render(
    body: str,
    values: Mapping[str, str],
    tables: Mapping[str, dict[str, Any]],
    kind: str = "contract",
) -> tuple[str, list[dict[str, Any]]]:
    """The body filled in: its plain text and its parts (text or a table).

    ``values`` has a string for each placeholder, ``tables`` a ``{"head": [...],
    "rows": [[...], ...]}`` for each table. The plain text shows a table as lines of
    cells separated by " | ".
    """
    check_template(body, kind)
    placeholders, table_names = names_for(kind)
    context = Context(_nested({k: values.get(k, "") for k in placeholders}))
    segments: list[dict[str, Any]] = []
    position = 0
    for match in _TABLE_LINE.finditer(body):
        name = match.group(1)
        if name not in table_names:
            continue
        text = body[position : match.start()]
        if text.strip():
            segments.append({"text": _ENGINE.from_string(text).render(context)})
        table = tables.get(name) or {"head": [], "rows": []}
        segments.append({"table": name, "head": table["head"], "rows": table["rows"]})
        position = match.end()
    rest = body[position:]
    if rest.strip():
        segments.append({"text": _ENGINE.from_string(rest).render(context)})
    plain = []
    for segment in segments:
        if "text" in segment:
            plain.append(segment["text"].strip("\n"))
        else:
            lines = [" | ".join(segment["head"])]
            lines += [" | ".join(str(c) for c in row) for row in segment["rows"]]
            plain.append("\n".join(lines))
    return "\n".join(plain), segments


def amount(value: Any) -> str:
    return pln(Decimal(str(value or 0)))


def municipality_representative() -> str:
    return settings.MUNICIPALITY_REPRESENTATIVE or settings.MUNICIPALITY_EXECUTIVE


# --- Filling a contract's or an annex's template ----------------------------------


def _day(value: Any) -> str:
    from .models.contracts import plain_date

    day = plain_date(value)
    return formats.date_format(day, "j E Y") if day else "……………"


def tables_of(contract: Any, terms: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The generated tables: representatives, schedule, costs and instalments."""
    people = [
        [str(settings.MUNICIPALITY_NAME), contract.municipality_representative, ""]
    ] + [
        [
            contract.source.offeror_name or str(contract.source.organisation),
            r["name"],
            r.get("function", ""),
        ]
        for r in contract.representatives
    ]
    use_by = {int(r["year"]): r.get("use_by") for r in terms.get("years", [])}
    return {
        "reprezentanci": {
            "head": [_("Party"), _("Name"), _("Function")],
            "rows": people,
        },
        "harmonogram": {
            "head": [_("No."), _("Activity"), _("From"), _("To"), _("Carried out by")],
            "rows": [
                [
                    str(n),
                    a["name"],
                    _day(a.get("start")),
                    _day(a.get("end")),
                    a.get("subcontractor") or "",
                ]
                for n, a in enumerate(terms.get("actions", []), start=1)
            ],
        },
        "kosztorys": {
            "head": [_("No."), _("Type of cost"), _("Value")],
            "rows": [
                [c["number"], c["name"], amount(c["total"])]
                for c in terms.get("costs", [])
            ],
        },
        "transze": {
            "head": [
                _("Instalment"),
                _("Due by"),
                _("Amount"),
                _("Budget year"),
                _("To be used by"),
            ],
            "rows": [
                [
                    str(i["number"]),
                    _day(i["due_on"]),
                    amount(i["amount"]),
                    i["due_on"][:4],
                    _day(use_by.get(int(i["due_on"][:4]))),
                ]
                for i in terms.get("instalments", [])
            ],
        },
    }


def values_of(
    contract: Any, terms: Mapping[str, Any], annex: Any = None
) -> dict[str, str]:
    offer = contract.source
    organisation = offer.organisation
    form = {"support": "wspierania", "entrust": "powierzenia"}.get(contract.form, "")
    values = {
        "umowa.numer": contract.number,
        "umowa.data_zawarcia": _day(contract.signed_on),
        "umowa.tytul": contract.title,
        "umowa.forma": form,
        "umowa.termin_od": _day(terms.get("start_date")),
        "umowa.termin_do": _day(terms.get("end_date")),
        "umowa.dotacja": amount(contract.grant),
        "umowa.przesuniecie": f"{contract.cost_shift_percent:.2f}".replace(".", ","),
        "umowa.rachunek": format_bank_account(contract.bank_account),
        "gmina.nazwa": settings.MUNICIPALITY_NAME,
        "gmina.adres": getattr(settings, "MUNICIPALITY_ADDRESS", ""),
        "gmina.reprezentant": contract.municipality_representative,
        "zleceniobiorca.nazwa": offer.offeror_name or organisation.name,
        "zleceniobiorca.adres": offer.offeror_address or organisation.address,
        "zleceniobiorca.rejestr": offer.offeror_register,
        "oferta.numer": offer.number,
        "oferta.data_zlozenia": _day(
            offer.submitted_at and timezone.localdate(offer.submitted_at)
        ),
        "konkurs.tytul": getattr(getattr(offer, "competition", None), "title", ""),
        "wklad.finansowy": amount(terms.get("own_financial")),
        "wklad.niefinansowy": amount(terms.get("own_non_financial")),
        "wklad.swiadczenia": amount(terms.get("recipient_payments")),
        "aneks.numer": str(annex.number) if annex is not None else "",
        "aneks.powod": annex.reason if annex is not None else "",
    }
    return {k: str(v or "") for k, v in values.items()}


def fill(document: Any) -> tuple[str, list[dict[str, Any]]]:
    """The text of a contract or an annex, from the template it keeps."""
    from .models.contracts import ContractAnnex

    if isinstance(document, ContractAnnex):
        contract, annex = document.contract, document
    else:
        contract, annex = document, None
    terms = document.terms
    return render(
        document.template.body,
        values_of(contract, terms, annex),
        tables_of(contract, terms),
    )


# --- The PDFs ---------------------------------------------------------------------

CONTRACT = "grants/pdf/contract.html"
ANNEX = "grants/pdf/annex.html"


def _attachments(contract: Any) -> list[str]:
    offer = contract.source
    rows = [
        _("Offer no. %(number)s of %(date)s")
        % {
            "number": offer.number,
            "date": _day(offer.submitted_at and timezone.localdate(offer.submitted_at)),
        }
    ]
    update = getattr(offer, "award_update", None)
    if update is not None and update.status == "accepted":
        rows.append(
            _("Update of the offer, accepted on %(date)s")
            % {
                "date": _day(
                    update.decided_at and timezone.localdate(update.decided_at)
                )
            }
        )
    return rows


@document_contexts.register(CONTRACT)
def contract_context(contract: Any) -> dict[str, Any]:
    return {
        "document": contract,
        "contract": contract,
        "heading": contract.template.name,
        "attachments": _attachments(contract),
    }


@document_contexts.register(ANNEX)
def annex_context(annex: Any) -> dict[str, Any]:
    contract = annex.contract
    return {
        "document": annex,
        "contract": contract,
        "heading": annex.template.name,
        "attachments": [],
    }


def _inputs(document: Any) -> dict[str, Any]:
    return {
        "segments": document.segments,
        "template": (document.template_id, document.template_version),
        "signed": (
            document.signed_on,
            document.signed_for_municipality,
            document.signed_for_organisation,
        ),
        "status": document.status,
    }


def contract_pdf(contract: Any, *, sync: bool = True) -> GeneratedDocument:
    context = contract_context(contract)
    return document_for(
        f"contract-{contract.pk}",
        template_name=CONTRACT,
        context=context,
        title=_("Contract %(number)s: %(title)s")
        % {"number": contract.number, "title": contract.title},
        inputs={**_inputs(contract), "attachments": context["attachments"]},
        obj=contract,
        sync=sync,
    )


def annex_pdf(annex: Any, *, sync: bool = True) -> GeneratedDocument:
    return document_for(
        f"contract-{annex.contract_id}-annex-{annex.number}",
        template_name=ANNEX,
        context=annex_context(annex),
        title=_("Annex no. %(number)s to contract %(contract)s")
        % {"number": annex.number, "contract": annex.contract.number},
        inputs=_inputs(annex),
        obj=annex,
        sync=sync,
    )
