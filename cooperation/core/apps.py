from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The shared machinery: users, audit, outbox, stored documents, registries.

    Its label stays ``cooperation`` (the user model is ``cooperation.User``).
    """

    name = "cooperation.core"
    label = "cooperation"
    verbose_name = _("Cooperation")

    def ready(self) -> None:
        from . import following, signals  # noqa: F401
        from .cache import connect_signals

        connect_signals()

        from .auth_backends import connect_signals as connect_permission_signals

        connect_permission_signals()

        # Each app registers its reminder rules, personal-data export and erasure,
        # organisation activity, document contexts and file fields from its
        # ``hooks`` module.
        autodiscover_modules("hooks")

        from .uploads import connect_signals as connect_upload_signals

        connect_upload_signals()

        # django-allauth's authenticators have no translatable name; the
        # administration lists them under the staff's two-factor methods.
        from allauth.mfa.models import Authenticator

        Authenticator._meta.verbose_name = _("authenticator")
        Authenticator._meta.verbose_name_plural = _("authenticators")
