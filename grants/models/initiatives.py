"""Local initiatives (art. 19b-19h of the Act on public benefit activity and volunteerism).

The council's resolution (art. 19c) sets the procedure and the detailed criteria for
assessing applications; the criteria are to take into account above all ("przede wszystkim", art. 19c sec. 1) the residents'
contribution of social work, so its weight must be strictly the greatest.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cooperation.core.limits import LimitedTextField, validate_amount
from cooperation.core.models import TimeStampedModel, choices_check
from cooperation.core.uploads import IMAGES, FileKinds


class InitiativeResolution(TimeStampedModel):
    """The council's resolution on the procedure and criteria (art. 19c)."""

    # The page on how to apply shows the resolution and its criteria.
    public_cache_areas: tuple[str, ...] = ("grants",)

    number = models.CharField(_("resolution number"), max_length=80, unique=True)
    adopted_on = models.DateField(_("date of adoption"))
    title = models.CharField(_("title"), max_length=300)
    procedure = LimitedTextField(_("procedure"), kind="draft", blank=True)
    required_documents = LimitedTextField(_("required documents"), blank=True)
    assessment_days = models.PositiveSmallIntegerField(
        _("days to assess an application"), default=30
    )
    application_deadline = models.DateField(
        _("applications received until"),
        null=True,
        blank=True,
        help_text=_("Empty: applications are received all year."),
    )
    settlement_days = models.PositiveSmallIntegerField(
        _("days after the end of the agreement to document the contributions"),
        default=30,
    )
    hour_rate = models.DecimalField(
        _("rate of an hour of social work"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("0.00"),
    )

    class Meta:
        verbose_name = _("local initiative resolution")
        verbose_name_plural = _("local initiative resolutions")
        ordering = ("-adopted_on",)

    def __str__(self) -> str:
        return self.number

    def check_social_work_heaviest(self) -> None:
        """Refuse criteria where the social work criterion is not strictly the heaviest."""
        check_social_work_weights(
            [(c.social_work, c.weight) for c in self.criteria.all()]
        )


def check_social_work_weights(criteria: list[tuple[bool, Decimal | int]]) -> None:
    """``criteria`` are (is social work, weight) pairs; a tie counts as not heaviest."""
    social = [w for is_social, w in criteria if is_social]
    others = [w for is_social, w in criteria if not is_social]
    if len(social) != 1:
        raise ValidationError(
            _(
                "The resolution must have exactly one criterion of residents' social work."
            ),
            code="social_work_count",
        )
    if others and social[0] <= max(others):
        raise ValidationError(
            _(
                "The residents' social work must weigh more than every other "
                "criterion (art. 19c sec. 1)."
            ),
            code="social_work_not_heaviest",
        )


class InitiativeCriterion(models.Model):
    resolution = models.ForeignKey(
        InitiativeResolution,
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("resolution"),
    )
    name = models.CharField(_("name"), max_length=300)
    weight = models.PositiveSmallIntegerField(_("weight"))
    social_work = models.BooleanField(_("residents' social work"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("local initiative criterion")
        verbose_name_plural = _("local initiative criteria")
        ordering = ("order", "pk")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not self.resolution_id:
            return
        rows = [
            (c.social_work, c.weight)
            for c in self.resolution.criteria.exclude(pk=self.pk)
        ]
        rows.append((self.social_work, self.weight))
        if any(s for s, _w in rows):
            try:
                check_social_work_weights(rows)
            except ValidationError as error:
                if error.code == "social_work_not_heaviest":
                    raise ValidationError({"weight": error}) from None


def _amount(name: object, **kwargs: object) -> models.DecimalField:
    return models.DecimalField(
        name,
        max_digits=12,
        decimal_places=2,
        default=Decimal(0),
        validators=[validate_amount],
        **kwargs,  # type: ignore[arg-type]
    )


class InitiativeTask(models.TextChoices):
    """The points of art. 19b ust. 1 (their text: ``grants.initiative_act``)."""

    COMMUNITY = "community", _("development of local communities and infrastructure")
    SOCIAL = "social", _("social, charity, national and civic tradition activity")
    EDUCATION = "education", _("education, schooling and upbringing")
    SPORT = "sport", _("physical culture and tourism")
    NATURE = "nature", _("protection of nature, including greenery")
    ORDER = "order", _("public order and safety")
    REVITALISATION = "revitalisation", _("revitalisation")


class InitiativeApplicantKind(models.TextChoices):
    RESIDENTS = "residents", _("residents directly")
    ORGANISATION = "organisation", _("residents through an organisation")


class InitiativeStatus(models.TextChoices):
    # Said of the initiative (in Polish a feminine noun), hence a context of their own.
    SUBMITTED = "submitted", pgettext_lazy("local initiative", "submitted")
    CHECKED = "checked", pgettext_lazy("local initiative", "formally correct")
    ASSESSED = "assessed", pgettext_lazy("local initiative", "assessed")
    ACCEPTED = "accepted", pgettext_lazy("local initiative", "accepted")
    REFUSED = "refused", pgettext_lazy("local initiative", "refused")
    AGREEMENT = "agreement", pgettext_lazy("local initiative", "agreement concluded")
    IN_PROGRESS = "in_progress", pgettext_lazy("local initiative", "in progress")
    # Carried out: the settlement of the contributions is still to be made.
    DONE = "done", pgettext_lazy("local initiative", "carried out")
    CLOSED = "closed", pgettext_lazy("local initiative", "settled and closed")


# The states in which an initiative is public: accepted by the municipality.
PUBLIC_INITIATIVE_STATES = (
    InitiativeStatus.ACCEPTED,
    InitiativeStatus.AGREEMENT,
    InitiativeStatus.IN_PROGRESS,
    InitiativeStatus.DONE,
    InitiativeStatus.CLOSED,
)
# The states in which the residents' contributions delivered are logged.
CONTRIBUTING_STATES = (
    InitiativeStatus.AGREEMENT,
    InitiativeStatus.IN_PROGRESS,
    InitiativeStatus.DONE,
)
# Carried out: what the residents delivered is shown on the public pages.
COMPLETED_STATES = (InitiativeStatus.DONE, InitiativeStatus.CLOSED)


def _application_areas(
    application: InitiativeApplication, update_fields: frozenset[str] | None
) -> tuple[str, ...]:
    """Only accepted initiatives are on public pages."""
    return ("grants",) if application.status in PUBLIC_INITIATIVE_STATES else ()


class InitiativeApplication(TimeStampedModel):
    """An application to carry out a public task as a local initiative (art. 19b)."""

    Status = InitiativeStatus
    Task = InitiativeTask
    ApplicantKind = InitiativeApplicantKind
    public_cache_areas = staticmethod(_application_areas)

    resolution = models.ForeignKey(
        InitiativeResolution,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("resolution"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.SUBMITTED,
    )
    number = models.CharField(_("number"), max_length=40, blank=True)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiative_applications",
        verbose_name=_("submitted by"),
    )
    applicant_kind = models.CharField(
        _("who applies"),
        max_length=20,
        choices=InitiativeApplicantKind.choices,
        default=InitiativeApplicantKind.RESIDENTS,
    )
    organisation = models.ForeignKey(
        "ngos.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiative_applications",
        verbose_name=_("organisation"),
    )
    leader_name = models.CharField(_("leader of the group"), max_length=200)
    leader_email = models.EmailField(_("leader's e-mail"))
    leader_phone = models.CharField(_("leader's phone"), max_length=40, blank=True)
    co_applicants = LimitedTextField(
        _("other residents applying"),
        blank=True,
        help_text=_("One name a line."),
    )
    task = models.CharField(
        _("public task (art. 19b ust. 1)"),
        max_length=20,
        choices=InitiativeTask.choices,
    )
    title = models.CharField(_("title of the initiative"), max_length=300)
    place = models.CharField(_("place"), max_length=300)
    beneficiaries = LimitedTextField(_("for whom"))
    description = LimitedTextField(_("description of the initiative"))
    schedule = LimitedTextField(_("schedule"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    cost_estimate = _amount(_("estimated cost (PLN)"))
    social_work_hours = models.PositiveIntegerField(
        _("hours of social work"), default=0, blank=True
    )
    social_work = LimitedTextField(_("what the social work will be"), blank=True)
    in_kind_value = _amount(_("value of the contribution in kind (PLN)"), blank=True)
    in_kind = LimitedTextField(_("what the contribution in kind will be"), blank=True)
    financial_contribution = _amount(_("financial contribution (PLN)"), blank=True)
    requested_support = LimitedTextField(_("what the municipality is asked for"))
    received_on = models.DateField(_("received on"), null=True, blank=True)
    # The assessment (art. 19c ust. 2).
    worthwhile = models.BooleanField(
        _("worthwhile for the needs of the local community"), null=True, blank=True
    )
    assessment_note = LimitedTextField(_("reasons of the assessment"), blank=True)
    total_points = models.PositiveIntegerField(_("points"), null=True, blank=True)
    assessed_on = models.DateField(_("assessed on"), null=True, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assessed by"),
    )
    # The decision.
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_reasons = LimitedTextField(_("reasons for the decision"), blank=True)
    refusal_reason = LimitedTextField(_("reason for refusal"), blank=True)
    municipality_contribution = LimitedTextField(
        _("what the municipality contributes"), blank=True
    )
    municipality_amount = _amount(_("the municipality's contribution (PLN)"))
    completed_on = models.DateField(_("carried out on"), null=True, blank=True)

    class Meta:
        verbose_name = _("local initiative application")
        verbose_name_plural = _("local initiative applications")
        ordering = ["-received_on", "-pk"]
        constraints = [
            choices_check("initiative_status_valid", InitiativeStatus),
            choices_check("initiative_task_valid", InitiativeTask, field="task"),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="initiative_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(applicant_kind=InitiativeApplicantKind.RESIDENTS)
                | Q(organisation__isnull=False),
                name="initiative_organisation_named",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("grants:initiative-detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_INITIATIVE_STATES

    @property
    def social_work_value(self) -> Decimal:
        """The hours at the resolution's rate of an hour of social work."""
        return (self.resolution.hour_rate * self.social_work_hours).quantize(
            Decimal("0.01")
        )

    @property
    def residents_contribution(self) -> Decimal:
        return self.social_work_value + self.in_kind_value + self.financial_contribution

    @property
    def is_completed(self) -> bool:
        return self.status in COMPLETED_STATES


class InitiativeScore(models.Model):
    """The points one criterion of the resolution gave an application."""

    application = models.ForeignKey(
        InitiativeApplication,
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("application"),
    )
    criterion = models.ForeignKey(
        InitiativeCriterion,
        on_delete=models.PROTECT,
        related_name="scores",
        verbose_name=_("criterion"),
    )
    points = models.PositiveSmallIntegerField(_("points"))

    class Meta:
        verbose_name = _("score of a local initiative")
        verbose_name_plural = _("scores of local initiatives")
        ordering = ["criterion__order", "criterion__pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion"], name="initiative_score_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.points}"


class InitiativeAgreement(TimeStampedModel):
    """The agreement on carrying out the local initiative, concluded for a fixed term."""

    application = models.OneToOneField(
        InitiativeApplication,
        on_delete=models.PROTECT,
        related_name="agreement",
        verbose_name=_("application"),
    )
    number = models.CharField(_("number"), max_length=80, unique=True)
    concluded_on = models.DateField(_("concluded on"))
    starts_on = models.DateField(_("in force from"))
    ends_on = models.DateField(_("in force until"))
    municipality_representative = models.CharField(
        _("for the municipality"), max_length=200
    )
    applicants_representative = models.CharField(
        _("for the applicants"), max_length=300
    )

    class Meta:
        verbose_name = _("local initiative agreement")
        verbose_name_plural = _("local initiative agreements")
        ordering = ["-concluded_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="initiative_agreement_fixed_term",
            )
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def contributions_due(self) -> date:
        """The day by which the contributions delivered are documented: the
        resolution's days after the end of the agreement."""
        days = self.application.resolution.settlement_days
        return self.ends_on + timedelta(days=days)


class ContributionKind(models.TextChoices):
    """What the residents give: social work, money, goods or services."""

    WORK = "work", _("social work")
    CASH = "cash", _("money")
    IN_KIND = "in_kind", _("goods or services")


# What may prove a contribution: a list of attendance, a receipt, a bill, a photo.
EVIDENCE_KINDS = FileKinds("pdf", "odt", "docx", *IMAGES)


class InitiativeContribution(models.Model):
    """A contribution of the residents delivered while the initiative is carried out,
    with its evidence: the log the settlement compares with what was declared."""

    # Logged for the applicants and the clerks; the public pages show the totals of a
    # completed initiative, read with the initiative.
    public_cache_areas: tuple[str, ...] = ("grants",)

    application = models.ForeignKey(
        InitiativeApplication,
        on_delete=models.CASCADE,
        related_name="contributions",
        verbose_name=_("initiative"),
    )
    kind = models.CharField(
        _("contribution"), max_length=10, choices=ContributionKind.choices
    )
    delivered_on = models.DateField(_("delivered on"))
    description = LimitedTextField(_("what was done or given"))
    hours = models.PositiveIntegerField(_("hours of social work"), default=0)
    hour_rate = models.DecimalField(
        _("rate of an hour of social work"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("0.00"),
    )
    amount = _amount(_("value (PLN)"))
    evidence = models.FileField(
        _("evidence"),
        upload_to="grants/initiatives/%Y/",
        validators=[EVIDENCE_KINDS],
        help_text=_(
            "A list of attendance, a receipt, a bill or a photo (PDF, ODT, DOCX or "
            "an image)."
        ),
    )
    evidence_size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    evidence_sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("contribution delivered")
        verbose_name_plural = _("contributions delivered")
        ordering = ["delivered_on", "pk"]
        constraints = [
            choices_check(
                "initiative_contribution_kind_valid", ContributionKind, field="kind"
            ),
            # Social work is counted in hours, money and goods in złoty.
            models.CheckConstraint(
                condition=Q(kind=ContributionKind.WORK, hours__gt=0)
                | (~Q(kind=ContributionKind.WORK) & Q(hours=0, amount__gt=0)),
                name="initiative_contribution_measured",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.delivered_on}"


class InitiativeSettlement(TimeStampedModel):
    """The settlement of a carried-out initiative: the residents' contribution
    declared and delivered, kind by kind, and what the municipality delivered.

    The totals are kept as they were when the initiative was settled, so that the
    settlement's document never changes afterwards.
    """

    public_cache_areas: tuple[str, ...] = ("grants",)

    application = models.OneToOneField(
        InitiativeApplication,
        on_delete=models.PROTECT,
        related_name="settlement",
        verbose_name=_("initiative"),
    )
    settled_on = models.DateField(_("settled on"))
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("settled by"),
    )
    declared_hours = models.PositiveIntegerField(_("hours declared"), default=0)
    declared_work = _amount(_("social work declared (PLN)"))
    declared_cash = _amount(_("money declared (PLN)"))
    declared_in_kind = _amount(_("goods or services declared (PLN)"))
    delivered_hours = models.PositiveIntegerField(_("hours delivered"), default=0)
    delivered_work = _amount(_("social work delivered (PLN)"))
    delivered_cash = _amount(_("money delivered (PLN)"))
    delivered_in_kind = _amount(_("goods or services delivered (PLN)"))
    municipality_declared = _amount(_("the municipality's contribution agreed (PLN)"))
    municipality_delivered = _amount(
        _("the municipality's contribution delivered (PLN)")
    )
    municipality_delivered_text = LimitedTextField(_("what the municipality delivered"))
    conclusion = LimitedTextField(_("conclusions of the settlement"), blank=True)

    class Meta:
        verbose_name = _("settlement of a local initiative")
        verbose_name_plural = _("settlements of local initiatives")
        ordering = ["-settled_on", "-pk"]

    def __str__(self) -> str:
        return str(self.application)

    @property
    def declared_total(self) -> Decimal:
        return self.declared_work + self.declared_cash + self.declared_in_kind

    @property
    def delivered_total(self) -> Decimal:
        return self.delivered_work + self.delivered_cash + self.delivered_in_kind

    def rows(self) -> list[tuple[str, Decimal, Decimal, Decimal]]:
        """(kind, declared, delivered, delivered less declared) for each kind."""
        pairs = [
            (ContributionKind.WORK.label, self.declared_work, self.delivered_work),
            (ContributionKind.CASH.label, self.declared_cash, self.delivered_cash),
            (
                ContributionKind.IN_KIND.label,
                self.declared_in_kind,
                self.delivered_in_kind,
            ),
        ]
        return [(str(k), d, v, v - d) for k, d, v in pairs]


class InitiativeInvitation(models.Model):
    """A resident the leader invited by e-mail to apply with the group; once the
    person accepts with an account of that address, they follow the application."""

    public_cache_areas: tuple[str, ...] = ()

    application = models.ForeignKey(
        InitiativeApplication,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("initiative"),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    token = models.CharField(_("token"), max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiative_invitations",
        verbose_name=_("accepted by"),
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation of a co-applicant")
        verbose_name_plural = _("invitations of co-applicants")
        ordering = ["invited_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "email"], name="initiative_invitation_once"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("grants:initiative-invitation", args=[self.token])


class InitiativeAttachment(models.Model):
    """A document the resolution requires, attached to the application (a list of
    residents supporting it, the owner's consent to use the land)."""

    public_cache_areas: tuple[str, ...] = ()

    application = models.ForeignKey(
        InitiativeApplication,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("application"),
    )
    name = models.CharField(_("document"), max_length=300)
    file = models.FileField(
        _("file"),
        upload_to="grants/initiatives/applications/%Y/",
        validators=[EVIDENCE_KINDS],
    )
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("document attached to an application")
        verbose_name_plural = _("documents attached to applications")
        ordering = ["application", "pk"]

    def __str__(self) -> str:
        return self.name
