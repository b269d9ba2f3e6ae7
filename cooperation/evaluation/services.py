"""Every state change of the annual report on the programme and its corrected figures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction as db_transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.core.exceptions import DomainError
from cooperation.core.limits import parse_amount
from cooperation.core.permissions import require_clerk
from cooperation.core.workflow import (
    Input,
    Transition,
    Workflow,
    Workflows,
    record,
    transition,
)
from cooperation.programme.models import Programme

from . import documents
from .figures import figure_labels, figures_for
from .models import AnnualReport, ReportFigure

Status = AnnualReport.Status

_SERVICES = "cooperation.evaluation.services."

TRANSITIONS = Workflows(
    Workflow(
        AnnualReport,
        Transition(
            "submit",
            Status.DRAFT,
            Status.SUBMITTED,
            gettext_lazy("Submit to the council"),
            inputs=(
                Input(
                    "submitted_on",
                    gettext_lazy("Date"),
                    kind="date",
                    source="submitted_on",
                ),
            ),
            service=_SERVICES + "report_submit",
        ),
        Transition(
            "publish",
            Status.SUBMITTED,
            Status.PUBLISHED,
            gettext_lazy("Record the publication in BIP"),
            inputs=(
                Input(
                    "published_on",
                    gettext_lazy("Published in BIP on"),
                    kind="date",
                    required=True,
                    source="published_on",
                ),
                Input(
                    "bip_url",
                    gettext_lazy("Address in BIP"),
                    kind="line",
                    required=True,
                    max_length=500,
                    source="bip_url",
                ),
            ),
            service=_SERVICES + "report_publish",
        ),
        Transition(
            "redraft",
            Status.SUBMITTED,
            Status.DRAFT,
            gettext_lazy("Back to drafting"),
            inputs=(Input("reason", gettext_lazy("Reason"), required=True),),
            service=_SERVICES + "report_return_to_draft",
            bulk=False,
        ),
    )
)


def _moved(report: AnnualReport) -> AnnualReport:
    """After the commit, render the PDF of the report's new state."""
    db_transaction.on_commit(partial(documents.queue, report.pk))
    return report


def _not_after_today(day: date, field: str) -> None:
    today = timezone.localdate()
    if day > today:
        raise DomainError(
            _("The date cannot be later than today (%(today)s).")
            % {"today": formats.date_format(today, "DATE_FORMAT")},
            field=field,
        )


def report_create(
    *, year: int, actor: Any, responsible: Any | None = None
) -> AnnualReport:
    """A draft report for ``year``, tied to that year's programme.

    Raises ``DomainError`` when the year has a report already or no programme.
    """
    require_clerk(actor)
    programme = Programme.objects.filter(year=year).first()
    if programme is None:
        raise DomainError(
            _("There is no cooperation programme for %(year)s.") % {"year": year},
            field="year",
        )
    with db_transaction.atomic():
        if AnnualReport.objects.select_for_update().filter(year=year).exists():
            raise DomainError(
                _("The report for %(year)s exists already.") % {"year": year},
                field="year",
            )
        report = AnnualReport.objects.create(
            year=year,
            programme=programme,
            responsible=responsible or programme.responsible,
        )
        record(report, actor=actor, to=Status.DRAFT, note=_("created"))
    return report


def report_write(
    *,
    report: AnnualReport,
    actor: Any,
    summary: str | None = None,
    conclusions: str | None = None,
    recommendations: str | None = None,
    responsible: Any = False,
) -> AnnualReport:
    """The narrative parts (only of a draft) and the responsible clerk, audited.

    Raises ``DomainError``.
    """
    require_clerk(actor)
    changes: dict[str, Any] = {
        name: value
        for name, value in (
            ("summary", summary),
            ("conclusions", conclusions),
            ("recommendations", recommendations),
        )
        if value is not None
    }
    with db_transaction.atomic():
        report = AnnualReport.objects.select_for_update().get(pk=report.pk)
        if changes and report.status != Status.DRAFT:
            raise DomainError(_("Only a draft report is changed."))
        if responsible is not False and responsible != report.responsible:
            changes["responsible"] = responsible
        if not changes:
            return report
        for name, value in changes.items():
            setattr(report, name, value)
        try:
            report.full_clean(exclude=["programme", "responsible", "figures"])
        except ValidationError as exc:
            raise DomainError("; ".join(exc.messages)) from exc
        report.save(update_fields=[*changes, "updated_at"])
        record(
            report,
            actor=actor,
            to=report.status,
            note=_("changed: %(parts)s") % {"parts": ", ".join(sorted(changes))},
        )
    return report


def report_submit(
    *, annualreport: AnnualReport, actor: Any, submitted_on: date | None = None
) -> AnnualReport:
    """Submit the report to the council; its figures are kept as they are now.

    Needs the summary. Raises ``DomainError``, ``TransitionNotAllowed``.
    """
    require_clerk(actor)
    report = annualreport
    day = submitted_on or timezone.localdate()
    _not_after_today(day, "submitted_on")
    report = AnnualReport.objects.select_related("programme").get(pk=report.pk)
    if not report.summary.strip():
        raise DomainError(_("Write the summary of the report first."), field="summary")
    return _moved(
        transition(
            report,
            transitions=TRANSITIONS,
            to=Status.SUBMITTED,
            actor=actor,
            changes={"submitted_on": day, "figures": figures_for(report)},
        )
    )


def report_publish(
    *, annualreport: AnnualReport, actor: Any, published_on: date, bip_url: str
) -> AnnualReport:
    """Record the publication in BIP (date and address); after 31 May it is flagged.

    Raises ``DomainError``, ``TransitionNotAllowed``.
    """
    require_clerk(actor)
    report = annualreport
    report = AnnualReport.objects.get(pk=report.pk)
    bip_url = (bip_url or "").strip()
    try:
        URLValidator(schemes=["http", "https"])(bip_url)
    except ValidationError as exc:
        raise DomainError(
            _("Enter the address of the report in BIP."), field="bip_url"
        ) from exc
    _not_after_today(published_on, "published_on")
    if report.submitted_on and published_on < report.submitted_on:
        raise DomainError(
            _("The report is published after it was submitted to the council."),
            field="published_on",
        )
    late = published_on > report.publication_deadline
    note = (
        _("Published after the deadline of %(deadline)s (art. 5a ust. 3).")
        % {"deadline": formats.date_format(report.publication_deadline, "DATE_FORMAT")}
        if late
        else ""
    )
    return _moved(
        transition(
            report,
            transitions=TRANSITIONS,
            to=Status.PUBLISHED,
            actor=actor,
            note=note,
            changes={"published_on": published_on, "bip_url": bip_url},
        )
    )


def report_return_to_draft(
    *, annualreport: AnnualReport, actor: Any, reason: str
) -> AnnualReport:
    """The council returned the report: a draft again, its figures computed anew."""
    require_clerk(actor)
    report = annualreport
    if not reason.strip():
        raise DomainError(_("Give the reason."), field="reason")
    return transition(
        report,
        transitions=TRANSITIONS,
        to=Status.DRAFT,
        actor=actor,
        note=reason,
        changes={"figures": {}, "submitted_on": None},
    )


def _value(value: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    try:
        return parse_amount(str(value))
    except (ValidationError, InvalidOperation) as exc:
        raise DomainError(_("Enter the value as a number."), field="value") from exc


def figure_correct(
    *, report: AnnualReport, actor: Any, key: str, value: Any, reason: str
) -> ReportFigure:
    """Correct one computed figure of a draft report, with the reason (audited).

    Raises ``DomainError`` for a report no longer a draft, an unknown figure or a
    missing reason.
    """
    require_clerk(actor)
    if not (reason or "").strip():
        raise DomainError(_("Give the reason for the correction."), field="reason")
    number = _value(value)
    if number < 0:
        raise DomainError(_("A figure is not negative."), field="value")
    with db_transaction.atomic():
        report = AnnualReport.objects.select_for_update().get(pk=report.pk)
        if report.status != Status.DRAFT:
            raise DomainError(_("Only the figures of a draft report are corrected."))
        known = figure_labels(figures_for(report))
        if key not in known:
            raise DomainError(_("The report has no such figure."), field="key")
        label, computed = known[key]
        correction, _created = ReportFigure.objects.update_or_create(
            report=report,
            key=key,
            defaults={
                "label": label[:400],
                "computed": _value(computed or 0),
                "value": number,
                "reason": reason.strip(),
                "corrected_by": actor if getattr(actor, "pk", None) else None,
            },
        )
        record(
            report,
            actor=actor,
            to=report.status,
            note=_(
                "figure %(figure)s corrected from %(computed)s to %(value)s: %(reason)s"
            )
            % {
                "figure": label,
                "computed": computed,
                "value": number,
                "reason": reason.strip(),
            },
        )
        # The document shows the correction: the report's inputs changed.
        report.save(update_fields=["updated_at"])
    return correction


def figure_correction_withdraw(*, correction: ReportFigure, actor: Any) -> None:
    """The computed figure stands again (audited); only in a draft report."""
    require_clerk(actor)
    with db_transaction.atomic():
        report = AnnualReport.objects.select_for_update().get(pk=correction.report_id)
        if report.status != Status.DRAFT:
            raise DomainError(_("Only the figures of a draft report are corrected."))
        record(
            report,
            actor=actor,
            to=report.status,
            note=_("correction of %(figure)s withdrawn") % {"figure": correction.label},
        )
        correction.delete()
        report.save(update_fields=["updated_at"])
