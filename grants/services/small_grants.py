"""Small grants (art. 19a): the statutory checks, the working days and the flow."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cooperation.core.exceptions import DomainError, PermissionDeniedError
from cooperation.core.limits import clean_text
from cooperation.core.notifications import notify
from cooperation.core.permissions import has_clerk_powers, require_clerk
from cooperation.core.workdays import working_days_after
from cooperation.core.workflow import record, transition
from cooperation.programme.models import Priority
from ngos.models import Organisation
from ngos.permissions import Capability, can_act_for

from ..models.small_grants import (
    SmallGrantComment,
    SmallGrantConfirmation,
    SmallGrantOffer,
    SmallGrantPool,
    SmallGrantStatus,
)
from ..small_grant_layout import EDITABLE_FIELDS, REQUIRED_FIELDS, label
from ..validators import pln
from .signing import signers
from .transitions import TRANSITIONS

S = SmallGrantStatus
# The states in which an offer counts towards the organisation's and the year's limits.
COUNTED = (S.SUBMITTED, S.WORTHWHILE, S.PUBLISHED, S.COMMENTS_CLOSED, S.CONTRACTED)


def publish_by(offer: SmallGrantOffer) -> date | None:
    """The last day the offer may be published: working days from its receipt."""
    if offer.received_on is None:
        return None
    return working_days_after(
        offer.received_on, settings.SMALL_GRANT_PUBLISH_WORKING_DAYS
    )


def _year_total(
    year: int, *, organisation_id: int | None, exclude: int | None
) -> Decimal:
    rows = SmallGrantOffer.objects.filter(start_date__year=year, status__in=COUNTED)
    if organisation_id is not None:
        rows = rows.filter(organisation_id=organisation_id)
    if exclude is not None:
        rows = rows.exclude(pk=exclude)
    return rows.aggregate(total=Sum("requested_grant"))["total"] or Decimal(0)


def problems(offer: SmallGrantOffer) -> list[str]:
    """Every statutory condition of art. 19a the offer does not meet, in Polish."""
    found: list[str] = []
    missing = [label(name) for name in REQUIRED_FIELDS if not _filled(offer, name)]
    if missing:
        found.append(_("Fill in: %(fields)s.") % {"fields": "; ".join(missing)})
    grant = Decimal(offer.requested_grant or 0)
    highest = Decimal(settings.SMALL_GRANT_MAX_AMOUNT)
    if grant <= 0:
        found.append(_("Give the planned grant."))
    elif grant > highest:
        found.append(
            _("A small grant is at most %(limit)s (art. 19a ust. 1 pkt 1).")
            % {"limit": pln(highest)}
        )
    if offer.start_date is None or offer.end_date is None:
        found.append(_("Give the start and end dates of the task."))
        return found
    if offer.end_date < offer.start_date:
        found.append(_("The task ends before it starts."))
        return found
    days = (offer.end_date - offer.start_date).days + 1
    if days > settings.SMALL_GRANT_MAX_DAYS:
        found.append(
            _(
                "A small-grant task lasts at most %(days)s days (art. 19a ust. 1 "
                "pkt 2); this one lasts %(given)s."
            )
            % {"days": settings.SMALL_GRANT_MAX_DAYS, "given": days}
        )
    year = offer.start_date.year
    yearly = Decimal(settings.SMALL_GRANT_YEARLY_LIMIT)
    used = _year_total(year, organisation_id=offer.organisation_id, exclude=offer.pk)
    if used + grant > yearly:
        found.append(
            _(
                "The organisation's small grants in %(year)s would come to %(total)s; "
                "at most %(limit)s in a calendar year (art. 19a ust. 4)."
            )
            % {"year": year, "total": pln(used + grant), "limit": pln(yearly)}
        )
    pool = SmallGrantPool.objects.filter(year=year).first()
    if pool is None:
        found.append(
            _(
                "The office has not entered the grants planned in the budget for %(year)s: "
                "the 20%% pool of small grants cannot be checked."
            )
            % {"year": year}
        )
    else:
        total = _year_total(year, organisation_id=None, exclude=offer.pk) + grant
        if total > pool.limit:
            found.append(
                _(
                    "The small grants of %(year)s would come to %(total)s, more than "
                    "%(percent)s%% of the grants planned in the budget (%(limit)s; "
                    "art. 19a ust. 5)."
                )
                % {
                    "year": year,
                    "total": pln(total),
                    "percent": settings.SMALL_GRANT_POOL_PERCENT,
                    "limit": pln(pool.limit),
                }
            )
    priority = offer.priority
    programme = priority.programme
    if programme.year != year:
        found.append(
            _("The task must be within the programme of cooperation for %(year)s.")
            % {"year": year}
        )
    if priority.sphere_id is None:
        found.append(_("The task must be within a sphere of public benefit (art. 4)."))
    if offer.character not in {c.value for c in SmallGrantOffer.Character}:
        found.append(_("Declare whether the task is of local or regional character."))
    found += cost_problems(offer)
    if not offer.statements_confirmed:
        found.append(_("Confirm the statements of part VI."))
    return found


def _filled(offer: SmallGrantOffer, name: str) -> bool:
    if name == "priority":
        return offer.priority_id is not None
    return bool(str(getattr(offer, name) or "").strip())


def cost_problems(offer: SmallGrantOffer) -> list[str]:
    """Part V: at least one cost, and the costs equal to the grant with the other
    sources (the contract's terms require the same)."""
    if not offer.costs:
        return [_("Give at least one cost of the task in part V.A.")]
    total = offer.total_costs
    funding = (
        Decimal(offer.requested_grant or 0)
        + Decimal(offer.own_financial or 0)
        + Decimal(offer.own_non_financial or 0)
        + Decimal(offer.recipient_payments or 0)
    )
    if total != funding:
        return [
            _(
                "The costs of part V.A (%(costs)s) must equal the grant with the own "
                "contribution and the payments of the recipients (%(funding)s)."
            )
            % {"costs": pln(total), "funding": pln(funding)}
        ]
    return []


def small_grant_submit(
    *, offer: SmallGrantOffer, actor: Any, received_on: date | None = None
) -> SmallGrantOffer:
    """File the offer as its representatives confirmed it.

    Refused with every problem at once (the statutory conditions, the signatures
    the organisation's representation requires), the draft kept as typed. The
    statements are copied into the offer and its content's checksum is kept.
    ``received_on`` is the day the office received it when that was earlier than
    today (an offer brought on paper and entered later); never in the future.
    Raises PermissionDeniedError unless ``actor`` signs for the organisation.
    """
    if not can_act_for(actor, offer.organisation_id, Capability.SIGN):
        raise PermissionDeniedError(
            _("Only a representative of the organisation submits its offer.")
        )
    with transaction.atomic():
        locked = SmallGrantOffer.objects.select_for_update().get(pk=offer.pk)
        digest = checksum(locked)
        found = problems(locked) + signature_problems(locked, digest)
        if found:
            raise DomainError(" ".join(found), code="invalid")
        today = received_on or timezone.localdate()
        if today > timezone.localdate():
            raise DomainError(
                _("An offer cannot be received in the future."), field="received_on"
            )
        transition(
            locked,
            transitions=TRANSITIONS,
            to=S.SUBMITTED,
            actor=actor,
            changes={
                "received_on": today,
                "submitted_by": actor,
                "checksum": digest,
                "statements": statements_text(locked),
            },
        )
        if not locked.number:
            locked.number = f"MG/{today.year}/{locked.pk}"
            locked.save(update_fields=["number"])
    return locked


def _tell(offer: SmallGrantOffer, kind: str, occasion: str, **context: Any) -> None:
    """E-mail (through the outbox) the person who submitted the offer and the
    representatives who confirmed it."""
    people: set[int] = set(
        offer.confirmations.exclude(user=None).values_list("user_id", flat=True)
    )
    if offer.submitted_by_id is not None:
        people.add(offer.submitted_by_id)
    from django.contrib.auth import get_user_model

    for person in get_user_model().objects.filter(pk__in=people):
        notify(
            person,
            f"grants.{kind}",
            occasion=occasion,
            obj=offer,
            context={"number": offer.number, "title": offer.title, **context},
        )


def small_grant_find_worthwhile(
    *,
    smallgrantoffer: SmallGrantOffer,
    actor: Any,
    note: str = "",
    on: date | None = None,
) -> SmallGrantOffer:
    """The clerk finds the task worthwhile (uznanie celowości, art. 19a ust. 1), on
    ``on`` (today by default; between the receipt and today)."""
    require_clerk(actor)
    day = on or timezone.localdate()
    received = smallgrantoffer.received_on
    if day > timezone.localdate() or (received and day < received):
        raise DomainError(_("The decision is taken between the receipt and today."))
    with transaction.atomic():
        offer = transition(
            smallgrantoffer,
            transitions=TRANSITIONS,
            to=S.WORTHWHILE,
            actor=actor,
            note=note,
            changes={"decided_on": day},
        )
        _tell(
            offer,
            "small_grant_worthwhile",
            f"small-grant:{offer.pk}:worthwhile",
            publish_by=publish_by(offer),
        )
    return offer


def small_grant_refuse(
    *, smallgrantoffer: SmallGrantOffer, actor: Any, reason: str = ""
) -> SmallGrantOffer:
    require_clerk(actor)
    if not reason.strip():
        raise DomainError(_("Give the reason for the refusal."), field="refusal_reason")
    with transaction.atomic():
        offer = transition(
            smallgrantoffer,
            transitions=TRANSITIONS,
            to=S.REFUSED,
            actor=actor,
            note=reason,
            changes={"decided_on": timezone.localdate(), "refusal_reason": reason},
        )
        _tell(
            offer,
            "small_grant_refused",
            f"small-grant:{offer.pk}:refused",
            reason=reason,
        )
    return offer


def small_grant_publish(
    *, smallgrantoffer: SmallGrantOffer, actor: Any, on: date | None = None
) -> SmallGrantOffer:
    """Publish for comments: within the working days of receipt, for 7 days."""
    require_clerk(actor)
    offer = smallgrantoffer
    day = on or timezone.localdate()
    earliest = offer.decided_on or offer.received_on
    if day > timezone.localdate() or (earliest and day < earliest):
        raise DomainError(_("The offer is published between the decision and today."))
    last = publish_by(offer)
    if last is not None and day > last:
        raise DomainError(
            _(
                "The offer had to be published by %(date)s (%(days)s working days "
                "from its receipt)."
            )
            % {
                "date": last.isoformat(),
                "days": settings.SMALL_GRANT_PUBLISH_WORKING_DAYS,
            }
        )
    until = day + timedelta(days=settings.SMALL_GRANT_COMMENT_DAYS)
    with transaction.atomic():
        offer = transition(
            offer,
            transitions=TRANSITIONS,
            to=S.PUBLISHED,
            actor=actor,
            changes={
                "published_on": day,
                "comments_until": until,
                "website_published_on": offer.website_published_on or day,
            },
        )
        _tell(
            offer,
            "small_grant_published",
            f"small-grant:{offer.pk}:published",
            last_day=until - timedelta(days=1),
            url=offer.get_public_url(),
        )
    return offer


def small_grant_close_comments(
    *, smallgrantoffer: SmallGrantOffer, actor: Any, on: date | None = None
) -> SmallGrantOffer:
    """Close the comments once the 7 days are over (on ``on``, today by default;
    never before the end of the period or in the future)."""
    offer = smallgrantoffer
    day = on or timezone.localdate()
    if day > timezone.localdate():
        raise DomainError(_("The comments cannot be closed on a future day."))
    if offer.comments_until and day < offer.comments_until:
        raise DomainError(
            _("Comments are open until %(date)s.")
            % {"date": offer.comments_until.isoformat()}
        )
    return transition(offer, transitions=TRANSITIONS, to=S.COMMENTS_CLOSED, actor=actor)


# --- The NGO's offer ------------------------------------------------------------


def small_grant_create(
    *, organisation: Organisation, priority: Priority, actor: Any
) -> SmallGrantOffer:
    """Start a draft small-grant offer, parts I and II filled from the data held.

    Raises PermissionDeniedError unless ``actor`` may edit for the organisation.
    """
    if not can_act_for(actor, organisation, Capability.EDIT):
        raise PermissionDeniedError(_("You cannot write offers for this organisation."))
    register = (
        _("KRS %(number)s") % {"number": organisation.krs}
        if organisation.krs
        else organisation.other_register
    )
    with transaction.atomic():
        offer = SmallGrantOffer.objects.create(
            organisation=organisation,
            priority=priority,
            addressed_to=settings.MUNICIPALITY_OFFICE,
            offeror_name=organisation.name,
            offeror_legal_form=organisation.get_legal_form_display(),
            offeror_register=register,
            offeror_address=organisation.address,
            offeror_website=organisation.website,
            offeror_correspondence=organisation.correspondence_address,
            offeror_email=organisation.email,
            offeror_phone=organisation.phone,
            contact_name=actor.get_full_name(),
            contact_email=actor.email,
        )
        record(offer, actor=actor, to=S.DRAFT, note=_("created"))
    return offer


def clean_costs(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, str]]:
    """The cost table as stored: (type of cost, value), amounts to the grosz."""
    cleaned = []
    for row in rows:
        name = str(row.get("name") or "").strip()
        try:
            total = Decimal(str(row.get("total") or 0)).quantize(Decimal("0.01"))
        except InvalidOperation as error:
            raise DomainError(_("A cost is not an amount."), field="costs") from error
        if not name and not total:
            continue
        if not name:
            raise DomainError(_("Name the type of every cost."), field="costs")
        if total < 0:
            raise DomainError(_("A cost is an amount of 0 or more."), field="costs")
        cleaned.append({"name": name[:300], "total": str(total)})
    return cleaned


def small_grant_save(
    *,
    offer: SmallGrantOffer,
    actor: Any,
    fields: Mapping[str, Any],
    costs: Iterable[Mapping[str, Any]] | None = None,
) -> SmallGrantOffer:
    """Save a step of the draft: whatever was typed, complete or not.

    The statutory problems are shown on the offer's page and stop only the
    submission. Raises PermissionDeniedError (not an editor of the organisation) or
    DomainError (no longer a draft).
    """
    if not can_act_for(actor, offer.organisation_id, Capability.EDIT):
        raise PermissionDeniedError(_("You cannot write offers for this organisation."))
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise DomainError(
            _("These are not fields of the offer: %(names)s.")
            % {"names": ", ".join(sorted(unknown))}
        )
    with transaction.atomic():
        locked = SmallGrantOffer.objects.select_for_update().get(pk=offer.pk)
        if not locked.is_editable:
            raise DomainError(
                _("This offer was submitted and can no longer be changed."),
                code="frozen",
            )
        for name, value in fields.items():
            setattr(locked, name, value)
        touched = list(fields)
        if costs is not None:
            locked.costs = clean_costs(costs)
            touched.append("costs")
        locked.save(update_fields=[*touched, "updated_at"])
    return locked


def content(offer: SmallGrantOffer) -> dict[str, Any]:
    """What the representatives confirm and what the checksum covers."""
    values: dict[str, Any] = {}
    for name in EDITABLE_FIELDS:
        value = offer.priority_id if name == "priority" else getattr(offer, name)
        values[name] = value.isoformat() if isinstance(value, date) else str(value)
    values["costs"] = offer.costs
    values["statements"] = statements_text(offer)
    return values


def checksum(offer: SmallGrantOffer) -> str:
    fresh = SmallGrantOffer.objects.get(pk=offer.pk)
    text = json.dumps(content(fresh), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def statements_text(offer: SmallGrantOffer) -> str:
    """The statements of part VI: as signed, else the office's current wording."""
    if offer.statements:
        return offer.statements
    template = offer.statements_template
    return template.body if template is not None else ""


def _members(offer: SmallGrantOffer) -> tuple[Any, list[Any]]:
    return signers(offer.organisation)


def signature_problems(offer: SmallGrantOffer, digest: str) -> list[str]:
    """What keeps the content ``digest`` from being signed as the representation says."""
    representation, members = _members(offer)
    if representation is None:
        return [
            _(
                "%(name)s has not recorded its representation (the organ, its members "
                "and how many of them sign together): a clerk records it from the KRS "
                "extract or the statute."
            )
            % {"name": offer.organisation.name}
        ]
    valid = {m.pk for m in members}
    done = set(
        SmallGrantConfirmation.objects.filter(
            offer=offer, checksum=digest, representative_id__in=valid
        ).values_list("representative_id", flat=True)
    )
    missing = representation.signatures_required - len(done)
    if missing <= 0:
        return []
    waiting = [m for m in members if m.pk not in done]
    return [
        ngettext(
            "%(name)s: %(missing)s more confirmation by a representative is "
            "needed (%(required)s required); still to confirm: %(people)s.",
            "%(name)s: %(missing)s more confirmations by representatives are "
            "needed (%(required)s required); still to confirm: %(people)s.",
            missing,
        )
        % {
            "name": offer.organisation.name,
            "missing": missing,
            "required": representation.signatures_required,
            "people": ", ".join(m.name for m in waiting) or "—",
        }
    ]


def may_confirm(offer: SmallGrantOffer, user: Any) -> Any:
    """The user's entry in the organisation's representation, if they sign for it."""
    if user is None or not user.is_authenticated:
        return None
    _representation, members = _members(offer)
    return next((m for m in members if m.user_id == user.pk), None)


def small_grant_confirm(
    *, offer: SmallGrantOffer, actor: Any, digest: str
) -> SmallGrantConfirmation | None:
    """A representative confirms the content they read (``digest``); audited.

    Returns None when they confirmed this content already. Raises
    PermissionDeniedError (not a linked representative) or DomainError (the offer
    changed meanwhile, or was submitted).
    """
    entry = may_confirm(offer, actor)
    if entry is None:
        raise PermissionDeniedError(
            _(
                "Only a member of the offeror's representing organ, whose portal "
                "account is linked to their entry and who is an approved "
                "representative, confirms the offer."
            )
        )
    with transaction.atomic():
        locked = SmallGrantOffer.objects.select_for_update().get(pk=offer.pk)
        if not locked.is_editable:
            raise DomainError(
                _("This offer was submitted and can no longer be changed."),
                code="frozen",
            )
        if checksum(locked) != digest:
            raise DomainError(
                _(
                    "The offer changed after you opened it: read it again and confirm "
                    "the current version."
                ),
                code="changed",
            )
        confirmation, created = SmallGrantConfirmation.objects.get_or_create(
            offer=locked,
            representative=entry,
            checksum=digest,
            defaults={
                "user": actor,
                "name": entry.name,
                "function": entry.function,
                "confirmed_at": timezone.now(),
            },
        )
        if not created:
            return None
        record(
            locked,
            actor=actor,
            to="confirmed",
            note=_("%(name)s; checksum %(checksum)s")
            % {"name": entry.name, "checksum": digest},
        )
    return confirmation


# --- Comments -------------------------------------------------------------------


def may_comment(user: Any) -> bool:
    """A logged-in person; with the setting, anyone (who gives an e-mail)."""
    if user is not None and user.is_authenticated:
        return True
    return bool(settings.SMALL_GRANT_ANONYMOUS_COMMENTS)


def small_grant_comment(
    *,
    offer: SmallGrantOffer,
    author: Any,
    author_name: str,
    text: str,
    email: str = "",
) -> SmallGrantComment:
    """Anyone's comment on a published offer within its 7 days (art. 19a ust. 3).

    Checked under a lock on the offer, so a comment sent after the period is
    refused. Raises PermissionDeniedError (not logged in, where the municipality
    wants that) or DomainError (not open; no name or text, or one too long). Audited.
    """
    person = author if author is not None and author.is_authenticated else None
    if not may_comment(person):
        raise PermissionDeniedError(_("Log in to comment on the offer."))
    if person is None and not email.strip():
        raise DomainError(_("Give your e-mail address."), field="email")
    if person is None:
        from django.core.validators import validate_email

        try:
            validate_email(email.strip())
        except ValidationError as error:
            raise DomainError(
                _("Enter a valid e-mail address."), field="email"
            ) from error
    if not author_name.strip():
        raise DomainError(
            _("Give your name or your organisation's."), field="author_name"
        )
    if not text.strip():
        raise DomainError(_("Write the comment."), field="text")
    _within_limits(author_name=author_name, text=text)
    with transaction.atomic():
        locked = SmallGrantOffer.objects.select_for_update().get(pk=offer.pk)
        if not locked.comments_open_on(timezone.localdate()):
            raise DomainError(_("The offer does not take comments now."), code="closed")
        comment = SmallGrantComment.objects.create(
            offer=locked,
            author=person,
            author_name=author_name.strip(),
            email=email.strip() if person is None else (person.email or ""),
            email_confirmed_at=timezone.now() if person is not None else None,
            text=text,
        )
        record(comment, actor=person, to="submitted", note=locked.number)
        if person is None:
            from cooperation.core.background import enqueue

            from ..tasks import small_grant_comment_confirmation_task

            enqueue(small_grant_comment_confirmation_task, comment.pk)
    return comment


# A guest's comment waits for its address to be confirmed through a signed link.
CONFIRMATION_SALT = "grants.small-grant-comment-email"
CONFIRMATION_DAYS = 7


def confirmation_token(comment: SmallGrantComment) -> str:
    from django.core import signing

    return signing.dumps({"c": comment.pk, "e": comment.email}, salt=CONFIRMATION_SALT)


def send_comment_confirmation(comment: SmallGrantComment) -> bool:
    """E-mail a guest the link that confirms their address; False when the comment
    needs none (its address is confirmed, or it has none)."""
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils import translation

    if comment.email_confirmed_at is not None or not comment.email:
        return False
    link = settings.SITE_URL.rstrip("/") + reverse(
        "grants:small-grant-comment-confirm", args=[confirmation_token(comment)]
    )
    context = {
        "comment": comment,
        "offer": comment.offer,
        "link": link,
        "days": CONFIRMATION_DAYS,
        "municipality": settings.MUNICIPALITY_NAME,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(
            render_to_string(
                "grants/emails/small_grant_comment_confirm.subject.txt", context
            ).split()
        )
        body = render_to_string(
            "grants/emails/small_grant_comment_confirm.body.txt", context
        )
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [comment.email])
    return True


def small_grant_comment_confirm_email(*, token: str) -> SmallGrantComment:
    """The guest opened the link of their e-mail: the comment is public (audited).

    Raises DomainError when the link is not right or older than
    ``CONFIRMATION_DAYS`` days. A second confirmation changes nothing.
    """
    from django.core import signing

    try:
        data = signing.loads(
            token,
            salt=CONFIRMATION_SALT,
            max_age=timedelta(days=CONFIRMATION_DAYS),
        )
    except signing.SignatureExpired as error:
        raise DomainError(
            _("The link has expired: it is valid for %(days)s days.")
            % {"days": CONFIRMATION_DAYS},
            code="expired",
        ) from error
    except signing.BadSignature as error:
        raise DomainError(_("The link is not right."), code="invalid") from error
    with transaction.atomic():
        comment = (
            SmallGrantComment.objects.select_for_update()
            .filter(pk=data.get("c"), email=data.get("e"))
            .first()
        )
        if comment is None:
            raise DomainError(_("The link is not right."), code="invalid")
        if comment.email_confirmed_at is None:
            comment.email_confirmed_at = timezone.now()
            comment.save(update_fields=["email_confirmed_at", "updated_at"])
            record(comment, actor=None, to="email_confirmed", note=comment.email)
    return comment


def _within_limits(*, author_name: str, text: str) -> None:
    """The comment's size limits, as its form has them, for callers without a form."""
    limit = SmallGrantComment._meta.get_field("author_name").max_length or 0
    if len(author_name.strip()) > limit:
        raise DomainError(
            _("The name is longer than %(limit)s characters.") % {"limit": limit},
            field="author_name",
        )
    try:
        clean_text(text, kind="comment")
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), field="text") from error


def small_grant_comment_hide(
    *, comment: SmallGrantComment, actor: Any, reason: str
) -> SmallGrantComment:
    """Moderation: the comment leaves the public page and stays in the record."""
    require_clerk(actor)
    if not reason.strip():
        raise DomainError(
            _("Give the reason for hiding the comment."), field="hidden_reason"
        )
    with transaction.atomic():
        comment.hidden_at = timezone.now()
        comment.hidden_reason = reason
        comment.save(update_fields=["hidden_at", "hidden_reason", "updated_at"])
        record(comment, actor=actor, to="hidden", note=reason)
    return comment


def small_grant_comment_unhide(
    *, comment: SmallGrantComment, actor: Any
) -> SmallGrantComment:
    """Moderation undone: the comment is public again (audited)."""
    require_clerk(actor)
    with transaction.atomic():
        comment.hidden_at = None
        comment.hidden_reason = ""
        comment.save(update_fields=["hidden_at", "hidden_reason", "updated_at"])
        record(comment, actor=actor, to="shown")
    return comment


def small_grant_comment_consider(
    *, comment: SmallGrantComment, actor: Any, consideration: str
) -> SmallGrantComment:
    """The office records how the comment was considered (art. 19a)."""
    require_clerk(actor)
    if not consideration.strip():
        raise DomainError(
            _("Say how the comment was considered."), field="consideration"
        )
    with transaction.atomic():
        comment.consideration = consideration
        comment.considered_at = timezone.now()
        comment.save(update_fields=["consideration", "considered_at", "updated_at"])
        record(comment, actor=actor, to="considered", note=consideration)
    return comment


def small_grant_close_comments_due() -> int:
    """Close every comment period that has ended (the sweep); returns how many."""
    closed = 0
    due = SmallGrantOffer.objects.filter(
        status=S.PUBLISHED, comments_until__lte=timezone.localdate()
    )
    for offer in due:
        try:
            small_grant_close_comments(smallgrantoffer=offer, actor=None)
        except DomainError:  # closed meanwhile by a clerk
            continue
        closed += 1
    return closed


def is_clerk_or_member(user: Any, offer: SmallGrantOffer) -> bool:
    return has_clerk_powers(user) or can_act_for(
        user, offer.organisation_id, Capability.VIEW
    )


def small_grant_record_publication(
    *,
    offer: SmallGrantOffer,
    actor: Any,
    bip_published_on: date | None,
    bip_url: str,
    board_published_on: date | None,
) -> SmallGrantOffer:
    """The clerk records where else the offer was published (art. 19a ust. 3: the
    BIP and the office's notice board, beside the portal); audited."""
    require_clerk(actor)
    for day in (bip_published_on, board_published_on):
        if day is not None and offer.published_on is None:
            raise DomainError(
                _("The offer is published on the portal first."), code="state"
            )
    with transaction.atomic():
        offer.bip_published_on = bip_published_on
        offer.bip_url = bip_url
        offer.board_published_on = board_published_on
        offer.save(
            update_fields=[
                "bip_published_on",
                "bip_url",
                "board_published_on",
                "updated_at",
            ]
        )
        record(
            offer,
            actor=actor,
            to="publication_recorded",
            note=", ".join(
                str(v) for v in (bip_published_on, bip_url, board_published_on) if v
            ),
        )
    return offer
