from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .cache import per_person
from .limits import LimitedTextField
from .uploads import FileKinds


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


def choices_check(
    name: str, choices: type[models.Choices], field: str = "status"
) -> models.CheckConstraint:
    """A constraint holding ``field`` to the values of ``choices``, in their order."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__in": list(choices.values)}), name=name
    )


class User(AbstractUser):
    """A person with an account: every confirmed user is a resident.

    Roles beyond that come from the ``clerks`` and ``committee`` groups and from
    memberships in organisations (``ngos.Membership``).
    """

    @staticmethod
    def public_cache_areas(
        user: "User", update_fields: frozenset[str]
    ) -> tuple[str, ...]:
        """A log-in changes nothing public pages show; a name (of a comment's author) does."""
        if update_fields and update_fields <= {"last_login", "password"}:
            return ()
        return ("people",)

    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Language of the e-mails the portal sends you."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.email or self.username

    @property
    def document_name(self) -> str:
        """The name documents and exports read by others show: never the e-mail address."""
        return self.get_full_name() or str(_("(name not given)"))

    @property
    def is_clerk(self) -> bool:
        return self.is_superuser or self.in_group("clerks")

    @property
    def is_committee_member(self) -> bool:
        return self.in_group("committee")

    def in_group(self, name: str) -> bool:
        cache = self.__dict__.setdefault("_group_names", None)
        if cache is None:
            cache = per_person(
                self, "groups", lambda: self.groups.values_list("name", flat=True)
            )
            self.__dict__["_group_names"] = cache
        return name in cache


class StatusChange(models.Model):
    """One workflow transition of any object: who moved it, from where, to where, why."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("object type")
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    content_object = GenericForeignKey("content_type", "object_id")
    from_status = models.CharField(_("from"), max_length=40, blank=True)
    to_status = models.CharField(_("to"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    note = LimitedTextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.from_status or '∅'} → {self.to_status}"


class NotificationStatus(models.TextChoices):
    PENDING = "pending", _("waiting to be sent")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    UNCERTAIN = "uncertain", _("perhaps sent")
    # Not sent by itself: waits for the person's daily or weekly digest, then is
    # part of that digest's e-mail (``digest``).
    DEFERRED = "deferred", _("waiting for the digest")
    DIGESTED = "digested", _("included in a digest")
    # The person wants this kind on the portal only: no e-mail.
    INBOX_ONLY = "inbox", _("on the portal only")


class Delivery(models.TextChoices):
    """How a person receives one kind of message by e-mail (the portal's inbox
    always holds it)."""

    IMMEDIATE = "immediate", _("by e-mail at once")
    DAILY = "daily", _("in a daily digest")
    WEEKLY = "weekly", _("in a weekly digest")
    NONE = "none", _("not by e-mail (on the portal only)")


class DigestPeriod(models.TextChoices):
    DAY = "day", _("day")
    WEEK = "week", _("week")


class NotificationPreference(models.Model):
    """How a person receives the messages of one optional kind by e-mail.

    One row per person and kind, written only when the person changes the default
    (every kind is sent at once until changed). The kinds a person may change are
    those registered in ``cooperation.core.registry.optional_notifications``; the
    outbox ignores a row for any other kind, so statutory notices always go out at
    once. Whatever the setting, every message is in the person's inbox.
    """

    Delivery = Delivery

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind"), max_length=80)
    delivery = models.CharField(
        _("by e-mail"),
        max_length=10,
        choices=Delivery.choices,
        default=Delivery.IMMEDIATE,
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="notification_preference_once"
            ),
            choices_check(
                "notification_preference_delivery_valid", Delivery, "delivery"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind}"


class Notification(models.Model):
    """An outbox row: one message to one person about one occasion.

    Written in the same transaction as the event that causes it; delivered after
    commit and again by the periodic sweep while it is ``pending``. The unique
    constraint makes a reminder or an event that runs twice write nothing new.

    A delivery claims the row (``sending``, with a new ``attempt_id``) in a commit
    of its own before it talks to the mail server, and records ``sent`` after the
    server accepted the message. A row left ``sending`` by a delivery that died
    may have been sent: it becomes ``uncertain`` and waits for a clerk.
    """

    Status = NotificationStatus

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(
        _("kind"),
        max_length=80,
        help_text=_("Template of the message, as app.name."),
    )
    occasion = models.CharField(
        _("occasion"),
        max_length=120,
        help_text=_(
            "What the message is about; one message per recipient, kind and occasion."
        ),
    )
    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("object type"),
    )
    object_id = models.PositiveBigIntegerField(_("object id"), null=True, blank=True)
    content_object = GenericForeignKey("content_type", "object_id")
    context = models.JSONField(_("context"), default=dict, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=NotificationStatus.choices,
        default=NotificationStatus.PENDING,
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("delivery attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(
        _("claimed for sending"),
        null=True,
        blank=True,
        help_text=_("When the last delivery attempt took the message."),
    )
    attempt_id = models.UUIDField(
        _("delivery attempt"),
        null=True,
        blank=True,
        help_text=_("Identifies the last delivery attempt in the logs."),
    )
    last_error = models.TextField(_("last error"), blank=True)
    # The person's inbox on the portal: every message is there too, unread until
    # opened or marked as read.
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # A message ``deferred`` to the person's digest of this period, and the digest
    # that took it (``digested``).
    digest_period = models.CharField(
        _("digest"), max_length=4, choices=DigestPeriod.choices, blank=True
    )
    digest = models.ForeignKey(
        "Digest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("digest"),
    )

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "occasion"],
                name="notification_once_per_occasion",
            ),
            choices_check("notification_status_valid", NotificationStatus),
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status="pending"),
                name="notification_due_idx",
            ),
            models.Index(
                fields=["claimed_at"],
                condition=Q(status="sending"),
                name="notification_sending_idx",
            ),
            models.Index(
                fields=["recipient", "-created_at"], name="notification_inbox_idx"
            ),
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True),
                name="notification_unread_idx",
            ),
            models.Index(
                fields=["digest_period", "recipient"],
                condition=Q(status="deferred"),
                name="notification_deferred_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id} ({self.occasion})"

    @property
    def is_sent(self) -> bool:
        return self.status == self.Status.SENT


class Digest(models.Model):
    """One digest e-mail of one person for one day or week (Europe/Warsaw).

    The unique constraint is what makes a digest happen once: a second run of the
    task, in parallel or after a worker died, cannot write another row for the same
    person and period. The row is written in one transaction with the messages it
    takes (``Notification.digest``) and with the outbox row that carries its e-mail
    (kind ``cooperation.digest``, about this digest), which the outbox then delivers
    like any other message: claimed once, under a stable ``Message-ID``.
    """

    Period = DigestPeriod

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="digests",
        verbose_name=_("person"),
    )
    period = models.CharField(_("period"), max_length=4, choices=DigestPeriod.choices)
    starts_on = models.DateField(_("period starts"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "period", "starts_on"], name="digest_once_per_period"
            ),
            choices_check("digest_period_valid", DigestPeriod, "period"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.get_period_display()} {self.starts_on}"


class Subscription(models.Model):
    """A person follows a public object (a sphere, a competition, a consultation, a
    working group) and is told through the outbox when something is published
    there. The kinds of objects that may be followed are registered in
    ``cooperation.core.registry.followable``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("person"),
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("object type")
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    content_object = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"],
                name="subscription_once",
            )
        ]
        indexes = [
            models.Index(
                fields=["content_type", "object_id"], name="subscription_object_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.content_type_id}:{self.object_id}"


class GeneratedDocument(TimeStampedModel):
    """A rendered file (PDF) stored under the hash of everything it was made from.

    The same inputs give the same ``input_hash``, so an unchanged document is served
    from storage; a changed one gets a new row and a new render.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting to be rendered")
        RENDERING = "rendering", _("rendering")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    key = models.CharField(
        _("document"),
        max_length=120,
        help_text=_("What the document is, e.g. programme-2027."),
    )
    input_hash = models.CharField(_("hash of inputs"), max_length=64)
    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("object type"),
    )
    object_id = models.PositiveBigIntegerField(_("object id"), null=True, blank=True)
    content_object = GenericForeignKey("content_type", "object_id")
    template_name = models.CharField(_("template"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    file = models.FileField(
        _("file"), upload_to="documents/%Y/", blank=True, validators=[FileKinds("pdf")]
    )
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    render_seconds = models.FloatField(_("render time (s)"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("generated document")
        verbose_name_plural = _("generated documents")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "input_hash"], name="generated_document_unique_inputs"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "rendering", "ready", "failed"]),
                name="generated_document_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.key
