from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NonFinancialConfig(AppConfig):
    name = "cooperation.nonfinancial"
    label = "nonfinancial"
    verbose_name = _("Non-financial cooperation")
