from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class NgosConfig(AppConfig):
    name = "ngos"
    verbose_name = _("Non-governmental organisations")

    def ready(self) -> None:
        connection_created.connect(_register_sqlite_functions)


def _register_sqlite_functions(sender, connection, **kwargs) -> None:
    """The directory's search fallback folds text on SQLite as in Python."""
    if connection.vendor == "sqlite":
        from .filters import fold, stemmed

        connection.connection.create_function(
            "portal_fold", 1, fold, deterministic=True
        )
        connection.connection.create_function(
            "portal_stems", 1, stemmed, deterministic=True
        )
