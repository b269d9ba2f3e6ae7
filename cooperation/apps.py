from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "cooperation"
    verbose_name = _("Cooperation")

    def ready(self) -> None:
        from . import signals  # noqa: F401
        from .cache import connect_signals

        connect_signals()

        # Each app plugs its reminders, home sections, calendar entries, demo and
        # benchmark data into cooperation.registry from its own ``hooks`` module.
        autodiscover_modules("hooks")
