import time
import uuid
from types import SimpleNamespace
from urllib.parse import urlencode, urlsplit

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext


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
        _count_login_as_recent_authentication(request)
        return response

    def send_mail(self, template_prefix, email, context):
        """allauth's e-mails name the portal and link to SITE_URL, like ours.

        Links allauth built from the request's host (confirmation, password reset,
        sign-up) are moved to the portal's public address.
        """
        request = self.request
        root = request.build_absolute_uri("/") if request is not None else None
        context = {key: _on_site_url(value, root) for key, value in context.items()}
        context.setdefault("current_site", portal_site())
        owner = _owner_of(email)
        if owner is None:
            return super().send_mail(template_prefix, email, context)
        self.queue_mail(owner, template_prefix, email, context)

    def queue_mail(self, owner, template_prefix, email, context):
        """Hand an allauth e-mail to the outbox instead of the mail server.

        Every account e-mail to a person of the portal (address confirmation, password
        reset) leaves after the request, like the "already registered" one: a sign-up
        or a reset answers at the same pace whatever the address, and a mail outage
        delays the message instead of failing the request. The text is rendered now,
        in the request's language, and erased from the outbox once sent: it may hold
        a link that logs the person in.
        """
        from cooperation.core.notifications import notify

        message = self.render_mail(template_prefix, email, context)
        notify(
            owner,
            "cooperation.account_email",
            occasion=f"{template_prefix.rsplit('/', 1)[-1]}:{uuid.uuid4().hex}",
            context={
                "subject": message.subject,
                "body": message.body,
                "to": email,
                "erase_when_sent": True,
            },
        )

    def render_mail(self, template_prefix, email, context, headers=None):
        context = {**context, "current_site": portal_site()}
        return super().render_mail(template_prefix, email, context, headers=headers)

    def send_account_already_exists_mail(self, email):
        """Tell the owner of an address someone tried to sign up with, from the outbox.

        Sending it inline would make a sign-up with a registered address answer at
        another pace than one with a new address, and tell the two apart. One message
        an hour at most: the outbox keeps one per occasion.
        """
        from cooperation.core.notifications import notify

        owner = _owner_of(email)
        if owner is None:
            return
        notify(
            owner,
            "cooperation.account_exists",
            occasion="account-exists:" + timezone.now().strftime("%Y-%m-%dT%H"),
        )

    def get_email_confirmation_url(self, request, emailconfirmation):
        """The link in the confirmation e-mail: on SITE_URL, keeping ``next``.

        A person who signed up from "Log in to comment" comes back to the
        comment form once the address is confirmed, in any browser.
        """
        url = settings.SITE_URL + reverse(
            "account_confirm_email", args=[emailconfirmation.key]
        )
        next_url = _next_of(request)
        if next_url:
            url += "?" + urlencode({"next": next_url})
        return url


def _owner_of(email):
    """The person an address belongs to (confirmed or not), or None."""
    from allauth.account.models import EmailAddress

    address = (
        EmailAddress.objects.filter(email__iexact=email)
        .select_related("user")
        .order_by("-verified", "-primary")
        .first()
    )
    if address is not None:
        return address.user
    return get_user_model().objects.filter(email__iexact=email).first()


def portal_site():
    """What allauth's e-mails call the site: the portal of the municipality."""
    return SimpleNamespace(
        name=gettext("Portal Współpracy — %(municipality)s")
        % {"municipality": settings.MUNICIPALITY_NAME},
        domain=urlsplit(settings.SITE_URL).netloc,
    )


def _on_site_url(value, root):
    if root and isinstance(value, str) and value.startswith(root):
        return settings.SITE_URL + "/" + value[len(root) :]
    return value


def _next_of(request):
    if request is None:
        return ""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return ""


def _count_login_as_recent_authentication(request) -> None:
    """A password typed at log-in counts as recent authentication.

    allauth only accepts records of its reauthentication form, so staff sent to
    set up two-factor right after logging in were asked for the password again.
    The record keeps its time: after ``ACCOUNT_REAUTHENTICATION_TIMEOUT`` later
    sensitive changes ask for the password as before.
    """
    records = request.session.get(AUTHENTICATION_METHODS_SESSION_KEY)
    if not isinstance(records, list):
        return
    now = time.time()
    changed = False
    for record in records:
        if (
            isinstance(record, dict)
            and record.get("method") in account_settings.REAUTHENTICATION_METHODS
            and now - record.get("at", 0) < account_settings.REAUTHENTICATION_TIMEOUT
            and not record.get("reauthenticated")
        ):
            record["reauthenticated"] = True
            changed = True
    if changed:
        request.session[AUTHENTICATION_METHODS_SESSION_KEY] = records


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
