"""The forms of local initiatives; the rules are checked by the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cooperation.core.limits import LimitedInputMixin, LimitedModelForm
from ngos.permissions import Capability, organisations_for

from .models import ContributionKind, InitiativeApplication, InitiativeResolution
from .models.initiatives import EVIDENCE_KINDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
AREA = forms.Textarea(attrs={"rows": 4})

APPLICATION_FIELDS = [
    "applicant_kind",
    "organisation",
    "leader_name",
    "leader_email",
    "leader_phone",
    "co_applicants",
    "task",
    "title",
    "place",
    "beneficiaries",
    "description",
    "schedule",
    "start_date",
    "end_date",
    "cost_estimate",
    "social_work_hours",
    "social_work",
    "in_kind_value",
    "in_kind",
    "financial_contribution",
    "requested_support",
]


class InitiativeApplicationForm(LimitedModelForm):
    """The application of residents (art. 19b ust. 1), amounts typed the Polish way."""

    class Meta:
        model = InitiativeApplication
        fields = APPLICATION_FIELDS
        widgets = {
            "applicant_kind": forms.RadioSelect,
            "start_date": DATE,
            "end_date": DATE,
            "co_applicants": AREA,
            "beneficiaries": AREA,
            "description": AREA,
            "schedule": AREA,
            "social_work": AREA,
            "in_kind": AREA,
            "requested_support": AREA,
        }
        help_texts = {
            "organisation": _(
                "Only when the residents apply through an organisation you represent."
            ),
            "schedule": _("The stages of the work with their dates."),
            "social_work_hours": _(
                "The unpaid work of the residents, valued at the rate the resolution "
                "sets."
            ),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = organisations_for(user, Capability.SIGN)  # type: ignore[attr-defined]
        field.required = False
        if not kwargs.get("initial") and getattr(user, "email", ""):
            self.fields["leader_email"].initial = user.email
            self.fields["leader_name"].initial = user.get_full_name()


class InitiativeAssessmentForm(LimitedInputMixin, forms.Form):
    """Points for each criterion of the resolution, the worthiness and the reasons."""

    worthwhile = forms.TypedChoiceField(
        label=_("Is the initiative worthwhile for the needs of the local community?"),
        choices=[("yes", _("yes")), ("no", _("no"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Reasons of the assessment"), widget=AREA)

    def __init__(
        self, *args: Any, resolution: InitiativeResolution, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(resolution.criteria.all())
        for criterion in self.criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.IntegerField(
                label=_("%(name)s (0–%(weight)s points)")
                % {"name": criterion.name, "weight": criterion.weight},
                min_value=0,
                max_value=criterion.weight,
            )
        self.order_fields([f"criterion_{c.pk}" for c in self.criteria])

    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"criterion_{c.pk}"] for c in self.criteria}


class InitiativeContributionForm(LimitedInputMixin, forms.Form):
    """A contribution the residents delivered, with its evidence; the amount is parsed
    strictly by the service."""

    kind = forms.ChoiceField(
        label=_("Contribution"),
        choices=ContributionKind.choices,
        widget=forms.RadioSelect,
    )
    delivered_on = forms.DateField(label=_("Delivered on"), widget=DATE)
    description = forms.CharField(
        label=_("What was done or given"),
        widget=AREA,
        help_text=_("For example who worked, on what, or what was bought or lent."),
    )
    hours = forms.IntegerField(
        label=_("Hours of social work (for social work)"),
        required=False,
        min_value=0,
        help_text=_("Valued at the rate the resolution sets."),
    )
    amount = forms.CharField(
        label=_("Value in PLN (for money, goods or services)"),
        required=False,
        max_length=20,
        help_text=_("For example 1 250,00."),
    )
    evidence = forms.FileField(
        label=_("Evidence (PDF, ODT, DOCX or an image)"),
        help_text=_("A list of attendance, a receipt, a bill or a photo."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("delivered_on", "description", "hours", "amount", "evidence"):
            self.fields[name].widget.attrs["class"] = "form-control"
        self.fields["evidence"].widget.attrs["accept"] = EVIDENCE_KINDS.accept()


class InitiativeInvitationForm(LimitedInputMixin, forms.Form):
    """A resident the leader invites to apply with the group."""

    name = forms.CharField(label=_("Name of the resident"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"), max_length=254)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control"
        self.fields["name"].widget.attrs["autocomplete"] = "off"
        self.fields["email"].widget.attrs["autocomplete"] = "off"


class InitiativeAttachmentForm(LimitedInputMixin, forms.Form):
    """A document the resolution requires, with its file."""

    name = forms.CharField(
        label=_("Document (for example the list of residents supporting it)"),
        max_length=300,
    )
    file = forms.FileField(label=_("File (PDF, ODT, DOCX or an image)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["class"] = "form-control"
        self.fields["file"].widget.attrs.update(
            {"class": "form-control", "accept": EVIDENCE_KINDS.accept()}
        )
