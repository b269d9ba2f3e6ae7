"""The person's own account page: language, data download, account deletion.

Log-in, sign-up, e-mail addresses, password and two-factor pages are
django-allauth's, under the same ``/konto/`` prefix.
"""

import json
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from consultations import selectors as consultation_selectors
from cooperation.core.exceptions import DomainError
from cooperation.core.following import (
    followable_slug,
    subscription_follow,
    subscription_unfollow,
    subscriptions_of,
)
from cooperation.core.http import private
from cooperation.core.limits import LimitedInputMixin
from cooperation.core.models import Delivery, NotificationPreference, User
from cooperation.core.mycases import desk_areas, person_desk
from cooperation.core.notifications import (
    INBOX_PAGE,
    inbox,
    inbox_entries,
    notification_mark_read,
    notifications_mark_all_read,
    unread_count,
)
from cooperation.core.registry import (
    followable,
    optional_notifications,
    statutory_notifications,
)
from ngos.mycases import person_and_seats
from workshops import selectors as workshop_selectors

from . import services
from .adapter import set_language_cookie


class LanguageForm(LimitedInputMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["language"]
        widgets = {"language": forms.RadioSelect}
        labels = {"language": gettext_lazy("Preferred language")}


class NotificationsForm(forms.Form):
    """One choice per kind of message a person may change (at once, daily or weekly
    digest, not by e-mail); its field is the kind with ``__`` for the dot."""

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        chosen = dict(
            NotificationPreference.objects.filter(user_id=user.pk).values_list(
                "kind", "delivery"
            )
        )
        for kind, label in optional_notifications.items():
            self.fields[kind.replace(".", "__")] = forms.ChoiceField(
                label=label,
                choices=Delivery.choices,
                initial=chosen.get(kind, Delivery.IMMEDIATE),
                widget=forms.RadioSelect,
                error_messages={
                    "required": gettext_lazy("Choose how these messages reach you."),
                    "invalid_choice": gettext_lazy(
                        "Choose one of the offered ways of receiving these messages."
                    ),
                },
            )

    def wanted(self) -> dict[str, str]:
        return {
            name.replace("__", "."): value for name, value in self.cleaned_data.items()
        }


class NameForm(LimitedInputMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name"]
        labels = {
            "first_name": gettext_lazy("First name"),
            "last_name": gettext_lazy("Last name"),
        }
        help_texts = {
            "last_name": gettext_lazy(
                "Shown with your comments and sign-ups only where you agree to publish "
                "your name."
            ),
        }
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
        }


class DeleteAccountForm(LimitedInputMixin, forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=gettext_lazy(
            "Type your password to confirm that you want to delete the account."
        ),
    )


ACCOUNT_LIST_LENGTH = 10


def _overview_context(request, language_form=None, name_form=None):
    user = request.user
    return {
        "name_form": name_form or NameForm(instance=user),
        "email_addresses": EmailAddress.objects.filter(user=user).order_by(
            "-primary", "email"
        ),
        "has_totp": Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).exists(),
        "language_form": language_form or LanguageForm(instance=user),
        # The latest of each; the registrations have a page of their own.
        "my_comments": consultation_selectors.comments_for_user(user)[
            :ACCOUNT_LIST_LENGTH
        ],
        "my_registrations": workshop_selectors.registrations_for_user(user)[
            :ACCOUNT_LIST_LENGTH
        ],
    }


@login_required
@require_http_methods(["GET"])
@private
def overview(request):
    return render(
        request, "cooperation/account_overview.html", _overview_context(request)
    )


def _settings_context(request, form=None):
    user = request.user
    entries = subscriptions_of(user)
    return {
        "form": form or NotificationsForm(user=user),
        "statutory": [label for _kind, label in statutory_notifications.items()],
        "following": [
            (entry, slug, _followed_url(entry), followable[slug].label)
            for entry in entries
            if (slug := followable_slug(entry.content_object))
        ],
    }


def _followed_url(entry: Any) -> str:
    obj = entry.content_object
    if hasattr(obj, "get_absolute_url"):
        return obj.get_absolute_url()
    return ""


@login_required
@require_http_methods(["GET", "POST"])
@private
def notification_settings(request):
    """How each optional kind of message reaches the person by e-mail, the notices
    that always come at once, and what the person follows."""
    if request.method == "POST":
        form = NotificationsForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                services.account_set_notifications(
                    user=request.user, wanted=form.wanted()
                )
            except DomainError as error:
                form.add_error(
                    error.field.replace(".", "__") if error.field else None,
                    error.message,
                )
            else:
                messages.success(request, _("Your notification settings are saved."))
                return redirect("account-notification-settings")
        return render(
            request,
            "cooperation/account_notifications.html",
            _settings_context(request, form),
            status=400,
        )
    return render(
        request, "cooperation/account_notifications.html", _settings_context(request)
    )


@login_required
@require_POST
@private
def follow(request, kind: str, pk: int):
    """Follow a public object (its page's "Follow" button), or stop following it."""
    stop = request.POST.get("action") == "unfollow"
    try:
        if stop:
            subscription_unfollow(user=request.user, slug=kind, pk=pk)
        else:
            subscription_follow(user=request.user, slug=kind, pk=pk)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("You no longer follow this.")
            if stop
            else _(
                "You follow this now: you will be told when something is published "
                "here."
            ),
        )
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("account-notification-settings")


@login_required
@require_POST
@private
def language(request):
    """Change the language of e-mails and, for this browser, of the pages."""
    form = LanguageForm(request.POST, instance=request.user)
    if form.is_valid():
        try:
            services.account_update_language(
                user=request.user, language=form.cleaned_data["language"]
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
    if not form.is_valid():
        form.instance.language = User.objects.values_list("language", flat=True).get(
            pk=request.user.pk
        )
        return render(
            request,
            "cooperation/account_overview.html",
            _overview_context(request, language_form=form),
            status=400,
        )
    code = request.user.language
    translation.activate(code)
    messages.success(request, _("Your language preference was saved."))
    response = redirect("account-overview")
    set_language_cookie(response, code)
    return response


@login_required
@require_POST
@private
def name(request):
    """Change the first and last name."""
    form = NameForm(request.POST, instance=User.objects.get(pk=request.user.pk))
    if form.is_valid():
        try:
            services.account_update_name(
                user=request.user,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
    if not form.is_valid():
        return render(
            request,
            "cooperation/account_overview.html",
            _overview_context(request, name_form=form),
            status=400,
        )
    messages.success(request, _("Your name was saved."))
    return redirect("account-overview")


@login_required
@require_POST
@private
def export(request):
    """The person's data as a JSON download."""
    data = services.account_export(user=request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="moje-dane-{stamp}.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
@private
def delete(request):
    """Confirm with the password, then delete the account and log out."""
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.account_delete(
                user=request.user, password=form.cleaned_data["password"]
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            logout(request)
            messages.success(request, _("Your account was deleted."))
            return redirect("home")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "cooperation/account_delete.html", {"form": form}, status=status
    )


@login_required
@require_http_methods(["GET"])
@private
def messages_inbox(request):
    """Every message the portal sent the person, newest first, unread ones marked."""
    page = Paginator(inbox(request.user), INBOX_PAGE).get_page(
        request.GET.get("strona")
    )
    return render(
        request,
        "cooperation/account_inbox.html",
        {
            "page": page,
            "entries": inbox_entries(request.user, page.object_list),
            "unread": unread_count(request.user),
        },
    )


@login_required
@require_POST
@private
def messages_open(request, pk: int):
    """Mark a message as read and go to what it is about (or back to the inbox)."""
    notification = get_object_or_404(inbox(request.user), pk=pk)
    notification_mark_read(user=request.user, notification=notification)
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("account-inbox")


@login_required
@require_POST
@private
def messages_read_all(request):
    count = notifications_mark_all_read(user=request.user)
    messages.success(
        request,
        translation.ngettext(
            "%(count)d message marked as read.",
            "%(count)d messages marked as read.",
            count,
        )
        % {"count": count},
    )
    return redirect("account-inbox")


def _desk(user: Any) -> dict[str, Any]:
    person, seats = person_and_seats(user, timezone.now())
    desk = person_desk(person)
    return {
        "seats": [
            (seat, desk.for_organisation(seat.organisation_id)) for seat in seats
        ],
        "personal": [section for section in desk.personal if section.cases],
        "today": desk.today,
    }


@login_required
@require_http_methods(["GET"])
@private
def cases(request):
    """Moje sprawy: for each organisation the person acts for, and for the person,
    what is in progress, its state and what is due next (``cooperation.core.mycases``).
    The page's body is kept per person until a record it shows changes."""
    return render(
        request,
        "cooperation/account_cases.html",
        {
            # Read only when the person's fragment is rendered again.
            "desk": SimpleLazyObject(lambda: _desk(request.user)),
            "desk_areas": desk_areas(),
        },
    )
