"""What consultations holds about a person: the JSON download and the erasure on account deletion."""

from __future__ import annotations


def export_comments(user) -> dict:
    from .models import Comment, SurveyResponse

    comments = Comment.objects.filter(author=user).select_related(
        "consultation", "organisation", "unit"
    )
    return {
        "consultation_comments": [
            {
                "consultation": c.consultation.title,
                "organisation": c.organisation.name if c.organisation_id else None,
                "provision": c.unit_label,
                "wording_concerned": c.current_wording,
                "proposed_wording": c.proposed_wording,
                "justification": c.justification,
                "name_published": c.name_consent,
                "submitted": c.created_at.isoformat(),
                "decision": c.decision,
            }
            for c in comments
        ],
        "survey_responses": [
            {"survey": r.survey.title, "answered": r.created_at.isoformat()}
            for r in SurveyResponse.objects.filter(respondent=user).select_related(
                "survey"
            )
        ],
    }


def erase_comments(user) -> None:
    """Comments stay in the public record of the consultation, without the person."""
    from .models import SurveyResponse
    from .services import comments_anonymise

    comments_anonymise(user=user)
    SurveyResponse.objects.filter(respondent=user).update(respondent=None)
