"""The cooperation quality index (Lokalny Indeks Jakości Współpracy, LIJW).

The LIJW is the self-assessment tool of the national "Model współpracy administracji
publicznej i organizacji pozarządowych" (MPiPS, 2012): officials and organisations
score the quality of cooperation, area by area, once a year. An :class:`IndexVersion`
is one set of areas and indicators with its source; an :class:`Assessment` is the
year's run of one version, answered by the municipality (a clerk) and by the
organisations' representatives.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cooperation.core.limits import LimitedTextField
from cooperation.core.models import TimeStampedModel, choices_check


class IndexVersion(TimeStampedModel):
    """One set of areas and indicators, with where it comes from."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=300)
    source = LimitedTextField(
        _("source"),
        help_text=_(
            "The publication the set follows, and what the municipality changed."
        ),
    )
    source_url = models.URLField(_("address of the source"), blank=True)
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=0)
    scale_max = models.PositiveSmallIntegerField(
        _("highest score"), default=5, validators=[MinValueValidator(1)]
    )
    scale_description = LimitedTextField(
        _("what the scores mean"),
        blank=True,
        help_text=_("Shown to everyone who answers, above the questions."),
    )

    class Meta:
        verbose_name = _("version of the quality index")
        verbose_name_plural = _("versions of the quality index")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_max__gt=models.F("scale_min")),
                name="index_version_scale_valid",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Plane(models.IntegerChoices):
    """The three planes (płaszczyzny) of the Model, as its table of contents names them."""

    POLICIES = 1, _("Cooperation in creating public policies")
    TASKS = 2, _("Cooperation in carrying out public tasks")
    INFRASTRUCTURE = (
        3,
        _("Infrastructure of cooperation, creating conditions for social activity"),
    )


class Area(models.Model):
    """An area of the Model within one version of the index."""

    Plane = Plane

    version = models.ForeignKey(
        IndexVersion,
        on_delete=models.CASCADE,
        related_name="areas",
        verbose_name=_("version"),
    )
    position = models.PositiveSmallIntegerField(_("number"))
    plane = models.PositiveSmallIntegerField(_("plane of the Model"), choices=Plane)
    name = models.CharField(_("name"), max_length=300)
    description = LimitedTextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("area of the index")
        verbose_name_plural = _("areas of the index")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "position"], name="index_area_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(plane__in=Plane.values), name="index_area_plane_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"


class Respondents(models.TextChoices):
    BOTH = "both", _("the municipality and organisations")
    MUNICIPALITY = "municipality", _("the municipality only")
    ORGANISATIONS = "organisations", _("organisations only")


class Indicator(models.Model):
    """A question scored on the version's scale, optionally beside a computed figure."""

    Respondents = Respondents

    area = models.ForeignKey(
        Area,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("area"),
    )
    position = models.PositiveSmallIntegerField(_("number"))
    question = LimitedTextField(_("question"))
    guidance = LimitedTextField(
        _("how to score"),
        blank=True,
        help_text=_("What the lowest and the highest score stand for."),
    )
    respondents = models.CharField(
        _("answered by"),
        max_length=20,
        choices=Respondents.choices,
        default=Respondents.BOTH,
    )
    measure = models.CharField(
        _("computed from the portal's data"),
        max_length=60,
        blank=True,
        help_text=_(
            "A figure the portal computes for the year, shown beside the scores."
        ),
    )

    class Meta:
        verbose_name = _("indicator of the index")
        verbose_name_plural = _("indicators of the index")
        ordering = ["area__position", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "position"], name="index_indicator_position_unique"
            ),
            choices_check(
                "index_indicator_respondents_valid", Respondents, field="respondents"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area.position}.{self.position} {self.question[:80]}"

    @property
    def code(self) -> str:
        return f"{self.area.position}.{self.position}"


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("in preparation")
    OPEN = "open", _("open for answers")
    CLOSED = "closed", pgettext_lazy("quality assessment", "closed")
    PUBLISHED = "published", pgettext_lazy("quality assessment", "published")


class Assessment(TimeStampedModel):
    """The year's self-assessment: one version of the index, answered once a year."""

    Status = AssessmentStatus

    year = models.PositiveSmallIntegerField(
        _("year assessed"),
        unique=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2200)],
    )
    version = models.ForeignKey(
        IndexVersion,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("version of the index"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.DRAFT,
    )
    invitation = LimitedTextField(
        _("invitation"),
        blank=True,
        help_text=_("Shown to the organisations above the questions."),
    )
    summary = LimitedTextField(
        _("conclusions"),
        blank=True,
        help_text=_("The working group's conclusions, published with the results."),
    )
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # The computed figures frozen at closing, by indicator id: the published results
    # do not move when records of the year are corrected later.
    computed = models.JSONField(_("computed figures"), default=dict, blank=True)

    class Meta:
        verbose_name = _("quality assessment")
        verbose_name_plural = _("quality assessments")
        ordering = ["-year"]
        constraints = [choices_check("assessment_status_valid", AssessmentStatus)]

    def __str__(self) -> str:
        return str(_("Quality index %(year)s") % {"year": self.year})

    def get_absolute_url(self) -> str:
        return reverse("quality:year", kwargs={"year": self.year})


class Respondent(models.TextChoices):
    MUNICIPALITY = "municipality", _("municipality")
    ORGANISATION = "organisation", _("organisation")


class Answer(TimeStampedModel):
    """One score of one indicator, by the municipality or by one organisation."""

    Respondent = Respondent

    # An answer is public only within the results of a published year.
    public_cache_areas: tuple[str, ...] = ()

    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("assessment"),
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        related_name="answers",
        verbose_name=_("indicator"),
    )
    respondent = models.CharField(
        _("respondent"), max_length=20, choices=Respondent.choices
    )
    # Published results do not change when an organisation leaves the directory.
    organisation = models.ForeignKey(
        "ngos.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    score = models.PositiveSmallIntegerField(_("score"))
    comment = LimitedTextField(_("comment"), kind="comment", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["assessment", "indicator", "respondent", "organisation"]
        constraints = [
            choices_check("answer_respondent_valid", Respondent, field="respondent"),
            models.CheckConstraint(
                condition=(
                    Q(respondent="municipality", organisation__isnull=True)
                    | Q(respondent="organisation", organisation__isnull=False)
                ),
                name="answer_organisation_matches_respondent",
            ),
            models.UniqueConstraint(
                fields=["assessment", "indicator", "organisation"],
                condition=Q(respondent="organisation"),
                name="answer_once_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["assessment", "indicator"],
                condition=Q(respondent="municipality"),
                name="answer_once_for_municipality",
            ),
        ]

    def __str__(self) -> str:
        who = (
            self.organisation if self.organisation_id else self.get_respondent_display()
        )
        return f"{self.indicator.code}: {self.score} ({who})"
