"""Demo people shared by every app's demo data (``manage.py seed_demo``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import Group

from .models import User

DEMO_PASSWORD = "demo-portal-2026"  # noqa: S105 - printed for people trying the demo

# email, first name, last name, role label, groups, staff
DEMO_PEOPLE = [
    ("urzednik@demo.radlin.example", "Anna", "Urzędnik", "clerk", ["clerks"], True),
    (
        "komisja@demo.radlin.example",
        "Piotr",
        "Komisyjny",
        "committee member",
        ["committee"],
        False,
    ),
    ("prezes@demo.radlin.example", "Maria", "Prezes", "NGO representative", [], False),
    ("redaktor@demo.radlin.example", "Jan", "Redaktor", "NGO editor", [], False),
    ("mieszkaniec@demo.radlin.example", "Ewa", "Mieszkańska", "resident", [], False),
]


def demo_user(email: str) -> User:
    return User.objects.get(email=email)


@dataclass(frozen=True)
class DemoLogin:
    """A demo person created by this run, with what it takes to log in as them.

    Staff get two-factor authentication set up, as the administration requires: the
    TOTP secret for an authenticator app and recovery codes usable instead of a code.
    """

    email: str
    password: str
    role: str
    totp_secret: str = ""
    recovery_codes: list[str] = field(default_factory=list)


def _two_factor(user: User) -> tuple[str, list[str]]:
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret, RecoveryCodes.activate(user).get_unused_codes()


def seed_people(stdout) -> list[DemoLogin]:
    """Create the demo people once; returns the log-ins of those created."""
    from allauth.account.models import EmailAddress

    created = []
    for email, first, last, role, groups, staff in DEMO_PEOPLE:
        user, was_created = User.objects.get_or_create(
            email=email,
            defaults={
                "username": email.split("@")[0],
                "first_name": first,
                "last_name": last,
                "is_staff": staff,
            },
        )
        if was_created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            secret, codes = _two_factor(user) if staff else ("", [])
            created.append(DemoLogin(email, DEMO_PASSWORD, role, secret, codes))
        for name in groups:
            user.groups.add(Group.objects.get_or_create(name=name)[0])
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    return created
