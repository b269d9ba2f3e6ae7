from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The open data: the read-only API, its documentation, feeds and bulk downloads."""

    name = "cooperation.api"
    label = "api"
    verbose_name = _("Open data")
