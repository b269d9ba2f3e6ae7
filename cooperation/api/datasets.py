"""Bulk downloads for open-data portals (dane.gov.pl): each dataset as CSV and JSON.

A dataset is a table of public records with a data dictionary (column, type,
meaning) and the metadata DCAT-AP asks for (title, description, keywords, licence,
update frequency). Its files are built from the database and stored; they are built
again by :func:`refresh` (a periodic task, and the first request after a change)
when the generations of the areas they show differ from those they were built
from, so an unchanged dataset is served from storage.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import (
    Count,
    DecimalField,
    F,
    OuterRef,
    Prefetch,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from consultations.models import Comment, Consultation
from cooperation.core.cache import generations
from cooperation.evaluation.figures import figures_for, totals
from cooperation.evaluation.models import AnnualReport, ReportFigure
from cooperation.programme.models import Priority, Programme
from grants.models import (
    PUBLIC_INITIATIVE_STATES,
    Competition,
    Contract,
    InitiativeApplication,
    Offer,
    Payment,
    SmallGrantOffer,
)
from grants.selectors import SMALL_GRANT_PUBLIC
from ngos.models import Organisation
from workshops.models import Event

from . import initiatives, reports, small_grants
from .models import DatasetFile

# Update frequency, as the EU vocabulary names it (DCAT-AP dct:accrualPeriodicity).
FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # string, integer, number, boolean, date, datetime
    meaning: Any


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: Any
    description: Any
    keywords: tuple[Any, ...]
    areas: tuple[str, ...]
    columns: tuple[Column, ...]
    rows: Callable[[], Iterable[dict[str, Any]]]
    frequency: str = "DAILY"

    def stamp(self) -> str:
        current = generations(self.areas)
        return ".".join(f"{a}={current.get(a, 0)}" for a in sorted(self.areas))


def _organisations() -> Iterable[dict[str, Any]]:
    return (
        Organisation.objects.public()
        .order_by("name", "pk")
        .values(
            "name",
            "short_name",
            "legal_form",
            "krs",
            "nip",
            "regon",
            "is_opp",
            "street",
            "postal_code",
            "city",
            "email",
            "phone",
            "website",
            "founded_on",
            "slug",
        )
        .iterator()
    )


def _competitions() -> Iterable[dict[str, Any]]:
    return (
        Competition.objects.public()
        .order_by("offers_deadline", "pk")
        .values(
            "id",
            "title",
            "status",
            "form",
            "task_type",
            "public_funds",
            "task_start",
            "task_end",
            "offers_deadline",
            "announced_at",
            "results_published_at",
            "decision_ordinance_number",
            "decision_ordinance_date",
            sphere=F("priority__sphere__code"),
            programme_year=F("priority__programme__year"),
        )
        .iterator()
    )


def _grants() -> Iterable[dict[str, Any]]:
    return (
        Offer.objects.filter(status="selected", competition__status="results_published")
        .order_by("competition_id", "sequence", "pk")
        .values(
            "number",
            "title",
            "offeror_name",
            "is_joint",
            "start_date",
            "end_date",
            "requested_grant",
            "granted_amount",
            "competition_id",
            competition_title=F("competition__title"),
            organisation_slug=F("organisation__slug"),
            organisation_krs=F("organisation__krs"),
            decision_ordinance_number=F("competition__decision_ordinance_number"),
            decision_ordinance_date=F("competition__decision_ordinance_date"),
        )
        .iterator()
    )


def _contracts() -> Iterable[dict[str, Any]]:
    return (
        Contract.objects.filter(signed_on__isnull=False)
        .order_by("year", "sequence")
        .annotate(
            transferred=Coalesce(
                Sum("payments__amount"),
                Value(0),
                output_field=DecimalField(max_digits=12, decimal_places=2),
            )
        )
        .values(
            "number",
            "title",
            "form",
            "status",
            "signed_on",
            "grant",
            "transferred",
            "terminated_on",
            "small_grant_id",
            offer_number=Coalesce(F("offer__number"), F("small_grant__number")),
            offeror_name=Coalesce(
                F("offer__offeror_name"), F("small_grant__offeror_name")
            ),
            competition_id=F("offer__competition_id"),
            organisation_slug=Coalesce(
                F("offer__organisation__slug"), F("small_grant__organisation__slug")
            ),
            organisation_krs=Coalesce(
                F("offer__organisation__krs"), F("small_grant__organisation__krs")
            ),
        )
        .iterator()
    )


def _consultations() -> Iterable[dict[str, Any]]:
    return (
        Consultation.objects.public()
        .order_by("start_at", "pk")
        .values(
            "id",
            "title",
            "act_kind",
            "status",
            "start_at",
            "end_at",
            "report_published_at",
        )
        .iterator()
    )


def _comments() -> Iterable[dict[str, Any]]:
    for comment in (
        Comment.objects.visible()
        .exclude(consultation__status="draft")
        .select_related("consultation", "unit", "organisation", "author")
        .order_by("consultation_id", "created_at", "pk")
        .iterator(chunk_size=500)
    ):
        reported = comment.consultation.status == "report_published"
        yield {
            "id": comment.pk,
            "consultation_id": comment.consultation_id,
            "unit": comment.unit.label if comment.unit_id else "",
            "author": comment.public_author,
            "channel": comment.channel,
            "received_on": comment.received_on,
            "proposed_wording": comment.proposed_wording,
            "justification": comment.justification,
            "decision": comment.decision if reported else "",
            "decision_justification": comment.decision_justification
            if reported
            else "",
        }


def _events() -> Iterable[dict[str, Any]]:
    return (
        Event.objects.public()
        .order_by("starts_at", "pk")
        .values(
            "id",
            "kind",
            "title",
            "topic",
            "place",
            "starts_at",
            "ends_at",
            "capacity",
            "audience",
            "organiser",
            "status",
        )
        .iterator()
    )


def _priorities() -> Iterable[dict[str, Any]]:
    return (
        Priority.objects.exclude(programme__status="drafting")
        .order_by("programme__year", "position", "pk")
        .values(
            "title",
            "planned_funds",
            year=F("programme__year"),
            sphere_code=F("sphere__code"),
        )
        .iterator()
    )


def _small_grants() -> Iterable[dict[str, Any]]:
    transferred = (
        Payment.objects.filter(contract__small_grant=OuterRef("pk"))
        .order_by()
        .values("contract")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    for row in (
        SmallGrantOffer.objects.filter(status__in=SMALL_GRANT_PUBLIC)
        .order_by("published_on", "pk")
        .values(
            "id",
            "number",
            "title",
            "status",
            "offeror_name",
            "start_date",
            "end_date",
            "place",
            "requested_grant",
            "own_financial",
            "own_non_financial",
            "recipient_payments",
            "decided_on",
            "published_on",
            "comments_until",
            "bip_url",
            organisation_slug=F("organisation__slug"),
            organisation_krs=F("organisation__krs"),
            sphere=F("priority__sphere__code"),
            programme_year=F("priority__programme__year"),
            contract_number=F("contract__number"),
            contract_signed_on=F("contract__signed_on"),
            contract_grant=F("contract__grant"),
            transferred=Subquery(transferred),
        )
        .iterator()
    ):
        until = row.pop("comments_until")
        row["comments_until"] = until - timedelta(days=1) if until else None
        if row["contract_signed_on"] is None:
            row.update(contract_number=None, contract_grant=None, transferred=None)
        elif row["transferred"] is None:
            row["transferred"] = Decimal(0)
        yield row


def _initiatives() -> Iterable[dict[str, Any]]:
    for row in (
        initiatives.with_delivered(
            InitiativeApplication.objects.filter(status__in=PUBLIC_INITIATIVE_STATES)
        )
        .order_by("decided_on", "pk")
        .values(
            "id",
            "number",
            "title",
            "status",
            "task",
            "applicant_kind",
            "place",
            "start_date",
            "end_date",
            "cost_estimate",
            "social_work_hours",
            "in_kind_value",
            "financial_contribution",
            "decided_on",
            "municipality_amount",
            "completed_on",
            "delivered_hours",
            "delivered_value",
            organisation_slug=F("organisation__slug"),
            hour_rate=F("resolution__hour_rate"),
            agreement_number=F("agreement__number"),
        )
        .iterator()
    ):
        hours = row["social_work_hours"] or 0
        value = (row.pop("hour_rate") * hours).quantize(Decimal("0.01"))
        row["social_work_value"] = value
        row["residents_contribution"] = (
            value + row["in_kind_value"] + row["financial_contribution"]
        )
        yield row


def _programmes() -> Iterable[dict[str, Any]]:
    return (
        Programme.objects.exclude(status="drafting")
        .order_by("year")
        .annotate(
            priority_count=Count("priorities"),
            planned_funds=Coalesce(
                Sum("priorities__planned_funds"),
                Value(0),
                output_field=DecimalField(max_digits=14, decimal_places=2),
            ),
        )
        .values(
            "year",
            "title",
            "status",
            "resolution_number",
            "resolution_date",
            "priority_count",
            "planned_funds",
        )
        .iterator()
    )


def _annual_reports() -> Iterable[dict[str, Any]]:
    for report in (
        AnnualReport.objects.filter(status="published")
        .order_by("year")
        .prefetch_related(
            Prefetch("corrections", queryset=ReportFigure.objects.order_by("key"))
        )
    ):
        values = totals(figures_for(report), report.corrections.all())
        yield {
            "year": report.year,
            "submitted_on": report.submitted_on,
            "published_on": report.published_on,
            "bip_url": report.bip_url,
            **{key: values.get(key) for key, _label, _unit in reports.TOTALS},
        }


S = "string"
I = "integer"  # noqa: E741
N = "number"
B = "boolean"
D = "date"
T = "datetime"

DATASETS: tuple[Dataset, ...] = (
    Dataset(
        slug="organizacje",
        title=_("Non-governmental organisations in the directory"),
        description=_(
            "Organisations and other entities of art. 3 ust. 3 of the Act listed in "
            "the portal's directory after verification by the office."
        ),
        keywords=(_("non-governmental organisations"), _("directory")),
        areas=("ngos",),
        columns=(
            Column("name", S, _("name")),
            Column("short_name", S, _("short name")),
            Column("legal_form", S, _("legal form (code)")),
            Column("krs", S, _("KRS number")),
            Column("nip", S, _("NIP")),
            Column("regon", S, _("REGON")),
            Column("is_opp", B, _("public-benefit organisation (OPP)")),
            Column("street", S, _("street and number")),
            Column("postal_code", S, _("postal code")),
            Column("city", S, _("town")),
            Column("email", S, _("e-mail")),
            Column("phone", S, _("phone")),
            Column("website", S, _("website")),
            Column("founded_on", D, _("founded")),
            Column("slug", S, _("identifier of the profile on the portal")),
        ),
        rows=_organisations,
    ),
    Dataset(
        slug="konkursy",
        title=_("Open competitions for public tasks"),
        description=_(
            "Competitions announced under art. 13 of the Act, with their funds, "
            "dates and the ordinance choosing the offers."
        ),
        keywords=(_("open competitions"), _("grants")),
        areas=("grants", "programme", "ngos"),
        columns=(
            Column("id", I, _("identifier")),
            Column("title", S, _("title")),
            Column("status", S, _("status (code)")),
            Column("form", S, _("supporting or entrusting (code)")),
            Column("task_type", S, _("type of task")),
            Column("public_funds", N, _("public funds for the task (PLN)")),
            Column("task_start", D, _("start of the task")),
            Column("task_end", D, _("end of the task")),
            Column("offers_deadline", T, _("deadline for offers")),
            Column("announced_at", T, _("announced")),
            Column("results_published_at", T, _("results published")),
            Column(
                "decision_ordinance_number",
                S,
                _("number of the ordinance choosing the offers"),
            ),
            Column("decision_ordinance_date", D, _("date of that ordinance")),
            Column("sphere", S, _("sphere of public benefit (art. 4 ust. 1, code)")),
            Column("programme_year", I, _("year of the cooperation programme")),
        ),
        rows=_competitions,
    ),
    Dataset(
        slug="dotacje",
        title=_("Grants awarded in open competitions"),
        description=_(
            "Offers chosen in competitions whose results are published (art. 15 "
            "ust. 2h), with the amounts granted."
        ),
        keywords=(_("grants"), _("public funds")),
        areas=("grants", "ngos"),
        columns=(
            Column("number", S, _("number of the offer")),
            Column("title", S, _("title of the task")),
            Column("offeror_name", S, _("offeror")),
            Column("is_joint", B, _("joint offer")),
            Column("start_date", D, _("start of the task")),
            Column("end_date", D, _("end of the task")),
            Column("requested_grant", N, _("grant requested (PLN)")),
            Column("granted_amount", N, _("grant awarded (PLN)")),
            Column("competition_id", I, _("identifier of the competition")),
            Column("competition_title", S, _("title of the competition")),
            Column(
                "organisation_slug", S, _("identifier of the organisation's profile")
            ),
            Column("organisation_krs", S, _("KRS number of the organisation")),
            Column(
                "decision_ordinance_number",
                S,
                _("number of the ordinance choosing the offers"),
            ),
            Column("decision_ordinance_date", D, _("date of that ordinance")),
        ),
        rows=_grants,
    ),
    Dataset(
        slug="umowy",
        title=_("Contracts for public tasks"),
        description=_(
            "Contracts signed for the offers chosen in competitions, with the grant "
            "and the amounts transferred so far."
        ),
        keywords=(_("grants"), _("contracts"), _("public funds")),
        areas=("contracts", "grants", "ngos"),
        columns=(
            Column("number", S, _("contract number")),
            Column("title", S, _("title of the task")),
            Column("form", S, _("form of the task (supporting or entrusting)")),
            Column("status", S, _("state of the contract")),
            Column("signed_on", D, _("date of signing")),
            Column("grant", N, _("grant (PLN)")),
            Column("transferred", N, _("amount transferred so far (PLN)")),
            Column("terminated_on", D, _("date of termination")),
            Column("offer_number", S, _("number of the offer")),
            Column("offeror_name", S, _("offeror")),
            Column("competition_id", I, _("identifier of the competition")),
            Column(
                "small_grant_id",
                I,
                _("identifier of the small-grant offer (art. 19a), if any"),
            ),
            Column(
                "organisation_slug", S, _("identifier of the organisation's profile")
            ),
            Column("organisation_krs", S, _("KRS number of the organisation")),
        ),
        rows=_contracts,
    ),
    Dataset(
        slug="konsultacje",
        title=_("Consultations of draft acts"),
        description=_("Consultations of draft acts with NGOs and residents."),
        keywords=(_("consultations"), _("draft acts")),
        areas=("consultations",),
        columns=(
            Column("id", I, _("identifier")),
            Column("title", S, _("title")),
            Column("act_kind", S, _("kind of act (code)")),
            Column("status", S, _("status (code)")),
            Column("start_at", T, _("start")),
            Column("end_at", T, _("end")),
            Column("report_published_at", T, _("report published")),
        ),
        rows=_consultations,
    ),
    Dataset(
        slug="uwagi",
        title=_("Comments in consultations"),
        description=_(
            "The comments the public sees, with the office's decisions once the "
            "report is published; a person's name only with their consent."
        ),
        keywords=(_("consultations"), _("comments")),
        areas=("consultations", "ngos", "people"),
        columns=(
            Column("id", I, _("identifier")),
            Column("consultation_id", I, _("identifier of the consultation")),
            Column("unit", S, _("provision concerned (empty: the whole draft)")),
            Column("author", S, _("author as the portal shows it")),
            Column("channel", S, _("channel (code)")),
            Column("received_on", D, _("received on")),
            Column("proposed_wording", S, _("proposed wording")),
            Column("justification", S, _("justification")),
            Column("decision", S, _("decision (code), once the report is published")),
            Column("decision_justification", S, _("justification of the decision")),
        ),
        rows=_comments,
    ),
    Dataset(
        slug="wydarzenia",
        title=_("Workshops, trainings and meetings"),
        description=_("Events for NGOs and residents announced on the portal."),
        keywords=(_("workshops"), _("trainings")),
        areas=("workshops",),
        columns=(
            Column("id", I, _("identifier")),
            Column("kind", S, _("kind (code)")),
            Column("title", S, _("title")),
            Column("topic", S, _("topic")),
            Column("place", S, _("place")),
            Column("starts_at", T, _("start")),
            Column("ends_at", T, _("end")),
            Column("capacity", I, _("places")),
            Column("audience", S, _("who may register (code)")),
            Column("organiser", S, _("organiser")),
            Column("status", S, _("status (code)")),
        ),
        rows=_events,
    ),
    Dataset(
        slug="priorytety",
        title=_("Priority tasks of the cooperation programmes"),
        description=_(
            "The priority tasks of each year's programme of cooperation (art. 5a), "
            "with the funds planned for them."
        ),
        keywords=(_("cooperation programme"), _("priority tasks")),
        areas=("programme", "ngos"),
        columns=(
            Column("year", I, _("year of the programme")),
            Column("title", S, _("priority task")),
            Column("sphere_code", S, _("sphere of public benefit (code)")),
            Column("planned_funds", N, _("planned funds (PLN)")),
        ),
        rows=_priorities,
    ),
    Dataset(
        slug="male-granty",
        title=_("Small grants outside competitions"),
        description=_(
            "Offers of small grants (art. 19a of the Act) published for comments, "
            "with the amounts, the comment period and the signed contract."
        ),
        keywords=(_("small grants"), _("grants"), _("public funds")),
        areas=small_grants.AREAS,
        columns=(
            Column("id", I, _("identifier")),
            Column("number", S, _("number of the offer")),
            Column("title", S, _("title of the task")),
            Column("status", S, _("state of the offer (code)")),
            Column("offeror_name", S, _("offeror")),
            Column(
                "organisation_slug", S, _("identifier of the organisation's profile")
            ),
            Column("organisation_krs", S, _("KRS number of the organisation")),
            Column("sphere", S, _("sphere of public benefit (art. 4 ust. 1, code)")),
            Column("programme_year", I, _("year of the cooperation programme")),
            Column("start_date", D, _("start of the task")),
            Column("end_date", D, _("end of the task")),
            Column("place", S, _("place where the task is carried out")),
            Column("requested_grant", N, _("grant requested (PLN)")),
            Column("own_financial", N, _("own financial contribution (PLN)")),
            Column("own_non_financial", N, _("own non-financial contribution (PLN)")),
            Column("recipient_payments", N, _("payments of the recipients (PLN)")),
            Column("decided_on", D, _("found worthwhile on")),
            Column("published_on", D, _("first day of comments")),
            Column("comments_until", D, _("last day of comments")),
            Column("bip_url", S, _("address in the BIP")),
            Column("contract_number", S, _("contract number, once signed")),
            Column("contract_signed_on", D, _("date of signing")),
            Column("contract_grant", N, _("grant in the contract (PLN)")),
            Column("transferred", N, _("amount transferred so far (PLN)")),
        ),
        rows=_small_grants,
    ),
    Dataset(
        slug="inicjatywy-lokalne",
        title=_("Local initiatives"),
        description=_(
            "Local initiatives the municipality accepted (art. 19b-19e of the Act), "
            "with the residents' and the municipality's contributions; the "
            "residents who applied are not named."
        ),
        keywords=(_("local initiatives"), _("residents")),
        areas=initiatives.AREAS,
        columns=(
            Column("id", I, _("identifier")),
            Column("number", S, _("number of the application")),
            Column("title", S, _("title of the initiative")),
            Column("status", S, _("state of the initiative (code)")),
            Column("task", S, _("public task (art. 19b ust. 1, code)")),
            Column("applicant_kind", S, _("who applies (code)")),
            Column(
                "organisation_slug",
                S,
                _("identifier of the profile of the organisation applying, if any"),
            ),
            Column("place", S, _("place")),
            Column("start_date", D, _("start date")),
            Column("end_date", D, _("end date")),
            Column("cost_estimate", N, _("estimated cost (PLN)")),
            Column("social_work_hours", I, _("hours of social work")),
            Column(
                "social_work_value",
                N,
                _("the hours at the resolution's rate of an hour (PLN)"),
            ),
            Column("in_kind_value", N, _("value of the contribution in kind (PLN)")),
            Column("financial_contribution", N, _("financial contribution (PLN)")),
            Column("residents_contribution", N, _("the residents' contribution (PLN)")),
            Column("decided_on", D, _("decided on")),
            Column(
                "municipality_amount", N, _("the municipality's contribution (PLN)")
            ),
            Column("agreement_number", S, _("number of the agreement")),
            Column("completed_on", D, _("carried out on")),
            Column(
                "delivered_hours",
                I,
                _("hours of social work the residents delivered so far"),
            ),
            Column(
                "delivered_value",
                N,
                _("value of every contribution the residents delivered so far (PLN)"),
            ),
        ),
        rows=_initiatives,
    ),
    Dataset(
        slug="programy",
        title=_("Cooperation programmes"),
        description=_(
            "The yearly programmes of cooperation (art. 5a of the Act), from their "
            "consultation on, with the funds planned for their priority tasks."
        ),
        keywords=(_("cooperation programme"), _("public funds")),
        areas=("programme",),
        columns=(
            Column("year", I, _("year of the programme")),
            Column("title", S, _("title")),
            Column("status", S, _("state of the programme (code)")),
            Column("resolution_number", S, _("number of the council's resolution")),
            Column("resolution_date", D, _("date of the resolution")),
            Column("priority_count", I, _("number of priority tasks")),
            Column("planned_funds", N, _("funds planned for the priority tasks (PLN)")),
        ),
        rows=_programmes,
    ),
    Dataset(
        slug="sprawozdania-z-programu",
        title=_("Reports on the cooperation programmes"),
        description=_(
            "The figures of each published report on carrying out the programme "
            "(art. 5a ust. 3 of the Act), as corrected by the office."
        ),
        keywords=(_("cooperation programme"), _("reports")),
        areas=reports.AREAS,
        columns=(
            Column("year", I, _("year of the programme")),
            Column("submitted_on", D, _("submitted to the council on")),
            Column("published_on", D, _("published in the BIP on")),
            Column("bip_url", S, _("address in the BIP")),
            *(
                Column(
                    key,
                    I if unit == "count" else N,
                    format_lazy("{} (PLN)", label) if unit == "PLN" else label,
                )
                for key, label, unit in reports.TOTALS
            ),
        ),
        rows=_annual_reports,
    ),
)
BY_SLUG = {d.slug: d for d in DATASETS}


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).isoformat()
            if timezone.is_aware(value)
            else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return ""
    return value


def build(dataset: Dataset) -> tuple[bytes, bytes, int]:
    """The CSV and JSON files of ``dataset`` and the number of rows."""
    names = [c.name for c in dataset.columns]
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(names)
    records = []
    for row in dataset.rows():
        values = [_plain(row.get(name)) for name in names]
        writer.writerow(values)
        records.append(dict(zip(names, values, strict=True)))
    as_json = json.dumps(
        {"dataset": dataset.slug, "columns": names, "rows": records},
        ensure_ascii=False,
        indent=1,
    )
    return text.getvalue().encode("utf-8"), as_json.encode("utf-8"), len(records)


def refresh(slug: str | None = None, *, force: bool = False) -> list[str]:
    """Build again the files of the datasets whose data changed; the slugs built."""
    built = []
    for dataset in [BY_SLUG[slug]] if slug else DATASETS:
        stamp = dataset.stamp()
        stored = {f.format: f for f in DatasetFile.objects.filter(dataset=dataset.slug)}
        if (
            not force
            and len(stored) == 2
            and all(f.stamp == stamp for f in stored.values())
        ):
            continue
        as_csv, as_json, rows = build(dataset)
        now = timezone.now()
        with transaction.atomic():
            for format, content in (("csv", as_csv), ("json", as_json)):
                current = stored.get(format) or DatasetFile(
                    dataset=dataset.slug, format=format
                )
                old = current.file.name if current.file else ""
                current.file.save(
                    f"{dataset.slug}.{format}", ContentFile(content), save=False
                )
                current.stamp = stamp
                current.rows = rows
                current.size = len(content)
                current.sha256 = hashlib.sha256(content).hexdigest()
                current.generated_at = now
                current.save()
                if old and old != current.file.name:
                    storage = current.file.storage
                    transaction.on_commit(
                        lambda name=old, storage=storage: storage.delete(name)
                    )
        built.append(dataset.slug)
    return built


def is_current(dataset: Dataset) -> bool:
    stamp = dataset.stamp()
    files = list(
        DatasetFile.objects.filter(dataset=dataset.slug).values_list("stamp", flat=True)
    )
    return len(files) == 2 and all(s == stamp for s in files)
