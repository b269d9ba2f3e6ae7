"""The update of a chosen offer (aktualizacja) when less was granted than requested.

The offeror updates the plan and schedule (III.4), the expected results (III.5,
III.6) and the cost calculation with its funding (V) on the offer's own form, to the
granted amount, keeping the own contribution's share and the announcement's rules;
or it declines the grant. The offer itself stays as it was submitted.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cooperation.core.limits import LimitedTextField, validate_amount
from cooperation.core.models import TimeStampedModel, choices_check

from .offer import (
    FORM_VERSION,
    CoOfferor,
    CostRow,
    ExpectedResult,
    Offer,
    ScheduleAction,
    money,
)

# The fields of the offer's form an update may change, by section.
UPDATE_FIELDS = [
    "start_date",
    "end_date",
    "expected_change",
    "own_financial",
    "own_non_financial",
    "recipient_payments",
]
ACTION_KEYS = (
    "id",
    "name",
    "description",
    "target_group",
    "start",
    "end",
    "subcontractor",
)
RESULT_KEYS = ("name", "target_value", "monitoring")
COST_KEYS = ("category", "action_id", "name", "unit", "unit_cost", "units", "year")


class OfferUpdateStatus(models.TextChoices):
    DRAFT = "draft", _("being prepared")
    SUBMITTED = "submitted", _("submitted to the office")
    RETURNED = "returned", _("returned for changes")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("grant declined")


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _date(value: Any) -> date | None:
    if not value:
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _cached(model: type[models.Model], rows: list[Any]) -> models.QuerySet[Any]:
    """A queryset holding ``rows`` already: read like a prefetched relation."""
    queryset = model._default_manager.all()
    queryset._result_cache = rows  # type: ignore[attr-defined]
    queryset._prefetch_done = True  # type: ignore[attr-defined]
    return queryset


class OfferUpdate(TimeStampedModel):
    """The update of one chosen offer, or the offeror's refusal of the grant."""

    Status = OfferUpdateStatus
    # On no public page; declining changes the offer, which is (``cooperation.core.cache``).
    public_cache_areas: tuple[str, ...] = ()

    offer = models.OneToOneField(
        Offer,
        on_delete=models.PROTECT,
        related_name="award_update",
        verbose_name=_("offer"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=OfferUpdateStatus.choices,
        default=OfferUpdateStatus.DRAFT,
    )
    form_version = models.CharField(
        _("form template"), max_length=40, default=FORM_VERSION
    )
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        help_text=_("Raised on every save; a stale save is refused."),
    )
    granted_amount = models.DecimalField(
        _("granted amount (PLN)"),
        max_digits=12,
        decimal_places=2,
        validators=[validate_amount],
    )
    start_date = models.DateField(_("III.2 start date"), null=True, blank=True)
    end_date = models.DateField(_("III.2 end date"), null=True, blank=True)
    expected_change = LimitedTextField(
        _("III.5 expected results: what will change and how lasting it is"), blank=True
    )
    own_financial = models.DecimalField(
        _("own financial contribution (PLN)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[validate_amount],
    )
    own_non_financial = models.DecimalField(
        _("own non-financial contribution: staff and in kind (PLN)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[validate_amount],
    )
    recipient_payments = models.DecimalField(
        _("payments from recipients (PLN)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[validate_amount],
    )
    # The rows of III.4, III.6 and V.A as the editor keeps them: each activity has an
    # ``id`` within the update, and a cost of group I names it in ``action_id``.
    actions = models.JSONField(_("plan and schedule of activities"), default=list)
    results = models.JSONField(_("expected results"), default=list)
    cost_rows = models.JSONField(_("cost calculation"), default=list)
    content = models.JSONField(_("content as submitted"), default=dict, blank=True)
    checksum = models.CharField(_("SHA-256 of the content"), max_length=64, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last edited by"),
    )
    return_reason = LimitedTextField(_("reason for returning it"), blank=True)
    decided_at = models.DateTimeField(_("accepted or declined"), null=True, blank=True)
    decline_reason = LimitedTextField(_("reason for declining the grant"), blank=True)

    class Meta:
        verbose_name = _("offer update")
        verbose_name_plural = _("offer updates")
        ordering = ["-created_at"]
        constraints = [
            choices_check("offer_update_status_valid", OfferUpdateStatus),
            models.CheckConstraint(
                condition=models.Q(own_financial__gte=0)
                & models.Q(own_non_financial__gte=0)
                & models.Q(recipient_payments__gte=0)
                & models.Q(granted_amount__gte=0),
                name="offer_update_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "declined"])
                | ~models.Q(checksum=""),
                name="offer_update_submitted_has_checksum",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Update of offer %(offer)s") % {"offer": self.offer})

    def get_absolute_url(self) -> str:
        return reverse("grants:offer-update", kwargs={"pk": self.offer_id})

    @property
    def is_editable(self) -> bool:
        return self.status in (OfferUpdateStatus.DRAFT, OfferUpdateStatus.RETURNED)

    def as_offer(self, offer: Offer | None = None) -> Offer:
        """The offer as updated, in memory: the form, its checks and its PDF read it.

        ``offer`` is the chosen offer with its rows loaded (``offers_with_rows``); the
        result carries the update's dates, amounts and rows, the granted amount as
        the grant, and every other part of the offer unchanged. Nothing is saved.
        """
        base = offer or self.offer
        values = {
            f.attname: getattr(base, f.attname) for f in Offer._meta.concrete_fields
        }
        updated = Offer(**values)
        updated._state.adding = False
        updated._state.db = base._state.db
        for name in UPDATE_FIELDS:
            setattr(updated, name, getattr(self, name))
        updated.requested_grant = money(self.granted_amount)
        actions = []
        for n, row in enumerate(self.actions, start=1):
            action = ScheduleAction(
                pk=row.get("id") or n,
                offer=updated,
                position=n,
                name=row.get("name", ""),
                description=row.get("description", ""),
                target_group=row.get("target_group", ""),
                start=_date(row.get("start")),
                end=_date(row.get("end")),
                subcontractor=row.get("subcontractor", ""),
            )
            actions.append(action)
        results = [
            ExpectedResult(
                offer=updated,
                position=n,
                name=row.get("name", ""),
                target_value=row.get("target_value", ""),
                monitoring=row.get("monitoring", ""),
            )
            for n, row in enumerate(self.results, start=1)
        ]
        costs = [
            CostRow(
                offer=updated,
                position=n,
                category=row.get("category") or CostRow.Category.ACTIVITY,
                action_id=row.get("action_id"),
                name=row.get("name", ""),
                unit=row.get("unit", ""),
                unit_cost=Decimal(str(row.get("unit_cost") or 0)),
                units=Decimal(
                    str(row.get("units") if row.get("units") is not None else 1)
                ),
                year=row.get("year"),
            )
            for n, row in enumerate(self.cost_rows, start=1)
        ]
        partners = list(base.co_offerors.all()) if base.pk else []
        updated._prefetched_objects_cache = {
            "actions": _cached(ScheduleAction, actions),
            "results": _cached(ExpectedResult, results),
            "cost_rows": _cached(CostRow, costs),
            "co_offerors": _cached(CoOfferor, partners),
        }
        return updated

    @staticmethod
    def rows_of(offer: Offer) -> dict[str, list[dict[str, Any]]]:
        """The offer's own rows in the update's form, to start the update from."""
        actions = [
            {k: _plain(getattr(a, "pk" if k == "id" else k)) for k in ACTION_KEYS}
            for a in offer.actions.all()
        ]
        results = [
            {k: _plain(getattr(r, k)) for k in RESULT_KEYS} for r in offer.results.all()
        ]
        costs = [
            {k: _plain(getattr(c, k)) for k in COST_KEYS} for c in offer.cost_rows.all()
        ]
        return {"actions": actions, "results": results, "cost_rows": costs}

    @staticmethod
    def plain_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Rows as JSON keeps them: dates as ISO text, amounts as decimal text."""
        return [{k: _plain(v) for k, v in row.items()} for row in rows]
