"""The fields the portal adds to django-allauth's sign-up form.

``ACCOUNT_SIGNUP_FORM_CLASS``: allauth's form inherits from this one, so this
module must not import ``allauth.account.forms``.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from cooperation.core.limits import LimitedInputMixin


class SignupNameForm(LimitedInputMixin, forms.Form):
    field_order = ["email", "first_name", "last_name", "password1", "password2"]

    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
        help_text=_(
            "Optional. Shown with your comments and sign-ups only where you agree to "
            "publish your name."
        ),
    )

    def signup(self, request, user) -> None:
        """The adapter already stored the names (``save_user``)."""
