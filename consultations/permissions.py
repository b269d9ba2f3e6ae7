"""Who may see, comment on and manage consultations and surveys."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from cooperation.core.permissions import has_clerk_powers
from ngos.models import Organisation
from ngos.permissions import Capability, can_act_for, organisations_for

from .models import Comment, Consultation, ConsultationDocument, DraftVersion, Survey


def can_view(user: Any, consultation: Consultation) -> bool:
    """Drafts are the office's own; everything announced is public."""
    return consultation.is_public or has_clerk_powers(user)


def documents_visible_to(user: Any) -> QuerySet[ConsultationDocument]:
    """The documents of the consultations this person may see."""
    documents = ConsultationDocument.objects.all()
    if has_clerk_powers(user):
        return documents
    return documents.filter(consultation__in=Consultation.objects.public())


def draft_files_visible_to(user: Any) -> QuerySet[DraftVersion]:
    """The files a draft's text was read from stay in the office (their text is public)."""
    versions = DraftVersion.objects.all()
    return versions if has_clerk_powers(user) else versions.none()


def invited_organisations(
    user: Any, consultation: Consultation
) -> QuerySet[Organisation]:
    """Organisations ``user`` may comment for (submitting is signing for them)."""
    qs = organisations_for(user, Capability.SIGN)
    if consultation.invite_all_ngos:
        return qs
    sphere_ids = [s.pk for s in consultation.invited_spheres.all()]
    if not sphere_ids:
        return qs.none()
    return qs.filter(spheres__in=sphere_ids).distinct()


def may_comment_as_person(user: Any, consultation: Consultation) -> bool:
    return bool(
        user is not None and user.is_authenticated and consultation.invite_residents
    )


def can_comment(user: Any, consultation: Consultation) -> bool:
    """Logged in, the consultation open online, and invited as a person or for an organisation."""
    if user is None or not user.is_authenticated:
        return False
    if not consultation.channel_online or not consultation.is_open:
        return False
    return (
        may_comment_as_person(user, consultation)
        or invited_organisations(user, consultation).exists()
    )


def can_edit_comment(user: Any, comment: Comment) -> bool:
    """Only the author edits, only online comments, only until the end, never hidden ones."""
    if user is None or not user.is_authenticated or comment.author_id != user.pk:
        return False
    if comment.channel != Comment.Channel.ONLINE or comment.is_hidden:
        return False
    if not comment.consultation.is_open:
        return False
    if comment.organisation_id:
        return can_act_for(user, comment.organisation_id, Capability.SIGN)
    return True


def can_manage(user: Any) -> bool:
    """Clerks enter paper comments, moderate, decide, export and publish."""
    return has_clerk_powers(user)


def can_answer_survey(user: Any, survey: Survey) -> bool:
    """Anyone invited: a consultation's survey follows its invitation, others any person."""
    if user is None or not user.is_authenticated or not survey.is_open:
        return False
    consultation = survey.consultation
    if consultation is None:
        return True
    return (
        may_comment_as_person(user, consultation)
        or invited_organisations(user, consultation).exists()
        or has_clerk_powers(user)
    )


def can_view_survey_results(user: Any, survey: Survey) -> bool:
    return has_clerk_powers(user) or (survey.is_published and survey.results_public)
