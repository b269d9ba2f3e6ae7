"""The public benefit council of the municipality (art. 41e–41i of the Act).

Art. 41e ust. 1 (Dz.U. 2023 poz. 571): the executive "na wspólny wniosek co najmniej 5
organizacji pozarządowych lub podmiotów wymienionych w art. 3 ust. 3, prowadzących
działalność [...] na terenie [...] gminy, tworzy w terminie 2 miesięcy od dnia
wpłynięcia wniosku [...] Gminną Radę Działalności Pożytku Publicznego jako organ
konsultacyjny i opiniodawczy"; ust. 3: "Kadencja [...] Rady Gminnej trwa 3 lata".
Art. 41f: the council "składa się z: 1) przedstawicieli organu stanowiącego [...]
gminy; 2) przedstawicieli organu wykonawczego [...] gminy; 3) przedstawicieli
organizacji pozarządowych oraz podmiotów wymienionych w art. 3 ust. 3 [...],
stanowiących co najmniej połowę członków". Art. 41g: the council of the municipality
sets by resolution how members are appointed, and the terms and manner of nominating
candidates. Art. 41i: its opinions (strategy, draft acts and the cooperation
programme, public tasks); ust. 2: 14 days from the delivery of the draft programme
or strategy. The numbers are settings (``PORTAL_RULES``).

Sources of the words quoted: art. 41e, https://www.inforlex.pl (Dz.U.2023.571 t.j.,
the version in force from 2023-03-27) and https://zawiercie.powiat.pl/powiatowa-rada-dzialalnosci-pozytku-publicznego.html;
art. 41f, prawo-pl.com and the same zawiercie.powiat.pl page; art. 41i ust. 2,
https://standardyprawa.pl/akt/324/art/41593. The text of art. 41h was not found.
"""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.core.limits import LimitedTextField
from cooperation.core.models import TimeStampedModel, choices_check


def rule(name: str) -> int:
    return int(settings.PORTAL_RULES[name])


# The request of organisations (art. 41e ust. 1) --------------------------------------


class CreationRequestStatus(models.TextChoices):
    COLLECTING = "collecting", _("collecting signatures")
    SUBMITTED = "submitted", _("submitted")
    CREATED = "created", _("council created")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", _("withdrawn")


class CreationRequest(TimeStampedModel):
    """The joint request of organisations that the executive create the council."""

    Status = CreationRequestStatus

    justification = LimitedTextField(_("justification"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.COLLECTING,
    )
    received_on = models.DateField(_("received on"), null=True, blank=True)
    due_on = models.DateField(
        _("council to be created by"),
        null=True,
        blank=True,
        help_text=_("Two months from the arrival of the request (art. 41e ust. 1)."),
    )
    reason = LimitedTextField(_("reason for the rejection"), blank=True)
    started_by = models.ForeignKey(
        "cooperation.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("request to create the council")
        verbose_name_plural = _("requests to create the council")
        constraints = [
            choices_check("creationrequest_status_valid", CreationRequestStatus),
            models.CheckConstraint(
                condition=Q(status="collecting")
                | Q(status="withdrawn")
                | (Q(received_on__isnull=False) & Q(due_on__isnull=False)),
                name="creationrequest_submitted_has_dates",
            ),
        ]

    def __str__(self) -> str:
        return str(
            _("Request of %(date)s") % {"date": timezone.localdate(self.created_at)}
        )


def creation_due(received_on: date) -> date:
    """Art. 41e ust. 1: the council is created within 2 months of the request."""
    return received_on + relativedelta(months=rule("COUNCIL_CREATION_MONTHS"))


class Signature(models.Model):
    """An organisation joining the request, signed by its representative."""

    request = models.ForeignKey(
        CreationRequest,
        on_delete=models.CASCADE,
        related_name="signatures",
        verbose_name=_("request"),
    )
    organisation = models.ForeignKey(
        "ngos.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    signed_by = models.ForeignKey(
        "cooperation.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed by"),
    )
    signed_at = models.DateTimeField(_("signed at"), auto_now_add=True)

    class Meta:
        ordering = ["signed_at", "pk"]
        verbose_name = _("organisation requesting")
        verbose_name_plural = _("organisations requesting")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "organisation"], name="signature_once_per_org"
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)


# The council and its terms ------------------------------------------------------------


class SelectionMethod(models.TextChoices):
    VOTE = "vote", _("vote of the organisations (one vote each)")
    APPOINTMENT = "appointment", _("appointment by the executive from the candidates")


class Council(TimeStampedModel):
    """The council, created by an ordinance of the executive (art. 41e ust. 1).

    The resolution of the municipal council (art. 41g) sets how its members are
    chosen: the seats of each side and how the organisations' members are selected.
    """

    name = models.CharField(
        _("name"),
        max_length=300,
        default=_("Municipal Public Benefit Council"),
    )
    request = models.OneToOneField(
        CreationRequest,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="council",
        verbose_name=_("request of the organisations"),
    )
    ordinance_number = models.CharField(
        _("number of the ordinance creating it"), max_length=60, blank=True
    )
    created_on = models.DateField(_("created on"))
    resolution_number = models.CharField(
        _("resolution on appointing members (art. 41g)"), max_length=60, blank=True
    )
    resolution_date = models.DateField(
        _("date of the resolution"), null=True, blank=True
    )
    selection_method = models.CharField(
        _("how the organisations' members are selected"),
        max_length=20,
        choices=SelectionMethod.choices,
        default=SelectionMethod.VOTE,
    )
    council_seats = models.PositiveSmallIntegerField(
        _("seats of the municipal council"), default=2
    )
    executive_seats = models.PositiveSmallIntegerField(
        _("seats of the executive"), default=2
    )
    ngo_seats = models.PositiveSmallIntegerField(_("seats of organisations"), default=4)

    class Meta:
        ordering = ["-created_on"]
        verbose_name = _("public benefit council")
        verbose_name_plural = _("public benefit councils")
        constraints = [
            choices_check(
                "council_selection_method_valid", SelectionMethod, "selection_method"
            ),
            # art. 41f pkt 3: organisations hold at least half of the seats.
            models.CheckConstraint(
                condition=Q(ngo_seats__gte=F("council_seats") + F("executive_seats")),
                name="council_ngo_seats_at_least_half",
                violation_error_message=_(
                    "Organisations must hold at least half of the seats (art. 41f "
                    "pkt 3)."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class TermStatus(models.TextChoices):
    FORMING = "forming", _("being formed")
    ACTIVE = "active", _("in office")
    ENDED = "ended", _("ended")


class Term(TimeStampedModel):
    """A term of office of the council (art. 41e ust. 3: 3 years)."""

    Status = TermStatus

    council = models.ForeignKey(
        Council,
        on_delete=models.CASCADE,
        related_name="terms",
        verbose_name=_("council"),
    )
    number = models.PositiveSmallIntegerField(_("term"))
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.FORMING
    )

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("term of the council")
        verbose_name_plural = _("terms of the council")
        constraints = [
            choices_check("term_status_valid", TermStatus),
            models.UniqueConstraint(
                fields=["council", "number"], name="term_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")), name="term_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return str(
            _("Term %(number)s (%(start)s – %(end)s)")
            % {"number": self.number, "start": self.starts_on, "end": self.ends_on}
        )


def term_end(starts_on: date) -> date:
    """The last day of a term starting on ``starts_on`` (art. 41e ust. 3)."""
    return (
        starts_on + relativedelta(years=rule("COUNCIL_TERM_YEARS")) - timedelta(days=1)
    )


class Side(models.TextChoices):
    """Art. 41f: whom a member represents."""

    COUNCIL = "council", _("municipal council")
    EXECUTIVE = "executive", _("executive (mayor)")
    NGO = "ngo", _("organisations")


class Member(TimeStampedModel):
    """A member of the council in one term, for one side (art. 41f)."""

    class Function(models.TextChoices):
        CHAIR = "chair", _("chair")
        VICE_CHAIR = "vice_chair", _("vice-chair")
        SECRETARY = "secretary", _("secretary")
        MEMBER = "member", _("member")

    term = models.ForeignKey(
        Term, on_delete=models.CASCADE, related_name="members", verbose_name=_("term")
    )
    name = models.CharField(_("name and surname"), max_length=200)
    side = models.CharField(_("represents"), max_length=20, choices=Side.choices)
    organisation = models.ForeignKey(
        "ngos.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nominating organisation"),
    )
    function = models.CharField(
        _("function"), max_length=20, choices=Function.choices, default=Function.MEMBER
    )
    since = models.DateField(_("member since"))
    until = models.DateField(_("member until"), null=True, blank=True)

    class Meta:
        ordering = ["side", "name"]
        verbose_name = _("member of the council")
        verbose_name_plural = _("members of the council")
        constraints = [
            choices_check("member_side_valid", Side, "side"),
            models.CheckConstraint(
                condition=Q(
                    function__in=["chair", "vice_chair", "secretary", "member"]
                ),
                name="member_function_valid",
            ),
            models.CheckConstraint(
                condition=~Q(side="ngo") | Q(organisation__isnull=False),
                name="member_ngo_has_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_current(self) -> bool:
        return self.until is None


# The election of the organisations' members ------------------------------------------


class ElectionStatus(models.TextChoices):
    OPEN = "open", _("nominations open")
    CLOSED = "closed", _("nominations closed")
    PUBLISHED = "published", _("results published")


class Election(TimeStampedModel):
    """The selection of the organisations' members for a term (art. 41g)."""

    Status = ElectionStatus

    term = models.ForeignKey(
        Term, on_delete=models.CASCADE, related_name="elections", verbose_name=_("term")
    )
    method = models.CharField(
        _("selection method"), max_length=20, choices=SelectionMethod.choices
    )
    seats = models.PositiveSmallIntegerField(_("seats to fill"))
    nominations_until = models.DateField(_("nominations until"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    results_published_at = models.DateTimeField(
        _("results published at"), null=True, blank=True
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("election of the organisations' members")
        verbose_name_plural = _("elections of the organisations' members")
        constraints = [
            choices_check("election_status_valid", ElectionStatus),
            choices_check("election_method_valid", SelectionMethod, "method"),
            models.CheckConstraint(condition=Q(seats__gt=0), name="election_has_seats"),
        ]

    def __str__(self) -> str:
        return str(_("Election for %(term)s") % {"term": self.term})


class Candidate(TimeStampedModel):
    """A candidate for the council, with the organisations that nominated them."""

    election = models.ForeignKey(
        Election,
        on_delete=models.CASCADE,
        related_name="candidates",
        verbose_name=_("election"),
    )
    name = models.CharField(_("name and surname"), max_length=200)
    about = LimitedTextField(_("about the candidate"), blank=True)
    organisations = models.ManyToManyField(
        "ngos.Organisation",
        through="Nomination",
        related_name="+",
        verbose_name=_("nominating organisations"),
    )
    selected = models.BooleanField(_("selected"), default=False)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")

    def __str__(self) -> str:
        return self.name


class Nomination(models.Model):
    candidate = models.ForeignKey(
        Candidate,
        on_delete=models.CASCADE,
        related_name="nominations",
        verbose_name=_("candidate"),
    )
    organisation = models.ForeignKey(
        "ngos.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    nominated_by = models.ForeignKey(
        "cooperation.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nominated by"),
    )
    nominated_at = models.DateTimeField(_("nominated at"), auto_now_add=True)

    class Meta:
        ordering = ["nominated_at", "pk"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "organisation"], name="nomination_once_per_org"
            )
        ]

    def __str__(self) -> str:
        return f"{self.candidate} — {self.organisation}"


class Vote(models.Model):
    """One organisation's vote: one per organisation in an election."""

    election = models.ForeignKey(
        Election,
        on_delete=models.CASCADE,
        related_name="votes",
        verbose_name=_("election"),
    )
    organisation = models.ForeignKey(
        "ngos.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    candidate = models.ForeignKey(
        Candidate,
        on_delete=models.CASCADE,
        related_name="votes",
        verbose_name=_("candidate"),
    )
    cast_by = models.ForeignKey(
        "cooperation.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cast by"),
    )
    cast_at = models.DateTimeField(_("cast at"), auto_now_add=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["election", "organisation"], name="vote_one_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.candidate}"


# Meetings, resolutions and opinions ---------------------------------------------------


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    HELD = "held", _("held")
    CANCELLED = "cancelled", _("cancelled")


class Meeting(TimeStampedModel):
    Status = MeetingStatus

    term = models.ForeignKey(
        Term, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("term")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    starts_at = models.DateTimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=300)
    agenda = LimitedTextField(_("agenda"))
    minutes = LimitedTextField(_("minutes"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting of the council")
        verbose_name_plural = _("meetings of the council")
        constraints = [
            choices_check("meeting_status_valid", MeetingStatus),
            models.UniqueConstraint(
                fields=["term", "number"], name="meeting_number_unique"
            ),
            models.CheckConstraint(
                condition=~Q(status="held") | ~Q(minutes=""),
                name="meeting_held_has_minutes",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Meeting no. %(number)s") % {"number": self.number})


class Attendance(models.Model):
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="attendance",
        verbose_name=_("meeting"),
    )
    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="+", verbose_name=_("member")
    )
    present = models.BooleanField(_("present"), default=True)

    class Meta:
        ordering = ["member__side", "member__name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"], name="attendance_once_per_member"
            )
        ]

    def __str__(self) -> str:
        return str(self.member)


class Resolution(TimeStampedModel):
    """A resolution the council adopted at a meeting."""

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        related_name="resolutions",
        verbose_name=_("meeting"),
    )
    number = models.CharField(_("number"), max_length=60)
    title = models.CharField(_("title"), max_length=300)
    text = LimitedTextField(_("text"))
    adopted_on = models.DateField(_("adopted on"))

    class Meta:
        ordering = ["-adopted_on", "-pk"]
        verbose_name = _("resolution of the council")
        verbose_name_plural = _("resolutions of the council")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"], name="resolution_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class OpinionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class Opinion(TimeStampedModel):
    """An opinion of the council (art. 41i ust. 1) on one subject."""

    Status = OpinionStatus

    class Subject(models.TextChoices):
        CONSULTATION = "consultation", _("draft act in consultation")
        PROGRAMME = "programme", _("draft cooperation programme")
        COMPETITION = "competition", _("open competition")
        STRATEGY = "strategy", _("draft development strategy")
        OTHER = "other", _("other matter of public tasks or organisations")

    term = models.ForeignKey(
        Term, on_delete=models.PROTECT, related_name="opinions", verbose_name=_("term")
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opinions",
        verbose_name=_("adopted at the meeting"),
    )
    subject = models.CharField(_("subject"), max_length=20, choices=Subject.choices)
    title = models.CharField(_("what the opinion is on"), max_length=300)
    consultation = models.ForeignKey(
        "consultations.Consultation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consultation"),
    )
    programme = models.ForeignKey(
        "programme.Programme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("programme"),
    )
    competition = models.ForeignKey(
        "grants.Competition",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("competition"),
    )
    delivered_on = models.DateField(
        _("draft delivered to the council on"),
        null=True,
        blank=True,
        help_text=_(
            "For a draft programme or strategy the council has 14 days from "
            "its delivery (art. 41i ust. 2)."
        ),
    )
    text = LimitedTextField(_("text of the opinion"))
    given_on = models.DateField(_("given on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )

    class Meta:
        ordering = ["-given_on", "-pk"]
        verbose_name = _("opinion of the council")
        verbose_name_plural = _("opinions of the council")
        constraints = [
            choices_check("opinion_status_valid", OpinionStatus),
            models.CheckConstraint(
                condition=Q(
                    subject__in=[
                        "consultation",
                        "programme",
                        "competition",
                        "strategy",
                        "other",
                    ]
                ),
                name="opinion_subject_valid",
            ),
            models.CheckConstraint(
                condition=~Q(subject="consultation") | Q(consultation__isnull=False),
                name="opinion_consultation_linked",
            ),
            models.CheckConstraint(
                condition=~Q(subject="programme") | Q(programme__isnull=False),
                name="opinion_programme_linked",
            ),
            models.CheckConstraint(
                condition=~Q(subject="competition") | Q(competition__isnull=False),
                name="opinion_competition_linked",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(given_on__isnull=False),
                name="opinion_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def due_on(self) -> date | None:
        """Art. 41i ust. 2: 14 days from the delivery of a draft programme or strategy."""
        if self.delivered_on is None or self.subject not in ("programme", "strategy"):
            return None
        return self.delivered_on + timedelta(days=rule("COUNCIL_OPINION_DAYS"))

    @property
    def late(self) -> bool:
        due = self.due_on
        return bool(due and self.given_on and self.given_on > due)

    @property
    def subject_url(self) -> str:
        for linked in (self.consultation, self.programme, self.competition):
            if linked is not None and hasattr(linked, "get_absolute_url"):
                return str(linked.get_absolute_url())
        return ""
