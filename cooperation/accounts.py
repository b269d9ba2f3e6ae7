from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    """Remembers the language a person signed up in, for the e-mails sent later."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.language = translation.get_language() or user.language
        if commit:
            user.save()
        return user

    def post_login(self, request, user, **kwargs):
        """A browser that never chose a language gets the person's preferred one."""
        response = super().post_login(request, user, **kwargs)
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES and user.language:
            set_language_cookie(response, user.language)
        return response


def set_language_cookie(response, code: str) -> None:
    """The cookie Django's ``set_language`` view sets: the pages' language here."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def user_display(user) -> str:
    """How allauth names a person in messages ("Logged in as …"): name or e-mail.

    The generated username means nothing to the person.
    """
    return str(user)
