"""The workflows of non-financial cooperation, through their services."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from cooperation.core.exceptions import (
    DomainError,
    PermissionDeniedError,
    TransitionNotAllowed,
)
from cooperation.core.models import Notification, StatusChange
from cooperation.nonfinancial import services
from cooperation.nonfinancial.models import (
    AnnualPlan,
    Booking,
    BookingSlot,
    JointTeam,
    Patronage,
    PlannedActivity,
    Promotion,
    RecommendationLetter,
    TaskProposal,
)
from tests.cooperation.factories import UserFactory

from .factories import (
    PROPOSAL,
    ResourceFactory,
    at,
    booking_kwargs,
    proposed_team,
    representative,
)

pytestmark = pytest.mark.django_db


def make(model, user, organisation):
    """A new request of ``model`` sent through its service."""
    today = timezone.localdate()
    if model is Patronage:
        return services.patronage_request(
            actor=user,
            organisation=organisation,
            event_title="Dni Wolontariatu",
            description="Warsztaty i gry miejskie.",
            starts_on=today + timedelta(days=10),
            ends_on=today + timedelta(days=11),
            place="MOK",
            audience="Mieszkańcy",
            publicity="Plakaty z logo miasta",
        )
    if model is Booking:
        return services.booking_request(
            actor=user, organisation=organisation, **booking_kwargs(ResourceFactory())
        )
    if model is Promotion:
        return services.promotion_request(
            actor=user,
            organisation=organisation,
            kind="event",
            title="Festyn",
            text="Zapraszamy.",
            starts_at=at(8, 10),
        )
    if model is AnnualPlan:
        return services.annual_plan_create(
            actor=UserFactory(clerk=True),
            year=2027,
            competitions="Konkurs na sport dzieci.",
            directions="Seniorzy.",
        )
    if model is PlannedActivity:
        return services.planned_activity_submit(
            actor=user,
            organisation=organisation,
            year=2027,
            title="Festiwal sąsiedzki",
            description="Warsztaty w parku.",
        )
    if model is RecommendationLetter:
        return services.letter_request(
            actor=user,
            organisation=organisation,
            addressee="Fundacja X",
            purpose="Wniosek o grant",
            cooperation="Zadania publiczne 2024–2025",
        )
    if model is JointTeam:
        return proposed_team(user, organisation)
    return services.proposal_submit(actor=user, organisation=organisation, **PROPOSAL)


INPUTS = {
    "reason": "Brak wolnych środków.",
    "conditions": "Logo na plakatach.",
    "note": "Stan dobry.",
    "letter_text": "Rekomenduję organizację.",
    "number": "OR.0710.1.2026",
    "signatory": "",
    "answer": "Zadanie jest celowe.",
    "mode": "support",
    "ordinance_number": "OR.0050.7.2026",
}


def _every_transition():
    for workflow in services.TRANSITIONS.workflows():
        for step in workflow:
            for source in step.sources:
                yield pytest.param(
                    workflow.model,
                    step,
                    source,
                    id=f"{workflow.model.__name__}-{step.key}-{source}",
                )


@pytest.mark.parametrize(("model", "step", "source"), list(_every_transition()))
def test_every_transition_is_taken_by_its_service_and_audited(
    model, step, source, clerk
):
    user, organisation = representative()
    obj = make(model, user, organisation)
    model.objects.filter(pk=obj.pk).update(status=source)
    if model is Booking and source != Booking.Status.SUBMITTED:
        obj.slots.update(holds=True)
    obj.refresh_from_db()
    actor = user if step.may(user, obj) and not step.may(clerk, obj) else clerk
    values = {i.name: INPUTS.get(i.name, "") for i in step.inputs}
    if "competition_on" in values:
        values["competition_on"] = timezone.localdate() + timedelta(days=30)
    for name in ("ordinance_date", "term_from", "dissolved_on"):
        if name in values:
            values[name] = timezone.localdate()
    if "term_until" in values:
        values["term_until"] = None
    step.call(obj, actor=actor, **values)
    obj.refresh_from_db()
    assert obj.status == step.target
    trail = StatusChange.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=obj.pk
    ).order_by("pk")
    last = trail.last()
    assert (last.from_status, last.to_status, last.actor) == (
        source,
        step.target,
        actor,
    )
    # The request itself was audited when it was sent.
    first = model._meta.get_field("status").default
    assert trail.first().from_status == "" and trail.first().to_status == first


@pytest.mark.parametrize(
    "model", [Patronage, Booking, Promotion, RecommendationLetter, TaskProposal]
)
def test_a_request_is_confirmed_and_its_refusal_needs_a_reason_and_is_emailed(
    model, clerk
):
    user, organisation = representative()
    obj = make(model, user, organisation)
    assert Notification.objects.filter(
        recipient=user, kind="nonfinancial.received"
    ).exists()
    if model is TaskProposal:
        with pytest.raises(DomainError) as error:
            services.proposal_decide_not_worthwhile(
                taskproposal=obj, actor=clerk, answer="  "
            )
        assert error.value.field == "answer"
        services.proposal_decide_not_worthwhile(
            taskproposal=obj, actor=clerk, answer="Brak środków w budżecie."
        )
    else:
        step = services.TRANSITIONS[model].get("refuse")
        with pytest.raises(DomainError) as error:
            step.call(obj, actor=clerk, reason=" ")
        assert error.value.field == "reason"
        step.call(obj, actor=clerk, reason="Termin jest zajęty.")
    obj.refresh_from_db()
    decided = Notification.objects.get(recipient=user, kind="nonfinancial.decided")
    assert decided.object_id == obj.pk
    assert decided.context["text"] in (
        "Termin jest zajęty.",
        "Brak środków w budżecie.",
    )


def test_only_a_representative_of_the_organisation_sends_a_request():
    _user, organisation = representative()
    with pytest.raises(PermissionDeniedError):
        make(Patronage, UserFactory(), organisation)


def test_a_resident_cannot_grant_a_patronage():
    user, organisation = representative()
    patronage = make(Patronage, user, organisation)
    with pytest.raises(PermissionDeniedError):
        services.patronage_grant(patronage=patronage, actor=user)


def test_patronage_for_an_event_in_the_past_is_refused():
    user, organisation = representative()
    yesterday = timezone.localdate() - timedelta(days=1)
    with pytest.raises(DomainError) as error:
        services.patronage_request(
            actor=user,
            organisation=organisation,
            event_title="Dawny festyn",
            description="…",
            starts_on=yesterday,
            ends_on=yesterday,
            place="MOK",
            audience="Wszyscy",
            publicity="Plakaty",
        )
    assert error.value.field == "starts_on"


def test_a_granted_patronage_cannot_be_refused_afterwards(clerk):
    user, organisation = representative()
    patronage = make(Patronage, user, organisation)
    services.patronage_grant(patronage=patronage, actor=clerk, conditions="Logo")
    with pytest.raises(TransitionNotAllowed):
        services.patronage_refuse(patronage=patronage, actor=clerk, reason="Jednak nie")


def test_weekly_booking_has_one_slot_a_week_until_the_last_day_at_the_same_local_hour():
    user, organisation = representative()
    resource = ResourceFactory()
    first = at(3, 17)
    booking = services.booking_request(
        actor=user,
        organisation=organisation,
        resource=resource,
        starts_at=first,
        ends_at=first + timedelta(hours=2),
        purpose="Próby chóru",
        weekly_until=first.date() + timedelta(weeks=9),
    )
    slots = list(booking.slots.order_by("starts_at"))
    assert len(slots) == 10
    assert {timezone.localtime(s.starts_at).hour for s in slots} == {17}
    assert {timezone.localtime(s.starts_at).weekday() for s in slots} == {
        first.weekday()
    }
    assert not any(s.holds for s in slots)


def test_granted_time_is_never_lent_twice(clerk):
    resource = ResourceFactory()
    user_a, org_a = representative()
    user_b, org_b = representative()
    first = services.booking_request(
        actor=user_a, organisation=org_a, **booking_kwargs(resource, start=10, end=12)
    )
    # Requests may overlap while none is granted; the clerk chooses.
    second = services.booking_request(
        actor=user_b, organisation=org_b, **booking_kwargs(resource, start=11, end=13)
    )
    services.booking_grant(booking=first, actor=clerk)
    with pytest.raises(DomainError, match="jest już użyczony"):
        services.booking_grant(booking=second, actor=clerk)
    second.refresh_from_db()
    assert second.status == Booking.Status.SUBMITTED
    assert not second.slots.filter(holds=True).exists()
    # A new request for a time already lent is refused at once, with the field.
    with pytest.raises(DomainError) as error:
        services.booking_request(
            actor=user_b,
            organisation=org_b,
            **booking_kwargs(resource, start=9, end=11),
        )
    assert error.value.field == "starts_at"
    # Back to back is not an overlap.
    services.booking_request(
        actor=user_b, organisation=org_b, **booking_kwargs(resource, start=12, end=14)
    )


def test_a_cancelled_booking_frees_its_time(clerk):
    resource = ResourceFactory()
    user, organisation = representative()
    booking = services.booking_request(
        actor=user, organisation=organisation, **booking_kwargs(resource)
    )
    services.booking_grant(booking=booking, actor=clerk)
    services.booking_cancel(booking=booking, actor=user, reason="Spotkanie odwołane")
    assert not BookingSlot.objects.filter(holds=True).exists()
    other = services.booking_request(
        actor=user, organisation=organisation, **booking_kwargs(resource)
    )
    services.booking_grant(booking=other, actor=clerk)
    assert other.slots.filter(holds=True).count() == 1


def test_booking_for_more_people_than_the_room_holds_is_refused():
    user, organisation = representative()
    with pytest.raises(DomainError) as error:
        services.booking_request(
            actor=user,
            organisation=organisation,
            participants=31,
            **booking_kwargs(ResourceFactory(capacity=30)),
        )
    assert error.value.field == "participants"


def test_hand_over_and_return_are_recorded_with_the_state(clerk):
    user, organisation = representative()
    booking = make(Booking, user, organisation)
    services.booking_grant(booking=booking, actor=clerk)
    services.booking_hand_over(booking=booking, actor=clerk, note="Klucze wydane")
    services.booking_return(booking=booking, actor=clerk, note="Sala czysta")
    booking.refresh_from_db()
    assert booking.handed_over_note == "Klucze wydane"
    assert booking.returned_note == "Sala czysta"
    assert booking.handed_over_at and booking.returned_at
    assert booking.status == Booking.Status.RETURNED


def test_the_clerk_edits_a_promotion_before_approving_it(clerk):
    user, organisation = representative()
    promotion = make(Promotion, user, organisation)
    promotion.title = "Festyn rodzinny w Radlinie"
    promotion.save(update_fields=["title"])
    services.promotion_approve(promotion=promotion, actor=clerk)
    promotion.refresh_from_db()
    assert promotion.title == "Festyn rodzinny w Radlinie"
    assert promotion.published_at is not None


def test_an_issued_letter_carries_its_number_date_and_the_executive(clerk, settings):
    user, organisation = representative()
    letter = make(RecommendationLetter, user, organisation)
    services.letter_issue(
        recommendationletter=letter,
        actor=clerk,
        letter_text="Rekomenduję.",
        number="OR.1/2026",
    )
    letter.refresh_from_db()
    assert letter.issued_on == timezone.localdate()
    assert letter.signatory == settings.MUNICIPALITY_EXECUTIVE


def test_a_worthwhile_proposal_needs_the_mode_and_a_future_competition_date(clerk):
    user, organisation = representative()
    proposal = make(TaskProposal, user, organisation)
    with pytest.raises(DomainError) as error:
        services.proposal_decide_worthwhile(
            taskproposal=proposal,
            actor=clerk,
            answer="Celowe",
            mode="",
            competition_on=timezone.localdate() + timedelta(days=20),
        )
    assert error.value.field == "mode"
    with pytest.raises(DomainError) as error:
        services.proposal_decide_worthwhile(
            taskproposal=proposal,
            actor=clerk,
            answer="Celowe",
            mode="support",
            competition_on=timezone.localdate() - timedelta(days=1),
        )
    assert error.value.field == "competition_on"


def test_a_proposal_needs_the_description_and_the_cost_estimate():
    user, organisation = representative()
    with pytest.raises(DomainError) as error:
        services.proposal_submit(
            actor=user, organisation=organisation, **{**PROPOSAL, "description": " "}
        )
    assert error.value.field == "description"
    with pytest.raises(DomainError) as error:
        services.proposal_submit(
            actor=user, organisation=organisation, **{**PROPOSAL, "cost_estimate": None}
        )
    assert error.value.field == "cost_estimate"


def test_personal_data_export_lists_and_erasure_detaches_the_requests():
    from cooperation.nonfinancial import personal_data

    user, organisation = representative()
    make(Patronage, user, organisation)
    make(TaskProposal, user, organisation)
    data = personal_data.export(user)
    assert [r["request"] for r in data["patronage"]] == ["Dni Wolontariatu"]
    assert [r["request"] for r in data["taskproposal"]] == ["Klub seniora"]
    personal_data.erase(user)
    assert not Patronage.objects.filter(applicant=user).exists()
    assert Patronage.objects.count() == 1
