from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "cooperation.evaluation"
    label = "evaluation"
    verbose_name = _("Evaluation of cooperation")

    def ready(self) -> None:
        from .quality.defaults import restore_default_set

        post_migrate.connect(
            restore_default_set,
            sender=self,
            dispatch_uid="evaluation-quality-default-set",
        )
