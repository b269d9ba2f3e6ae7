"""Forms of the organisations' requests; the rules themselves are checked by the services."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.core.limits import AmountField, LimitedInputMixin
from ngos.models import Organisation, PublicBenefitSphere
from ngos.permissions import Capability, organisations_for

from .models import Promotion

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATETIME = forms.DateTimeInput(
    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
)
AREA = forms.Textarea(attrs={"rows": 4})


class RequestForm(LimitedInputMixin, forms.Form):
    """The organisation on whose behalf the request is sent comes first."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_for(  # type: ignore[attr-defined]
            user, Capability.SIGN
        )


class PatronageForm(RequestForm):
    event_title = forms.CharField(label=_("Event"), max_length=300)
    description = forms.CharField(label=_("Description of the event"), widget=AREA)
    starts_on = forms.DateField(label=_("First day"), widget=DATE)
    ends_on = forms.DateField(label=_("Last day"), widget=DATE)
    place = forms.CharField(label=_("Place"), max_length=300)
    audience = forms.CharField(
        label=_("Audience"),
        widget=AREA,
        help_text=_("Who the event is for and how many people."),
    )
    publicity = forms.CharField(
        label=_("How the patronage will be shown"),
        widget=AREA,
        help_text=_("Posters, the website, announcements, the logo on materials…"),
    )


class BookingForm(RequestForm):
    day = forms.DateField(label=_("Day"), widget=DATE)
    start_time = forms.TimeField(label=_("From (hour)"), widget=TIME)
    end_time = forms.TimeField(label=_("Until (hour)"), widget=TIME)
    purpose = forms.CharField(label=_("Purpose"), widget=AREA)
    participants = forms.IntegerField(
        label=_("Expected participants"), min_value=1, required=False
    )
    weekly = forms.BooleanField(label=_("Repeat every week"), required=False)
    repeat_until = forms.DateField(
        label=_("Repeat until"),
        widget=DATE,
        required=False,
        help_text=_("The last day of a weekly booking."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("weekly") and not data.get("repeat_until"):
            self.add_error(
                "repeat_until", _("Give the last day of the weekly booking.")
            )
        return data

    def times(self) -> tuple[datetime, datetime]:
        tz = timezone.get_current_timezone()
        day = self.cleaned_data["day"]
        return (
            datetime.combine(day, self.cleaned_data["start_time"], tzinfo=tz),
            datetime.combine(day, self.cleaned_data["end_time"], tzinfo=tz),
        )


class PromotionForm(RequestForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=Promotion.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    text = forms.CharField(label=_("Text to publish"), widget=AREA)
    starts_at = forms.DateTimeField(
        label=_("Starts at"), widget=DATETIME, required=False
    )
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DATETIME, required=False)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    link = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    channels = forms.CharField(
        label=_("Where to publish"),
        widget=AREA,
        required=False,
        help_text=_(
            "The portal, the municipality's website, social media, the newsletter…"
        ),
    )


class LetterForm(RequestForm):
    addressee = forms.CharField(
        label=_("For whom"),
        max_length=300,
        help_text=_("The body, funder or partner the letter is addressed to."),
    )
    purpose = forms.CharField(
        label=_("Purpose"),
        widget=AREA,
        help_text=_("The application, project or programme it supports."),
    )
    cooperation = forms.CharField(
        label=_("The organisation's cooperation with the municipality"),
        widget=AREA,
        help_text=_("Tasks carried out, projects, partnerships the letter may name."),
    )


class ProposalForm(RequestForm):
    title = forms.CharField(label=_("Public task"), max_length=300)
    sphere = forms.ModelChoiceField(
        label=_("Sphere"),
        queryset=PublicBenefitSphere.objects.all(),
        required=False,
    )
    description = forms.CharField(
        label=_("Description of the public task"),
        widget=AREA,
        help_text=_("Art. 12 ust. 1 pkt 1 of the Act."),
    )
    cost_estimate = AmountField(
        label=_("Estimated cost (PLN)"),
        help_text=_("Art. 12 ust. 1 pkt 2 of the Act."),
    )
    cost_breakdown = forms.CharField(
        label=_("Calculation of the costs"), widget=AREA, required=False
    )


class TeamProposalForm(RequestForm):
    name = forms.CharField(label=_("Name of the team"), max_length=300)
    purpose = forms.CharField(
        label=_("Purpose"),
        widget=AREA,
        help_text=_("What the team is to work on and what it is to prepare."),
    )
    justification = forms.CharField(label=_("Justification of the need"), widget=AREA)


class PlannedActivityForm(RequestForm):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description of the activity"),
        widget=AREA,
        help_text=_("What, when and for whom. Published after a clerk's approval."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
