"""The report's form for the organisation, in the order of its template (Dz.U. 2018
poz. 2057, załącznik nr 5): the header, part I (the substantive report), part II (the
financial report), part III (additional information), then the list of documents
and the summary with the signatures. A small grant's report (the simplified report,
Dz.U. 2018 poz. 2055) has the same steps, its part I being the task as carried out
and its results in words and numbers.

The 2018 template's own wording of its headings and explanations was not available
to the portal's authors; the labels below name what each part holds and claim no
more. The report's content is kept as plain data (``Report.content``) in the shape
``grants.services.settlement.prefilled`` gives it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cooperation.core.limits import AmountField, LimitedInputMixin

from .models import Report
from .models.contracts import plain_amount
from .models.offer import money
from .models.signing import ATTACHMENT_KINDS

Label = str | Promise


@dataclass(frozen=True)
class ReportStep:
    number: int
    section: Label
    title: Label


STEPS = [
    ReportStep(1, _("Header"), _("The report and the contract")),
    ReportStep(2, _("Part I"), _("Substantive report")),
    ReportStep(3, _("Part II"), _("Financial report")),
    ReportStep(4, _("Part III"), _("Additional information")),
]
DOCUMENTS_TITLE = _("List of documents")

# The sources of funding of part II, with how the checks of the settlement read them.
FUNDING_SOURCES: list[tuple[str, Label, dict[str, bool]]] = [
    ("grant", _("Grant"), {"grant": True}),
    ("own_financial", _("own financial contribution"), {"own": True}),
    (
        "own_non_financial",
        _("own non-financial contribution (staff and in kind)"),
        {"own": True},
    ),
    ("recipient_payments", _("Payments from recipients"), {}),
]


def _styled(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        field.widget.attrs.setdefault("class", "form-control")


def _text(label: Any, rows: int = 3, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class _Part(LimitedInputMixin, forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)


class ResultRowForm(_Part):
    achieved = _text(_("Achieved (value reached)"), 2)
    measured_by = _text(_("How it was measured"), 2)


class ActionRowForm(_Part):
    done = _text(_("How the activity was carried out"), 3)
    deviations = _text(_("Deviations from the contract and their reasons"), 2)
    by_non_party = _text(
        _("Part done by entities that are not parties to the contract"), 2
    )


class PartOneForm(_Part):
    lasting_results = _text(_("Lasting results of the task"), 4)


class SimplifiedPartOneForm(_Part):
    """Part I of the simplified report (a small grant, art. 19a): the task as
    carried out and its results, as the simplified offer described them (III.2 and
    III.3)."""

    carried_out = _text(_("How the task was carried out"), 6)
    results_achieved = _text(_("Results achieved, with numbers"), 4)


class PartTwoForm(_Part):
    other_income = _text(_("Other income earned in carrying out the task"), 3)
    recipient_payments = _text(
        _("Payments collected from the recipients of the task: on what basis"), 3
    )


class PartThreeForm(_Part):
    part_three = _text(_("Additional information"), 6)


def report_years(report: Report) -> list[int]:
    """The budget years of the contract the report's period covers."""
    years = [int(r["year"]) for r in report.terms.get("years", [])]
    covered = [
        y for y in years if report.period_start.year <= y <= report.period_end.year
    ]
    return covered or [report.period_end.year]


class CostRowForm(_Part):
    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        self.years = years
        super().__init__(*args, **kwargs)
        for year in years:
            label = (
                _("Incurred (PLN)")
                if len(years) == 1
                else _("Incurred in %(year)s (PLN)") % {"year": year}
            )
            self.fields[f"incurred_{year}"] = AmountField(label=label, required=True)
            self.fields[f"incurred_{year}"].widget.attrs["class"] = "form-control"

    def row(self) -> dict[str, Any]:
        by_year = {
            str(y): money(self.cleaned_data[f"incurred_{y}"]) for y in self.years
        }
        return {
            "incurred": str(sum(by_year.values(), Decimal(0))),
            "incurred_by_year": {y: str(v) for y, v in by_year.items()},
        }


class FundingForm(_Part):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label, _flags in FUNDING_SOURCES:
            self.fields[key] = AmountField(label=f"{label} (PLN)", required=True)
            self.fields[key].widget.attrs["class"] = "form-control"

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "key": key,
                "name": str(label),
                "amount": str(money(self.cleaned_data[key])),
                **flags,
            }
            for key, label, flags in FUNDING_SOURCES
        ]


def _fixed_formset(form: type[forms.Form], count: int, prefix: str, **kwargs: Any):
    """A table of exactly ``count`` rows (the contract's results, activities or cost
    items): rows are neither added nor removed."""
    formset = formset_factory(
        form,
        extra=0,
        max_num=count,
        validate_max=True,
        min_num=count,
        validate_min=True,
        absolute_max=count,
    )
    return lambda data, initial: formset(
        data, initial=initial, prefix=prefix, form_kwargs=kwargs
    )


def funding_initial(report: Report) -> dict[str, Any]:
    """The amounts of the sources as saved, or as the contract's terms give them."""
    stored = {row.get("key"): row for row in report.content.get("funding", [])}
    if stored:
        return {
            key: plain_amount(stored.get(key, {}).get("amount"))
            for key, _label, _flags in FUNDING_SOURCES
        }
    terms = report.terms
    return {
        "grant": sum(
            (plain_amount(y.get("amount")) for y in terms.get("years", [])), Decimal(0)
        ),
        "own_financial": plain_amount(terms.get("own_financial")),
        "own_non_financial": plain_amount(terms.get("own_non_financial")),
        "recipient_payments": plain_amount(terms.get("recipient_payments")),
    }


def plain_text(value: Any) -> str:
    """A text of the content as the form shows it; a bare prefilled amount is no text."""
    text = str(value or "")
    try:
        Decimal(text)
    except ArithmeticError:
        return text
    return ""


class StepForms:
    """The forms of one step, bound to the posted data or filled from the report."""

    def __init__(self, report: Report, step: int, data: Any = None) -> None:
        self.report, self.step = report, step
        content = report.content
        self.form: forms.Form | None = None
        self.tables: list[tuple[str, Label, list[str], Any]] = []
        if step == 2 and report.form == Report.Form.SIMPLIFIED:
            self.form = SimplifiedPartOneForm(
                data,
                initial={
                    "carried_out": content.get("carried_out", ""),
                    "results_achieved": content.get("results_achieved", ""),
                },
            )
        elif step == 2:
            self.form = PartOneForm(
                data, initial={"lasting_results": content.get("lasting_results", "")}
            )
            results = content.get("results", [])
            self.tables.append(
                (
                    "results",
                    _("Results of the task and how they were measured"),
                    [
                        str(_("%(name)s (target: %(target)s)"))
                        % {
                            "name": r.get("name", ""),
                            "target": r.get("target_value", ""),
                        }
                        for r in results
                    ],
                    _fixed_formset(ResultRowForm, len(results), "results")(
                        data,
                        [
                            {
                                "achieved": r.get("achieved", ""),
                                "measured_by": r.get("measured_by", ""),
                            }
                            for r in results
                        ],
                    ),
                )
            )
            actions = content.get("actions", [])
            self.tables.append(
                (
                    "actions",
                    _("Activities carried out and deviations"),
                    [str(a.get("name", "")) for a in actions],
                    _fixed_formset(ActionRowForm, len(actions), "actions")(
                        data,
                        [
                            {
                                k: a.get(k, "")
                                for k in ("done", "deviations", "by_non_party")
                            }
                            for a in actions
                        ],
                    ),
                )
            )
        elif step == 3:
            self.form = PartTwoForm(
                data,
                initial={
                    "other_income": content.get("other_income", ""),
                    "recipient_payments": plain_text(content.get("recipient_payments")),
                },
            )
            years = report_years(report)
            costs = content.get("costs", [])
            self.tables.append(
                (
                    "costs",
                    _("Costs by cost item: per contract and incurred"),
                    [
                        str(_("%(number)s %(name)s — per contract: %(amount)s PLN"))
                        % {
                            "number": c.get("number"),
                            "name": c.get("name", ""),
                            "amount": _amount(c.get("planned")),
                        }
                        for c in costs
                    ],
                    _fixed_formset(CostRowForm, len(costs), "costs", years=years)(
                        data, [_cost_initial(c, years) for c in costs]
                    ),
                )
            )
            self.funding: FundingForm | None = FundingForm(
                data, initial=funding_initial(report), prefix="funding"
            )
        elif step == 4:
            self.form = PartThreeForm(
                data, initial={"part_three": content.get("part_three", "")}
            )
        if step != 3:
            self.funding = None

    def is_valid(self) -> bool:
        parts = [f for f in (self.form, self.funding) if f is not None]
        parts += [t[3] for t in self.tables]
        # Every part is checked, so that every error is shown at once.
        checked = [p.is_valid() for p in parts]
        return all(checked)

    def content(self) -> dict[str, Any]:
        """The parts of the content this step changes, merged with the stored rows."""
        stored = self.report.content
        out: dict[str, Any] = dict(self.form.cleaned_data) if self.form else {}
        for key, _title, _labels, formset in self.tables:
            rows = []
            for old, row in zip(stored.get(key, []), formset.forms, strict=True):
                extra = row.row() if isinstance(row, CostRowForm) else row.cleaned_data
                rows.append({**old, **extra})
            out[key] = rows
        if self.funding is not None:
            out["funding"] = self.funding.rows()
        return out

    def errors(self) -> list[tuple[str, str, str]]:
        """(anchor, label, message) of every error, for the summary on top."""
        found: list[tuple[str, str, str]] = []
        for form in (self.form, self.funding):
            if form is None:
                continue
            for error in form.non_field_errors():
                found.append(("", "", str(error)))
            for name, messages in form.errors.items():
                if name == "__all__":
                    continue
                for message in messages:
                    found.append(
                        (form[name].id_for_label, str(form[name].label), str(message))
                    )
        for _key, title, labels, formset in self.tables:
            for error in formset.non_form_errors():
                found.append(("", str(title), str(error)))
            for label, row in zip(labels, formset.forms, strict=False):
                for name, messages in row.errors.items():
                    if name == "__all__":
                        continue
                    for message in messages:
                        found.append(
                            (
                                row[name].id_for_label,
                                f"{label}: {row[name].label}",
                                message,
                            )
                        )
        return found


def _amount(value: Any) -> str:
    return f"{plain_amount(value):,.2f}".replace(",", "\xa0").replace(".", ",")


def _cost_initial(row: dict[str, Any], years: list[int]) -> dict[str, Any]:
    by_year = row.get("incurred_by_year") or {}
    if len(years) == 1 and not by_year:
        return {f"incurred_{years[0]}": plain_amount(row.get("incurred"))}
    return {f"incurred_{y}": plain_amount(by_year.get(str(y))) for y in years}


class ReportDocumentForm(LimitedInputMixin, forms.Form):
    """A document listed with the report, with its file."""

    name = forms.CharField(
        label=_("Document (for example the invoice's number, date and issuer)"),
        max_length=300,
    )
    file = forms.FileField(label=_("File (PDF, ODT, DOCX or an image)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["class"] = "form-control"
        self.fields["file"].widget.attrs.update(
            {"class": "form-control", "accept": ATTACHMENT_KINDS.accept()}
        )


class ConfirmReportForm(forms.Form):
    checksum = forms.CharField(widget=forms.HiddenInput, max_length=64)
