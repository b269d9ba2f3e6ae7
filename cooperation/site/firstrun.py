"""What a developer starting the portal needs to know: where e-mails go, how to log in."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings

from cooperation.core.demo import DemoLogin


def mail_destination() -> str:
    """Where the e-mails the portal sends end up, in words."""
    backend = settings.EMAIL_BACKEND
    if backend.endswith("console.EmailBackend"):
        return "printed in this console (EMAIL_URL=consolemail://); set EMAIL_URL to send them"
    if backend.endswith("filebased.EmailBackend"):
        return f"written to files in {settings.EMAIL_FILE_PATH}"
    if backend.endswith("locmem.EmailBackend"):
        return "kept in memory (django.core.mail.outbox)"
    if backend.endswith("smtp.EmailBackend"):
        return f"sent through {settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
    return f"handed to {backend}"


def login_lines(logins: Iterable[DemoLogin]) -> list[str]:
    """The demo log-ins, and for staff the second factor the administration asks for."""
    from allauth.mfa.adapter import get_adapter

    from cooperation.core.models import User

    lines = []
    for login in logins:
        lines.append(f"  {login.role:<28} {login.email:<32} {login.password}")
        if login.totp_secret:
            user = User.objects.get(email=login.email)
            url = get_adapter().build_totp_url(user, login.totp_secret)
            lines += [
                "    two-factor step (staff): a code from an authenticator app set up with",
                f"      secret {login.totp_secret}",
                f"      or {url}",
                "    or one of these recovery codes, each usable once:",
                f"      {' '.join(login.recovery_codes)}",
            ]
    return lines
