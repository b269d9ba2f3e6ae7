from __future__ import annotations

from decimal import Decimal

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from cooperation.core.limits import (
    AmountField,
    LimitedInputMixin,
    limit_fields,
    strict_amounts,
)

from .committee import DECLARATION_STATEMENT, DOUBTS_STATEMENT
from .layout import (
    CORRECTABLE_FIELDS,
    EDITABLE_FIELDS,
    ROW_GROUPS,
    Step,
    label,
    offerors,
)
from .models import (
    CommitteeMember,
    CoOfferor,
    CostRow,
    ExpectedResult,
    Offer,
    ScheduleAction,
)
from .models.signing import ATTACHMENT_KINDS, SIGNED_COPY_KINDS
from .validators import action_errors, contact_errors, dates_errors

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OfferStepForm(LimitedInputMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Offer
        fields = EDITABLE_FIELDS
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "task_type": forms.Textarea(attrs={"rows": 2}),
            **{
                name: forms.Textarea(attrs={"rows": 4})
                for name in [
                    "place",
                    "target_group",
                    "method",
                    "complementarity",
                    "expected_change",
                    "previous_activity",
                    "resources",
                    "joint_roles",
                    "other_information",
                ]
            },
        }

    def __init__(self, *args, step: Step, editable: set[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name != "version" and name not in step.fields:
                del self.fields[name]
        for name, field in self.fields.items():
            if editable is not None and name != "version" and name not in editable:
                field.disabled = True
            if isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs.setdefault("class", "form-check-input")
            elif not isinstance(field.widget, forms.HiddenInput):
                field.widget.attrs.setdefault("class", "form-control")
        localize_decimals(self)

    def clean(self):
        data = super().clean()
        if "start_date" in self.fields or "end_date" in self.fields:
            start = data.get("start_date", self.instance.start_date)
            end = data.get("end_date", self.instance.end_date)
            for name, error in dates_errors(self.instance.competition, start, end):
                if name in self.fields and name not in self.errors:
                    self.add_error(name, error)
        values = {name: data.get(name) for name in self.fields if name in data}
        for name, error in contact_errors(values):
            if name not in self.errors:
                self.add_error(name, error)
        return data

    def changed_values(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in self.fields
            if name != "version" and not self.fields[name].disabled
        }


def localize_decimals(form: forms.BaseForm) -> None:
    """Amounts typed the Polish way ("1 250,50"), strictly parsed, never negative."""
    strict_amounts(form)


def _meaningful(data: dict) -> bool:
    return any(
        v not in (None, "", False)
        for k, v in data.items()
        if k not in ("category", "DELETE", "id", "activity")
    )


def _row_form(model, fields: list[str], widgets: dict | None = None):
    meta = type(
        "Meta", (), {"model": model, "fields": fields, "widgets": widgets or {}}
    )

    def init(self, *args, bounds=None, **kwargs):
        forms.ModelForm.__init__(self, *args, **kwargs)
        self.bounds = bounds
        limit_fields(self)
        localize_decimals(self)
        for field in self.fields.values():
            field.required = False
            if isinstance(field.widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(field.widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            field.widget.attrs.setdefault("class", css)

    def clean(self):
        data = super(form_class, self).clean()
        if not self.has_changed() or not _meaningful(data):
            return data
        key = fields[0] if fields[0] != "category" else "name"
        if not data.get(key):
            self.add_error(key, _("Fill in this field or leave the whole row empty."))
        if "start" in self.fields:
            start, end = self.bounds or (None, None)
            for name, error in action_errors(
                data.get("start"), data.get("end"), start, end
            ):
                if name not in self.errors:
                    self.add_error(name, error)
        return data

    form_class = type(
        f"{model.__name__}RowForm",
        (forms.ModelForm,),
        {"Meta": meta, "__init__": init, "clean": clean},
    )
    return form_class


ADMINISTRATIVE = "administrative"


class ActionRowForm(
    _row_form(
        ScheduleAction,
        [
            "name",
            "description",
            "target_group",
            "start",
            "end",
            "subcontractor",
            "performer",
        ],
        {"start": DATE, "end": DATE, "description": forms.Textarea(attrs={"rows": 2})},
    )
):
    """A row of III.4; ``id`` keeps an edited activity (and the costs under it) itself.

    In a joint offer the row names the offeror carrying the activity out, chosen
    among the offerors; a single offeror's offer has no such column.
    """

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, performers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not performers:
            del self.fields["performer"]
            return
        field = self.fields["performer"]
        field.widget = forms.Select(
            choices=[("", "—"), *[(n, n) for n in performers]],
            attrs={"class": "form-select"},
        )


class CostRowForm(_row_form(CostRow, ["name", "unit", "unit_cost", "units", "year"])):
    """A row of V.A: under an activity of III.4 (group I) or administrative (II)."""

    activity = forms.ChoiceField(label=_("belongs to"), required=False)
    field_order = ["activity", "name", "unit", "unit_cost", "units", "year"]

    def __init__(self, *args, actions=(), years=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "—")]
        choices += [
            (str(a.pk), _("I.%(n)s activity: %(name)s") % {"n": n, "name": a.name})
            for n, a in enumerate(actions, start=1)
        ]
        choices.append((ADMINISTRATIVE, _("II. administrative costs")))
        field = self.fields["activity"]
        field.choices = choices
        field.widget.attrs["class"] = "form-select"
        self.order_fields(self.field_order)
        if len(years) > 1:
            year = self.fields["year"]
            year.widget = forms.Select(
                choices=[("", "—"), *[(y, y) for y in years]],
                attrs={"class": "form-select"},
            )
            year.label = _("budget year (administrative costs)")
        else:
            del self.fields["year"]

    def clean(self):
        data = super().clean()
        if self.has_changed() and _meaningful(data) and not data.get("activity"):
            self.add_error(
                "activity",
                _("Choose the activity of III.4 the cost belongs to, or group II."),
            )
        return data


ROW_FORMS = {
    "actions": ActionRowForm,
    "results": _row_form(ExpectedResult, ["name", "target_value", "monitoring"]),
    "cost_rows": CostRowForm,
    "co_offerors": _row_form(
        CoOfferor,
        [
            "name",
            "legal_form",
            "register",
            "address",
            "correspondence",
            "website",
            "email",
            "phone",
            "st_no_tax_arrears",
            "st_no_zus_arrears",
            "part",
            "cost_share",
        ],
        {"part": forms.Textarea(attrs={"rows": 2})},
    ),
}
assert set(ROW_FORMS) == set(ROW_GROUPS)


def _initial(group: str, row) -> dict:
    values = {f: getattr(row, f) for f in ROW_FORMS[group]._meta.fields}
    if group == "actions":
        values["id"] = row.pk
    if group == "cost_rows":
        if row.category == ADMINISTRATIVE:
            values["activity"] = ADMINISTRATIVE
        else:
            values["activity"] = str(row.action_id) if row.action_id else ""
    return values


def row_formset(
    group: str, *, data=None, rows=None, disabled: bool = False, offer=None
):
    formset_class = formset_factory(ROW_FORMS[group], extra=2, can_delete=True)
    initial = [_initial(group, r) for r in (rows or [])]
    form_kwargs = {}
    if offer is not None and group == "actions":
        form_kwargs["bounds"] = (offer.start_date, offer.end_date)
        if offer.is_joint:
            form_kwargs["performers"] = offerors(offer)
    if offer is not None and group == "cost_rows":
        form_kwargs["actions"] = list(offer.actions.all())
        form_kwargs["years"] = offer.budget_years
    formset = formset_class(
        data=data, initial=initial, prefix=group, form_kwargs=form_kwargs
    )
    if disabled:
        for form in formset.forms:
            for field in form.fields.values():
                field.disabled = True
    return formset


def formset_rows(formset) -> list[dict]:
    rows = []
    for form in formset.forms:
        if not form.has_changed() or form.cleaned_data.get("DELETE"):
            continue
        data = {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
        if not _meaningful(data):
            continue
        if "activity" in data:
            activity = data.pop("activity")
            administrative = activity == ADMINISTRATIVE
            data["category"] = ADMINISTRATIVE if administrative else "activity"
            data["action_id"] = None if administrative else int(activity)
            if not administrative:
                data["year"] = None
        if "unit_cost" in data:
            data["unit_cost"] = data["unit_cost"] or 0
            data["units"] = data["units"] if data["units"] is not None else 1
        if "cost_share" in data:
            data["cost_share"] = data["cost_share"] or 0
        rows.append(data)
    return rows


class StartOfferForm(LimitedInputMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=None, label=_("Organisation"), empty_label=None
    )
    is_joint = forms.BooleanField(
        required=False, label=_("Joint offer of several organisations (art. 14 ust. 2)")
    )

    def __init__(self, *args, organisations, joint_allowed: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].widget.attrs["class"] = "form-select"
        self.fields["is_joint"].widget.attrs["class"] = "form-check-input"
        if not joint_allowed:
            del self.fields["is_joint"]


class DeclarationForm(LimitedInputMixin, forms.Form):
    """The declaration of impartiality: the grounds of KPA art. 24 § 1 and § 2, and
    the doubts of § 3, each confirmed on its own (the page shows the law's text)."""

    impartial = forms.BooleanField(label=DECLARATION_STATEMENT)
    no_doubts = forms.BooleanField(label=DOUBTS_STATEMENT)

    def __init__(self, *args, offers, **kwargs):
        super().__init__(*args, **kwargs)
        self.offers = list(offers)
        for name in ("impartial", "no_doubts"):
            self.fields[name].widget.attrs["class"] = "form-check-input"
        for offer in self.offers:
            self.fields[f"conflict_{offer.pk}"] = forms.CharField(
                required=False,
                label=_("Conflict with offer %(number)s (%(organisation)s): reason")
                % {"number": offer.number, "organisation": offer.organisation.name},
                widget=forms.TextInput(attrs={"class": "form-control"}),
            )

    def conflicts(self) -> dict[int, str]:
        return {
            o.pk: self.cleaned_data[f"conflict_{o.pk}"]
            for o in self.offers
            if self.cleaned_data.get(f"conflict_{o.pk}", "").strip()
        }


class ScoreForm(LimitedInputMixin, forms.Form):
    def __init__(self, *args, criteria, existing=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        existing = existing or {}
        for c in self.criteria:
            old = existing.get(c.pk)
            self.fields[f"points_{c.pk}"] = forms.DecimalField(
                label=_("%(criterion)s: points (0–%(max)s)")
                % {"criterion": c.name, "max": c.max_points},
                min_value=0,
                max_value=c.max_points,
                decimal_places=1,
                initial=old.points if old else None,
                widget=forms.NumberInput(
                    attrs={"class": "form-control", "step": "0.5"}
                ),
            )
            self.fields[f"comment_{c.pk}"] = forms.CharField(
                label=_("%(criterion)s: comment") % {"criterion": c.name},
                initial=old.comment if old else "",
                widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
            )

    def scores(self):
        return {
            c.pk: (
                self.cleaned_data[f"points_{c.pk}"],
                self.cleaned_data[f"comment_{c.pk}"],
            )
            for c in self.criteria
        }


class FormalCheckForm(LimitedInputMixin, forms.Form):
    """The formal check: every requirement of the announcement ticked as met or given
    the reason why not, then the decision."""

    DECISIONS = [
        ("accept", _("meets the formal requirements")),
        ("reject", _("reject on formal grounds")),
        ("correct", _("request a correction")),
    ]
    decision = forms.ChoiceField(
        label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Reason or defect to correct"),
        required=False,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}),
    )
    fields_to_correct = forms.MultipleChoiceField(
        label=_("Fields to correct"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, checklist: list[str] = (), **kwargs):  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.checklist = list(checklist)
        # Only formal defects: the offeror's data, the statements, the attachments
        # and the signatures.
        self.fields["fields_to_correct"].choices = [
            (f, label(f)) for f in CORRECTABLE_FIELDS
        ]
        for n, requirement in enumerate(self.checklist, start=1):
            self.fields[f"met_{n}"] = forms.BooleanField(
                label=_("%(n)s. %(requirement)s — met")
                % {"n": n, "requirement": requirement},
                required=False,
                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
            )
            self.fields[f"reason_{n}"] = forms.CharField(
                label=_("%(n)s. Why not met") % {"n": n},
                required=False,
                max_length=500,
                widget=forms.TextInput(attrs={"class": "form-control"}),
            )

    def rows(self):
        """(number, requirement, tick field, reason field) for the template."""
        return [
            (n, requirement, self[f"met_{n}"], self[f"reason_{n}"])
            for n, requirement in enumerate(self.checklist, start=1)
        ]

    def clean(self):
        data = super().clean()
        for n, _requirement in enumerate(self.checklist, start=1):
            if not data.get(f"met_{n}") and not (data.get(f"reason_{n}") or "").strip():
                self.add_error(
                    f"reason_{n}",
                    _("Tick the requirement as met or say why it is not."),
                )
        return data

    def results(self) -> list[tuple[str, bool, str]]:
        return [
            (
                requirement,
                bool(self.cleaned_data.get(f"met_{n}")),
                (self.cleaned_data.get(f"reason_{n}") or "").strip(),
            )
            for n, requirement in enumerate(self.checklist, start=1)
        ]


class DecisionForm(LimitedInputMixin, forms.Form):
    """The clerk's choice: a granted amount or a reason for each offer of the ranking."""

    ordinance_number = forms.CharField(
        label=_("Number of the mayor's ordinance"), required=False, max_length=60
    )
    ordinance_date = forms.DateField(
        label=_("Date of the ordinance"), required=False, widget=DATE
    )
    date_reason = forms.CharField(
        label=_("Reason for choosing the offers after the announced date"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, ranking, **kwargs):
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        self.offers = [row.offer for row in ranking]
        for offer in self.offers:
            self.fields[f"amount_{offer.pk}"] = AmountField(
                label=_("Granted amount %(number)s") % {"number": offer.number},
                required=False,
            )
            self.fields[f"reason_{offer.pk}"] = forms.CharField(
                label=_("Reason %(number)s") % {"number": offer.number},
                required=False,
            )
            self.fields[f"over_{offer.pk}"] = forms.CharField(
                label=_("Reason for more than requested %(number)s")
                % {"number": offer.number},
                required=False,
            )
        limit_fields(self)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control"

    def rows(self, ranking):
        return [
            (
                row,
                self[f"amount_{row.offer.pk}"],
                self[f"reason_{row.offer.pk}"],
                self[f"over_{row.offer.pk}"],
            )
            for row in ranking
        ]

    def error_list(self) -> list[str]:
        """Every error, each naming the offer it is about."""
        by_name = {f"amount_{o.pk}": o for o in self.offers}
        by_name |= {f"reason_{o.pk}": o for o in self.offers}
        by_name |= {f"over_{o.pk}": o for o in self.offers}
        errors = []
        for name, messages in self.errors.items():
            offer = by_name.get(name)
            for message in messages:
                errors.append(
                    _("Offer %(number)s: %(error)s")
                    % {"number": offer.number, "error": message}
                    if offer
                    else message
                )
        return errors

    def awards(self) -> dict:
        return {
            o.pk: self.cleaned_data.get(f"amount_{o.pk}") or Decimal(0)
            for o in self.offers
        }

    def reasons(self) -> dict:
        return {o.pk: self.cleaned_data.get(f"reason_{o.pk}", "") for o in self.offers}

    def over_request_reasons(self) -> dict:
        return {o.pk: self.cleaned_data.get(f"over_{o.pk}", "") for o in self.offers}


class ProtocolForm(LimitedInputMixin, forms.Form):
    """The committee's opinion and protocol: the amount proposed for each accepted
    offer, the meeting's date and place, and who attended."""

    date = forms.DateField(label=_("Date of the meeting"), widget=DATE)
    place = forms.CharField(label=_("Place of the meeting"), max_length=200)
    present = forms.MultipleChoiceField(
        label=_("Members present"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, members, offers, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = list(members)
        self.offers = list(offers)
        self.fields["present"].choices = [
            (str(m.pk), f"{m.user.document_name} ({m.get_kind_display()})")
            for m in self.members
        ]
        self.fields["present"].initial = [
            str(m.pk) for m in self.members if not m.is_excluded
        ]
        for offer in self.offers:
            self.fields[f"proposed_{offer.pk}"] = AmountField(
                label=_("Amount proposed for offer %(number)s (PLN)")
                % {"number": offer.number},
                required=False,
                initial=offer.proposed_amount,
            )
        limit_fields(self)
        for name, field in self.fields.items():
            field.widget.attrs["class"] = (
                "form-check-input" if name == "present" else "form-control"
            )

    def proposed(self) -> dict:
        return {o.pk: self.cleaned_data.get(f"proposed_{o.pk}") for o in self.offers}

    def proposed_fields(self):
        return [self[f"proposed_{o.pk}"] for o in self.offers]


class ReasonsRequestForm(LimitedInputMixin, forms.Form):
    """Anyone's demand for the reasons for choosing or rejecting an offer (art. 15 ust. 2j)."""

    offer = forms.ModelChoiceField(label=_("Offer"), queryset=Offer.objects.none())
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Your e-mail address"))
    question = forms.CharField(
        label=_("What do you want to know?"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, offers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = offers
        self.fields["offer"].label_from_instance = lambda o: (
            f"{o.number} {o.organisation.name}: {o.title}"
        )
        limit_fields(self, {"question": "comment"})
        for field in self.fields.values():
            field.widget.attrs["class"] = (
                "form-select"
                if isinstance(field, forms.ModelChoiceField)
                else "form-control"
            )


class CommitteeAppointForm(LimitedInputMixin, forms.ModelForm):
    class Meta:
        model = CommitteeMember
        fields = ["user", "kind", "nominated_by", "is_chair"]


class ConfirmOfferForm(forms.Form):
    """A representative's confirmation of the content they read (its checksum)."""

    checksum = forms.CharField(widget=forms.HiddenInput, max_length=64)


class AttachmentForm(LimitedInputMixin, forms.Form):
    """An attachment the announcement requires, sent with the offer."""

    requirement = forms.ModelChoiceField(
        queryset=None, label=_("Attachment"), empty_label=None
    )
    file = forms.FileField(label=_("File (PDF, ODT, DOCX or an image)"))

    def __init__(self, *args, competition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requirement"].queryset = competition.required_attachments.all()
        self.fields["requirement"].widget.attrs["class"] = "form-select"
        self.fields["file"].widget.attrs.update(
            {"class": "form-control", "accept": ATTACHMENT_KINDS.accept()}
        )


class SignedCopyForm(LimitedInputMixin, forms.Form):
    """A copy of the offer's PDF signed with a qualified or trusted-profile signature."""

    signed_file = forms.FileField(label=_("Signed PDF of the offer"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signed_file"].widget.attrs.update(
            {"class": "form-control", "accept": SIGNED_COPY_KINDS.accept()}
        )
