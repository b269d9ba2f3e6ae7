"""Every state change of consultations, comments and surveys."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.core.exceptions import DomainError, PermissionDeniedError
from cooperation.core.notifications import Message, notify_many
from cooperation.core.permissions import require_clerk
from cooperation.core.workflow import (
    Input,
    Transition,
    Workflow,
    Workflows,
    record,
    transition,
)
from ngos.models import Organisation

from . import permissions, reports
from .models import (
    Answer,
    Comment,
    Consultation,
    DraftVersion,
    Meeting,
    Question,
    Survey,
    SurveyResponse,
    Unit,
)
from .parsing import parse, word_differences

Status = Consultation.Status

_SERVICES = "consultations.services."

TRANSITIONS = Workflows(
    Workflow(
        Consultation,
        Transition(
            "publish",
            Status.DRAFT,
            Status.PUBLISHED,
            gettext_lazy("Publish the consultation"),
            service=_SERVICES + "consultation_publish",
        ),
        Transition(
            "cancel",
            (Status.DRAFT, Status.PUBLISHED),
            Status.CANCELLED,
            gettext_lazy("Cancel the consultation"),
            inputs=(
                Input(
                    "reason",
                    gettext_lazy("Reason for cancelling"),
                    required=True,
                    source="cancel_reason",
                ),
            ),
            service=_SERVICES + "consultation_cancel",
        ),
        Transition(
            "publish_report",
            Status.PUBLISHED,
            Status.REPORT_PUBLISHED,
            gettext_lazy("Publish the report"),
            service=_SERVICES + "consultation_publish_report",
        ),
    )
)


def check_dates(*, start_at: datetime, end_at: datetime) -> None:
    """The local consultation resolution sets the minimum length."""
    min_days = settings.PORTAL_RULES["CONSULTATION_MIN_DAYS"]
    if end_at <= start_at:
        raise DomainError(_("The end must be after the start."), field="end_at")
    if end_at - start_at < timedelta(days=min_days):
        raise DomainError(
            _("A consultation must last at least %(days)s days.") % {"days": min_days},
            field="end_at",
        )


# --- Draft text -------------------------------------------------------------


def version_create(
    *,
    consultation: Consultation,
    text: str,
    actor: Any,
    note: str = "",
    source_file: Any = None,
    reference: str | None = None,
    reading_notes: str = "",
) -> DraftVersion:
    """Store a new version of the draft and split it into units.

    ``reference`` is the text the split is checked against, word by word (a
    .docx's own words; the text itself when it was pasted). The lines set aside
    and any difference are stored with the version, for the clerk to see before
    publishing. Raises DomainError when the text is empty. Earlier versions and
    the comments on their units are kept.
    """
    require_clerk(actor)
    if not text.strip():
        raise DomainError(_("The draft text is empty."), field="source_text")
    with transaction.atomic():
        Consultation.objects.select_for_update().get(pk=consultation.pk)
        last = consultation.versions.aggregate(n=Max("number"))["n"] or 0
        version = DraftVersion.objects.create(
            consultation=consultation,
            number=last + 1,
            source_text=text,
            note=note,
            reading_notes=reading_notes,
            created_by=actor if getattr(actor, "pk", None) else None,
            **({"source_file": source_file} if source_file else {}),
        )
        units_replace(version=version, text=text, reference=reference)
        record(
            consultation,
            actor=actor,
            to="version",
            note=_("Version %(number)s of the draft entered.")
            % {"number": version.number},
        )
    return version


def units_replace(
    *, version: DraftVersion, text: str, reference: str | None = None
) -> list[Unit]:
    """Split ``text`` again into the units of ``version`` (comments keep nothing stale)."""
    result = parse(text)
    parsed = result.units
    version.unassigned_text = result.unassigned_text
    version.text_difference = "\n".join(
        word_differences(text if reference is None else reference, result)
    )
    with transaction.atomic():
        version.save(update_fields=["unassigned_text", "text_difference"])
        version.units.all().delete()
        return Unit.objects.bulk_create(
            Unit(
                version=version,
                position=(i + 1) * 10,
                kind=p.kind,
                number=p.number,
                label=p.label,
                depth=p.depth,
                text=p.text,
            )
            for i, p in enumerate(parsed)
        )


def version_check(*, version: DraftVersion, actor: Any) -> DraftVersion:
    """Compare the units of ``version``, as corrected, with its text again.

    The joined units (their numbers and texts) and the lines set aside must hold
    every word of the text entered; what differs is stored for the clerk and
    keeps the consultation from being published.
    """
    require_clerk(actor)
    joined = "\n".join(
        f"{unit.display_number} {unit.text}".strip() for unit in version.units.all()
    )
    differences = word_differences(
        version.source_text, f"{joined}\n{version.unassigned_text}"
    )
    version.text_difference = "\n".join(differences)
    version.save(update_fields=["text_difference"])
    return version


# --- Workflow ---------------------------------------------------------------


def consultation_publish(*, consultation: Consultation, actor: Any) -> Consultation:
    """Announce the consultation; it opens at ``start_at``.

    Refuses a consultation without a draft text or shorter than the minimum length.
    Invited organisations with an e-mail contact person are told through the outbox.
    """
    require_clerk(actor)
    check_dates(start_at=consultation.start_at, end_at=consultation.end_at)
    if not consultation.versions.exists() and not consultation.documents.exists():
        raise DomainError(
            _("Enter the draft text or attach the draft before publishing.")
        )
    latest = consultation.versions.order_by("-number").first()
    if latest is not None and latest.text_difference:
        raise DomainError(
            _(
                "The units of version %(number)s do not hold the whole text entered: "
                "%(difference)s. Enter the text again or correct the units before "
                "publishing."
            )
            % {"number": latest.number, "difference": latest.text_difference}
        )
    with transaction.atomic():
        transition(
            consultation,
            transitions=TRANSITIONS,
            to=Status.PUBLISHED,
            actor=actor,
            changes={"published_at": timezone.now()},
        )
        notify_many(
            Message.about(
                consultation,
                recipient_id=user_id,
                kind="consultations.announced",
                occasion=f"consultation-announced:{consultation.pk}",
            )
            for user_id in invited_user_ids(consultation)
        )
    return consultation


def consultation_cancel(
    *, consultation: Consultation, actor: Any, reason: str
) -> Consultation:
    require_clerk(actor)
    if not reason.strip():
        raise DomainError(_("Give the reason for cancelling."), field="cancel_reason")
    return transition(
        consultation,
        transitions=TRANSITIONS,
        to=Status.CANCELLED,
        actor=actor,
        note=reason,
        changes={"cancel_reason": reason},
    )


def consultation_publish_report(
    *, consultation: Consultation, actor: Any, summary: str | None = None
) -> Consultation:
    """Publish the report; everyone who commented online is notified.

    Refused before the end date and while any visible comment lacks a decision.
    The report's PDF is rendered after the commit, so its first reader gets the file.
    """
    require_clerk(actor)
    now = timezone.now()
    if consultation.status == Status.PUBLISHED and now < consultation.end_at:
        raise DomainError(
            _("The report can be published only after the consultation ends.")
        )
    undecided = consultation.comments.undecided().count()
    if undecided:
        raise DomainError(
            _("%(count)s comment(s) still have no decision.") % {"count": undecided},
            code="undecided",
        )
    changes: dict[str, Any] = {"report_published_at": now}
    if summary is not None:
        changes["report_summary"] = summary
    with transaction.atomic():
        transition(
            consultation,
            transitions=TRANSITIONS,
            to=Status.REPORT_PUBLISHED,
            actor=actor,
            changes=changes,
        )
        author_ids = set(
            consultation.comments.filter(author__isnull=False).values_list(
                "author_id", flat=True
            )
        )
        notify_many(
            Message.about(
                consultation,
                recipient_id=user_id,
                kind="consultations.report_published",
                occasion=f"consultation-report:{consultation.pk}",
            )
            for user_id in sorted(author_ids)
        )
        _report_changed(consultation)
    return consultation


def _report_changed(consultation: Consultation) -> None:
    """After the commit, render the published report's PDF again (its inputs changed)."""
    transaction.on_commit(partial(reports.queue_report, consultation.pk))


def invited_user_ids(consultation: Consultation) -> list[int]:
    """Representatives of the invited organisations (for announcements and reminders)."""
    from ngos.models import Membership

    memberships = Membership.objects.filter(
        status=Membership.Status.APPROVED, role=Membership.Role.REPRESENTATIVE
    )
    if not consultation.invite_all_ngos:
        spheres = list(consultation.invited_spheres.values_list("pk", flat=True))
        if not spheres:
            return []
        memberships = memberships.filter(organisation__spheres__in=spheres)
    return sorted(set(memberships.values_list("user_id", flat=True)))


# --- Comments ---------------------------------------------------------------


def _check_unit(consultation: Consultation, unit: Unit | None) -> None:
    if unit is not None and unit.version.consultation_id != consultation.pk:
        raise DomainError(_("This provision is not part of the draft."), field="unit")


def _check_content(justification: str, proposed_wording: str) -> None:
    if not justification.strip():
        raise DomainError(
            _("Give the justification of the comment."), field="justification"
        )


def comment_submit(
    *,
    consultation: Consultation,
    author: Any,
    organisation: Organisation | None,
    unit: Unit | None,
    current_wording: str = "",
    proposed_wording: str = "",
    justification: str,
    name_consent: bool = False,
) -> Comment:
    """A comment on this portal, for an organisation or for the author.

    Raises DomainError when the consultation is not open (checked under a lock, so
    a form sent a second after the end is refused), when the author may not speak
    for the organisation, or the consultation does not invite them.
    """
    with transaction.atomic():
        consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if not consultation.is_open:
            raise DomainError(
                _("The consultation is not open for comments."), code="closed"
            )
        if not consultation.channel_online:
            raise DomainError(
                _("This consultation does not take comments on the portal.")
            )
        if organisation is not None:
            if (
                not permissions.invited_organisations(author, consultation)
                .filter(pk=organisation.pk)
                .exists()
            ):
                raise PermissionDeniedError(
                    _(
                        "You may not comment for this organisation in this consultation."
                    ),
                    field="organisation",
                )
        elif not permissions.may_comment_as_person(author, consultation):
            raise PermissionDeniedError(
                _("This consultation takes comments from organisations only."),
                field="organisation",
            )
        _check_unit(consultation, unit)
        _check_content(justification, proposed_wording)
        return Comment.objects.create(
            consultation=consultation,
            unit=unit,
            author=author,
            organisation=organisation,
            name_consent=name_consent if organisation is None else False,
            channel=Comment.Channel.ONLINE,
            received_on=timezone.localdate(),
            current_wording=current_wording,
            proposed_wording=proposed_wording,
            justification=justification,
        )


def comment_update(
    *,
    comment: Comment,
    actor: Any,
    unit: Unit | None,
    current_wording: str,
    proposed_wording: str,
    justification: str,
    name_consent: bool = False,
) -> Comment:
    """The author edits their comment until the consultation ends."""
    with transaction.atomic():
        comment = (
            Comment.objects.select_for_update()
            .select_related("consultation")
            .get(pk=comment.pk)
        )
        if not comment.consultation.is_open:
            raise DomainError(
                _("The consultation has ended; comments can no longer be changed."),
                code="closed",
            )
        if not permissions.can_edit_comment(actor, comment):
            raise PermissionDeniedError(
                _("You may not edit this comment."), code="permission"
            )
        _check_unit(comment.consultation, unit)
        _check_content(justification, proposed_wording)
        comment.unit = unit
        comment.current_wording = current_wording
        comment.proposed_wording = proposed_wording
        comment.justification = justification
        comment.name_consent = (
            name_consent if comment.organisation_id is None else False
        )
        comment.save(
            update_fields=[
                "unit",
                "current_wording",
                "proposed_wording",
                "justification",
                "name_consent",
                "updated_at",
            ]
        )
        return comment


def comment_enter(
    *,
    consultation: Consultation,
    actor: Any,
    channel: str,
    received_on: date,
    justification: str,
    organisation: Organisation | None = None,
    author_name: str = "",
    name_consent: bool = False,
    unit: Unit | None = None,
    meeting: Meeting | None = None,
    current_wording: str = "",
    proposed_wording: str = "",
) -> Comment:
    """A clerk records a comment that came on paper, by e-mail or at a meeting."""
    require_clerk(actor)
    if channel == Comment.Channel.ONLINE:
        raise DomainError(_("Choose the channel the comment came by."), field="channel")
    if channel == Comment.Channel.MEETING and meeting is None:
        raise DomainError(
            _("Choose the meeting the comment was made at."), field="meeting"
        )
    if consultation.status == Status.DRAFT:
        raise DomainError(_("The consultation has not been announced yet."))
    if received_on > timezone.localdate(consultation.end_at):
        raise DomainError(
            _("The comment was received after the consultation ended."),
            field="received_on",
        )
    if organisation is None and not author_name.strip():
        raise DomainError(
            _("Give the organisation or the name of the author."), field="author_name"
        )
    _check_unit(consultation, unit)
    _check_content(justification, proposed_wording)
    with transaction.atomic():
        comment = Comment.objects.create(
            consultation=consultation,
            unit=unit,
            organisation=organisation,
            author_name=author_name,
            name_consent=name_consent,
            channel=channel,
            received_on=received_on,
            meeting=meeting,
            entered_by=actor,
            current_wording=current_wording,
            proposed_wording=proposed_wording,
            justification=justification,
        )
        record(
            comment, actor=actor, to="entered", note=str(comment.get_channel_display())
        )
    return comment


def comment_hide(*, comment: Comment, actor: Any, reason: str) -> Comment:
    """Moderation: the comment leaves the public pages and stays in the record.

    A published report's PDF is rendered again after the commit, without it.
    """
    require_clerk(actor)
    if not reason.strip():
        raise DomainError(
            _("Give the reason for hiding the comment."), field="hidden_reason"
        )
    with transaction.atomic():
        comment.hidden_at = timezone.now()
        comment.hidden_by = actor
        comment.hidden_reason = reason
        comment.save(
            update_fields=["hidden_at", "hidden_by", "hidden_reason", "updated_at"]
        )
        record(comment, actor=actor, to="hidden", note=reason)
        if comment.consultation.status == Status.REPORT_PUBLISHED:
            _report_changed(comment.consultation)
    return comment


def comment_unhide(*, comment: Comment, actor: Any) -> Comment:
    """The comment is public again (and back in a published report's PDF)."""
    require_clerk(actor)
    with transaction.atomic():
        comment.hidden_at = None
        comment.hidden_by = None
        comment.hidden_reason = ""
        comment.save(
            update_fields=["hidden_at", "hidden_by", "hidden_reason", "updated_at"]
        )
        record(comment, actor=actor, to="shown")
        if comment.consultation.status == Status.REPORT_PUBLISHED:
            _report_changed(comment.consultation)
    return comment


def comment_decide(
    *, comment: Comment, actor: Any, decision: str, justification: str = ""
) -> Comment:
    """The office's position on a comment, after the consultation ends.

    A decision other than "accepted" needs a justification.
    """
    require_clerk(actor)
    if decision not in Comment.Decision.values:
        raise DomainError(_("Choose a decision."), field="decision")
    if decision != Comment.Decision.ACCEPTED and not justification.strip():
        raise DomainError(
            _("Justify a decision that does not accept the comment in full."),
            field="decision_justification",
        )
    consultation = comment.consultation
    if consultation.status == Status.PUBLISHED and timezone.now() < consultation.end_at:
        raise DomainError(_("Decisions are recorded after the consultation ends."))
    if consultation.status == Status.REPORT_PUBLISHED:
        raise DomainError(_("The report is published; decisions can no longer change."))
    with transaction.atomic():
        comment.decision = decision
        comment.decision_justification = justification
        comment.decided_by = actor
        comment.decided_at = timezone.now()
        comment.save(
            update_fields=[
                "decision",
                "decision_justification",
                "decided_by",
                "decided_at",
                "updated_at",
            ]
        )
        record(comment, actor=actor, to=f"decision:{decision}", note=justification)
    return comment


def comments_decide(
    *, comments: Any, actor: Any, decision: str, justification: str = ""
) -> int:
    """One position, with one justification, on several comments at once.

    Each comment goes through :func:`comment_decide` (and its audit record); a
    refusal of any of them leaves all unchanged. Returns the number decided.
    """
    require_clerk(actor)
    count = 0
    with transaction.atomic():
        for comment in comments:
            comment_decide(
                comment=comment,
                actor=actor,
                decision=decision,
                justification=justification,
            )
            count += 1
    return count


def meeting_add(
    *,
    consultation: Consultation,
    actor: Any,
    held_at: datetime,
    place: str,
    minutes: str = "",
    participants: int = 0,
) -> Meeting:
    """Record a consultation meeting; a published report's PDF is rendered again."""
    require_clerk(actor)
    if not place.strip():
        raise DomainError(_("Give the place of the meeting."), field="place")
    with transaction.atomic():
        meeting = Meeting.objects.create(
            consultation=consultation,
            held_at=held_at,
            place=place,
            minutes=minutes,
            participants=participants,
        )
        if consultation.status == Status.REPORT_PUBLISHED:
            _report_changed(consultation)
    return meeting


def comments_anonymise(*, user: Any) -> int:
    """A deleted person's comments stay in the record without their name."""
    return Comment.objects.filter(author=user).update(
        author=None, author_name="", name_consent=False
    )


# --- Surveys ----------------------------------------------------------------


def survey_answer(
    *, survey: Survey, respondent: Any, answers: dict[int, str]
) -> SurveyResponse:
    """Record one person's answers; each person answers a survey once.

    Raises DomainError for a closed survey, a second response, a missing required
    answer or a value outside the question's scale or choices.
    """
    if not permissions.can_answer_survey(respondent, survey):
        raise PermissionDeniedError(
            _("This survey is not open to you."), code="permission"
        )
    questions = list(survey.questions.all())
    cleaned: list[tuple[Question, str]] = []
    for question in questions:
        value = (answers.get(question.pk) or "").strip()
        field = f"q{question.pk}"
        if not value:
            if question.required:
                raise DomainError(_("Answer this question."), field=field)
            continue
        if question.kind == Question.Kind.SCALE and value not in {
            "1",
            "2",
            "3",
            "4",
            "5",
        }:
            raise DomainError(_("Choose a value from 1 to 5."), field=field)
        if question.kind == Question.Kind.CHOICE and value not in question.choice_list:
            raise DomainError(_("Choose one of the options."), field=field)
        cleaned.append((question, value))
    with transaction.atomic():
        if SurveyResponse.objects.filter(survey=survey, respondent=respondent).exists():
            raise DomainError(
                _("You have already answered this survey."), code="duplicate"
            )
        response = SurveyResponse.objects.create(survey=survey, respondent=respondent)
        Answer.objects.bulk_create(
            Answer(response=response, question=q, value=v) for q, v in cleaned
        )
    return response
