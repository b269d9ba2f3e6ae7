"""Who signs an offer, its attachments and its signed copy.

An offer is the offerors' declaration of will: it binds an organisation when the
persons its manner of representation names sign it (``Representation``: the organ,
its members and how many sign together). In the portal each of them confirms the
offer's content, whose SHA-256 checksum the confirmation keeps; any later change of
the content makes the confirmation void. A joint offer (art. 14 ust. 2) needs the
confirmations of every offeror's representatives.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cooperation.core.cache import rows_changed
from cooperation.core.exceptions import DomainError, PermissionDeniedError
from cooperation.core.workflow import record
from ngos.models import Membership, Organisation, Representation, Representative
from ngos.permissions import Capability, can_act_for

from ..layout import ATTACHMENTS, SIGNATURES
from ..models import (
    CompetitionStatus,
    Offer,
    OfferAttachment,
    OfferConfirmation,
    OfferStatus,
    RequiredAttachment,
)
from ..models.signing import ATTACHMENT_KINDS, SIGNED_COPY_KINDS

O = OfferStatus  # noqa: E741


@dataclass
class OfferorSignatures:
    """One offeror's signatures of the offer's current content."""

    label: str
    organisation: Organisation | None
    required: int = 0
    confirmed: list[OfferConfirmation] = field(default_factory=list)
    waiting: list[Representative] = field(default_factory=list)
    problem: str = ""

    @property
    def complete(self) -> bool:
        return not self.problem and len(self.confirmed) >= self.required


def current_checksum(offer: Offer) -> str:
    """The checksum of the offer's content as it stands (rows loaded from the database)."""
    from ..selectors import offers_with_rows
    from .offers import offer_checksum, offer_content

    fresh = offers_with_rows().get(pk=offer.pk)
    return offer_checksum(offer_content(fresh))


def offeror_organisations(offer: Offer) -> list[tuple[str, Organisation | None]]:
    """The offerors as (name, organisation in the portal), the lead first."""
    rows: list[tuple[str, Organisation | None]] = [
        (offer.offeror_name or offer.organisation.name, offer.organisation)
    ]
    if offer.is_joint:
        for partner in offer.co_offerors.select_related("organisation"):
            rows.append((partner.name, partner.organisation))
    return rows


def signers(organisation: Organisation) -> tuple[Representation | None, list[Any]]:
    """The representation and its members whose accounts may sign: linked to an
    account that has an approved representative's membership of the organisation."""
    representation = (
        Representation.objects.filter(organisation=organisation)
        .prefetch_related("members")
        .first()
    )
    if representation is None:
        return None, []
    approved = set(
        Membership.objects.filter(
            organisation=organisation,
            status=Membership.Status.APPROVED,
            role=Membership.Role.REPRESENTATIVE,
        ).values_list("user_id", flat=True)
    )
    members = [
        m for m in representation.members.all() if m.user_id and m.user_id in approved
    ]
    return representation, members


def signature_status(
    offer: Offer, checksum: str | None = None
) -> list[OfferorSignatures]:
    """For each offeror: how many must confirm, who confirmed this content, who still may."""
    checksum = checksum or current_checksum(offer)
    confirmations = list(
        OfferConfirmation.objects.filter(offer=offer, checksum=checksum).order_by(
            "confirmed_at", "pk"
        )
    )
    result = []
    for label, organisation in offeror_organisations(offer):
        entry = OfferorSignatures(label=label, organisation=organisation)
        result.append(entry)
        if organisation is None:
            entry.problem = _(
                "%(name)s is not an organisation registered in the portal: each "
                "offeror of a joint offer confirms it through its representatives' "
                "accounts. Give its KRS number as registered in the portal."
            ) % {"name": label}
            continue
        representation, members = signers(organisation)
        if representation is None:
            entry.problem = _(
                "%(name)s has not recorded its representation (the organ, its members "
                "and how many of them sign together): a clerk records it from the KRS "
                "extract or the statute."
            ) % {"name": organisation.name}
            continue
        entry.required = representation.signatures_required
        valid = {m.pk for m in members}
        entry.confirmed = [
            c
            for c in confirmations
            if c.organisation_id == organisation.pk and c.representative_id in valid
        ]
        done = {c.representative_id for c in entry.confirmed}
        entry.waiting = [m for m in members if m.pk not in done]
        if len(valid) < entry.required:
            entry.problem = ngettext(
                "%(name)s needs %(count)s signature, but only %(linked)s member of "
                "its representing organ has a portal account linked to the entry "
                "and an approved representative's membership.",
                "%(name)s needs %(count)s signatures, but only %(linked)s members of "
                "its representing organ have a portal account linked to their entry "
                "and an approved representative's membership.",
                entry.required,
            ) % {
                "name": organisation.name,
                "count": entry.required,
                "linked": len(valid),
            }
    return result


def signature_problems(offer: Offer, checksum: str | None = None) -> list[str]:
    """What keeps the offer from being signed as its offerors' representation requires."""
    messages = []
    for entry in signature_status(offer, checksum):
        if entry.problem:
            messages.append(entry.problem)
        elif not entry.complete:
            missing = entry.required - len(entry.confirmed)
            messages.append(
                ngettext(
                    "%(name)s: %(missing)s more confirmation by a representative is "
                    "needed (%(required)s required); still to confirm: %(people)s.",
                    "%(name)s: %(missing)s more confirmations by representatives are "
                    "needed (%(required)s required); still to confirm: %(people)s.",
                    missing,
                )
                % {
                    "name": entry.label,
                    "missing": missing,
                    "required": entry.required,
                    "people": ", ".join(
                        f"{m.name} ({m.function})" if m.function else m.name
                        for m in entry.waiting
                    ),
                }
            )
    return messages


def _require_changeable(offer: Offer, part: str) -> None:
    if not offer.is_editable:
        raise DomainError(
            _("This offer was submitted and can no longer be changed."), code="frozen"
        )
    if offer.status == O.CORRECTION_REQUESTED and part not in offer.correction_fields:
        raise DomainError(
            _("Only the fields named in the correction request may be changed."),
            code="not-in-correction",
        )
    _require_time(offer)


def _require_time(offer: Offer, now: Any = None) -> None:
    now = now or timezone.now()
    if offer.status == O.DRAFT:
        competition = offer.competition
        if (
            competition.status != CompetitionStatus.ANNOUNCED
            or now > competition.offers_deadline
        ):
            raise DomainError(
                _(
                    "The deadline for offers has passed: the draft can no longer be changed."
                ),
                code="deadline",
            )
    elif offer.correction_deadline and now > offer.correction_deadline:
        raise DomainError(
            _("The deadline for the correction has passed."), code="deadline"
        )


def confirmable_for(
    offer: Offer, user: Any
) -> list[tuple[Organisation, Representative]]:
    """The offerors for which ``user`` may confirm, with the user's entry in each
    organisation's representation."""
    if user is None or not user.is_authenticated:
        return []
    rows = []
    for _label, organisation in offeror_organisations(offer):
        if organisation is None:
            continue
        _representation, members = signers(organisation)
        entry = next((m for m in members if m.user_id == user.pk), None)
        if entry is not None:
            rows.append((organisation, entry))
    return rows


def record_confirmations(
    offer: Offer, actor: Any, checksum: str
) -> list[OfferConfirmation]:
    """Record ``actor``'s confirmation of ``checksum`` for every offeror they represent."""
    now = timezone.now()
    made = []
    for organisation, entry in confirmable_for(offer, actor):
        confirmation, created = OfferConfirmation.objects.get_or_create(
            offer=offer,
            representative=entry,
            checksum=checksum,
            defaults={
                "organisation": organisation,
                "user": actor,
                "name": entry.name,
                "function": entry.function,
                "confirmed_at": now,
            },
        )
        if created:
            made.append(confirmation)
            record(
                offer,
                actor=actor,
                to="confirmed",
                note=_(
                    "%(name)s, on behalf of the organisation: %(organisation)s; checksum %(checksum)s"
                )
                % {
                    "name": entry.name,
                    "organisation": organisation.name,
                    "checksum": checksum,
                },
            )
    return made


def offer_confirm(
    *, offer: Offer, actor: Any, checksum: str
) -> list[OfferConfirmation]:
    """Confirm the offer's content, as a member of an offeror's representing organ.

    ``checksum`` is the content the person read; if the offer changed meanwhile the
    confirmation is refused, so nobody confirms what they did not see. Raises
    PermissionDeniedError (not a linked representative of any offeror) or
    DomainError (changed, frozen, past the deadline).
    """
    if not confirmable_for(offer, actor):
        raise PermissionDeniedError(
            _(
                "Only a member of an offeror's representing organ, whose portal "
                "account is linked to their entry and who is an approved "
                "representative, confirms the offer."
            )
        )
    with transaction.atomic():
        locked = (
            Offer.objects.select_for_update()
            .select_related("competition")
            .get(pk=offer.pk)
        )
        if locked.status not in (O.DRAFT, O.CORRECTION_REQUESTED):
            raise DomainError(
                _("This offer was submitted and can no longer be changed."),
                code="frozen",
            )
        _require_time(locked)
        current = current_checksum(locked)
        if current != checksum:
            raise DomainError(
                _(
                    "The offer changed after you opened it: read it again and confirm "
                    "the current version."
                ),
                code="changed",
            )
        return record_confirmations(locked, actor, current)


def _digest(file: IO[bytes]) -> tuple[str, int]:
    sha = hashlib.sha256()
    size = 0
    file.seek(0)
    for chunk in iter(lambda: file.read(65536), b""):
        sha.update(chunk)
        size += len(chunk)
    file.seek(0)
    return sha.hexdigest(), size


def _bump(offer: Offer, actor: Any) -> None:
    Offer.objects.filter(pk=offer.pk).update(
        version=F("version") + 1, last_edited_by=actor, updated_at=timezone.now()
    )
    rows_changed(Offer)


def offer_add_attachment(
    *, offer: Offer, actor: Any, requirement: RequiredAttachment, file: Any
) -> OfferAttachment:
    """Attach a file required by the announcement (replacing an earlier one for it).

    The file is checked by its content (PDF, ODT, DOCX or an image, at most
    ``UPLOAD_MAX_MB``). The attachment is part of the offer's content, so earlier
    confirmations no longer count. Raises PermissionDeniedError or DomainError.
    """
    if not can_act_for(actor, offer.organisation_id, Capability.EDIT):
        raise PermissionDeniedError(_("You cannot edit this offer."))
    if requirement.competition_id != offer.competition_id:
        raise DomainError(_("The announcement does not ask for this attachment."))
    try:
        ATTACHMENT_KINDS(file)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), field="file") from error
    with transaction.atomic():
        locked = (
            Offer.objects.select_for_update()
            .select_related("competition")
            .get(pk=offer.pk)
        )
        _require_changeable(locked, ATTACHMENTS)
        sha, size = _digest(file)
        OfferAttachment.objects.filter(
            offer=locked, requirement=requirement, kind=OfferAttachment.Kind.ATTACHMENT
        ).delete()
        attachment = OfferAttachment.objects.create(
            offer=locked,
            requirement=requirement,
            name=requirement.name,
            file=file,
            size=size,
            sha256=sha,
            uploaded_by=actor,
        )
        _bump(locked, actor)
        record(
            locked,
            actor=actor,
            to="attachment-added",
            note=f"{requirement.name}: {sha}",
        )
    return attachment


def offer_remove_attachment(*, attachment: OfferAttachment, actor: Any) -> None:
    """Remove an attachment (or a signed copy) of an offer that may still change."""
    offer = attachment.offer
    if not can_act_for(actor, offer.organisation_id, Capability.EDIT):
        raise PermissionDeniedError(_("You cannot edit this offer."))
    part = (
        SIGNATURES
        if attachment.kind == OfferAttachment.Kind.SIGNED_COPY
        else ATTACHMENTS
    )
    with transaction.atomic():
        locked = (
            Offer.objects.select_for_update()
            .select_related("competition")
            .get(pk=offer.pk)
        )
        if attachment.kind == OfferAttachment.Kind.SIGNED_COPY:
            _require_signed_copy_allowed(locked)
        else:
            _require_changeable(locked, part)
            _bump(locked, actor)
        record(locked, actor=actor, to="attachment-removed", note=attachment.name)
        attachment.delete()


@dataclass
class SignatureCheck:
    """What the check of a PDF's embedded signatures found."""

    intact: bool
    signers: list[str]
    report: str


def check_pdf_signatures(file: IO[bytes]) -> SignatureCheck:
    """Check every signature embedded in a PDF: that the signed bytes are unchanged
    and the signature matches them (integrity), and who signed (the certificate's
    subject). Whether the certificate is a qualified one or the trusted profile's is
    shown to the clerk as the signer's certificate says; no trust list is consulted.
    """
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature

    file.seek(0)
    try:
        reader = PdfFileReader(file, strict=False)
        signatures = list(reader.embedded_signatures)
    except Exception as error:  # noqa: BLE001 - a broken PDF is reported, not raised.
        file.seek(0)
        return SignatureCheck(
            False, [], _("The PDF cannot be read: %(error)s") % {"error": error}
        )
    if not signatures:
        file.seek(0)
        return SignatureCheck(False, [], _("The PDF holds no electronic signature."))
    signers: list[str] = []
    lines: list[str] = []
    intact = True
    for signature in signatures:
        name = signature.field_name or "?"
        try:
            status = validate_pdf_signature(signature, skip_diff=False)
            ok = bool(status.intact and status.valid)
            cert = status.signing_cert
            who = cert.subject.native.get("common_name") if cert else ""
            covered = status.coverage.name if status.coverage else ""
        except Exception as error:  # noqa: BLE001 - a signature that fails is reported.
            ok, who, covered = False, "", str(error)
        if who:
            signers.append(str(who))
        intact = intact and ok
        lines.append(
            (
                _("%(field)s: signed by %(who)s, intact (%(coverage)s)")
                if ok
                else _(
                    "%(field)s: signed by %(who)s, NOT intact: the document was changed after signing or the signature does not match (%(coverage)s)"
                )
            )
            % {"field": name, "who": who or "?", "coverage": covered}
        )
    file.seek(0)
    return SignatureCheck(intact, signers, "\n".join(lines))


def _require_signed_copy_allowed(offer: Offer) -> None:
    if offer.status == O.CORRECTION_REQUESTED:
        _require_changeable(offer, SIGNATURES)
    elif offer.status == O.DRAFT:
        _require_time(offer)
    elif offer.status != O.SUBMITTED or offer.formally_checked_at:
        raise DomainError(
            _("A signed copy can be sent until the formal check of the offer."),
            code="frozen",
        )


def offer_upload_signed_copy(*, offer: Offer, actor: Any, file: Any) -> OfferAttachment:
    """Send a copy of the offer signed with a qualified or trusted-profile signature.

    Only a PDF; its signatures are checked for integrity and the signers' names kept
    for the clerk. Taken by the offeror's representative until the formal check (or
    in a correction naming the signatures). Raises PermissionDeniedError or
    DomainError.
    """
    if not can_act_for(actor, offer.organisation, Capability.SIGN):
        raise PermissionDeniedError(
            _("Only a representative of the organisation may send a signed copy.")
        )
    try:
        SIGNED_COPY_KINDS(file)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), field="file") from error
    check = check_pdf_signatures(getattr(file, "file", file))
    with transaction.atomic():
        locked = (
            Offer.objects.select_for_update()
            .select_related("competition")
            .get(pk=offer.pk)
        )
        _require_signed_copy_allowed(locked)
        sha, size = _digest(getattr(file, "file", file))
        OfferAttachment.objects.filter(
            offer=locked, kind=OfferAttachment.Kind.SIGNED_COPY
        ).delete()
        attachment = OfferAttachment.objects.create(
            offer=locked,
            kind=OfferAttachment.Kind.SIGNED_COPY,
            name=_("Signed copy of the offer"),
            file=file,
            size=size,
            sha256=sha,
            uploaded_by=actor,
            signatures_intact=check.intact,
            signers=check.signers,
            signature_report=check.report,
        )
        record(
            locked,
            actor=actor,
            to="signed-copy-added",
            note=f"{sha}; {'; '.join(check.signers) or '—'}",
        )
    return attachment
