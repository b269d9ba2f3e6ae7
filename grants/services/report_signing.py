"""The organisation's side of a report: saving its parts, the list of documents with
their files, the representatives' confirmations and the submission.

A report binds the organisation as its offer does: each person its manner of
representation names confirms the report's content in the portal, and the
confirmation keeps the content's SHA-256 checksum (the parts typed and the files
listed). Any later change of the content makes it void; the report is submitted once
as many representatives as the representation requires confirmed the same content.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cooperation.core.exceptions import DomainError, PermissionDeniedError
from cooperation.core.limits import upload_limit
from cooperation.core.typography import quoted
from cooperation.core.workflow import record

from ..models import Report, ReportAttachment, ReportKind, ReportStatus
from ..models.signing import ATTACHMENT_KINDS
from ..permissions import can_submit_report
from .reports import report_problems_of, report_save, report_submit
from .signing import _digest, signers

R = ReportStatus
# The most documents listed with one report.
MAX_ATTACHMENTS = 50
SIGNATURES_KEY = "signatures"


def report_is_open(report: Report) -> bool:
    return report.status in (R.CALLED, R.DRAFT, R.CORRECTIONS)


def _require_open(report: Report, actor: Any) -> None:
    if not report_is_open(report):
        raise DomainError(
            _("A submitted or accepted report cannot be changed."), code="frozen"
        )
    if not can_submit_report(actor, report):
        raise PermissionDeniedError(
            _("Only a representative of the organisation prepares its report.")
        )


def report_checksum(
    report: Report, attachments: list[ReportAttachment] | None = None
) -> str:
    """SHA-256 of what the representatives confirm: the content typed (without the
    confirmations) and the documents listed with their files' checksums."""
    content = {k: v for k, v in report.content.items() if k != SIGNATURES_KEY}
    if attachments is None:
        attachments = list(ReportAttachment.objects.filter(report=report))
    documents = [[a.name, a.sha256] for a in sorted(attachments, key=lambda a: a.pk)]
    data = json.dumps(
        {"content": content, "documents": documents},
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(data.encode()).hexdigest()


def report_save_part(
    *, report: Report, actor: Any, content: Mapping[str, Any]
) -> Report:
    """Keep a part of the report as the representative typed it."""
    _require_open(report, actor)
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        report_save(report=locked, content=content)
    report.content = locked.content
    return report


def report_add_attachment(
    *, report: Report, actor: Any, name: str, file: Any
) -> ReportAttachment:
    """List a document with the report, with its file (PDF, ODT, DOCX or an image,
    at most ``UPLOAD_MAX_MB``); earlier confirmations no longer count."""
    _require_open(report, actor)
    name = (name or "").strip()
    if not name:
        raise DomainError(
            _("Name the document (for example the invoice's number and date)."),
            field="name",
        )
    if getattr(file, "size", 0) > upload_limit():
        raise DomainError(
            _("The file is too large: at most %(limit)s MB are accepted.")
            % {"limit": upload_limit() // 2**20},
            field="file",
        )
    try:
        ATTACHMENT_KINDS(file)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), field="file") from error
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.attachments.count() >= MAX_ATTACHMENTS:
            raise DomainError(
                _("At most %(count)s documents are listed with one report.")
                % {"count": MAX_ATTACHMENTS},
                field="file",
            )
        sha, size = _digest(file)
        attachment = ReportAttachment.objects.create(
            report=locked,
            name=name[:300],
            file=file,
            size=size,
            sha256=sha,
            uploaded_by=actor,
        )
        record(locked, actor=actor, to="attachment-added", note=f"{name}: {sha}")
    return attachment


def report_remove_attachment(*, attachment: ReportAttachment, actor: Any) -> None:
    report = attachment.report
    _require_open(report, actor)
    with transaction.atomic():
        Report.objects.select_for_update().get(pk=report.pk)
        note = f"{attachment.name}: {attachment.sha256}"
        attachment.delete()
        record(report, actor=actor, to="attachment-removed", note=note)


@dataclass
class ReportSignatures:
    """The representatives' confirmations of the report's current content."""

    required: int = 0
    confirmed: list[dict[str, Any]] = field(default_factory=list)
    waiting: list[Any] = field(default_factory=list)
    problem: str = ""

    @property
    def complete(self) -> bool:
        return not self.problem and len(self.confirmed) >= self.required


def report_signature_status(
    report: Report, checksum: str | None = None
) -> ReportSignatures:
    checksum = checksum or report_checksum(report)
    organisation = report.contract.organisation
    status = ReportSignatures()
    representation, members = signers(organisation)
    if representation is None:
        status.problem = _(
            "%(name)s has not recorded its representation (the organ, its members "
            "and how many of them sign together): a clerk records it from the KRS "
            "extract or the statute."
        ) % {"name": organisation.name}
        return status
    status.required = representation.signatures_required
    valid = {m.pk for m in members}
    status.confirmed = [
        c
        for c in report.content.get(SIGNATURES_KEY, [])
        if c.get("checksum") == checksum and c.get("representative") in valid
    ]
    done = {c["representative"] for c in status.confirmed}
    status.waiting = [m for m in members if m.pk not in done]
    if len(valid) < status.required:
        status.problem = ngettext(
            "%(name)s needs %(count)s signature, but only %(linked)s member of "
            "its representing organ has a portal account linked to the entry "
            "and an approved representative's membership.",
            "%(name)s needs %(count)s signatures, but only %(linked)s members of "
            "its representing organ have a portal account linked to their entry "
            "and an approved representative's membership.",
            status.required,
        ) % {
            "name": organisation.name,
            "count": status.required,
            "linked": len(valid),
        }
    return status


def report_signature_problems(
    report: Report,
    checksum: str | None = None,
    status: ReportSignatures | None = None,
) -> list[str]:
    status = status or report_signature_status(report, checksum)
    if status.problem:
        return [status.problem]
    if status.complete:
        return []
    missing = status.required - len(status.confirmed)
    return [
        ngettext(
            "%(missing)s more confirmation by a representative is needed "
            "(%(required)s required); still to confirm: %(people)s.",
            "%(missing)s more confirmations by representatives are needed "
            "(%(required)s required); still to confirm: %(people)s.",
            missing,
        )
        % {
            "missing": missing,
            "required": status.required,
            "people": ", ".join(
                f"{m.name} ({m.function})" if m.function else m.name
                for m in status.waiting
            ),
        }
    ]


def report_fill_problems(report: Report) -> list[str]:
    """Parts of the form left empty that the report must answer."""
    content = report.content
    problems = []
    for row in content.get("results", []):
        if not str(row.get("achieved") or "").strip():
            problems.append(
                _("Part I: say what was achieved of the result %(name)s.")
                % {"name": quoted(str(row.get("name", "")))}
            )
    if report.kind == ReportKind.FINAL:
        for row in content.get("actions", []):
            if not str(row.get("done") or "").strip():
                problems.append(
                    _("Part I: describe how the activity %(name)s was carried out.")
                    % {"name": quoted(str(row.get("name", "")))}
                )
    if report.form == Report.Form.SIMPLIFIED:
        if not str(content.get("carried_out") or "").strip():
            problems.append(_("Part I: describe how the task was carried out."))
        if not str(content.get("results_achieved") or "").strip():
            problems.append(_("Part I: give the results achieved, with numbers."))
    if not content.get("funding"):
        problems.append(_("Part II: give the sources of funding of the costs."))
    return problems


def report_all_problems(report: Report) -> list[str]:
    """What keeps the report from being submitted, save the signatures."""
    return report_fill_problems(report) + report_problems_of(report)


def report_confirm(*, report: Report, actor: Any, checksum: str) -> bool:
    """A member of the representing organ confirms the content they read.

    Refused when the content changed after the page was opened (``checksum``), so
    nobody confirms what they did not see. Returns False when already confirmed.
    """
    with transaction.atomic():
        locked = (
            Report.objects.select_for_update()
            .select_related("contract")
            .get(pk=report.pk)
        )
        _require_open(locked, actor)
        current = report_checksum(locked)
        if current != checksum:
            raise DomainError(
                _(
                    "The report changed after you opened it: read it again and "
                    "confirm the current version."
                ),
                code="changed",
            )
        _representation, members = signers(locked.contract.organisation)
        entry = next((m for m in members if m.user_id == actor.pk), None)
        if entry is None:
            raise PermissionDeniedError(
                _(
                    "Only a member of the organisation's representing organ, whose "
                    "portal account is linked to their entry and who is an approved "
                    "representative, confirms the report."
                )
            )
        kept = [
            c
            for c in locked.content.get(SIGNATURES_KEY, [])
            if c.get("checksum") == current
        ]
        if any(c.get("representative") == entry.pk for c in kept):
            return False
        kept.append(
            {
                "representative": entry.pk,
                "user": actor.pk,
                "name": entry.name,
                "function": entry.function,
                "checksum": current,
                "at": timezone.now().isoformat(),
            }
        )
        locked.content = {**locked.content, SIGNATURES_KEY: kept}
        locked.save(update_fields=["content", "updated_at"])
        record(
            locked,
            actor=actor,
            to="confirmed",
            note=_("%(name)s, on behalf of the organisation; checksum %(checksum)s")
            % {"name": entry.name, "checksum": current},
        )
    report.content = locked.content
    return True


def report_submit_signed(*, report: Report, actor: Any) -> Report:
    """Submit the report once it adds up and the representatives confirmed it."""
    if not can_submit_report(actor, report):
        raise PermissionDeniedError(
            _("Only a representative of the organisation may submit the report.")
        )
    checksum = report_checksum(report)
    problems = report_fill_problems(report) + report_signature_problems(
        report, checksum
    )
    if problems:
        raise DomainError(" ".join(problems))
    status = report_signature_status(report, checksum)
    names = ", ".join(
        f"{c['name']} ({c['function']})" if c.get("function") else c["name"]
        for c in status.confirmed
    )
    return report_submit(report=report, actor=actor, signed_by=names[:600])
