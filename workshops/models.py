from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cooperation.core.limits import LimitedTextField
from cooperation.core.models import TimeStampedModel, choices_check
from cooperation.core.uploads import DOCUMENTS, FileKinds

from .querysets import EventQuerySet, RecommendationQuerySet, RegistrationQuerySet


class Topic(models.TextChoices):
    """The six areas of the cooperation model, worked on in the Radlin workshops."""

    CONSULTATION = "consultation", _("consulting draft normative acts")
    EVALUATION = "evaluation", _("evaluating policies and programmes")
    FINANCIAL = "financial", _("public tasks: financial forms")
    NON_FINANCIAL = "non_financial", _("public tasks: non-financial forms")
    SUPPORT = "support", _("supporting citizen initiatives and NGOs")
    INTEGRATION = "integration", _("integration of the NGO sector")
    OTHER = "other", _("other")


AREA_TOPICS = [t for t in Topic if t != Topic.OTHER]
AREA_CHOICES = [(t.value, t.label) for t in AREA_TOPICS]


class WorkingGroup(TimeStampedModel):
    """A working group of NGO representatives on one of the six areas, for a term."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    topic = models.CharField(_("area"), max_length=20, choices=AREA_CHOICES)
    description = LimitedTextField(_("description"), blank=True)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinated_groups",
        verbose_name=_("coordinator"),
    )
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"), null=True, blank=True)

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["topic", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    topic__in=[
                        "consultation",
                        "evaluation",
                        "financial",
                        "non_financial",
                        "support",
                        "integration",
                    ]
                ),
                name="working_group_topic_valid",
            ),
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=F("term_start")),
                name="working_group_term_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("workshops:group-detail", kwargs={"slug": self.slug})

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        return self.term_start <= today and (
            self.term_end is None or self.term_end >= today
        )


class GroupMember(TimeStampedModel):
    """A person in a working group, usually speaking for an organisation."""

    group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("group"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="group_memberships",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        "ngos.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="group_memberships",
        verbose_name=_("organisation"),
    )
    joined_on = models.DateField(_("joined"), default=timezone.localdate)
    left_on = models.DateField(_("left"), null=True, blank=True)

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        ordering = ["group", "joined_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user"],
                condition=Q(left_on__isnull=True),
                name="group_member_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.group}"


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    CANCELLED = "cancelled", _("cancelled")
    HELD = "held", _("held")


class Event(TimeStampedModel):
    """A workshop, training, advice hour, NGO forum or working-group meeting."""

    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("workshop")
        TRAINING = "training", _("training")
        ADVICE_HOUR = "advice_hour", _("advice hour")
        FORUM_MEETING = "forum_meeting", _("NGO forum meeting")
        GROUP_MEETING = "group_meeting", _("working-group meeting")

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("everyone")
        NGO = "ngo", _("representatives of organisations")
        GROUP = "group", _("members of the working group")

    Status = EventStatus

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = LimitedTextField(_("description"), blank=True)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    working_group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("working group"),
    )
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveSmallIntegerField(
        _("places"),
        default=20,
        help_text=_("For advice hours the places are the slots."),
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("Empty: registration is open until the event starts."),
    )
    audience = models.CharField(
        _("who may register"),
        max_length=20,
        choices=Audience.choices,
        default=Audience.EVERYONE,
    )
    organiser = models.CharField(_("organiser"), max_length=300)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    minutes = LimitedTextField(
        _("minutes"),
        blank=True,
        help_text=_("Shown on the event page once the event is held."),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    history = HistoricalRecords()

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        constraints = [
            choices_check("event_status_valid", EventStatus),
            models.CheckConstraint(
                condition=Q(
                    kind__in=[
                        "workshop",
                        "training",
                        "advice_hour",
                        "forum_meeting",
                        "group_meeting",
                    ]
                ),
                name="event_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(audience__in=["everyone", "ngo", "group"]),
                name="event_audience_valid",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="event_capacity_positive"
            ),
            models.CheckConstraint(
                condition=Q(registration_deadline__isnull=True)
                | Q(registration_deadline__lte=F("starts_at")),
                name="event_deadline_before_start",
            ),
            models.CheckConstraint(
                condition=~Q(audience="group") | Q(working_group__isnull=False),
                name="event_group_audience_has_group",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("workshops:event-detail", kwargs={"pk": self.pk})

    @property
    def uses_slots(self) -> bool:
        return self.kind == self.Kind.ADVICE_HOUR

    @property
    def closes_at(self):
        """When registration closes: the deadline, or the start of the event."""
        return self.registration_deadline or self.starts_at

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def registration_open(self) -> bool:
        return self.status == self.Status.PUBLISHED and timezone.now() < self.closes_at


class AdviceSlot(models.Model):
    """A bookable time of an advice hour; one person per slot."""

    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="slots",
        verbose_name=_("advice hour"),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        verbose_name = _("advice slot")
        verbose_name_plural = _("advice slots")
        ordering = ["event", "starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "starts_at"], name="advice_slot_unique_time"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="advice_slot_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        start = timezone.localtime(self.starts_at)
        end = timezone.localtime(self.ends_at)
        return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    WAITING = "waiting", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")


class Registration(TimeStampedModel):
    """A person signed up for an event (or one advice slot), or waiting for a place."""

    Status = RegistrationStatus

    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("event"),
    )
    # Empty after the person's account was erased: the row still counts for statistics.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        "ngos.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("on behalf of"),
    )
    slot = models.ForeignKey(
        AdviceSlot,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("advice slot"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    question = LimitedTextField(
        _("what you would like to talk about"), blank=True, max_length=2000
    )
    consent_at = models.DateTimeField(_("information clause accepted"))
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    promoted_at = models.DateTimeField(
        _("moved from the waiting list"), null=True, blank=True
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    attendance_marked_at = models.DateTimeField(
        _("attendance marked"), null=True, blank=True
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "created_at", "pk"]
        constraints = [
            choices_check("registration_status_valid", RegistrationStatus),
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(status__in=["confirmed", "waiting"]),
                name="registration_once_per_person",
            ),
            # No double booking of an advice slot, whatever the application does.
            models.UniqueConstraint(
                fields=["slot"],
                condition=Q(status="confirmed", slot__isnull=False),
                name="registration_one_person_per_slot",
            ),
            models.CheckConstraint(
                condition=~Q(status="waiting") | Q(slot__isnull=True),
                name="registration_slot_not_waiting",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.user or _('erased person')} — {self.event}"

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.CONFIRMED, self.Status.WAITING)


class EventDocument(TimeStampedModel):
    """A document of an event: agenda, materials, minutes, presentation."""

    class Kind(models.TextChoices):
        AGENDA = "agenda", _("agenda")
        MATERIAL = "material", _("material")
        MINUTES = "minutes", _("minutes")

    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("event"),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.MATERIAL
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(
        _("file"),
        upload_to="workshops/%Y/",
        validators=[FileKinds(*DOCUMENTS, "pptx", "odp", "png", "jpeg")],
    )
    is_public = models.BooleanField(
        _("published"), default=True, help_text=_("Shown on the event page.")
    )

    class Meta:
        verbose_name = _("event document")
        verbose_name_plural = _("event documents")
        ordering = ["event", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["agenda", "material", "minutes"]),
                name="event_document_kind_valid",
            )
        ]

    def __str__(self) -> str:
        return self.title


class RecommendationStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    SUBMITTED = "submitted", _("submitted to the municipality")
    ACCEPTED = "accepted", _("accepted")
    PARTLY_ACCEPTED = "partly_accepted", _("partly accepted")
    REJECTED = "rejected", _("rejected")


class Recommendation(TimeStampedModel):
    """A recommendation a working group puts to the municipality, and its answer."""

    Status = RecommendationStatus

    group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.CASCADE,
        related_name="recommendations",
        verbose_name=_("working group"),
    )
    title = models.CharField(_("title"), max_length=300)
    text = LimitedTextField(_("text"))
    topic = models.CharField(_("area"), max_length=20, choices=AREA_CHOICES)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    answer = LimitedTextField(_("answer of the municipality"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    priority = models.ForeignKey(
        "programme.Priority",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("programme priority"),
    )
    consultation = models.ForeignKey(
        "consultations.Consultation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("consultation"),
    )
    history = HistoricalRecords()

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["group", "created_at", "pk"]
        constraints = [
            choices_check("recommendation_status_valid", RecommendationStatus),
            models.CheckConstraint(
                condition=Q(status__in=["proposed", "submitted"]) | ~Q(answer=""),
                name="recommendation_answered_with_text",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.group.get_absolute_url() + f"#rekomendacja-{self.pk}"
