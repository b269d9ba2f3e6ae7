"""The council's workflows, through their services."""

from datetime import date, datetime, time, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

from cooperation.core.exceptions import (
    DomainError,
    PermissionDeniedError,
    TransitionNotAllowed,
)
from cooperation.core.models import StatusChange
from cooperation.core.workflow import history
from cooperation.council import services
from cooperation.council.models import (
    Council,
    CreationRequest,
    Election,
    Meeting,
    Member,
    Opinion,
    SelectionMethod,
    Side,
    Term,
    Vote,
)
from tests.cooperation.factories import UserFactory
from tests.ngos.factories import OrganisationFactory

from .factories import (
    active_term,
    council_with_term,
    open_election,
    representative,
    seat,
    submitted_request,
)

pytestmark = pytest.mark.django_db


def rules(settings, **values):
    settings.PORTAL_RULES = {**settings.PORTAL_RULES, **values}


def meeting_at(clerk, term, days: int = -1):
    day = timezone.localdate() + timedelta(days=days)
    return services.meeting_schedule(
        actor=clerk,
        term=term,
        starts_at=datetime.combine(
            day, time(16), tzinfo=timezone.get_current_timezone()
        ),
        place="Sala sesyjna",
        agenda="1. Otwarcie.\n2. Opinia o programie.",
    )


# The request of organisations (art. 41e ust. 1) -----------------------------------------


def _signed_by(count: int):
    """A request started by one organisation and signed by ``count - 1`` more."""
    starter, first = representative()
    request = services.creation_request_start(
        actor=starter, organisation=first, justification="Chcemy rady."
    )
    for _n in range(count - 1):
        user, organisation = representative()
        services.creation_request_sign(
            request=request, actor=user, organisation=organisation
        )
    return starter, request


def test_the_request_needs_five_organisations_and_sets_the_two_month_deadline():
    starter, request = _signed_by(4)
    with pytest.raises(DomainError, match="co najmniej 5"):
        services.creation_request_submit(creationrequest=request, actor=starter)
    user, organisation = representative()
    services.creation_request_sign(
        request=request, actor=user, organisation=organisation
    )
    services.creation_request_submit(
        creationrequest=request, actor=starter, received_on=date(2026, 3, 31)
    )
    request.refresh_from_db()
    assert request.status == CreationRequest.Status.SUBMITTED
    assert request.received_on == date(2026, 3, 31)
    assert request.due_on == date(2026, 5, 31)
    assert request.signatures.count() == 5
    assert [c.to_status for c in history(request)] == [
        "collecting",
        *["signed"] * 5,
        "submitted",
    ]


def test_the_number_and_deadline_are_settings(settings):
    rules(settings, COUNCIL_REQUEST_MIN_ORGANISATIONS=3, COUNCIL_CREATION_MONTHS=3)
    starter, request = _signed_by(3)
    services.creation_request_submit(
        creationrequest=request, actor=starter, received_on=date(2026, 1, 10)
    )
    request.refresh_from_db()
    assert request.due_on == date(2026, 4, 10)


def test_an_organisation_signs_once_and_only_its_representative_signs():
    starter, request = _signed_by(1)
    organisation = request.signatures.get().organisation
    with pytest.raises(DomainError):
        services.creation_request_sign(
            request=request, actor=starter, organisation=organisation
        )
    with pytest.raises(PermissionDeniedError):
        services.creation_request_sign(
            request=request, actor=UserFactory(), organisation=OrganisationFactory()
        )
    stranger = UserFactory()
    with pytest.raises(PermissionDeniedError):
        services.creation_request_submit(creationrequest=request, actor=stranger)


def test_a_submitted_request_takes_no_more_signatures(clerk):
    request = submitted_request(clerk)
    user, organisation = representative()
    with pytest.raises(DomainError):
        services.creation_request_sign(
            request=request, actor=user, organisation=organisation
        )


def test_a_paper_request_of_four_organisations_is_refused(clerk):
    with pytest.raises(DomainError, match="ma 4"):
        submitted_request(clerk, count=4)
    assert not CreationRequest.objects.exists()


def test_only_the_starter_withdraws():
    starter, request = _signed_by(2)
    other = request.signatures.last()
    with pytest.raises(PermissionDeniedError):
        services.creation_request_withdraw(
            creationrequest=request, actor=other.signed_by
        )
    services.creation_request_withdraw(creationrequest=request, actor=starter)
    assert CreationRequest.objects.get().status == "withdrawn"


def test_creating_the_council_opens_a_three_year_term(clerk):
    council, term = council_with_term(clerk, created_on=date(2026, 4, 1))
    assert council.request.status == "created"
    assert council.ordinance_number == "0050.1.2026"
    assert (term.number, term.starts_on, term.ends_on) == (
        1,
        date(2026, 4, 1),
        date(2029, 3, 31),
    )
    assert term.status == Term.Status.FORMING


def test_term_length_is_a_setting(settings, clerk):
    rules(settings, COUNCIL_TERM_YEARS=2)
    _council, term = council_with_term(clerk, created_on=date(2026, 4, 1))
    assert term.ends_on == date(2028, 3, 31)


def test_a_council_created_after_two_months_records_the_delay(clerk):
    request = submitted_request(clerk, received_on=date(2026, 1, 15))
    services.council_create(
        creationrequest=request,
        actor=clerk,
        ordinance_number="1/2026",
        created_on=date(2026, 3, 16),
    )
    change = history(request).get(to_status="created")
    assert "2026-03-15" in change.note and "41e" in change.note
    on_time = submitted_request(clerk, received_on=date(2026, 1, 15))
    services.council_create(
        creationrequest=on_time,
        actor=clerk,
        ordinance_number="2/2026",
        created_on=date(2026, 3, 15),
    )
    assert history(on_time).get(to_status="created").note == ""


def test_only_a_clerk_creates_the_council_and_a_rejection_needs_a_reason(clerk):
    request = submitted_request(clerk)
    user, _organisation = representative()
    with pytest.raises(PermissionDeniedError):
        services.council_create(
            creationrequest=request, actor=user, ordinance_number="1"
        )
    with pytest.raises(DomainError):
        services.creation_request_reject(
            creationrequest=request, actor=clerk, reason=" "
        )
    services.creation_request_reject(
        creationrequest=request, actor=clerk, reason="Organizacje spoza gminy."
    )
    with pytest.raises(TransitionNotAllowed):
        services.council_create(
            creationrequest=request, actor=clerk, ordinance_number="1"
        )
    assert not Council.objects.exists()


def test_a_new_term_waits_for_the_previous_to_end(clerk):
    term = active_term(clerk)
    with pytest.raises(DomainError):
        services.term_create(
            actor=clerk, council=term.council, starts_on=term.ends_on + timedelta(1)
        )
    services.term_end_now(term=term, actor=clerk)
    second = services.term_create(
        actor=clerk, council=term.council, starts_on=term.ends_on + timedelta(1)
    )
    assert second.number == 2


# Members and the composition rule (art. 41f) ---------------------------------------------


def test_an_organisations_member_has_a_nominating_organisation(clerk):
    _council, term = council_with_term(clerk)
    with pytest.raises(DomainError):
        services.member_add(actor=clerk, term=term, name="Jan", side=Side.NGO)
    member = services.member_add(
        actor=clerk,
        term=term,
        name="Jan",
        side=Side.NGO,
        organisation=OrganisationFactory(name="Koło Gospodyń"),
    )
    assert member.organisation.name == "Koło Gospodyń"
    with pytest.raises(IntegrityError), transaction.atomic():
        Member.objects.create(term=term, name="X", side=Side.NGO, since=term.starts_on)


def test_the_seats_of_organisations_are_at_least_half_in_the_database(clerk):
    council, _term = council_with_term(clerk)
    Council.objects.filter(pk=council.pk).update(
        council_seats=2, executive_seats=2, ngo_seats=4
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Council.objects.filter(pk=council.pk).update(ngo_seats=3)


# Every transition of the table, audited ------------------------------------------------------


def _walk_every_transition(clerk):
    starter, request = _signed_by(5)
    services.creation_request_submit(creationrequest=request, actor=starter)
    _starter, withdrawn = _signed_by(1)
    services.creation_request_withdraw(creationrequest=withdrawn, actor=_starter)
    services.creation_request_reject(
        creationrequest=submitted_request(clerk), actor=clerk, reason="Braki."
    )
    council = services.council_create(
        creationrequest=request, actor=clerk, ordinance_number="1/2026"
    )
    term = council.terms.get()
    seat(clerk, term, Side.NGO, 1)
    seat(clerk, term, Side.EXECUTIVE, 1)
    services.term_constitute(term=term, actor=clerk)

    election = open_election(clerk, term, seats=1)
    user, organisation = representative()
    candidate = services.candidate_nominate(
        actor=user, election=election, organisation=organisation, name="Ala"
    )
    services.election_close(election=election, actor=clerk)
    services.vote_cast(
        actor=user, election=election, organisation=organisation, candidate=candidate
    )
    services.election_publish(election=election, actor=clerk)

    held = meeting_at(clerk, term)
    services.meeting_hold(meeting=held, actor=clerk, minutes="Protokół.")
    services.meeting_cancel(meeting=meeting_at(clerk, term, 3), actor=clerk)
    opinion = services.opinion_draft(
        actor=clerk,
        term=term,
        subject=Opinion.Subject.STRATEGY,
        title="Strategia rozwoju miasta",
        text="Opinia pozytywna.",
    )
    services.opinion_publish(opinion=opinion, actor=clerk)
    services.term_end_now(term=term, actor=clerk)


def test_every_transition_of_the_table_is_audited(clerk):
    _walk_every_transition(clerk)
    for workflow in services.TRANSITIONS.workflows():
        kind = ContentType.objects.get_for_model(workflow.model)
        moves = set(
            StatusChange.objects.filter(content_type=kind).values_list(
                "from_status", "to_status"
            )
        )
        for step in workflow:
            assert any((s, step.target) in moves for s in step.sources), (
                workflow.model.__name__,
                step.key,
            )


def test_a_transition_the_table_does_not_allow_is_refused(clerk):
    term = active_term(clerk)
    with pytest.raises(TransitionNotAllowed):
        services.term_constitute(term=term, actor=clerk)
    meeting = meeting_at(clerk, term)
    services.meeting_cancel(meeting=meeting, actor=clerk)
    with pytest.raises(TransitionNotAllowed):
        services.meeting_hold(meeting=meeting, actor=clerk, minutes="Protokół.")


# The election (art. 41g) --------------------------------------------------------------------


def test_nominations_by_organisations_while_open(clerk):
    term = active_term(clerk)
    election = open_election(clerk, term)
    assert election.method == SelectionMethod.VOTE
    user, organisation = representative()
    candidate = services.candidate_nominate(
        actor=user, election=election, organisation=organisation, name="Ala Nowak"
    )
    other, second = representative()
    services.candidate_support(actor=other, candidate=candidate, organisation=second)
    with pytest.raises(DomainError):
        services.candidate_support(
            actor=other, candidate=candidate, organisation=second
        )
    assert set(candidate.organisations.all()) == {organisation, second}
    with pytest.raises(PermissionDeniedError):
        services.candidate_nominate(
            actor=UserFactory(),
            election=election,
            organisation=organisation,
            name="Ktoś",
        )
    services.election_close(election=election, actor=clerk)
    with pytest.raises(DomainError, match="zamknięte"):
        services.candidate_nominate(
            actor=user, election=election, organisation=organisation, name="Późno"
        )


def test_nominations_end_on_their_day(clerk, time_machine):
    term = active_term(clerk)
    election = open_election(clerk, term, days=2)
    user, organisation = representative()
    time_machine.move_to(timezone.now() + timedelta(days=3))
    with pytest.raises(DomainError):
        services.candidate_nominate(
            actor=user, election=election, organisation=organisation, name="Ala"
        )


def _voting(clerk, names=("Ala", "Ola", "Ela"), seats: int = 2):
    term = active_term(clerk)
    election = open_election(clerk, term, seats=seats)
    candidates = []
    for name in names:
        user, organisation = representative()
        candidates.append(
            services.candidate_nominate(
                actor=user, election=election, organisation=organisation, name=name
            )
        )
    return term, election, candidates


def _vote(election, candidate):
    user, organisation = representative()
    services.vote_cast(
        actor=user, election=election, organisation=organisation, candidate=candidate
    )
    return user, organisation


def test_voting_starts_when_nominations_close(clerk):
    _term, election, (ala, *_rest) = _voting(clerk)
    with pytest.raises(DomainError, match="po zamknięciu zgłoszeń"):
        _vote(election, ala)


def test_one_vote_per_organisation(clerk):
    _term, election, (ala, ola, _ela) = _voting(clerk)
    services.election_close(election=election, actor=clerk)
    user, organisation = _vote(election, ala)
    with pytest.raises(DomainError, match="już oddała głos"):
        services.vote_cast(
            actor=user, election=election, organisation=organisation, candidate=ola
        )
    assert Vote.objects.filter(election=election).count() == 1


def test_one_vote_per_organisation_is_a_database_constraint(clerk):
    _term, election, (ala, ola, _ela) = _voting(clerk)
    organisation = OrganisationFactory()
    Vote.objects.create(election=election, organisation=organisation, candidate=ala)
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(election=election, organisation=organisation, candidate=ola)
    # Another organisation, or the same one in another election, votes.
    Vote.objects.create(
        election=election, organisation=OrganisationFactory(), candidate=ola
    )


def test_the_most_voted_become_members_with_their_nominating_organisation(clerk):
    term, election, (ala, ola, ela) = _voting(clerk)
    services.election_close(election=election, actor=clerk)
    for candidate in (ala, ala, ala, ola, ola, ela):
        _vote(election, candidate)
    services.election_publish(election=election, actor=clerk)
    election.refresh_from_db()
    assert election.status == Election.Status.PUBLISHED
    assert election.results_published_at is not None
    assert set(election.candidates.filter(selected=True)) == {ala, ola}
    elected = term.members.filter(name__in=["Ala", "Ola"], side=Side.NGO)
    assert {m.organisation for m in elected} == {
        ala.nominations.get().organisation,
        ola.nominations.get().organisation,
    }
    assert "Ala" in history(election).get(to_status="published").note


def test_a_tie_for_the_last_seat_is_not_published(clerk):
    _term, election, (ala, ola, ela) = _voting(clerk)
    services.election_close(election=election, actor=clerk)
    for candidate in (ala, ala, ola, ela):
        _vote(election, candidate)
    with pytest.raises(DomainError, match="równą liczbę głosów"):
        services.election_publish(election=election, actor=clerk)
    assert Election.objects.get(pk=election.pk).status == "closed"


def test_appointment_when_the_resolution_says_so(clerk):
    term = active_term(clerk)
    Council.objects.filter(pk=term.council_id).update(
        selection_method=SelectionMethod.APPOINTMENT
    )
    term.refresh_from_db()
    election = open_election(clerk, term, seats=1)
    user, organisation = representative()
    ala = services.candidate_nominate(
        actor=user, election=election, organisation=organisation, name="Ala"
    )
    services.candidate_nominate(
        actor=user, election=election, organisation=organisation, name="Ola"
    )
    with pytest.raises(DomainError):
        services.candidate_appoint(actor=clerk, candidate=ala)
    services.election_close(election=election, actor=clerk)
    with pytest.raises(DomainError, match="członków się powołuje"):
        _vote(election, ala)
    with pytest.raises(DomainError, match="Nie wybrano"):
        services.election_publish(election=election, actor=clerk)
    services.candidate_appoint(actor=clerk, candidate=ala)
    services.election_publish(election=election, actor=clerk)
    assert term.members.filter(name="Ala", side=Side.NGO).exists()
    assert not term.members.filter(name="Ola").exists()


# Meetings, resolutions and opinions (art. 41i) -------------------------------------------


def test_meetings_are_numbered_and_their_minutes_required(clerk):
    term = active_term(clerk)
    first = meeting_at(clerk, term)
    second = meeting_at(clerk, term, 5)
    assert (first.number, second.number) == (1, 2)
    with pytest.raises(DomainError):
        services.meeting_hold(meeting=first, actor=clerk, minutes="  ")
    services.meeting_hold(meeting=first, actor=clerk, minutes="Protokół.")
    assert Meeting.objects.get(pk=first.pk).minutes == "Protokół."


def test_attendance_of_the_current_members(clerk):
    term = active_term(clerk)
    meeting = meeting_at(clerk, term)
    members = list(term.members.all())
    rows = services.attendance_record(actor=clerk, meeting=meeting, present=members[:3])
    assert sum(r.present for r in rows) == 3 and len(rows) == 4
    other = active_term(clerk).members.first()
    with pytest.raises(DomainError):
        services.attendance_record(actor=clerk, meeting=meeting, present=[other])


def test_resolutions_of_a_meeting_that_took_place(clerk):
    term = active_term(clerk)
    meeting = meeting_at(clerk, term)
    kwargs = {"number": "1/2026", "title": "w sprawie opinii", "text": "Treść."}
    with pytest.raises(DomainError):
        services.resolution_adopt(actor=clerk, meeting=meeting, **kwargs)
    services.meeting_hold(meeting=meeting, actor=clerk, minutes="Protokół.")
    resolution = services.resolution_adopt(actor=clerk, meeting=meeting, **kwargs)
    assert resolution.adopted_on == timezone.localdate() - timedelta(days=1)
    with pytest.raises(DomainError, match="o tym numerze"):
        services.resolution_adopt(actor=clerk, meeting=meeting, **kwargs)


def test_an_opinion_links_its_subject(clerk):
    term = active_term(clerk)
    for subject in ("consultation", "programme", "competition"):
        with pytest.raises(DomainError):
            services.opinion_draft(
                actor=clerk, term=term, subject=subject, title="X", text="Opinia."
            )
    with pytest.raises(IntegrityError), transaction.atomic():
        Opinion.objects.create(term=term, subject="programme", title="X", text="Y")


def test_an_opinion_after_fourteen_days_is_noted(clerk):
    term = active_term(clerk)
    opinion = services.opinion_draft(
        actor=clerk,
        term=term,
        subject=Opinion.Subject.STRATEGY,
        title="Strategia",
        text="Opinia.",
        delivered_on=date(2026, 10, 1),
    )
    assert opinion.due_on == date(2026, 10, 15)
    services.opinion_publish(opinion=opinion, actor=clerk, given_on=date(2026, 10, 16))
    assert opinion.late
    assert "2026-10-15" in history(opinion).get(to_status="published").note


def test_an_opinion_on_time_is_not_noted(clerk):
    term = active_term(clerk)
    opinion = services.opinion_draft(
        actor=clerk,
        term=term,
        subject=Opinion.Subject.STRATEGY,
        title="Strategia",
        text="Opinia.",
        delivered_on=date(2026, 10, 1),
    )
    services.opinion_publish(opinion=opinion, actor=clerk, given_on=date(2026, 10, 15))
    assert not opinion.late
    assert history(opinion).get(to_status="published").note == ""


def test_personal_data_export_and_erasure(clerk):
    from cooperation.council import personal_data

    starter, request = _signed_by(1)
    exported = personal_data.export(starter)
    assert exported["signatures"][0]["organisation"] == (
        request.signatures.get().organisation.name
    )
    personal_data.erase(starter)
    assert request.signatures.get().signed_by is None
    assert personal_data.export(starter)["signatures"] == []
