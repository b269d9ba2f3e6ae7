"""The competition committee (art. 15 ust. 2a–2f): members, declarations, scores."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cooperation.core.limits import LimitedTextField
from cooperation.core.models import choices_check


class CommitteeMember(models.Model):
    class Kind(models.TextChoices):
        OFFICIAL = "official", _("representative of the mayor")
        NOMINEE = "nominee", _("nominated by an NGO")
        EXPERT = "expert", _("expert (advisory vote)")

    competition = models.ForeignKey(
        "grants.Competition",
        on_delete=models.CASCADE,
        related_name="committee",
        verbose_name=_("competition"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="committee_seats",
        verbose_name=_("person"),
    )
    kind = models.CharField(
        _("seat"), max_length=20, choices=Kind.choices, default="official"
    )
    nominated_by = models.ForeignKey(
        "ngos.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nominated by"),
    )
    is_chair = models.BooleanField(_("chair"), default=False)
    appointed_at = models.DateTimeField(_("appointed"), auto_now_add=True)
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("appointed by"),
    )
    declared_at = models.DateTimeField(
        _("impartiality declared"), null=True, blank=True
    )
    declaration_text = LimitedTextField(_("text of the declaration signed"), blank=True)
    excluded_reason = models.CharField(
        _("excluded from the committee because"), max_length=300, blank=True
    )
    excluded_at = models.DateTimeField(_("excluded"), null=True, blank=True)
    attended = models.BooleanField(_("present at the meeting"), default=False)

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ["competition", "-is_chair", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["competition", "user"], name="committee_member_once"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["official", "nominee", "expert"]),
                name="committee_kind_valid",
            ),
            models.CheckConstraint(
                condition=~Q(kind="nominee") | Q(nominated_by__isnull=False),
                name="committee_nominee_has_organisation",
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def votes(self) -> bool:
        return self.kind != self.Kind.EXPERT

    @property
    def is_excluded(self) -> bool:
        return self.excluded_at is not None


class ReasonsRequestStatus(models.TextChoices):
    ASKED = "asked", _("asked")
    ANSWERED = "answered", _("answered")


class ReasonsRequest(models.Model):
    """A demand for the reasons for choosing or rejecting an offer (art. 15 ust. 2j)."""

    Status = ReasonsRequestStatus

    competition = models.ForeignKey(
        "grants.Competition",
        on_delete=models.CASCADE,
        related_name="reasons_requests",
        verbose_name=_("competition"),
    )
    offer = models.ForeignKey(
        "grants.Offer",
        on_delete=models.CASCADE,
        related_name="reasons_requests",
        verbose_name=_("offer"),
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reasons_requests",
        verbose_name=_("asked by"),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    question = LimitedTextField(_("question"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ReasonsRequestStatus.choices,
        default=ReasonsRequestStatus.ASKED,
    )
    asked_at = models.DateTimeField(_("asked"), auto_now_add=True)
    answer_due = models.DateField(_("answer due by"))
    answer = LimitedTextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )

    class Meta:
        verbose_name = _("request for reasons")
        verbose_name_plural = _("requests for reasons")
        ordering = ["-asked_at", "-pk"]
        constraints = [
            choices_check("reasons_request_status_valid", ReasonsRequestStatus),
        ]

    def __str__(self) -> str:
        return f"{self.offer} — {self.name}"


class Conflict(models.Model):
    """A member's declared conflict of interest (KPA art. 24) with one offer."""

    member = models.ForeignKey(
        CommitteeMember,
        on_delete=models.CASCADE,
        related_name="conflicts",
        verbose_name=_("member"),
    )
    offer = models.ForeignKey(
        "grants.Offer",
        on_delete=models.CASCADE,
        related_name="conflicts",
        verbose_name=_("offer"),
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(fields=["member", "offer"], name="conflict_once")
        ]

    def __str__(self) -> str:
        return f"{self.member} × {self.offer}"


class Score(models.Model):
    member = models.ForeignKey(
        CommitteeMember,
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("member"),
    )
    offer = models.ForeignKey(
        "grants.Offer",
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("offer"),
    )
    criterion = models.ForeignKey(
        "grants.Criterion",
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("criterion"),
    )
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=1)
    comment = LimitedTextField(_("comment"), blank=True)
    scored_at = models.DateTimeField(_("scored"), auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "offer", "criterion"], name="score_once"
            ),
            models.CheckConstraint(
                condition=Q(points__gte=0), name="score_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offer} / {self.criterion}: {self.points}"
