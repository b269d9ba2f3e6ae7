from datetime import date

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cooperation.core.limits import LimitedTextField
from cooperation.core.models import TimeStampedModel, choices_check


class ProgrammeStatus(models.TextChoices):
    DRAFTING = "drafting", _("drafting")
    IN_CONSULTATION = "in_consultation", _("in consultation")
    COUNCIL_OPINION = "council_opinion", _("opinion of the public benefit council")
    SUBMITTED = "submitted", _("submitted to the council")
    ADOPTED = "adopted", _("adopted")
    IN_FORCE = "in_force", _("in force")
    CLOSED = "closed", _("closed")


class Programme(TimeStampedModel):
    """The annual programme of cooperation with NGOs (art. 5a ust. 1), one per year.

    Its eleven parts follow art. 5a ust. 4; competitions carry out its priorities.
    """

    Status = ProgrammeStatus

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFTING
    )
    # The eleven parts of art. 5a ust. 4.
    goals = LimitedTextField(_("1. main goal and specific goals"), blank=True)
    principles = LimitedTextField(_("2. principles of cooperation"), blank=True)
    scope = LimitedTextField(_("3. scope of the subject"), blank=True)
    forms = LimitedTextField(_("4. forms of cooperation"), blank=True)
    priority_tasks = LimitedTextField(_("5. priority public tasks"), blank=True)
    period = LimitedTextField(_("6. period of carrying out the programme"), blank=True)
    implementation = LimitedTextField(
        _("7. how the programme is carried out"), blank=True
    )
    funds = LimitedTextField(_("8. amount of funds planned"), blank=True)
    evaluation = LimitedTextField(_("9. how the programme is evaluated"), blank=True)
    preparation = LimitedTextField(
        _("10. how the programme was made and how the consultations went"), blank=True
    )
    committees = LimitedTextField(
        _("11. how competition committees are appointed and work"), blank=True
    )
    resolution_number = models.CharField(
        _("resolution number"), max_length=60, blank=True
    )
    resolution_date = models.DateField(_("resolution date"), null=True, blank=True)
    legal_basis = LimitedTextField(_("legal basis"), blank=True)
    council_opinion = LimitedTextField(
        _("opinion of the public benefit council"),
        blank=True,
        help_text=_("Attached to the draft sent to the council (art. 5a ust. 2a)."),
    )
    council_opinion_on = models.DateField(_("opinion given on"), null=True, blank=True)
    submitted_on = models.DateField(
        _("submitted to the council on"), null=True, blank=True
    )
    responsible = models.ForeignKey(
        "cooperation.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible clerk"),
    )

    # (field name, number of the point of art. 5a ust. 4)
    PARTS = [
        ("goals", 1),
        ("principles", 2),
        ("scope", 3),
        ("forms", 4),
        ("priority_tasks", 5),
        ("period", 6),
        ("implementation", 7),
        ("funds", 8),
        ("evaluation", 9),
        ("preparation", 10),
        ("committees", 11),
    ]

    class Meta:
        # The tables keep the names they had before the programme became its own app.
        db_table = "cooperation_programme"
        verbose_name = _("cooperation programme")
        verbose_name_plural = _("cooperation programmes")
        ordering = ["-year"]
        constraints = [choices_check("programme_status_valid", ProgrammeStatus)]

    def __str__(self) -> str:
        return self.title or str(
            _("Cooperation programme for %(year)s") % {"year": self.year}
        )

    def get_absolute_url(self) -> str:
        return reverse("programme:detail", kwargs={"year": self.year})

    @property
    def adoption_deadline(self) -> date:
        """Art. 5a ust. 1: adopted by 30 November of the year before."""
        return date(self.year - 1, 11, 30)

    @property
    def adopted_late(self) -> bool:
        return bool(
            self.resolution_date and self.resolution_date > self.adoption_deadline
        )

    @property
    def parts(self) -> list[tuple[int, str, str]]:
        """The eleven parts as (point of art. 5a ust. 4, heading, text)."""
        rows = []
        for name, number in self.PARTS:
            heading = str(self._meta.get_field(name).verbose_name).split(". ", 1)[-1]
            rows.append((number, heading, getattr(self, name)))
        return rows


class Priority(models.Model):
    """A priority task of the programme in one sphere, with its planned funds."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="priorities",
        verbose_name=_("programme"),
    )
    sphere = models.ForeignKey(
        "ngos.PublicBenefitSphere",
        on_delete=models.PROTECT,
        related_name="priorities",
        verbose_name=_("sphere"),
    )
    title = models.CharField(_("title"), max_length=400)
    description = LimitedTextField(_("description"), blank=True)
    planned_funds = models.DecimalField(
        _("planned funds (PLN)"), max_digits=12, decimal_places=2, default=0
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        db_table = "cooperation_priority"
        verbose_name = _("priority task")
        verbose_name_plural = _("priority tasks")
        ordering = ["programme", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_funds__gte=0), name="priority_funds_not_negative"
            )
        ]

    def __str__(self) -> str:
        return self.title
