"""Every change of the registry's state: organisations, memberships, partner searches.

Services take keyword-only arguments, run in a transaction, check who acts, and raise
:class:`~cooperation.core.exceptions.DomainError` with a translated message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.core.exceptions import DomainError, PermissionDeniedError
from cooperation.core.notifications import notify
from cooperation.core.permissions import has_clerk_powers
from cooperation.core.typography import quoted
from cooperation.core.workflow import (
    Input,
    Transition,
    Workflow,
    Workflows,
    record,
    transition,
)

from .models import (
    RESERVED_SLUGS,
    Area,
    Membership,
    Organisation,
    PartnerAnswer,
    PartnerSearch,
    PublicBenefitSphere,
    Representation,
    Representative,
    name_key_of,
)
from .permissions import (
    DECIDES_MEMBERSHIP,
    ENDS_MEMBERSHIP,
    Capability,
    can_act_for,
    can_decide_membership,
)

Status = Membership.Status

_SERVICES = "ngos.services."

TRANSITIONS = Workflows(
    Workflow(
        Membership,
        Transition(
            "approve",
            Status.PENDING,
            Status.APPROVED,
            gettext_lazy("Approve"),
            who=(DECIDES_MEMBERSHIP,),
            inputs=(
                Input(
                    "reason",
                    gettext_lazy("Reason"),
                    help_text=gettext_lazy("The person receives it by e-mail."),
                ),
            ),
            service=_SERVICES + "membership_approve",
        ),
        Transition(
            "refuse",
            Status.PENDING,
            Status.REFUSED,
            gettext_lazy("Refuse"),
            who=(DECIDES_MEMBERSHIP,),
            inputs=(
                Input(
                    "reason",
                    gettext_lazy("Reason"),
                    required=True,
                    help_text=gettext_lazy("The person receives it by e-mail."),
                ),
            ),
            service=_SERVICES + "membership_refuse",
        ),
        Transition(
            "end",
            Status.APPROVED,
            Status.ENDED,
            gettext_lazy("End the membership"),
            who=(ENDS_MEMBERSHIP,),
            inputs=(Input("reason", gettext_lazy("Reason")),),
            service=_SERVICES + "membership_end",
        ),
    )
)

# Fields of the profile a person may set; identifiers are checked by their fields.
PROFILE_FIELDS = (
    "name",
    "short_name",
    "legal_form",
    "krs",
    "other_register",
    "nip",
    "regon",
    "is_opp",
    "street",
    "postal_code",
    "city",
    "correspondence_address",
    "email",
    "phone",
    "website",
    "description",
    "logo",
    "founded_on",
    "is_public",
)


# --- organisations -------------------------------------------------------------------


def unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    """A free slug for ``name`` (never one of the directory's own pages)."""
    base = slugify(name.replace("ł", "l").replace("Ł", "L"))[:100] or "organizacja"
    candidate, n = base, 1
    taken = Organisation.objects.all()
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    while candidate in RESERVED_SLUGS or taken.filter(slug=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def check_duplicates(
    *, krs: str, nip: str, name: str = "", exclude_pk: int | None = None
) -> None:
    """Refuse a second copy of an organisation already in the registry.

    The same KRS number, NIP or name (compared by ``name_key_of``: case, spacing
    and quotation marks aside) is a duplicate. Raises :class:`DomainError` on the
    ``krs``, ``nip`` or ``name`` field, naming the existing profile so that the
    person can ask to join it instead.
    """
    others = Organisation.objects.all()
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    key = name_key_of(name)
    if key:
        existing = others.filter(name_key=key).only("pk", "name", "slug").first()
        if existing is not None:
            raise DomainError(
                _(
                    "An organisation named %(name)s is already registered. If it "
                    "is yours, open its profile (%(url)s) and ask to join it; if it "
                    "is another one, give the full name as in its register."
                )
                % {"name": quoted(existing.name), "url": existing.get_absolute_url()},
                field="name",
                code="duplicate",
            )
    for field, value, label in (("krs", krs, _("KRS number")), ("nip", nip, _("NIP"))):
        if not value:
            continue
        existing = others.filter(**{field: value}).only("pk", "name", "slug").first()
        if existing is not None:
            raise DomainError(
                capfirst(
                    _(
                        "%(label)s %(value)s is already registered for %(name)s. "
                        "Open its profile (%(url)s) and ask to join it instead."
                    )
                    % {
                        "label": label,
                        "value": value,
                        "name": quoted(existing.name),
                        "url": existing.get_absolute_url(),
                    }
                ),
                field=field,
                code="duplicate",
            )


def build_search_text(organisation: Organisation) -> str:
    """Searchable text besides the names: description, spheres (both languages), areas, town.

    The legal form is left out: it has its own filter, and its label depends on the
    language active when the text is built.
    """
    parts = [organisation.description, organisation.city]
    if organisation.pk:
        for sphere in organisation.spheres.all():
            parts += [sphere.name_pl, sphere.name_en]
        parts += [a.name for a in organisation.areas.all()]
    return "\n".join(str(p) for p in parts if p)


def organisation_refresh_search(*, organisation: Organisation) -> None:
    """Recompute the search text (the PostgreSQL trigger then re-indexes the row)."""
    text = build_search_text(organisation)
    Organisation.objects.filter(pk=organisation.pk).update(search_text=text)
    organisation.search_text = text


def _apply(organisation: Organisation, data: Mapping[str, Any]) -> None:
    for name in PROFILE_FIELDS:
        if name in data:
            setattr(organisation, name, data[name] if data[name] is not None else "")
    if "founded_on" in data:
        organisation.founded_on = data["founded_on"]


@transaction.atomic
def organisation_register(
    *,
    creator: Any,
    data: Mapping[str, Any],
    spheres: Iterable[PublicBenefitSphere] = (),
    areas: Iterable[Area] = (),
) -> Organisation:
    """Register a new organisation, unverified, with its creator as pending representative.

    The representative is approved when a clerk verifies the organisation. Raises
    :class:`DomainError` when the KRS number or NIP is already registered.
    """
    if creator is None or not creator.is_authenticated:
        raise PermissionDeniedError(_("Log in to register an organisation."))
    check_duplicates(
        krs=data.get("krs", ""), nip=data.get("nip", ""), name=data.get("name", "")
    )
    organisation = Organisation(slug=unique_slug(data["name"]))
    _apply(organisation, data)
    organisation._history_user = creator  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError:
        # Someone registered the same organisation between the check and the insert.
        check_duplicates(
            krs=data.get("krs", ""), nip=data.get("nip", ""), name=data.get("name", "")
        )
        raise
    organisation.spheres.set(spheres)
    organisation.areas.set(areas)
    organisation_refresh_search(organisation=organisation)
    record(organisation, actor=creator, to="registered")
    membership = Membership.objects.create(
        user=creator,
        organisation=organisation,
        role=Membership.Role.REPRESENTATIVE,
        status=Status.PENDING,
        founding=True,
    )
    record(
        membership,
        actor=creator,
        to=Status.PENDING,
        note=_("Registered the organisation."),
    )
    return organisation


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    actor: Any,
    data: Mapping[str, Any],
    spheres: Iterable[PublicBenefitSphere] | None = None,
    areas: Iterable[Area] | None = None,
) -> Organisation:
    """Change the profile; members with the EDIT capability only.

    Field history is kept by django-simple-history. Raises :class:`DomainError` for a
    KRS number or NIP of another organisation.
    """
    if not (
        can_act_for(actor, organisation, Capability.EDIT) or has_clerk_powers(actor)
    ):
        raise PermissionDeniedError(_("You may not edit this organisation."))
    check_duplicates(
        krs=data.get("krs", organisation.krs),
        nip=data.get("nip", organisation.nip),
        name=data.get("name", organisation.name),
        exclude_pk=organisation.pk,
    )
    _apply(organisation, data)
    organisation._history_user = actor  # type: ignore[attr-defined]
    organisation.save()
    if spheres is not None:
        organisation.spheres.set(spheres)
    if areas is not None:
        organisation.areas.set(areas)
    organisation_refresh_search(organisation=organisation)
    return organisation


@transaction.atomic
def organisation_verify(*, organisation: Organisation, actor: Any) -> Organisation:
    """Mark the organisation verified (clerks only) and approve its founding representatives.

    Verifying twice changes nothing. Notifies the approved representatives.
    """
    if not has_clerk_powers(actor):
        raise PermissionDeniedError(_("Only clerks verify organisations."))
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if locked.verified_at is not None:
        return locked
    locked.verified_at = timezone.now()
    locked.verified_by = actor
    locked._history_user = actor  # type: ignore[attr-defined]
    locked.save(update_fields=["verified_at", "verified_by", "updated_at"])
    record(locked, actor=actor, to="verified")
    for membership in locked.memberships.filter(status=Status.PENDING, founding=True):
        membership_approve(membership=membership, actor=actor)
    organisation.verified_at, organisation.verified_by = locked.verified_at, actor
    return locked


# --- memberships ---------------------------------------------------------------------


@transaction.atomic
def representation_from_krs(
    *, organisation: Organisation, representation: Any, actor: Any
) -> Representation:
    """Record the representation read from the KRS extract (dział 2).

    The organ, the manner word for word and the members replace what was there;
    the number of signatures is the one the manner states plainly, else the one
    recorded before (or 1), with a note for the clerk. ``representation`` is a
    :class:`ngos.krs.KrsRepresentation` or its ``asdict``. Only the organisation's
    representatives (pending ones too, while it is being registered) and clerks
    may do this.
    """
    if not (
        has_clerk_powers(actor)
        or Membership.objects.filter(
            organisation=organisation,
            user_id=getattr(actor, "pk", None) or 0,
            role=Membership.Role.REPRESENTATIVE,
            status__in=[Status.PENDING, Status.APPROVED],
        ).exists()
    ):
        raise PermissionDeniedError(
            _(
                "Only the organisation's representatives or a clerk may record its representation."
            )
        )
    data = (
        representation if isinstance(representation, Mapping) else vars(representation)
    )
    members = [
        m if isinstance(m, Mapping) else vars(m) for m in data.get("members") or ()
    ]
    with transaction.atomic():
        current = (
            Representation.objects.select_for_update()
            .filter(organisation=organisation)
            .first()
        )
        required = data.get("signatures_required") or (
            current.signatures_required if current else 1
        )
        record_, _created = Representation.objects.update_or_create(
            organisation=organisation,
            defaults={
                "organ": data["organ"][:200],
                "manner": data["manner"],
                "signatures_required": required,
                "source": Representation.Source.KRS,
                "read_at": timezone.now(),
                "note": data.get("note") or "",
            },
        )
        record_.members.all().delete()
        Representative.objects.bulk_create(
            Representative(
                representation=record_,
                name=m["name"][:200],
                function=m.get("function", "")[:200],
                position=i + 1,
            )
            for i, m in enumerate(members)
        )
        record(
            organisation,
            actor=actor,
            to="representation",
            note=_(
                "Representation read from the KRS register: %(organ)s, %(count)s member(s)."
            )
            % {"organ": record_.organ, "count": len(members)},
        )
    return record_


def membership_request(
    *, user: Any, organisation: Organisation, role: str
) -> Membership:
    """Ask to join an organisation as a representative or an editor.

    Raises :class:`DomainError` when the person already belongs or already asked.
    Editors' requests are announced to the organisation's representatives.
    """
    if user is None or not user.is_authenticated:
        raise PermissionDeniedError(_("Log in to ask to join an organisation."))
    if role not in Membership.Role.values:
        raise DomainError(_("Choose a role."), field="role")
    existing = Membership.objects.filter(
        user=user,
        organisation=organisation,
        status__in=[Status.PENDING, Status.APPROVED],
    ).first()
    if existing is not None:
        if existing.status == Status.APPROVED:
            message = _("You already belong to %(name)s.")
        else:
            message = _("Your request to join %(name)s is waiting for a decision.")
        raise DomainError(
            message % {"name": quoted(organisation.name)}, code="duplicate"
        )
    membership = Membership.objects.create(
        user=user, organisation=organisation, role=role, status=Status.PENDING
    )
    record(membership, actor=user, to=Status.PENDING)
    if role == Membership.Role.EDITOR:
        for representative in _representatives(organisation):
            notify(
                representative,
                "ngos.membership_request",
                occasion=f"membership-request:{membership.pk}",
                obj=membership,
                context={
                    "organisation": organisation.name,
                    "person": str(user),
                    "role": membership.get_role_display(),
                },
            )
    return membership


def _representatives(organisation: Organisation) -> list[Any]:
    return [
        m.user
        for m in organisation.memberships.filter(
            role=Membership.Role.REPRESENTATIVE, status=Status.APPROVED
        ).select_related("user")
    ]


def _decide(membership: Membership, *, actor: Any, to: str, reason: str) -> Membership:
    if not can_decide_membership(actor, membership):
        raise PermissionDeniedError(_("You may not decide on this membership."))
    transition(
        membership,
        transitions=TRANSITIONS,
        to=to,
        actor=actor,
        note=reason,
        changes={"decided_by": actor, "decided_at": timezone.now(), "reason": reason},
    )
    notify(
        membership.user,
        "ngos.membership_decision",
        occasion=f"membership-decision:{membership.pk}:{to}",
        obj=membership,
        context={
            "organisation": membership.organisation.name,
            "role": membership.get_role_display(),
            "approved": to == Status.APPROVED,
            "reason": reason,
        },
    )
    return membership


@transaction.atomic
def membership_approve(
    *, membership: Membership, actor: Any, reason: str = ""
) -> Membership:
    """Approve a pending membership: clerks any, representatives their editors.

    E-mails the person. Raises :class:`DomainError` for anyone else or a decided request.
    """
    return _decide(membership, actor=actor, to=Status.APPROVED, reason=reason)


@transaction.atomic
def membership_refuse(*, membership: Membership, actor: Any, reason: str) -> Membership:
    """Refuse a pending membership with a reason, which is e-mailed to the person."""
    if not (reason or "").strip():
        raise DomainError(_("Reason: say why the request is refused."), field="reason")
    return _decide(membership, actor=actor, to=Status.REFUSED, reason=reason.strip())


@transaction.atomic
def membership_end(
    *, membership: Membership, actor: Any, reason: str = ""
) -> Membership:
    """End an approved membership: the person themselves, a representative or a clerk."""
    own = getattr(actor, "pk", None) == membership.user_id
    if not (own or can_decide_membership(actor, membership, ending=True)):
        raise PermissionDeniedError(_("You may not end this membership."))
    return transition(
        membership,
        transitions=TRANSITIONS,
        to=Status.ENDED,
        actor=actor,
        note=reason,
        changes={"decided_by": actor, "decided_at": timezone.now()},
    )


# --- partner search ------------------------------------------------------------------


@transaction.atomic
def partner_search_create(
    *,
    organisation: Organisation,
    author: Any,
    title: str,
    description: str,
    sphere: PublicBenefitSphere,
    ends_on: dt.date,
) -> PartnerSearch:
    """Post "looking for a partner for …" on behalf of a verified organisation."""
    if not can_act_for(author, organisation, Capability.EDIT):
        raise PermissionDeniedError(
            _("You may not post on behalf of this organisation.")
        )
    if not organisation.is_verified:
        raise DomainError(
            _("Organisation: only verified organisations may look for partners."),
            field="organisation",
        )
    if ends_on < timezone.localdate():
        raise DomainError(
            _("Open until: choose a date that has not passed."), field="ends_on"
        )
    search = PartnerSearch.objects.create(
        organisation=organisation,
        author=author,
        title=title,
        description=description,
        sphere=sphere,
        ends_on=ends_on,
    )
    record(search, actor=author, to="published")
    return search


@transaction.atomic
def partner_answer_create(
    *, search: PartnerSearch, organisation: Organisation, author: Any, message: str
) -> PartnerAnswer:
    """Answer a partner search on behalf of an organisation; notifies the poster."""
    if not can_act_for(author, organisation, Capability.EDIT):
        raise PermissionDeniedError(
            _("You may not answer on behalf of this organisation.")
        )
    if organisation.pk == search.organisation_id:
        raise DomainError(
            _(
                "Organisation: answer on behalf of another organisation than the one that posted."
            ),
            field="organisation",
        )
    if not search.is_open:
        raise DomainError(_("This partner search has ended."))
    if not (message or "").strip():
        raise DomainError(
            _("Message: write a few words to the organisation."), field="message"
        )
    answer = PartnerAnswer.objects.create(
        search=search, organisation=organisation, author=author, message=message.strip()
    )
    recipients = (
        [search.author] if search.author_id else _representatives(search.organisation)
    )
    for recipient in recipients:
        notify(
            recipient,
            "ngos.partner_answer",
            occasion=f"partner-answer:{answer.pk}",
            obj=search,
            context={
                "title": search.title,
                "organisation": organisation.name,
                "author": str(author),
                "author_email": author.email,
                "message": answer.message,
            },
        )
    return answer
