"""Demo data of the quality index: two published years with a few organisations' answers.

Everything goes through the services (the assessment's transitions are audited, the
answers obey the one-per-organisation rule).
"""

from __future__ import annotations

from django.utils import timezone

from cooperation.core.demo import demo_user
from cooperation.evaluation.models import (
    Assessment,
    IndexVersion,
    Indicator,
    Respondents,
)
from ngos import services as ngo_services
from ngos.models import Membership, Organisation

from . import services
from .services import Score

# Scores by year: the office's, then each organisation's, in the order of the
# indicators; ``None`` where the respondent does not answer the question.
SCORES = {
    2: {
        "municipality": [3, 2, 2, 3, 2, 4, 4, 3, 3, 2, 3, 3, 2],
        "organisations": [
            [2, 2, 2, 1, 2, 3, 4, 2, 2, 3, 2, 2, 3],
            [3, 2, 1, 2, 1, 2, 4, 3, 3, 2, 3, 3, 2],
        ],
    },
    1: {
        "municipality": [4, 3, 3, 4, 3, 5, 4, 4, 4, 3, 3, 4, 3],
        "organisations": [
            [3, 3, 3, 2, 3, 4, 5, 3, 4, 3, 3, 3, 4],
            [4, 3, 2, 3, 3, 3, 4, 4, 3, 3, 4, 3, 3],
            [3, 4, 3, 3, 2, 4, 5, 3, 4, 4, 4, 4, 4],
        ],
    },
}
CONCLUSIONS = (
    "Grupa robocza uznała za najsłabszy obszar udział organizacji w ocenie realizacji "
    "programu. Zalecenie: zaprosić przedstawicieli organizacji do zespołu oceniającego "
    "program i przedstawić wnioski z oceny przed konsultacją kolejnego programu."
)


def _respondents(clerk, editor) -> list[tuple]:
    """The demo's organisations answering, with a representative for each (three)."""
    president = demo_user("prezes@demo.radlin.example")
    first = Organisation.objects.filter(
        memberships__user=president,
        memberships__role=Membership.Role.REPRESENTATIVE,
        verified_at__isnull=False,
    ).first()
    if first is None:
        return []
    found = [(president, first)]
    for organisation in (
        Organisation.objects.filter(verified_at__isnull=False)
        .exclude(pk=first.pk)
        .order_by("pk")[:2]
    ):
        membership = Membership.objects.filter(
            user=editor, organisation=organisation
        ).first()
        if membership is None:
            membership = ngo_services.membership_request(
                user=editor,
                organisation=organisation,
                role=Membership.Role.REPRESENTATIVE,
            )
            ngo_services.membership_approve(membership=membership, actor=clerk)
        found.append((editor, organisation))
    return found


def seed_demo(stdout) -> None:
    """The assessments of the two years before this one, both published."""
    version = IndexVersion.objects.filter(code="model-2012-obszary").first()
    if version is None or Assessment.objects.exists():
        return
    clerk = demo_user("urzednik@demo.radlin.example")
    editor = demo_user("redaktor@demo.radlin.example")
    respondents = _respondents(clerk, editor)
    if not respondents:
        return
    indicators = list(
        Indicator.objects.filter(area__version=version).order_by(
            "area__position", "position"
        )
    )
    this_year = timezone.localdate().year
    for back, scores in SCORES.items():
        year = this_year - back
        assessment = services.assessment_create(
            actor=clerk,
            year=year,
            version=version,
            invitation="Prosimy o ocenę współpracy gminy z organizacjami w minionym roku.",
        )
        services.assessment_open(assessment=assessment, actor=clerk)
        services.answers_submit_for_municipality(
            actor=clerk,
            assessment=assessment,
            scores={
                i.pk: Score(s)
                for i, s in zip(indicators, scores["municipality"], strict=True)
                if i.respondents != Respondents.ORGANISATIONS
            },
        )
        for (person, organisation), given in zip(
            respondents, scores["organisations"], strict=False
        ):
            services.answers_submit_for_organisation(
                actor=person,
                assessment=assessment,
                organisation=organisation,
                scores={
                    i.pk: Score(s)
                    for i, s in zip(indicators, given, strict=True)
                    if i.respondents != Respondents.MUNICIPALITY
                },
            )
        services.assessment_close(assessment=assessment, actor=clerk)
        services.assessment_publish(
            assessment=assessment, actor=clerk, summary=CONCLUSIONS if back == 1 else ""
        )
    stdout.write(
        f"  quality index {this_year - 2} and {this_year - 1} (published, "
        f"{len(respondents)} organisations)"
    )
