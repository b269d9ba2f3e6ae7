import re
import unicodedata

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cooperation.core.limits import LimitedTextField
from cooperation.core.models import TimeStampedModel, choices_check
from cooperation.core.uploads import IMAGES, FileKinds

from .fields import KRSField, NIPField, REGONField
from .querysets import OrganisationQuerySet, PartnerSearchQuerySet

# Path segments under /organizacje/ that are pages, not profiles.
RESERVED_SLUGS = frozenset({"nowa", "partnerzy", "krs", "moje"})

# Quotation marks of every kind people type around a name, and the dashes they mix.
_QUOTES = re.compile(r"[\"'`\u00ab\u00bb\u2018-\u201f\u2039\u203a]")
_DASHES = re.compile(r"\s*[-\u2010-\u2015\u2212]\s*")
_SPACES = re.compile(r"\s+")


def name_key_of(name: str) -> str:
    """An organisation's name as compared for duplicates.

    Case, spacing, quotation marks, dashes and a trailing full stop do not make a
    different name; the words of the legal form do ("Fundacja Razem" and
    "Stowarzyszenie Razem" are two organisations).
    """
    text = unicodedata.normalize("NFKC", name or "")
    text = _QUOTES.sub(" ", text)
    text = _DASHES.sub("-", text)
    text = _SPACES.sub(" ", text).strip().rstrip(".").strip()
    return text.casefold()


class PublicBenefitSphere(models.Model):
    """A sphere of public tasks of art. 4 ust. 1 of the Act.

    Seeded data, not an enum: amendments add, renumber and end spheres, so each row
    carries its validity dates.
    """

    code = models.CharField(_("code"), max_length=20, unique=True)
    number = models.PositiveSmallIntegerField(
        _("item of art. 4 ust. 1"), null=True, blank=True
    )
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

        return (
            self.name_en if (get_language() or "pl").startswith("en") else self.name_pl
        )

    @property
    def name(self) -> str:
        return str(self)

    def is_valid_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


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
        RURAL_HOUSEWIVES_CIRCLE = (
            "rural_housewives_circle",
            _("rural housewives' circle"),
        )
        ASSOCIATION_OF_LOCAL_GOVERNMENTS = (
            "local_government_association",
            _("association of local governments"),
        )
        NONPROFIT_COMPANY = "nonprofit_company", _("non-profit company")
        OTHER = "other", _("other entity of art. 3 ust. 3")

    name = models.CharField(_("name"), max_length=300)
    # The name as compared for duplicates (``name_key_of``), kept by ``save``.
    name_key = models.CharField(
        _("name for comparison"), max_length=300, blank=True, editable=False
    )
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    legal_form = models.CharField(
        _("legal form"),
        max_length=40,
        choices=LegalForm.choices,
        default=LegalForm.ASSOCIATION,
    )
    krs = KRSField(
        _("KRS number"),
        blank=True,
        help_text=_(
            "10 digits, with leading zeros. Leave empty if the entity is not in KRS."
        ),
    )
    other_register = models.CharField(
        _("other register"),
        max_length=200,
        blank=True,
        help_text=_(
            "For entities outside KRS: the register they are entered in, and their number."
        ),
    )
    nip = NIPField(
        _("NIP"), blank=True, help_text=_("10 digits; dashes and spaces are ignored.")
    )
    regon = REGONField(_("REGON"), blank=True, help_text=_("9 or 14 digits."))
    is_opp = models.BooleanField(_("public-benefit organisation (OPP)"), default=False)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    city = models.CharField(_("town"), max_length=100, blank=True)
    correspondence_address = LimitedTextField(_("correspondence address"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = LimitedTextField(_("description"), blank=True)
    logo = models.ImageField(
        _("logo"), upload_to="logos/", blank=True, validators=[FileKinds(*IMAGES)]
    )
    spheres = models.ManyToManyField(
        PublicBenefitSphere,
        blank=True,
        related_name="organisations",
        verbose_name=_("spheres"),
    )
    areas = models.ManyToManyField(
        Area, blank=True, related_name="organisations", verbose_name=_("areas")
    )
    founded_on = models.DateField(_("founded"), null=True, blank=True)
    is_public = models.BooleanField(
        _("shown in the directory"),
        default=True,
        help_text=_(
            "Verified organisations are listed in the public directory unless hidden here."
        ),
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
    # Searchable text besides the names (description, spheres, areas, town), kept by
    # ``services.organisation_refresh_search``; on PostgreSQL a trigger turns names
    # and this text into ``search_vector`` with the Polish configuration.
    search_text = models.TextField(_("search text"), blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["search_text", "search_vector", "updated_at", "name_key"]
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
            models.UniqueConstraint(
                fields=["name_key"],
                condition=~Q(name_key=""),
                name="organisation_unique_name",
            ),
        ]
        indexes = [
            # The directory in its default order, and its count (index only).
            models.Index(
                fields=["name", "id"],
                condition=Q(is_public=True, verified_at__isnull=False),
                name="organisation_directory_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        # Every way in (portal, admin, import) keeps the comparison key with the name.
        self.name_key = name_key_of(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("ngos:organisation-detail", kwargs={"slug": self.slug})

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def address(self) -> str:
        return ", ".join(
            p for p in [self.street, f"{self.postal_code} {self.city}".strip()] if p
        )

    @property
    def is_listed(self) -> bool:
        """Shown to the public: verified and not hidden."""
        return self.is_verified and self.is_public


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    APPROVED = "approved", _("approved")
    REFUSED = "refused", _("refused")
    ENDED = "ended", _("ended")


class Membership(TimeStampedModel):
    """A person acting for an organisation, approved by a clerk or a representative."""

    class Role(models.TextChoices):
        REPRESENTATIVE = "representative", _("representative")
        EDITOR = "editor", _("editor")

    Status = MembershipStatus

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
    reason = LimitedTextField(_("reason"), blank=True)
    founding = models.BooleanField(
        _("registered the organisation"),
        default=False,
        help_text=_(
            "Approved together with the organisation when a clerk verifies it."
        ),
    )

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
            choices_check("membership_status_valid", MembershipStatus),
            models.CheckConstraint(
                condition=Q(role__in=["representative", "editor"]),
                name="membership_role_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"


class PartnerSearch(TimeStampedModel):
    """An organisation looking for a partner for a project (area 6, integration)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="partner_searches",
        verbose_name=_("organisation"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    title = models.CharField(_("looking for a partner for"), max_length=200)
    description = LimitedTextField(_("description"))
    sphere = models.ForeignKey(
        PublicBenefitSphere,
        on_delete=models.PROTECT,
        related_name="partner_searches",
        verbose_name=_("sphere"),
    )
    ends_on = models.DateField(_("open until"))

    objects = PartnerSearchQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner search")
        verbose_name_plural = _("partner searches")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("ngos:partner-search-detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.ends_on >= timezone.localdate()


class PartnerAnswer(TimeStampedModel):
    """An answer to a partner search, sent through the portal on behalf of an organisation."""

    search = models.ForeignKey(
        PartnerSearch,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("partner search"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="partner_answers",
        verbose_name=_("answering organisation"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    message = LimitedTextField(_("message"))

    class Meta:
        verbose_name = _("answer to a partner search")
        verbose_name_plural = _("answers to partner searches")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.search}"


class RepresentationSource(models.TextChoices):
    KRS = "krs", _("KRS extract")
    DECLARED = "declared", _("declared by the organisation")


class Representation(TimeStampedModel):
    """How the organisation is represented: the organ, its members and the manner.

    For organisations in KRS this is dział 2 of the current extract (the representing
    organ, its members and "sposób reprezentacji"); for others, what their statute
    says. Offers, contracts and reports are signed by ``signatures_required`` of the
    members, whose names stand on the documents' signature lines.
    """

    Source = RepresentationSource

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="representation",
        verbose_name=_("organisation"),
    )
    organ = models.CharField(
        _("representing organ"),
        max_length=200,
        help_text=_("As in the register or the statute, e.g. “Zarząd”."),
    )
    manner = LimitedTextField(
        _("manner of representation"),
        help_text=_("Word for word from the register or the statute."),
    )
    signatures_required = models.PositiveSmallIntegerField(
        _("signatures required"),
        default=1,
        help_text=_("How many members of the organ must sign together."),
    )
    source = models.CharField(
        _("source"), max_length=20, choices=Source.choices, default=Source.DECLARED
    )
    read_at = models.DateTimeField(
        _("read from the register"), null=True, blank=True, editable=False
    )
    note = LimitedTextField(
        _("to check"),
        blank=True,
        help_text=_(
            "What the register left open (e.g. the number of signatures the manner "
            "does not state plainly); a clerk clears it once checked."
        ),
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("representation")
        verbose_name_plural = _("representations")
        constraints = [
            models.CheckConstraint(
                condition=Q(signatures_required__gte=1),
                name="representation_signatures_at_least_one",
            ),
            choices_check(
                "representation_source_valid", RepresentationSource, field="source"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.organ}"


class Representative(models.Model):
    """A member of the representing organ, as named in the register or the statute.

    ``user`` links the person's portal account, so that their confirmation of an
    offer or a report counts as one of the required signatures.
    """

    representation = models.ForeignKey(
        Representation,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("representation"),
    )
    name = models.CharField(_("first names and surname"), max_length=200)
    function = models.CharField(
        _("function"), max_length=200, blank=True, help_text=_("e.g. “Prezes Zarządu”.")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="representative_entries",
        verbose_name=_("portal account"),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("member of the representing organ")
        verbose_name_plural = _("members of the representing organ")
        ordering = ["representation", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["representation", "user"],
                condition=Q(user__isnull=False),
                name="representative_one_entry_per_account",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.function})" if self.function else self.name
