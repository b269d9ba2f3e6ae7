"""Forms of the organisations' part in the council; the rules are the services'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cooperation.core.limits import LimitedInputMixin
from ngos.models import Organisation
from ngos.permissions import Capability, organisations_for

from .models import Candidate, Election


class OrganisationForm(LimitedInputMixin, forms.Form):
    """The organisation on whose behalf the person acts comes first."""

    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_for(  # type: ignore[attr-defined]
            user, Capability.SIGN
        )


class StartForm(OrganisationForm):
    justification = forms.CharField(
        label=_("Justification"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class NominateForm(OrganisationForm):
    name = forms.CharField(label=_("Name and surname of the candidate"), max_length=200)
    about = forms.CharField(
        label=_("About the candidate"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class VoteForm(OrganisationForm):
    candidate = forms.ModelChoiceField(
        label=_("Candidate"),
        queryset=Candidate.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )

    def __init__(self, *args: Any, election: Election, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["candidate"].queryset = election.candidates.all()  # type: ignore[attr-defined]
