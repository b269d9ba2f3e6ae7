"""Small grants (art. 19a): an offer on the simplified template, outside competitions.

The offer follows the simplified offer of the regulation of 24 October 2018
(Dz.U. 2018 poz. 2055, zał. nr 1) part by part; the statements the offeror signs are
kept as office data (:class:`DocumentTemplate`) and copied into the offer when filed.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cooperation.core.limits import LimitedTextField, validate_amount
from cooperation.core.models import TimeStampedModel, choices_check
from ngos.fields import BankAccountField


def _amount(name: str, **kwargs: object) -> models.DecimalField:
    return models.DecimalField(
        name,
        max_digits=12,
        decimal_places=2,
        default=Decimal(0),
        validators=[validate_amount],
        **kwargs,  # type: ignore[arg-type]
    )


class SmallGrantStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    WORTHWHILE = "worthwhile", _("found worthwhile")
    REFUSED = "refused", _("refused")
    PUBLISHED = "published", _("published for comments")
    COMMENTS_CLOSED = "comments_closed", _("comments closed")
    CONTRACTED = "contracted", _("contract prepared")


class SmallGrantCharacter(models.TextChoices):
    LOCAL = "local", _("local")
    REGIONAL = "regional", _("regional")


class SmallGrantPool(TimeStampedModel):
    """The grants planned in a year's budget for public tasks, as the clerk enters it."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    planned_grants = models.DecimalField(
        _("grants planned for public tasks in the budget (PLN)"),
        max_digits=14,
        decimal_places=2,
        validators=[validate_amount],
    )
    resolution = models.CharField(_("budget resolution"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("small-grant pool of a year")
        verbose_name_plural = _("small-grant pools")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_grants__gte=0), name="small_grant_pool_not_negative"
            )
        ]

    def __str__(self) -> str:
        return str(self.year)

    @property
    def limit(self) -> Decimal:
        share = Decimal(settings.SMALL_GRANT_POOL_PERCENT) / 100
        return (self.planned_grants * share).quantize(Decimal("0.01"))


# The states in which an offer is on public pages (``/male-granty/``, the home page).
PUBLIC_SMALL_GRANT_STATES = frozenset(
    {
        SmallGrantStatus.PUBLISHED,
        SmallGrantStatus.COMMENTS_CLOSED,
        SmallGrantStatus.CONTRACTED,
    }
)


def _offer_areas(
    offer: SmallGrantOffer, update_fields: frozenset[str] | None
) -> tuple[str, ...]:
    """Drafts and offers not yet published are on no public page."""
    return ("grants",) if offer.status in PUBLIC_SMALL_GRANT_STATES else ()


class SmallGrantOffer(TimeStampedModel):
    """A simplified offer (art. 19a), part by part as in the official template."""

    Status = SmallGrantStatus
    Character = SmallGrantCharacter
    public_cache_areas = staticmethod(_offer_areas)

    organisation = models.ForeignKey(
        "ngos.Organisation",
        on_delete=models.PROTECT,
        related_name="small_grants",
        verbose_name=_("organisation"),
    )
    priority = models.ForeignKey(
        "programme.Priority",
        on_delete=models.PROTECT,
        related_name="small_grants",
        verbose_name=_("task of the programme"),
        help_text=_(
            "The sphere and task of the year's programme the offer carries out."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SmallGrantStatus.choices,
        default=SmallGrantStatus.DRAFT,
    )
    number = models.CharField(_("number"), max_length=40, blank=True)
    # I. Basic information about the offer
    addressed_to = models.CharField(
        _("I.1 public administration body the offer is addressed to"),
        max_length=300,
        blank=True,
    )
    title = models.CharField(_("I.2 title of the task"), max_length=300, blank=True)
    start_date = models.DateField(_("I.3 start date"), null=True, blank=True)
    end_date = models.DateField(_("I.3 end date"), null=True, blank=True)
    # II. The offeror
    offeror_name = models.CharField(_("name"), max_length=300, blank=True)
    offeror_legal_form = models.CharField(_("legal form"), max_length=120, blank=True)
    offeror_register = models.CharField(
        _("number in the KRS or another register"), max_length=120, blank=True
    )
    offeror_address = models.CharField(
        _("registered address"), max_length=300, blank=True
    )
    offeror_website = models.CharField(_("website"), max_length=200, blank=True)
    offeror_correspondence = models.CharField(
        _("address for correspondence"), max_length=300, blank=True
    )
    offeror_email = models.EmailField(_("e-mail"), blank=True)
    offeror_phone = models.CharField(_("phone"), max_length=40, blank=True)
    offeror_bank_account = BankAccountField(_("bank account"), blank=True)
    contact_name = models.CharField(
        _("II.2 person authorised to explain the offer"), max_length=200, blank=True
    )
    contact_phone = models.CharField(_("their phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("their e-mail"), blank=True)
    # III. Description of the task
    place = LimitedTextField(_("III.1 place where the task is carried out"), blank=True)
    description = LimitedTextField(_("III.2 description of the task"), blank=True)
    results = LimitedTextField(_("III.3 expected results"), blank=True)
    character = models.CharField(
        _("character of the task"),
        max_length=10,
        choices=SmallGrantCharacter.choices,
        blank=True,
    )
    # IV. The offeror's characteristics
    experience = LimitedTextField(_("IV.1 earlier activity of the offeror"), blank=True)
    resources = LimitedTextField(
        _("IV.2 staff, material and financial resources"), blank=True
    )
    # V. Costs
    costs = models.JSONField(
        _("V.A costs of the task"),
        default=list,
        blank=True,
        help_text=_("Rows of the cost table: type of cost and value."),
    )
    requested_grant = _amount(_("V.B planned grant (PLN)"))
    own_financial = _amount(_("own financial contribution (PLN)"))
    own_non_financial = _amount(_("own non-financial contribution (PLN)"))
    recipient_payments = _amount(_("payments of the recipients (PLN)"))
    # VI. Statements, as the office keeps them
    statements_template = models.ForeignKey(
        "grants.DocumentTemplate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("statements template"),
    )
    statements = LimitedTextField(
        _("VI. statements as signed"), kind="draft", blank=True
    )
    statements_confirmed = models.BooleanField(_("statements confirmed"), default=False)
    # The procedure
    received_on = models.DateField(_("received on"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    refusal_reason = LimitedTextField(_("reason for refusal"), blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    comments_until = models.DateField(_("comments until"), null=True, blank=True)
    bip_published_on = models.DateField(
        _("published in the BIP on"), null=True, blank=True
    )
    bip_url = models.URLField(_("address in the BIP"), max_length=500, blank=True)
    board_published_on = models.DateField(
        _("posted on the office's notice board on"), null=True, blank=True
    )
    website_published_on = models.DateField(
        _("published on the website on"), null=True, blank=True
    )
    checksum = models.CharField(
        _("SHA-256 of the content submitted"), max_length=64, blank=True
    )

    class Meta:
        verbose_name = _("small-grant offer")
        verbose_name_plural = _("small-grant offers")
        ordering = ["-received_on", "-pk"]
        constraints = [
            choices_check("small_grant_status_valid", SmallGrantStatus),
            models.CheckConstraint(
                condition=Q(requested_grant__gte=0), name="small_grant_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.title or str(_("small-grant offer"))

    @property
    def total_costs(self) -> Decimal:
        return sum((Decimal(str(r.get("total") or 0)) for r in self.costs), Decimal(0))

    @property
    def submitted_at(self) -> object:
        return None

    @property
    def is_editable(self) -> bool:
        return self.status == SmallGrantStatus.DRAFT

    @property
    def last_comment_day(self) -> date | None:
        """The last of the 7 days of comments (``comments_until`` is the day after)."""
        if self.comments_until is None:
            return None
        return self.comments_until - timedelta(days=1)

    def comments_open_on(self, day: date) -> bool:
        return (
            self.status == SmallGrantStatus.PUBLISHED
            and self.published_on is not None
            and self.comments_until is not None
            and self.published_on <= day < self.comments_until
        )

    def get_absolute_url(self) -> str:
        return reverse("grants:small-grant-offer", args=[self.pk])

    def get_public_url(self) -> str:
        """The offer's page on ``/male-granty/`` (once published)."""
        return reverse("grants:small-grant-detail", args=[self.pk])


class SmallGrantComment(TimeStampedModel):
    """A comment on a published small-grant offer, moderated, with how it was considered."""

    offer = models.ForeignKey(
        SmallGrantOffer,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("offer"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    author_name = models.CharField(_("name or organisation"), max_length=300)
    email = models.EmailField(_("e-mail"), blank=True)
    email_confirmed_at = models.DateTimeField(
        _("e-mail confirmed at"), null=True, blank=True
    )
    text = LimitedTextField(_("comment"), kind="comment")
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_reason = LimitedTextField(_("reason for hiding"), blank=True)
    consideration = LimitedTextField(_("how the comment was considered"), blank=True)
    considered_at = models.DateTimeField(_("considered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("comment on a small-grant offer")
        verbose_name_plural = _("comments on small-grant offers")
        ordering = ["offer", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.text[:40]}"


class SmallGrantConfirmation(models.Model):
    """A representative's confirmation of a small-grant offer's content (its checksum):
    one of the signatures the organisation's manner of representation requires."""

    public_cache_areas: tuple[str, ...] = ()

    offer = models.ForeignKey(
        SmallGrantOffer,
        on_delete=models.CASCADE,
        related_name="confirmations",
        verbose_name=_("offer"),
    )
    representative = models.ForeignKey(
        "ngos.Representative",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("member of the representing organ"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("person"),
    )
    name = models.CharField(_("first names and surname"), max_length=200)
    function = models.CharField(_("function"), max_length=200, blank=True)
    checksum = models.CharField(_("SHA-256 of the content confirmed"), max_length=64)
    confirmed_at = models.DateTimeField(_("confirmed"))

    class Meta:
        verbose_name = _("confirmation of a small-grant offer")
        verbose_name_plural = _("confirmations of small-grant offers")
        ordering = ["offer", "confirmed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "representative", "checksum"],
                name="small_grant_confirmation_once_per_content",
            ),
        ]

    def __str__(self) -> str:
        return self.name
