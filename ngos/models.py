from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cooperation.models import TimeStampedModel


class PublicBenefitSphere(models.Model):
    """A sphere of public tasks of art. 4 ust. 1 of the Act.

    Seeded data, not an enum: amendments add, renumber and end spheres, so each row
    carries its validity dates.
    """

    code = models.CharField(_("code"), max_length=20, unique=True)
    number = models.PositiveSmallIntegerField(_("item of art. 4 ust. 1"), null=True, blank=True)
    name_pl = models.CharField(_("name (Polish)"), max_length=400)
    name_en = models.CharField(_("name (English)"), max_length=400)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("public-benefit sphere")
        verbose_name_plural = _("public-benefit spheres")
        ordering = ["number", "code"]

    def __str__(self) -> str:
        from django.utils.translation import get_language

        return self.name_en if (get_language() or "pl").startswith("en") else self.name_pl

    @property
    def name(self) -> str:
        return str(self)


class Area(models.Model):
    """A part of the municipality (district, village, estate) an organisation works in."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("area of the municipality")
        verbose_name_plural = _("areas of the municipality")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organisation(TimeStampedModel):
    """A non-governmental organisation or an entity of art. 3 ust. 3 of the Act."""

    class LegalForm(models.TextChoices):
        ASSOCIATION = "association", _("association")
        ORDINARY_ASSOCIATION = "ordinary_association", _("ordinary association")
        FOUNDATION = "foundation", _("foundation")
        SOCIAL_COOPERATIVE = "social_cooperative", _("social cooperative")
        CHURCH_LEGAL_PERSON = "church_legal_person", _("church legal person or unit")
        SPORTS_CLUB = "sports_club", _("sports club")
        RURAL_HOUSEWIVES_CIRCLE = "rural_housewives_circle", _("rural housewives' circle")
        ASSOCIATION_OF_LOCAL_GOVERNMENTS = (
            "local_government_association",
            _("association of local governments"),
        )
        NONPROFIT_COMPANY = "nonprofit_company", _("non-profit company")
        OTHER = "other", _("other entity of art. 3 ust. 3")

    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    legal_form = models.CharField(
        _("legal form"), max_length=40, choices=LegalForm.choices, default=LegalForm.ASSOCIATION
    )
    krs = models.CharField(
        _("KRS number"),
        max_length=10,
        blank=True,
        help_text=_("10 digits, with leading zeros. Leave empty if the entity is not in KRS."),
    )
    other_register = models.CharField(
        _("other register"),
        max_length=200,
        blank=True,
        help_text=_("For entities outside KRS: the register they are entered in, and their number."),
    )
    nip = models.CharField(_("NIP"), max_length=10, blank=True)
    regon = models.CharField(_("REGON"), max_length=14, blank=True)
    is_opp = models.BooleanField(_("public-benefit organisation (OPP)"), default=False)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    city = models.CharField(_("town"), max_length=100, blank=True)
    correspondence_address = models.TextField(_("correspondence address"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    spheres = models.ManyToManyField(
        PublicBenefitSphere, blank=True, related_name="organisations", verbose_name=_("spheres")
    )
    areas = models.ManyToManyField(
        Area, blank=True, related_name="organisations", verbose_name=_("areas")
    )
    founded_on = models.DateField(_("founded"), null=True, blank=True)
    is_public = models.BooleanField(
        _("shown in the directory"),
        default=True,
        help_text=_("Verified organisations are listed in the public directory unless hidden here."),
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["krs"], condition=~Q(krs=""), name="organisation_unique_krs"
            ),
            models.UniqueConstraint(
                fields=["nip"], condition=~Q(nip=""), name="organisation_unique_nip"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("ngos:organisation-detail", kwargs={"slug": self.slug})

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def address(self) -> str:
        return ", ".join(p for p in [self.street, f"{self.postal_code} {self.city}".strip()] if p)


class Membership(TimeStampedModel):
    """A person acting for an organisation, approved by a clerk or a representative."""

    class Role(models.TextChoices):
        REPRESENTATIVE = "representative", _("representative")
        EDITOR = "editor", _("editor")

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        APPROVED = "approved", _("approved")
        REFUSED = "refused", _("refused")
        ENDED = "ended", _("ended")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
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
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                condition=Q(status__in=["pending", "approved"]),
                name="membership_one_active_per_person",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "approved", "refused", "ended"]),
                name="membership_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(role__in=["representative", "editor"]),
                name="membership_role_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"
