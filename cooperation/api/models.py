from django.db import models
from django.utils.translation import gettext_lazy as _


class DatasetFile(models.Model):
    """One stored download of a dataset (``cooperation.api.datasets``) in one format.

    ``stamp`` holds the generations of the areas the dataset was built from; when
    they change, the file is built again (``datasets.refresh``).
    """

    # Stored downloads are no page of their own: saving one makes no page stale.
    public_cache_areas = ()

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        JSON = "json", "JSON"

    dataset = models.CharField(_("dataset"), max_length=60)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    file = models.FileField(_("file"), upload_to="dane/")
    stamp = models.CharField(_("state of the data"), max_length=400)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64)
    generated_at = models.DateTimeField(_("generated"))

    class Meta:
        verbose_name = _("dataset file")
        verbose_name_plural = _("dataset files")
        ordering = ["dataset", "format"]
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "format"], name="dataset_file_one_per_format"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dataset}.{self.format}"
