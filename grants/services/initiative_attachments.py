"""The documents the council's resolution requires with an application for a local
initiative, attached to it before the formal check."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from cooperation.core.exceptions import DomainError, PermissionDeniedError
from cooperation.core.workflow import record

from ..models.initiatives import (
    InitiativeApplication,
    InitiativeAttachment,
    InitiativeStatus,
)
from ..permissions import can_record_initiative_contribution
from .initiative_delivery import check_upload
from .signing import _digest

# The most documents attached to one application.
MAX_ATTACHMENTS = 20


def _require_open(application: InitiativeApplication, actor: Any) -> None:
    if not can_record_initiative_contribution(actor, application):
        raise PermissionDeniedError(
            _(
                "Only the applicant, a representative of the organisation or a clerk "
                "attaches the documents."
            )
        )
    if application.status != InitiativeStatus.SUBMITTED:
        raise DomainError(
            _("Documents are attached until the formal check of the application."),
            code="checked",
        )


def initiative_attach(
    *, application: InitiativeApplication, actor: Any, name: str, file: Any
) -> InitiativeAttachment:
    """Attach a document to a submitted application (PDF, ODT, DOCX or an image,
    checked by content, at most ``UPLOAD_MAX_MB``). Raises ``PermissionDeniedError``
    for anyone but the applicant, a representative of its organisation or a clerk,
    and ``DomainError`` (with the field) without a name, for a file refused and
    once the application is formally checked. Audited on the application."""
    _require_open(application, actor)
    name = (name or "").strip()[:300]
    if not name:
        raise DomainError(
            _("Name the document (for example the list of residents supporting it)."),
            field="name",
        )
    if not file:
        raise DomainError(_("Choose the file of the document."), field="file")
    check_upload(file, field="file")
    with transaction.atomic():
        locked = InitiativeApplication.objects.select_for_update().get(
            pk=application.pk
        )
        _require_open(locked, actor)
        if locked.attachments.count() >= MAX_ATTACHMENTS:
            raise DomainError(
                _("At most %(count)s documents are attached to one application.")
                % {"count": MAX_ATTACHMENTS},
                field="file",
            )
        sha, size = _digest(file)
        attachment = InitiativeAttachment.objects.create(
            application=locked,
            name=name,
            file=file,
            size=size,
            sha256=sha,
            uploaded_by=actor,
        )
        record(locked, actor=actor, to="document-attached", note=f"{name}: {sha}")
    return attachment


def initiative_detach(*, attachment: InitiativeAttachment, actor: Any) -> None:
    """Take a document off a submitted application; audited on the application."""
    application = attachment.application
    _require_open(application, actor)
    with transaction.atomic():
        locked = InitiativeApplication.objects.select_for_update().get(
            pk=application.pk
        )
        _require_open(locked, actor)
        note = f"{attachment.name}: {attachment.sha256}"
        attachment.delete()
        record(locked, actor=actor, to="document-removed", note=note)
