from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.core.limits import LimitedInputMixin

from .models import (
    Area,
    Membership,
    Organisation,
    PartnerSearch,
    PublicBenefitSphere,
    name_key_of,
)
from .permissions import Capability, organisations_for

LOGO_MAX_BYTES = 1024 * 1024
LOGO_MAX_SIDE = 4000
LOGO_FORMATS = {"PNG", "JPEG", "WEBP", "GIF"}


def _bootstrap(form: forms.Form) -> None:
    """Bootstrap classes on every control (the template stays free of widget logic)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
            # Each box floats beside its label's first line (Bootstrap's
            # ``.form-check``), also where a long label wraps.
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


def valid_spheres():
    today = timezone.localdate()
    from django.db.models import Q

    return PublicBenefitSphere.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=today),
        Q(valid_until__isnull=True) | Q(valid_until__gte=today),
    )


class OrganisationForm(LimitedInputMixin, forms.ModelForm):
    """The profile of an organisation; its identifier fields check their checksums."""

    spheres = forms.ModelMultipleChoiceField(
        label=_("Public-benefit spheres"),
        queryset=PublicBenefitSphere.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "The spheres of art. 4 ust. 1 of the Act the organisation works in."
        ),
    )
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    areas = forms.ModelMultipleChoiceField(
        label=_("Areas of the municipality"),
        queryset=Area.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "short_name",
            "legal_form",
            "krs",
            "other_register",
            "nip",
            "regon",
            "is_opp",
            "street",
            "postal_code",
            "city",
            "correspondence_address",
            "email",
            "phone",
            "website",
            "description",
            "logo",
            "founded_on",
            "spheres",
            "areas",
            "is_public",
        ]
        widgets = {
            "founded_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "correspondence_address": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 6}),
            "logo": forms.ClearableFileInput(
                attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}
            ),
        }
        help_texts = {
            "logo": _("PNG, JPEG, WebP or GIF, at most 1 MB."),
        }

    duplicate: Organisation | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["spheres"].queryset = valid_spheres()
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["postal_code"].widget.attrs["autocomplete"] = "postal-code"
        _bootstrap(self)

    def clean_postal_code(self) -> str:
        value = (self.cleaned_data.get("postal_code") or "").strip()
        if value and not (
            len(value) == 6 and value[2] == "-" and (value[:2] + value[3:]).isdigit()
        ):
            raise ValidationError(
                _("Postal code: use the form 00-000."), code="postal_code"
            )
        return value

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if not logo or not hasattr(logo, "image"):
            return logo  # unchanged or cleared
        if logo.size > LOGO_MAX_BYTES:
            raise ValidationError(
                _("Logo: the file is larger than 1 MB."), code="logo_size"
            )
        image = logo.image
        if (image.format or "").upper() not in LOGO_FORMATS:
            raise ValidationError(
                _("Logo: upload a PNG, JPEG, WebP or GIF image."), code="logo_format"
            )
        if max(image.size) > LOGO_MAX_SIDE:
            raise ValidationError(
                _("Logo: the image is too large (at most 4000 pixels a side)."),
                code="logo_dimensions",
            )
        return logo

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("krs") and not (data.get("other_register") or "").strip():
            if "krs" not in self.errors:
                self.add_error(
                    "other_register",
                    _(
                        "Other register: give the register and number of an entity outside KRS, or enter its KRS number."
                    ),
                )
        return data

    def validate_unique(self) -> None:
        """The duplicate guard: a message naming the existing profile, on the field."""
        from cooperation.core.exceptions import DomainError

        from .services import check_duplicates

        krs, nip, name = (
            self.cleaned_data.get("krs") or "",
            self.cleaned_data.get("nip") or "",
            self.cleaned_data.get("name") or "",
        )
        try:
            check_duplicates(krs=krs, nip=nip, name=name, exclude_pk=self.instance.pk)
        except DomainError as error:
            lookup = {"krs": {"krs": krs}, "nip": {"nip": nip}}.get(
                error.field or "", {"name_key": name_key_of(name)}
            )
            self.duplicate = (
                Organisation.objects.exclude(pk=self.instance.pk)
                .filter(**lookup)
                .only("name", "slug")
                .first()
            )
            self.add_error(error.field, ValidationError(error.message, code=error.code))

    def profile_data(self) -> dict[str, Any]:
        return {
            k: v for k, v in self.cleaned_data.items() if k not in ("spheres", "areas")
        }


class MembershipRequestForm(LimitedInputMixin, forms.Form):
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Membership.Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a role: representative or editor.")},
        help_text=_(
            "A representative may sign and submit on behalf of the organisation; an editor prepares drafts."
        ),
    )


class RefuseForm(LimitedInputMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
        help_text=_("The person receives it by e-mail."),
    )


class PartnerSearchForm(LimitedInputMixin, forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )

    class Meta:
        model = PartnerSearch
        fields = ["organisation", "title", "description", "sphere", "ends_on"]
        widgets = {
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {"ends_on": _("After this day the post is hidden.")}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_for(
            user, Capability.EDIT
        ).filter(verified_at__isnull=False)
        self.fields["sphere"].queryset = valid_spheres()
        _bootstrap(self)

    def clean_ends_on(self):
        value = self.cleaned_data["ends_on"]
        if value < timezone.localdate():
            raise ValidationError(_("Open until: choose a date that has not passed."))
        return value


class PartnerAnswerForm(LimitedInputMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none(), empty_label=None
    )
    message = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )

    def __init__(
        self, *args: Any, user: Any, search: PartnerSearch, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_for(
            user, Capability.EDIT
        ).exclude(pk=search.organisation_id)
        _bootstrap(self)
