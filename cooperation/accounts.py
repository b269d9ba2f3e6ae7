from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    """Remembers the language a person signed up in, for the e-mails sent later."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.language = translation.get_language() or user.language
        if commit:
            user.save()
        return user


def user_display(user) -> str:
    """How allauth names a person in messages ("Logged in as …"): name or e-mail.

    The generated username means nothing to the person.
    """
    return str(user)
