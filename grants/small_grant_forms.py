"""The forms of small grants: the NGO's simplified offer, step by step, and the
public's comments on a published offer."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from cooperation.core.limits import (
    AmountField,
    LimitedInputMixin,
    LimitedModelForm,
    limit_fields,
    strict_amounts,
)
from cooperation.programme.models import Priority

from .models.small_grants import SmallGrantComment, SmallGrantOffer
from .small_grant_layout import EDITABLE_FIELDS, Step

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXTAREAS = ["place", "description", "results", "experience", "resources"]


def priorities(today: datetime.date) -> Any:
    """The tasks of this year's and next year's programmes an offer may carry out."""
    return (
        Priority.objects.filter(programme__year__in=[today.year, today.year + 1])
        .select_related("programme")
        .order_by("programme__year", "position", "pk")
    )


def _style(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        if isinstance(field.widget, forms.CheckboxInput):
            field.widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(field.widget, forms.Select):
            field.widget.attrs.setdefault("class", "form-select")
        elif not isinstance(field.widget, forms.HiddenInput):
            field.widget.attrs.setdefault("class", "form-control")


class SmallGrantStartForm(LimitedInputMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=None, label=_("Organisation"), empty_label=None
    )
    priority = forms.ModelChoiceField(
        queryset=None, label=_("Task of the programme"), empty_label=None
    )

    def __init__(self, *args: Any, organisations: Any, today: datetime.date, **kw):
        super().__init__(*args, **kw)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["priority"].queryset = priorities(today)  # type: ignore[attr-defined]
        _style(self)


class SmallGrantStepForm(LimitedInputMixin, forms.ModelForm):
    """One step of the simplified offer: only its fields, none of them required, so
    that a draft is saved as typed (a submission checks the whole offer)."""

    class Meta:
        model = SmallGrantOffer
        fields = EDITABLE_FIELDS
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            **{name: forms.Textarea(attrs={"rows": 4}) for name in TEXTAREAS},
        }

    def __init__(self, *args: Any, step: Step, today: datetime.date, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name not in step.fields:
                del self.fields[name]
        for field in self.fields.values():
            field.required = False
        if "priority" in self.fields:
            self.fields["priority"].queryset = priorities(today)  # type: ignore[attr-defined]
        strict_amounts(self)
        _style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start = data.get("start_date", self.instance.start_date)
        end = data.get("end_date", self.instance.end_date)
        if (
            "end_date" in self.fields
            and start
            and end
            and end < start
            and "end_date" not in self.errors
        ):
            self.add_error("end_date", _("The task ends before it starts."))
        return data

    def changed_values(self) -> dict[str, Any]:
        values = dict(self.cleaned_data)
        for name in ("requested_grant", "own_financial", "own_non_financial"):
            if name in values and values[name] is None:
                values[name] = Decimal(0)
        if "recipient_payments" in values and values["recipient_payments"] is None:
            values["recipient_payments"] = Decimal(0)
        return values


class CostRowForm(forms.Form):
    """A row of V.A: the type of cost and its value."""

    name = forms.CharField(label=_("Type of cost"), required=False, max_length=300)
    total = AmountField(label=_("Value (PLN)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_fields(self)
        _style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("total") and not data.get("name") and "name" not in self.errors:
            self.add_error(
                "name", _("Fill in this field or leave the whole row empty.")
            )
        return data


CostFormSet = formset_factory(CostRowForm, extra=2, can_delete=True)


def cost_formset(data: Any, offer: SmallGrantOffer) -> Any:
    initial = [
        {"name": r.get("name", ""), "total": r.get("total")} for r in offer.costs
    ]
    formset = CostFormSet(data, initial=None if data is not None else initial)
    for form in formset.forms:
        form.fields["DELETE"].widget.attrs["class"] = "form-check-input"
    return formset


def formset_costs(formset: Any) -> list[dict[str, Any]]:
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if data.get("DELETE") or not (data.get("name") or data.get("total")):
            continue
        rows.append({"name": data.get("name", ""), "total": data.get("total") or 0})
    return rows


class SmallGrantCommentForm(LimitedModelForm):
    """Anyone's comment on a published offer: name or organisation, and the text."""

    class Meta:
        model = SmallGrantComment
        fields = ["author_name", "email", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, anonymous: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if anonymous:
            self.fields["email"].required = True
        else:
            del self.fields["email"]
        self.fields["text"].required = True
        _style(self)
