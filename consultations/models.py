"""Consultations of draft acts (area 1) and evaluation surveys (area 2)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.core.limits import LimitedTextField
from cooperation.core.models import TimeStampedModel, choices_check
from cooperation.core.uploads import DOCUMENTS, FileKinds

from .querysets import CommentQuerySet, ConsultationQuerySet


class ConsultationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    CANCELLED = "cancelled", _("cancelled")
    REPORT_PUBLISHED = "report_published", _("report published")


class Consultation(TimeStampedModel):
    """The consultation of one draft act with NGOs, the council or residents.

    Whether it is open is derived from ``start_at``/``end_at`` while the stored
    status is ``published``; the status only records what a clerk decided.
    """

    Status = ConsultationStatus

    class ActKind(models.TextChoices):
        RESOLUTION = "resolution", _("council resolution")
        ORDINANCE = "ordinance", _("mayor's ordinance")
        PROGRAMME = "programme", _("cooperation programme")
        OTHER = "other", _("other document")

    class Phase(models.TextChoices):
        DRAFT = "draft", _("draft")
        UPCOMING = "upcoming", _("announced")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed, report in preparation")
        REPORTED = "reported", _("report published")
        CANCELLED = "cancelled", _("cancelled")

    title = models.CharField(_("title"), max_length=400)
    summary = LimitedTextField(_("summary"), blank=True)
    act_kind = models.CharField(
        _("kind of act"),
        max_length=20,
        choices=ActKind.choices,
        default=ActKind.RESOLUTION,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    department = models.CharField(
        _("responsible department"), max_length=200, blank=True
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations_responsible",
        verbose_name=_("responsible clerk"),
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=400,
        blank=True,
        help_text=_(
            "The local resolution on consultations (art. 5 ust. 5 of the Act)."
        ),
    )
    invite_all_ngos = models.BooleanField(_("all NGOs invited"), default=True)
    invite_council = models.BooleanField(
        _("public benefit council invited"), default=False
    )
    invite_residents = models.BooleanField(_("residents invited"), default=False)
    invited_spheres = models.ManyToManyField(
        "ngos.PublicBenefitSphere",
        blank=True,
        related_name="consultations",
        verbose_name=_("NGOs of these spheres invited"),
    )
    channel_online = models.BooleanField(_("comments on this portal"), default=True)
    channel_paper = models.BooleanField(_("comments on paper"), default=True)
    channel_email = models.BooleanField(_("comments by e-mail"), default=True)
    channel_meeting = models.BooleanField(_("consultation meeting"), default=False)
    start_at = models.DateTimeField(_("start"))
    end_at = models.DateTimeField(_("end"))
    programme = models.ForeignKey(
        "programme.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("cooperation programme consulted"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    cancel_reason = LimitedTextField(_("reason for cancelling"), blank=True)
    report_summary = LimitedTextField(_("summary of the report"), blank=True)
    report_published_at = models.DateTimeField(
        _("report published"), null=True, blank=True
    )

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-start_at", "-pk"]
        constraints = [
            choices_check("consultation_status_valid", ConsultationStatus),
            models.CheckConstraint(
                condition=Q(end_at__gt=models.F("start_at")),
                name="consultation_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "end_at"]),
            # The public list's order: its first page is read from the index.
            models.Index(fields=["-start_at", "-id"], name="consultation_list_order"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("consultations:consultation-detail", kwargs={"pk": self.pk})

    def phase_at(self, now) -> str:
        if self.status == self.Status.DRAFT:
            return self.Phase.DRAFT
        if self.status == self.Status.CANCELLED:
            return self.Phase.CANCELLED
        if self.status == self.Status.REPORT_PUBLISHED:
            return self.Phase.REPORTED
        if now < self.start_at:
            return self.Phase.UPCOMING
        if now < self.end_at:
            return self.Phase.OPEN
        return self.Phase.CLOSED

    @property
    def phase(self) -> str:
        return self.phase_at(timezone.now())

    @property
    def phase_label(self) -> str:
        return str(self.Phase(self.phase).label)

    @property
    def is_open(self) -> bool:
        return self.phase == self.Phase.OPEN

    @property
    def is_public(self) -> bool:
        return self.status != self.Status.DRAFT

    @property
    def channels(self) -> list[str]:
        labels = []
        for name in (
            "channel_online",
            "channel_paper",
            "channel_email",
            "channel_meeting",
        ):
            if getattr(self, name):
                labels.append(str(self._meta.get_field(name).verbose_name))
        return labels


class ConsultationDocument(models.Model):
    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("consultation"),
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(
        _("file"), upload_to="consultations/%Y/", validators=[FileKinds(*DOCUMENTS)]
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class DraftVersion(models.Model):
    """One version of the draft text, entered once and split into units."""

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("consultation"),
    )
    number = models.PositiveSmallIntegerField(_("version"))
    source_text = LimitedTextField(_("text of the draft"), kind="draft")
    source_file = models.FileField(
        _("uploaded file"),
        upload_to="consultations/drafts/%Y/",
        blank=True,
        validators=[FileKinds("docx", "txt")],
    )
    note = models.CharField(_("what changed"), max_length=400, blank=True)
    unassigned_text = LimitedTextField(
        _("text not assigned to any unit"),
        blank=True,
        kind="draft",
        help_text=_("Page numbers and footers set aside when the text was split."),
    )
    reading_notes = LimitedTextField(
        _("notes on reading the file"), blank=True, kind="draft"
    )
    text_difference = LimitedTextField(
        _("words that differ from the input"),
        blank=True,
        kind="draft",
        help_text=_(
            "Where the text joined from the units differs from the text entered, "
            "beyond the numbering; while it is not empty the consultation cannot be "
            "published."
        ),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )

    class Meta:
        verbose_name = _("draft version")
        verbose_name_plural = _("draft versions")
        ordering = ["consultation", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "number"], name="draft_version_unique_number"
            )
        ]

    def __str__(self) -> str:
        return _("%(title)s, version %(number)s") % {
            "title": self.consultation.title,
            "number": self.number,
        }


class Unit(models.Model):
    """A numbered part of a draft (§, Art., ust., pkt, lit.) that comments refer to."""

    class Kind(models.TextChoices):
        PREAMBLE = "preamble", _("title and preamble")
        CHAPTER = "chapter", _("chapter")
        ARTICLE = "article", _("article")
        PARAGRAPH = "paragraph", _("paragraph (§)")
        SECTION = "section", _("section (ust.)")
        POINT = "point", _("point (pkt)")
        LETTER = "letter", _("letter (lit.)")
        INDENT = "indent", _("indent")
        ANNEX = "annex", _("annex")
        CLOSING = "closing", _("closing part (signature, justification)")
        TEXT = "text", _("text")

    version = models.ForeignKey(
        DraftVersion,
        on_delete=models.CASCADE,
        related_name="units",
        verbose_name=_("version"),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=20, blank=True)
    label = models.CharField(
        _("label"), max_length=120, blank=True, help_text=_("e.g. § 2 ust. 1 pkt 3")
    )
    depth = models.PositiveSmallIntegerField(_("depth"), default=0)
    text = LimitedTextField(_("text"), blank=True, kind="draft")

    class Meta:
        verbose_name = _("unit of the draft")
        verbose_name_plural = _("units of the draft")
        ordering = ["version", "position", "pk"]

    def __str__(self) -> str:
        return self.label or str(self.get_kind_display())

    @property
    def display_number(self) -> str:
        """The number as printed in the act: "§ 2.", "Art. 5.", "1.", "3)", "a)", "–"."""
        formats = {
            self.Kind.PARAGRAPH: "§ {}.",
            self.Kind.ARTICLE: "Art. {}.",
            self.Kind.SECTION: "{}.",
            self.Kind.POINT: "{})",
            self.Kind.LETTER: "{})",
            self.Kind.CHAPTER: "Rozdział {}",
            self.Kind.ANNEX: "Załącznik nr {}",
        }
        if self.kind == self.Kind.INDENT:
            return "–"
        if self.kind in formats and self.number:
            return formats[self.kind].format(self.number)
        return ""


class Meeting(models.Model):
    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("consultation"),
    )
    held_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=300)
    minutes = LimitedTextField(_("minutes"), blank=True)
    participants = models.PositiveIntegerField(_("number of participants"), default=0)

    class Meta:
        verbose_name = _("consultation meeting")
        verbose_name_plural = _("consultation meetings")
        ordering = ["held_at", "pk"]

    def __str__(self) -> str:
        return f"{self.place}, {timezone.localtime(self.held_at):%Y-%m-%d %H:%M}"


class Comment(TimeStampedModel):
    """A comment (uwaga) on one unit or on the whole draft, with the office's decision."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("this portal")
        PAPER = "paper", _("paper")
        EMAIL = "email", _("e-mail")
        MEETING = "meeting", _("meeting")

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("accepted")
        PARTLY = "partly", _("partly accepted")
        REJECTED = "rejected", _("rejected")
        OUTSIDE = "outside", _("outside the scope")

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("consultation"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("provision concerned"),
        help_text=_("Empty: the comment is about the whole draft."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultation_comments",
        verbose_name=_("author"),
    )
    organisation = models.ForeignKey(
        "ngos.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultation_comments",
        verbose_name=_("organisation"),
    )
    author_name = models.CharField(
        _("name of the author"),
        max_length=300,
        blank=True,
        help_text=_("For comments received on paper, by e-mail or at a meeting."),
    )
    name_consent = models.BooleanField(
        _("the author agrees to publish their name"), default=False
    )
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, default=Channel.ONLINE
    )
    received_on = models.DateField(_("received on"), default=timezone.localdate)
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("meeting"),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    current_wording = LimitedTextField(
        _("wording concerned"), blank=True, kind="comment"
    )
    proposed_wording = LimitedTextField(
        _("proposed wording"), blank=True, kind="comment"
    )
    justification = LimitedTextField(_("justification"), kind="comment")
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )
    hidden_reason = LimitedTextField(_("reason for hiding"), blank=True)
    decision = models.CharField(
        _("decision"), max_length=20, choices=Decision.choices, blank=True
    )
    decision_justification = LimitedTextField(
        _("justification of the decision"), blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation comment")
        verbose_name_plural = _("consultation comments")
        ordering = ["consultation", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel__in=["online", "paper", "email", "meeting"]),
                name="comment_channel_valid",
            ),
            models.CheckConstraint(
                condition=Q(
                    decision__in=["", "accepted", "partly", "rejected", "outside"]
                ),
                name="comment_decision_valid",
            ),
            # A decision other than "accepted" must say why.
            models.CheckConstraint(
                condition=Q(decision__in=["", "accepted"])
                | ~Q(decision_justification=""),
                name="comment_decision_justified",
            ),
            models.CheckConstraint(
                condition=Q(hidden_at__isnull=True) | ~Q(hidden_reason=""),
                name="comment_hidden_with_reason",
            ),
        ]
        indexes = [models.Index(fields=["consultation", "hidden_at"])]

    def __str__(self) -> str:
        return _("Comment %(pk)s by %(author)s") % {
            "pk": self.pk,
            "author": self.public_author,
        }

    def get_absolute_url(self) -> str:
        return f"{self.consultation.get_absolute_url()}#uwaga-{self.pk}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def public_author(self) -> str:
        """The name shown in public: an organisation's name, a person's only with consent."""
        if self.organisation_id:
            return self.organisation.name
        if self.name_consent:
            if self.author_name:
                return self.author_name
            if self.author_id:
                return self.author.get_full_name() or str(_("resident"))
        return str(_("resident (name withheld)"))

    @property
    def unit_label(self) -> str:
        return (
            self.unit.label
            if self.unit_id and self.unit.label
            else str(_("the whole draft"))
        )


class Survey(TimeStampedModel):
    """An evaluation questionnaire about a consultation, the programme or a policy."""

    title = models.CharField(_("title"), max_length=300)
    intro = LimitedTextField(_("introduction"), blank=True)
    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("consultation"),
    )
    programme = models.ForeignKey(
        "programme.Programme",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("cooperation programme"),
    )
    policy = models.CharField(
        _("policy or programme evaluated"),
        max_length=300,
        blank=True,
        help_text=_("When the survey is about another local policy."),
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    is_published = models.BooleanField(_("published"), default=False)
    results_public = models.BooleanField(_("results public"), default=True)

    class Meta:
        verbose_name = _("evaluation survey")
        verbose_name_plural = _("evaluation surveys")
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="survey_closes_after_open",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("consultations:survey-detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        now = timezone.now()
        return self.is_published and self.opens_at <= now < self.closes_at


class Question(models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", _("scale 1–5")
        CHOICE = "choice", _("single choice")
        TEXT = "text", _("free text")

    survey = models.ForeignKey(
        Survey,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("survey"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=400)
    choices = LimitedTextField(
        _("choices"),
        blank=True,
        help_text=_("One choice a line (single-choice questions)."),
    )
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["scale", "choice", "text"]),
                name="question_kind_valid",
            )
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def choice_list(self) -> list[str]:
        return [c.strip() for c in self.choices.splitlines() if c.strip()]


class SurveyResponse(models.Model):
    survey = models.ForeignKey(
        Survey,
        on_delete=models.CASCADE,
        related_name="responses",
        verbose_name=_("survey"),
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="survey_responses",
        verbose_name=_("respondent"),
    )
    created_at = models.DateTimeField(_("answered"), default=timezone.now)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent"], name="survey_response_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey} #{self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(
        SurveyResponse,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("response"),
    )
    question = models.ForeignKey(
        Question,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("question"),
    )
    value = LimitedTextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_once")
        ]

    def __str__(self) -> str:
        return self.value[:50]
