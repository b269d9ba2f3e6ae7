from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "grants"
    verbose_name = _("Grants")

    def ready(self) -> None:
        from . import report_template, simplified_report_template
        from .rates import restore_tax_interest_rates

        post_migrate.connect(
            restore_tax_interest_rates,
            sender=self,
            dispatch_uid="grants-tax-interest-rates",
        )
        post_migrate.connect(
            report_template.restore,
            sender=self,
            dispatch_uid="grants-report-template",
        )
        post_migrate.connect(
            simplified_report_template.restore,
            sender=self,
            dispatch_uid="grants-simplified-report-template",
        )
