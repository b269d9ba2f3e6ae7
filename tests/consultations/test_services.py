from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from consultations import services
from consultations.models import Comment, Consultation
from cooperation.core.exceptions import (
    DomainError,
    PermissionDeniedError,
    TransitionNotAllowed,
)
from cooperation.core.models import Notification
from cooperation.core.workflow import history
from tests.consultations.factories import DRAFT, ConsultationFactory, MeetingFactory
from tests.ngos.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_consultation_from_draft_to_published_report(roles, clerk):
    consultation = ConsultationFactory(responsible=clerk)
    services.version_create(consultation=consultation, text=DRAFT, actor=clerk)
    services.consultation_publish(consultation=consultation, actor=clerk)
    consultation.refresh_from_db()
    assert consultation.is_open
    # The representative of org A was told about the consultation.
    assert Notification.objects.filter(
        recipient=roles.member_a, kind="consultations.announced"
    ).exists()

    units = {u.label: u for u in consultation.versions.get().units.all()}
    online = services.comment_submit(
        consultation=consultation,
        author=roles.member_a,
        organisation=roles.org_a,
        unit=units["§ 1 ust. 1"],
        current_wording="Lokale udostępnia się organizacjom nieodpłatnie.",
        proposed_wording="Lokale udostępnia się organizacjom nieodpłatnie, także w soboty.",
        justification="Organizacje działają w weekendy.",
    )
    personal = services.comment_submit(
        consultation=consultation,
        author=roles.resident,
        organisation=None,
        unit=None,
        justification="Zażółć gęślą jaźń — uwaga ogólna mieszkańca.",
    )
    meeting = MeetingFactory(consultation=consultation)
    paper = services.comment_enter(
        consultation=consultation,
        actor=clerk,
        channel=Comment.Channel.PAPER,
        received_on=timezone.localdate(),
        author_name="Koło Gospodyń Wiejskich",
        justification="Prosimy o dłuższy termin składania wniosków.",
        unit=units["§ 2"],
    )
    spoken = services.comment_enter(
        consultation=consultation,
        actor=clerk,
        channel=Comment.Channel.MEETING,
        meeting=meeting,
        received_on=timezone.localdate(),
        organisation=roles.org_b,
        justification="Obraźliwa wypowiedź.",
    )
    services.comment_hide(comment=spoken, actor=clerk, reason="Treść obraźliwa.")

    # Early publication is refused: the consultation is still open.
    with pytest.raises(DomainError):
        services.consultation_publish_report(consultation=consultation, actor=clerk)

    with time_machine.travel(consultation.end_at + timedelta(minutes=1)):
        # A comment after the end is refused by the service.
        with pytest.raises(DomainError) as closed:
            services.comment_submit(
                consultation=consultation,
                author=roles.member_a,
                organisation=roles.org_a,
                unit=None,
                justification="Za późno.",
            )
        assert closed.value.code == "closed"
        services.comment_decide(
            comment=online,
            actor=clerk,
            decision="partly",
            justification="W soboty lokal jest nieczynny; niedziele nie.",
        )
        services.comment_decide(comment=personal, actor=clerk, decision="accepted")
        # Publication is refused while a comment lacks a decision.
        with pytest.raises(DomainError) as undecided:
            services.consultation_publish_report(consultation=consultation, actor=clerk)
        assert undecided.value.code == "undecided"
        with pytest.raises(DomainError):
            services.comment_decide(
                comment=paper, actor=clerk, decision="rejected", justification=""
            )
        services.comment_decide(
            comment=paper,
            actor=clerk,
            decision="rejected",
            justification="Termin wynika z ustawy.",
        )
        services.consultation_publish_report(
            consultation=consultation, actor=clerk, summary="Trzy uwagi."
        )

    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.REPORT_PUBLISHED
    assert [h.to_status for h in history(consultation)] == [
        "version",
        "published",
        "report_published",
    ]
    # Everyone who commented online is told; the hidden comment stays in the record.
    notified = set(
        Notification.objects.filter(kind="consultations.report_published").values_list(
            "recipient__email", flat=True
        )
    )
    assert notified == {roles.member_a.email, roles.resident.email}
    spoken.refresh_from_db()
    assert spoken.is_hidden and spoken.hidden_reason == "Treść obraźliwa."


def test_publish_requires_the_minimum_length(clerk, settings):
    settings.PORTAL_RULES = {**settings.PORTAL_RULES, "CONSULTATION_MIN_DAYS": 14}
    now = timezone.now()
    consultation = ConsultationFactory(
        with_text=True, start_at=now, end_at=now + timedelta(days=7)
    )
    with pytest.raises(DomainError) as error:
        services.consultation_publish(consultation=consultation, actor=clerk)
    assert error.value.field == "end_at"


def test_publish_requires_a_clerk(roles):
    consultation = ConsultationFactory(with_text=True)
    with pytest.raises(PermissionDeniedError):
        services.consultation_publish(consultation=consultation, actor=roles.member_a)


def test_publish_twice_is_refused(clerk):
    consultation = ConsultationFactory(with_text=True)
    services.consultation_publish(consultation=consultation, actor=clerk)
    with pytest.raises(TransitionNotAllowed):
        services.consultation_publish(consultation=consultation, actor=clerk)


def test_editor_may_not_comment_for_the_organisation(roles):
    consultation = ConsultationFactory(
        published=True, with_text=True, invite_residents=False
    )
    with pytest.raises(PermissionDeniedError):
        services.comment_submit(
            consultation=consultation,
            author=roles.editor_a,
            organisation=roles.org_a,
            unit=None,
            justification="Uwaga.",
        )
    with pytest.raises(PermissionDeniedError):
        services.comment_submit(
            consultation=consultation,
            author=roles.member_b,
            organisation=roles.org_a,
            unit=None,
            justification="Uwaga za cudzą organizację.",
        )


def test_sphere_invitation_limits_organisations(roles):
    from tests.ngos.factories import SphereFactory

    sport = SphereFactory(code="sport")
    roles.org_b.spheres.add(sport)
    consultation = ConsultationFactory(
        published=True, invite_all_ngos=False, invite_residents=False
    )
    consultation.invited_spheres.add(sport)
    with pytest.raises(PermissionDeniedError):
        services.comment_submit(
            consultation=consultation,
            author=roles.member_a,
            organisation=roles.org_a,
            unit=None,
            justification="Uwaga.",
        )
    comment = services.comment_submit(
        consultation=consultation,
        author=roles.member_b,
        organisation=roles.org_b,
        unit=None,
        justification="Uwaga klubu sportowego.",
    )
    assert comment.public_author == roles.org_b.name


def test_author_edits_until_the_end_only(roles):
    consultation = ConsultationFactory(published=True)
    comment = services.comment_submit(
        consultation=consultation,
        author=roles.resident,
        organisation=None,
        unit=None,
        justification="Pierwsza wersja.",
    )
    services.comment_update(
        comment=comment,
        actor=roles.resident,
        unit=None,
        current_wording="",
        proposed_wording="",
        justification="Druga wersja.",
    )
    with pytest.raises(PermissionDeniedError):
        services.comment_update(
            comment=comment,
            actor=roles.member_a,
            unit=None,
            current_wording="",
            proposed_wording="",
            justification="Cudza zmiana.",
        )
    with time_machine.travel(consultation.end_at + timedelta(seconds=1)):
        with pytest.raises(DomainError):
            services.comment_update(
                comment=comment,
                actor=roles.resident,
                unit=None,
                current_wording="",
                proposed_wording="",
                justification="Po terminie.",
            )
    comment.refresh_from_db()
    assert comment.justification == "Druga wersja."


def test_private_name_is_published_only_with_consent(roles):
    consultation = ConsultationFactory(published=True)
    anonymous = services.comment_submit(
        consultation=consultation,
        author=roles.resident,
        organisation=None,
        unit=None,
        justification="Uwaga.",
    )
    named = services.comment_submit(
        consultation=consultation,
        author=roles.member_b,
        organisation=None,
        unit=None,
        justification="Uwaga.",
        name_consent=True,
    )
    assert roles.resident.last_name not in anonymous.public_author
    assert named.public_author == roles.member_b.get_full_name()


def test_unit_of_another_consultation_is_refused(roles):
    other = ConsultationFactory(published=True, with_text=True)
    consultation = ConsultationFactory(published=True)
    with pytest.raises(DomainError):
        services.comment_submit(
            consultation=consultation,
            author=roles.resident,
            organisation=None,
            unit=other.versions.get().units.first(),
            justification="Uwaga.",
        )


def test_new_version_keeps_the_old_and_diff_marks_changes(clerk):
    from consultations.diff import versions_diff

    consultation = ConsultationFactory()
    v1 = services.version_create(consultation=consultation, text=DRAFT, actor=clerk)
    v2 = services.version_create(
        consultation=consultation,
        text=DRAFT.replace("nieodpłatnie", "odpłatnie").replace(
            "§ 3.", "§ 4. Nowy przepis.\n§ 3."
        ),
        actor=clerk,
        note="Po konsultacjach",
    )
    assert v2.number == 2 and v1.units.exists()
    changes = {c.label: c for c in versions_diff(v1, v2)}
    assert changes["§ 1 ust. 1"].change == "changed"
    assert (
        "<del>" in changes["§ 1 ust. 1"].html and "<ins>" in changes["§ 1 ust. 1"].html
    )
    assert changes["§ 4"].change == "added"
    assert changes["§ 2"].change == "same"


def test_deleted_person_comments_are_anonymised(roles):
    consultation = ConsultationFactory(published=True)
    comment = services.comment_submit(
        consultation=consultation,
        author=roles.resident,
        organisation=None,
        unit=None,
        justification="Uwaga.",
        name_consent=True,
    )
    services.comments_anonymise(user=roles.resident)
    comment.refresh_from_db()
    assert comment.author is None and not comment.name_consent
    assert comment.justification == "Uwaga."


def test_reminders(roles, clerk):
    from consultations.reminders import closing_soon, report_overdue

    soon = ConsultationFactory(
        published=True, end_at=timezone.now() + timedelta(days=2)
    )
    later = ConsultationFactory(
        published=True, end_at=timezone.now() + timedelta(days=10)
    )
    messages = closing_soon(timezone.now())
    recipients = {(m.recipient_id, m.object_id) for m in messages}
    assert (roles.member_a.pk, soon.pk) in recipients
    assert all(obj != later.pk for _, obj in recipients)
    overdue = ConsultationFactory(
        ended=True,
        responsible=clerk,
        start_at=timezone.now() - timedelta(days=60),
        end_at=timezone.now() - timedelta(days=40),
    )
    assert [m.recipient_id for m in report_overdue(timezone.now())] == [clerk.pk]
    assert overdue.pk in {m.object_id for m in report_overdue(timezone.now())}


def test_survey_answered_once(roles):
    from consultations.models import Question
    from tests.consultations.factories import QuestionFactory, SurveyFactory

    survey = SurveyFactory()
    scale = QuestionFactory(survey=survey)
    choice = QuestionFactory(
        survey=survey, kind=Question.Kind.CHOICE, choices="tak\nnie"
    )
    services.survey_answer(
        survey=survey,
        respondent=roles.resident,
        answers={scale.pk: "4", choice.pk: "tak"},
    )
    with pytest.raises(DomainError):
        services.survey_answer(
            survey=survey,
            respondent=roles.resident,
            answers={scale.pk: "5", choice.pk: "nie"},
        )
    with pytest.raises(DomainError) as bad:
        services.survey_answer(
            survey=survey,
            respondent=roles.member_a,
            answers={scale.pk: "9", choice.pk: "tak"},
        )
    assert bad.value.field == f"q{scale.pk}"


def test_organisation_factory_is_usable():
    assert OrganisationFactory().is_verified
