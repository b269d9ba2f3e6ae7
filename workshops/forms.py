from django import forms
from django.utils.translation import gettext_lazy as _

from cooperation.core.limits import LimitedInputMixin
from ngos.models import Organisation
from ngos.permissions import Capability, organisations_for

from .models import AdviceSlot, Event


class SlotChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: AdviceSlot) -> str:
        return str(obj)


class RegistrationForm(LimitedInputMixin, forms.Form):
    """Sign-up for an event; the rules themselves are checked by the service."""

    organisation = forms.ModelChoiceField(
        label=_("On behalf of an organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("only myself"),
        help_text=_("Choose an organisation if you come as its representative."),
    )
    slot = SlotChoiceField(
        label=_("Time slot"), queryset=AdviceSlot.objects.none(), required=False
    )
    question = forms.CharField(
        label=_("What would you like to talk about?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: helps the adviser prepare."),
    )
    consent = forms.BooleanField(
        label=_(
            "I have read the information clause and agree to the processing of my data "
            "for this registration."
        ),
        required=False,
    )

    def __init__(self, *args, event: Event, user, free_slots=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["organisation"].queryset = organisations_for(user, Capability.VIEW)
        if not self.fields["organisation"].queryset.exists():
            del self.fields["organisation"]
        if event.uses_slots:
            self.fields["slot"].queryset = free_slots
            self.fields["slot"].required = True
            self.fields["slot"].empty_label = None
            self.fields["slot"].error_messages["required"] = _("Choose a time slot.")
        else:
            del self.fields["slot"]
            del self.fields["question"]

    def clean_consent(self):
        # Checked here for the message next to the field, and again by the service.
        if not self.cleaned_data.get("consent"):
            raise forms.ValidationError(_("Accept the information clause to sign up."))
        return True
