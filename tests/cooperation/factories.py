import factory
from django.contrib.auth.models import Group

from cooperation.core.models import User


def with_totp(user):
    """Give ``user`` an authenticator app (TOTP), once."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    if not Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists():
        TOTP.activate(user, generate_totp_secret())
    return user


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = factory.Faker("first_name", locale="pl_PL")
    last_name = factory.Faker("last_name", locale="pl_PL")
    password = factory.PostGenerationMethodCall("set_password", "haslo-testowe-123")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        names = list(extracted or []) + list(kwargs.get("names") or [])
        if create and names:
            for name in names:
                self.groups.add(Group.objects.get_or_create(name=name)[0])
        if create:
            self.save()

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        """Users are confirmed residents unless ``verified_email=False``."""
        if create and extracted is not False:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.get_or_create(
                user=self,
                email=self.email,
                defaults={"verified": True, "primary": True},
            )

    @factory.post_generation
    def second_factor(self, create, extracted, **kwargs):
        """Clerks have an authenticator app (TOTP) unless ``second_factor=False``."""
        wanted = extracted if extracted is not None else kwargs.get("totp", False)
        if create and wanted:
            with_totp(self)

    class Params:
        # Traits pass the group names as ``groups__names``: a trait that sets a
        # post-generation declaration itself replaces it and nothing is saved.
        clerk = factory.Trait(
            is_staff=True, groups__names=["clerks"], second_factor__totp=True
        )
        committee = factory.Trait(groups__names=["committee"])
