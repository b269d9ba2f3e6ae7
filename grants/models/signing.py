"""What makes an offer complete beyond its form: attachments, confirmations by the
offerors' representatives, a signed copy, and the clerk's formal checklist."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cooperation.core.limits import LimitedTextField
from cooperation.core.uploads import IMAGES, FileKinds

# What an attachment of an offer may be: documents and scans.
ATTACHMENT_KINDS = FileKinds("pdf", "odt", "docx", *IMAGES)
SIGNED_COPY_KINDS = FileKinds("pdf")

# The formal requirements checked when the clerk defines none for a competition: what
# art. 13 ust. 2 and art. 14 of the Act and the 2018 form require of every offer.
DEFAULT_FORMAL_REQUIREMENTS = [
    _("The offer was submitted by the deadline for offers."),
    _(
        "The offer is on the form of Dz.U. 2018 poz. 2057, annex 1, with every part filled in."
    ),
    _(
        "The offeror is an NGO or an entity of art. 3 ust. 3 of the Act, whose "
        "statutory activity covers the task."
    ),
    _("The task is of the type named in the announcement."),
    _(
        "The offer is signed by the persons authorised to represent each offeror, as "
        "the register or the statute says."
    ),
    _("The requested grant and the own contribution meet the announcement's terms."),
]


class OfferAttachment(models.Model):
    """A file sent with the offer: a required attachment of the announcement or a
    signed copy of the offer (a PDF with qualified or trusted-profile signatures)."""

    # Parts of the offer, on no public page (``cooperation.core.cache``).
    public_cache_areas: tuple[str, ...] = ()

    class Kind(models.TextChoices):
        ATTACHMENT = "attachment", _("attachment")
        SIGNED_COPY = "signed_copy", _("signed copy of the offer")

    offer = models.ForeignKey(
        "grants.Offer",
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("offer"),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.ATTACHMENT
    )
    requirement = models.ForeignKey(
        "grants.RequiredAttachment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="uploads",
        verbose_name=_("required attachment"),
    )
    name = models.CharField(_("name"), max_length=300)
    file = models.FileField(
        _("file"), upload_to="grants/offers/%Y/", validators=[ATTACHMENT_KINDS]
    )
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    # A signed copy: what the check of its signatures found.
    signatures_intact = models.BooleanField(
        _("signatures intact"), null=True, blank=True
    )
    signers = models.JSONField(_("signers"), default=list, blank=True)
    signature_report = LimitedTextField(_("result of the signature check"), blank=True)

    class Meta:
        verbose_name = _("offer attachment")
        verbose_name_plural = _("offer attachments")
        ordering = ["offer", "kind", "requirement__position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["attachment", "signed_copy"]),
                name="offer_attachment_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class OfferConfirmation(models.Model):
    """A representative's confirmation of the offer in the portal: one of the
    signatures the organisation's manner of representation requires.

    It confirms the content whose checksum it holds; once the offer changes, it no
    longer counts.
    """

    public_cache_areas: tuple[str, ...] = ()

    offer = models.ForeignKey(
        "grants.Offer",
        on_delete=models.CASCADE,
        related_name="confirmations",
        verbose_name=_("offer"),
    )
    organisation = models.ForeignKey(
        "ngos.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("for the offeror"),
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
    # As the register names the person when they confirmed.
    name = models.CharField(_("first names and surname"), max_length=200)
    function = models.CharField(_("function"), max_length=200, blank=True)
    checksum = models.CharField(_("SHA-256 of the content confirmed"), max_length=64)
    confirmed_at = models.DateTimeField(_("confirmed"))

    class Meta:
        verbose_name = _("confirmation of the offer")
        verbose_name_plural = _("confirmations of the offer")
        ordering = ["offer", "confirmed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "representative", "checksum"],
                name="offer_confirmation_once_per_content",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class FormalRequirement(models.Model):
    """A formal requirement of the announcement, ticked for each offer in the formal check."""

    competition = models.ForeignKey(
        "grants.Competition",
        on_delete=models.CASCADE,
        related_name="formal_requirements",
        verbose_name=_("competition"),
    )
    name = models.CharField(_("formal requirement"), max_length=400)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("formal requirement")
        verbose_name_plural = _("formal requirements")
        ordering = ["competition", "position", "pk"]

    def __str__(self) -> str:
        return self.name


class FormalCheckItem(models.Model):
    """One line of an offer's formal check: the requirement, met or not, and why not."""

    public_cache_areas: tuple[str, ...] = ()

    offer = models.ForeignKey(
        "grants.Offer",
        on_delete=models.CASCADE,
        related_name="formal_items",
        verbose_name=_("offer"),
    )
    position = models.PositiveSmallIntegerField(_("no."), default=0)
    requirement = models.CharField(_("formal requirement"), max_length=400)
    met = models.BooleanField(_("met"))
    reason = models.CharField(_("why not"), max_length=500, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("checked by"),
    )
    checked_at = models.DateTimeField(_("checked"))

    class Meta:
        verbose_name = _("formal check item")
        verbose_name_plural = _("formal check")
        ordering = ["offer", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(met=True) | ~Q(reason=""),
                name="formal_item_unmet_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.requirement
