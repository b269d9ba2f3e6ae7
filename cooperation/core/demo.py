"""Demo people shared by every app's demo data (``manage.py seed_demo``)."""

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


def seed_people(stdout) -> list[tuple[str, str, str]]:
    """Create the demo people once; returns (email, password, role) of those created."""
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
            created.append((email, DEMO_PASSWORD, role))
        for name in groups:
            user.groups.add(Group.objects.get_or_create(name=name)[0])
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    return created
