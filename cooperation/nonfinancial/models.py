"""Non-financial forms of cooperation (art. 5 ust. 2 of the Act and the programme).

Patronage of the mayor, the lending of the municipality's premises and equipment,
promotion of an organisation's event or call, letters of recommendation and
own-initiative proposals of public tasks (art. 12).
"""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.postgres.fields import (
    DateTimeRangeField,
    RangeBoundary,
    RangeOperators,
)
from django.db import models
from django.db.models import F, Func, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cooperation.core.limits import LimitedTextField
from cooperation.core.models import TimeStampedModel, choices_check
from cooperation.core.uploads import IMAGES, FileKinds

from .constraints import PostgresExclusionConstraint

# What the minutes of a team's meeting may be uploaded as.
MINUTES_KINDS = ("pdf", "docx", "odt")


class TsTzRange(Func):
    """``tstzrange(start, end, '[)')``: the time a slot holds, for the constraint."""

    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class RequestBase(TimeStampedModel):
    """What every request of an organisation carries: who asks, for whom, the answer."""

    organisation = models.ForeignKey(
        "ngos.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    applicant = models.ForeignKey(
        "cooperation.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    reason = LimitedTextField(
        _("reason for the refusal"),
        blank=True,
        help_text=_("Sent to the organisation by e-mail."),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]


# Patronage -----------------------------------------------------------------------


class PatronageStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    GRANTED = "granted", _("granted")
    REFUSED = "refused", _("refused")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Patronage(RequestBase):
    """A request for the honorary patronage of the mayor (patronat honorowy)."""

    Status = PatronageStatus

    event_title = models.CharField(_("event"), max_length=300)
    description = LimitedTextField(_("description of the event"))
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    place = models.CharField(_("place"), max_length=300)
    audience = LimitedTextField(
        _("audience"), help_text=_("Who the event is for and how many people.")
    )
    publicity = LimitedTextField(
        _("how the patronage will be shown"),
        help_text=_("Posters, the website, announcements, the logo on materials…"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.SUBMITTED,
    )
    conditions = LimitedTextField(
        _("conditions of the patronage"),
        blank=True,
        help_text=_("What the organisation must do when it shows the patronage."),
    )

    class Meta(RequestBase.Meta):
        verbose_name = _("patronage request")
        verbose_name_plural = _("patronage requests")
        constraints = [
            choices_check("patronage_status_valid", PatronageStatus),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="patronage_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.event_title


# Premises and equipment ----------------------------------------------------------


class Resource(TimeStampedModel):
    """A room or an item of the municipality that organisations may borrow."""

    class Kind(models.TextChoices):
        ROOM = "room", _("room")
        EQUIPMENT = "equipment", _("equipment")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = LimitedTextField(_("description"), blank=True)
    address = models.CharField(_("address of the premises"), max_length=300, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity (people)"), null=True, blank=True
    )
    accessibility = LimitedTextField(
        _("accessibility"),
        blank=True,
        help_text=_("Step-free access, toilets, induction loop, parking…"),
    )
    rules = LimitedTextField(_("rules of use"), blank=True)
    photo = models.ImageField(
        _("photo"),
        upload_to="nonfinancial/resources/",
        blank=True,
        validators=[FileKinds(*IMAGES)],
    )
    photo_alt = models.CharField(
        _("description of the photo"), max_length=300, blank=True
    )
    is_active = models.BooleanField(_("may be borrowed"), default=True)

    class Meta:
        verbose_name = _("room or equipment")
        verbose_name_plural = _("rooms and equipment")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["room", "equipment"]), name="resource_kind_valid"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("nonfinancial:resource-detail", kwargs={"slug": self.slug})


class BookingStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    GRANTED = "granted", _("granted")
    REFUSED = "refused", _("refused")
    CANCELLED = "cancelled", _("cancelled")
    HANDED_OVER = "handed_over", _("handed over")
    RETURNED = "returned", _("returned")


# A slot of a booking in these states holds the resource.
HOLDING = (BookingStatus.GRANTED, BookingStatus.HANDED_OVER, BookingStatus.RETURNED)


class Booking(RequestBase):
    """A request to borrow a room or an item (użyczenie), once or every week."""

    Status = BookingStatus

    class Recurrence(models.TextChoices):
        ONCE = "once", _("once")
        WEEKLY = "weekly", _("every week")

    resource = models.ForeignKey(
        Resource,
        on_delete=models.PROTECT,
        related_name="bookings",
        verbose_name=_("room or equipment"),
    )
    purpose = LimitedTextField(_("purpose"))
    participants = models.PositiveIntegerField(
        _("expected participants"), null=True, blank=True
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    recurrence = models.CharField(
        _("repeat"), max_length=10, choices=Recurrence.choices, default=Recurrence.ONCE
    )
    repeat_until = models.DateField(_("repeat until"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.SUBMITTED,
    )
    conditions = LimitedTextField(_("conditions of the lending"), blank=True)
    handed_over_at = models.DateTimeField(_("handed over at"), null=True, blank=True)
    handed_over_note = LimitedTextField(_("state at hand-over"), blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    returned_note = LimitedTextField(_("state at return"), blank=True)

    class Meta(RequestBase.Meta):
        verbose_name = _("lending request")
        verbose_name_plural = _("lending requests")
        constraints = [
            choices_check("booking_status_valid", BookingStatus),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="booking_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(recurrence="once") | Q(repeat_until__isnull=False),
                name="booking_weekly_has_end",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resource} — {self.organisation}"

    @property
    def needs_agreement(self) -> bool:
        """A lending agreement (umowa użyczenia) is made for longer arrangements."""
        length = self.ends_at - self.starts_at
        return self.recurrence == self.Recurrence.WEEKLY or length >= timedelta(
            hours=settings.PORTAL_RULES["LENDING_AGREEMENT_HOURS"]
        )


class BookingSlot(models.Model):
    """One occurrence of a booking: the time the resource is held.

    ``holds`` is true while the booking is granted, handed over or returned; on
    PostgreSQL no two holding slots of one resource overlap (an exclusion
    constraint over the time range, with btree_gist for the resource).
    """

    booking = models.ForeignKey(
        Booking,
        on_delete=models.CASCADE,
        related_name="slots",
        verbose_name=_("booking"),
    )
    resource = models.ForeignKey(
        Resource,
        on_delete=models.PROTECT,
        related_name="slots",
        verbose_name=_("room or equipment"),
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    holds = models.BooleanField(_("holds the resource"), default=False)

    class Meta:
        verbose_name = _("booked time")
        verbose_name_plural = _("booked times")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["resource", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="slot_ends_after_start"
            ),
            PostgresExclusionConstraint(
                name="slot_no_double_booking",
                expressions=[
                    (
                        TsTzRange("starts_at", "ends_at", RangeBoundary()),
                        RangeOperators.OVERLAPS,
                    ),
                    ("resource", RangeOperators.EQUAL),
                ],
                condition=Q(holds=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resource}: {self.starts_at:%Y-%m-%d %H:%M}–{self.ends_at:%H:%M}"


# Promotion -------------------------------------------------------------------------


class PromotionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    APPROVED = "approved", _("approved")
    REFUSED = "refused", _("refused")


class Promotion(RequestBase):
    """An organisation asks the municipality to publish its event or call."""

    Status = PromotionStatus

    class Kind(models.TextChoices):
        EVENT = "event", _("event")
        CALL = "call", _("call (volunteers, participants, partners)")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    text = LimitedTextField(_("text to publish"))
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    link = models.URLField(_("link"), blank=True)
    channels = LimitedTextField(
        _("where to publish"),
        blank=True,
        help_text=_(
            "The portal, the municipality's website, social media, the newsletter…"
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.SUBMITTED,
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta(RequestBase.Meta):
        verbose_name = _("promotion request")
        verbose_name_plural = _("promotion requests")
        constraints = [
            choices_check("promotion_status_valid", PromotionStatus),
            models.CheckConstraint(
                condition=Q(kind="call") | Q(starts_at__isnull=False),
                name="promotion_event_has_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title


# Letters of recommendation -------------------------------------------------------------


class LetterStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    ISSUED = "issued", _("issued")
    REFUSED = "refused", _("refused")


class RecommendationLetter(RequestBase):
    """A request for a letter of recommendation (list rekomendacyjny) of the mayor."""

    Status = LetterStatus

    addressee = models.CharField(
        _("for whom"),
        max_length=300,
        help_text=_("The body, funder or partner the letter is addressed to."),
    )
    purpose = LimitedTextField(
        _("purpose"), help_text=_("The application, project or programme it supports.")
    )
    cooperation = LimitedTextField(
        _("the organisation's cooperation with the municipality"),
        help_text=_("Tasks carried out, projects, partnerships the letter may name."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.SUBMITTED,
    )
    letter_text = LimitedTextField(_("text of the letter"), blank=True)
    number = models.CharField(_("reference number"), max_length=60, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    signatory = models.CharField(_("signed by"), max_length=200, blank=True)

    class Meta(RequestBase.Meta):
        verbose_name = _("request for a letter of recommendation")
        verbose_name_plural = _("requests for letters of recommendation")
        constraints = [choices_check("letter_status_valid", LetterStatus)]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.addressee}"


# Own-initiative proposals (art. 12) -------------------------------------------------


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    WORTHWHILE = "worthwhile", _("worthwhile: a competition will be announced")
    NOT_WORTHWHILE = "not_worthwhile", _("not worthwhile")


class TaskProposal(RequestBase):
    """A proposal to commission a public task, on the organisation's own initiative.

    Art. 12 ust. 1: it describes the task and estimates its costs. Art. 12 ust. 2:
    within a month of its arrival the executive considers whether the task is
    worthwhile and tells the organisation its decision and, if worthwhile, the mode
    of commissioning and the date of the competition.
    """

    Status = ProposalStatus

    class Mode(models.TextChoices):
        SUPPORT = "support", _("support (wspieranie) in an open competition")
        ENTRUST = "entrust", _("entrusting (powierzanie) in an open competition")

    title = models.CharField(_("public task"), max_length=300)
    sphere = models.ForeignKey(
        "ngos.PublicBenefitSphere",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sphere"),
    )
    description = LimitedTextField(_("description of the public task"))
    cost_estimate = models.DecimalField(
        _("estimated cost (PLN)"), max_digits=12, decimal_places=2
    )
    cost_breakdown = LimitedTextField(_("calculation of the costs"), blank=True)
    received_on = models.DateField(_("received on"))
    answer_due = models.DateField(
        _("answer due by"), help_text=_("One month from its arrival (art. 12 ust. 2).")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.SUBMITTED,
    )
    answer = LimitedTextField(_("the municipality's answer"), blank=True)
    mode = models.CharField(
        _("mode of commissioning"), max_length=10, choices=Mode.choices, blank=True
    )
    competition_on = models.DateField(
        _("date the competition will be announced"), null=True, blank=True
    )

    class Meta(RequestBase.Meta):
        verbose_name = _("own-initiative proposal (art. 12)")
        verbose_name_plural = _("own-initiative proposals (art. 12)")
        constraints = [
            choices_check("proposal_status_valid", ProposalStatus),
            models.CheckConstraint(
                condition=Q(cost_estimate__gte=0), name="proposal_cost_not_negative"
            ),
            models.CheckConstraint(
                condition=~Q(status="worthwhile")
                | (Q(competition_on__isnull=False) & ~Q(mode="")),
                name="proposal_worthwhile_has_mode_and_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("nonfinancial:proposal-detail", kwargs={"pk": self.pk})


def proposal_answer_due(received_on: date) -> date:
    """Art. 12 ust. 2: at most one month from the day the proposal arrived."""
    months = settings.PORTAL_RULES["PROPOSAL_ANSWER_MONTHS"]
    return received_on + relativedelta(months=months)


# Mutual information (art. 5 ust. 2 pkt 1) ---------------------------------------------


class AnnualPlanStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class AnnualPlan(TimeStampedModel):
    """The municipality's plan of competitions and directions of activity for a year."""

    Status = AnnualPlanStatus

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    competitions = LimitedTextField(
        _("planned open competitions"),
        help_text=_(
            "Tasks, planned dates and amounts of the competitions of the year."
        ),
    )
    directions = LimitedTextField(_("planned directions of activity"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("annual plan of the municipality")
        verbose_name_plural = _("annual plans of the municipality")
        constraints = [choices_check("annualplan_status_valid", AnnualPlanStatus)]

    def __str__(self) -> str:
        return str(self.year)


class PlannedActivityStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    PUBLISHED = "published", _("published")
    REFUSED = "refused", _("refused")


class PlannedActivity(RequestBase):
    """An organisation's planned activity, published after moderation."""

    Status = PlannedActivityStatus

    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=300)
    description = LimitedTextField(_("description of the activity"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.SUBMITTED,
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta(RequestBase.Meta):
        verbose_name = _("planned activity of an organisation")
        verbose_name_plural = _("planned activities of organisations")
        constraints = [
            choices_check("plannedactivity_status_valid", PlannedActivityStatus)
        ]

    def __str__(self) -> str:
        return self.title


# Joint advisory and initiative teams (art. 5 ust. 2 of the Act) ----------------------


class TeamStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    APPOINTED = "appointed", _("appointed")
    REFUSED = "refused", _("not appointed")
    DISSOLVED = "dissolved", _("dissolved")


class JointTeam(TimeStampedModel):
    """A joint advisory and initiative team of the municipality and organisations.

    Proposed by an organisation (through the portal's form) or by a clerk, with its
    purpose and the justification of the need; appointed by an ordinance of the
    mayor (its number and date, the members and the term); dissolved with a date.

    The form of cooperation is one of those listed in art. 5 ust. 2 of the Act. The
    stored text of art. 5 (``tests/data/acts/lexlege-udpp-art5.txt``, Dz.U. 2022
    poz. 1327) gives pkt 4 to the consultation of councils of public benefit and ends
    before the teams' point, so no point number is cited here.
    """

    Status = TeamStatus

    name = models.CharField(_("name of the team"), max_length=300)
    purpose = LimitedTextField(_("purpose"))
    justification = LimitedTextField(_("justification of the need"))
    organisation = models.ForeignKey(
        "ngos.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by the organisation"),
        help_text=_("Empty when the municipality proposed the team."),
    )
    applicant = models.ForeignKey(
        "cooperation.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    ordinance_number = models.CharField(
        _("number of the ordinance"), max_length=60, blank=True
    )
    ordinance_date = models.DateField(_("date of the ordinance"), null=True, blank=True)
    term_from = models.DateField(_("term from"), null=True, blank=True)
    term_until = models.DateField(
        _("term until"),
        null=True,
        blank=True,
        help_text=_("Empty for a team appointed without a fixed term."),
    )
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    reason = LimitedTextField(
        _("reason"),
        blank=True,
        help_text=_("Why the team was not appointed, or why it was dissolved."),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("joint advisory and initiative team")
        verbose_name_plural = _("joint advisory and initiative teams")
        ordering = ["-term_from", "-created_at"]
        constraints = [
            choices_check("jointteam_status_valid", TeamStatus),
            models.CheckConstraint(
                condition=Q(status__in=["proposed", "refused"])
                | (
                    ~Q(ordinance_number="")
                    & Q(ordinance_date__isnull=False)
                    & Q(term_from__isnull=False)
                ),
                name="jointteam_appointed_by_ordinance",
            ),
            models.CheckConstraint(
                condition=Q(term_until__isnull=True)
                | Q(term_from__isnull=True)
                | Q(term_until__gte=F("term_from")),
                name="jointteam_term_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status="dissolved") | Q(dissolved_on__isnull=False),
                name="jointteam_dissolved_with_date",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("nonfinancial:team-list") + f"#zespol-{self.pk}"


class TeamMember(models.Model):
    """A member of a joint team: a representative of one of the two sides."""

    class Side(models.TextChoices):
        ORGANISATIONS = "organisations", _("organisations")
        MUNICIPALITY = "municipality", _("the municipality")

    team = models.ForeignKey(
        JointTeam,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("team"),
    )
    name = models.CharField(_("first and last name"), max_length=200)
    side = models.CharField(_("side"), max_length=20, choices=Side.choices)
    organisation = models.ForeignKey(
        "ngos.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation represented"),
    )
    affiliation = models.CharField(
        _("body or department"),
        max_length=300,
        blank=True,
        help_text=_("For the municipality's side: the office, department or council."),
    )
    role = models.CharField(
        _("role in the team"),
        max_length=100,
        blank=True,
        help_text=_("Chair, secretary… Empty for a member."),
    )

    class Meta:
        verbose_name = _("member of a team")
        verbose_name_plural = _("members of a team")
        ordering = ["team", "side", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(side__in=["organisations", "municipality"]),
                name="teammember_side_valid",
            ),
            models.CheckConstraint(
                condition=~Q(side="organisations") | Q(organisation__isnull=False),
                name="teammember_organisation_side_names_it",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def represents(self) -> str:
        if self.organisation_id is not None:
            return self.organisation.name  # type: ignore[union-attr]
        return self.affiliation


class TeamMeeting(TimeStampedModel):
    """A meeting of a team: its agenda, and minutes written or uploaded."""

    team = models.ForeignKey(
        JointTeam,
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("team"),
    )
    held_at = models.DateTimeField(_("date and hour"))
    place = models.CharField(_("place"), max_length=300)
    agenda = LimitedTextField(_("agenda"))
    minutes_text = LimitedTextField(_("minutes"), blank=True)
    minutes_file = models.FileField(
        _("minutes (file)"),
        upload_to="nonfinancial/teams/minutes/%Y/",
        blank=True,
        validators=[FileKinds(*MINUTES_KINDS)],
        help_text=_("A PDF, DOCX or ODT file."),
    )

    class Meta:
        verbose_name = _("meeting of a team")
        verbose_name_plural = _("meetings of teams")
        ordering = ["-held_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.team}: {self.held_at:%Y-%m-%d}"

    @property
    def has_minutes(self) -> bool:
        return bool(self.minutes_text or self.minutes_file)


class TeamRecommendation(TimeStampedModel):
    """What a team recommends to the municipality, linked to what it concerns."""

    team = models.ForeignKey(
        JointTeam,
        on_delete=models.CASCADE,
        related_name="recommendations",
        verbose_name=_("team"),
    )
    meeting = models.ForeignKey(
        TeamMeeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("adopted at the meeting"),
    )
    title = models.CharField(_("title"), max_length=300)
    text = LimitedTextField(_("text of the recommendation"))
    adopted_on = models.DateField(_("adopted on"))
    consultation = models.ForeignKey(
        "consultations.Consultation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consultation"),
    )
    priority = models.ForeignKey(
        "programme.Priority",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("priority of the programme"),
    )
    competition = models.ForeignKey(
        "grants.Competition",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("competition"),
    )

    class Meta:
        verbose_name = _("recommendation of a team")
        verbose_name_plural = _("recommendations of teams")
        ordering = ["-adopted_on", "-pk"]

    def __str__(self) -> str:
        return self.title
