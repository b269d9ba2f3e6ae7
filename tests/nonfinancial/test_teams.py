"""Joint advisory and initiative teams: proposal, appointment by an ordinance, members,
meetings with minutes, recommendations, dissolution; the public page and the desk."""

import re
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from cooperation.core.exceptions import (
    DomainError,
    PermissionDeniedError,
    TransitionNotAllowed,
)
from cooperation.core.models import Notification, StatusChange
from cooperation.nonfinancial import services
from cooperation.nonfinancial.models import (
    JointTeam,
    TeamMeeting,
    TeamMember,
    TeamRecommendation,
)
from tests.consultations.factories import ConsultationFactory
from tests.cooperation.factories import UserFactory
from tests.grants.factories import CompetitionFactory, PriorityFactory

from .factories import at, proposed_team, representative

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def trail(obj):
    return list(
        StatusChange.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        )
        .order_by("pk")
        .values_list("from_status", "to_status")
    )


def appointed(clerk, **kwargs):
    user, organisation = representative()
    team = proposed_team(user, organisation, **kwargs)
    today = timezone.localdate()
    services.team_appoint(
        jointteam=team,
        actor=clerk,
        ordinance_number="OR.0050.7.2026",
        ordinance_date=today - timedelta(days=10),
        term_from=today - timedelta(days=7),
        term_until=today + timedelta(days=365),
    )
    team.refresh_from_db()
    return team


def test_a_team_goes_from_the_proposal_to_its_dissolution_every_step_audited(clerk):
    user, organisation = representative()
    team = proposed_team(user, organisation)
    assert Notification.objects.filter(
        recipient=user, kind="nonfinancial.received", object_id=team.pk
    ).exists()
    today = timezone.localdate()
    services.team_appoint(
        jointteam=team,
        actor=clerk,
        ordinance_number=" OR.0050.7.2026 ",
        ordinance_date=today - timedelta(days=3),
        term_from=today - timedelta(days=2),
        term_until=today + timedelta(days=365),
    )
    team.refresh_from_db()
    assert team.status == JointTeam.Status.APPOINTED
    assert team.ordinance_number == "OR.0050.7.2026"
    appointment = Notification.objects.get(
        recipient=user, kind="nonfinancial.decided", object_id=team.pk
    )
    assert appointment.context["decision"]
    meeting = services.team_meeting_schedule(
        team=team,
        actor=clerk,
        held_at=at(-1, 16),
        place="Urząd Miasta",
        agenda="1. Otwarcie.",
    )
    services.team_meeting_minutes(meeting=meeting, actor=clerk, text="Obecni wszyscy.")
    services.team_recommendation_adopt(
        team=team,
        actor=clerk,
        title="Klub seniora",
        text="Zespół rekomenduje…",
        adopted_on=today,
        meeting=meeting,
    )
    services.team_dissolve(
        jointteam=team, actor=clerk, dissolved_on=today, reason="Zadanie wykonane."
    )
    team.refresh_from_db()
    assert team.status == JointTeam.Status.DISSOLVED
    assert team.dissolved_on == today
    assert trail(team) == [
        ("", "proposed"),
        ("proposed", "member-added"),
        ("proposed", "member-added"),
        ("proposed", "appointed"),
        ("appointed", "meeting-scheduled"),
        ("appointed", "minutes-added"),
        ("appointed", "recommendation"),
        ("appointed", "dissolved"),
    ]
    with pytest.raises(TransitionNotAllowed):
        services.team_dissolve(jointteam=team, actor=clerk, dissolved_on=today)
    with pytest.raises(DomainError):
        services.team_meeting_schedule(
            team=team, actor=clerk, held_at=at(2, 16), place="MOK", agenda="1."
        )


def test_a_clerk_proposes_a_team_and_no_one_else_without_an_organisation(clerk):
    team = services.team_propose(
        actor=clerk, name="Zespół sportu", purpose="Cel.", justification="Potrzeba."
    )
    assert team.organisation is None and team.applicant is None
    assert trail(team) == [("", "proposed")]
    with pytest.raises(PermissionDeniedError):
        services.team_propose(
            actor=UserFactory(), name="Zespół", purpose="Cel.", justification="Tak."
        )
    _user, organisation = representative()
    stranger, _other = representative()
    with pytest.raises(PermissionDeniedError):
        services.team_propose(
            actor=stranger,
            organisation=organisation,
            name="Zespół",
            purpose="Cel.",
            justification="Tak.",
        )
    with pytest.raises(DomainError) as error:
        services.team_propose(
            actor=clerk, name="Zespół", purpose="Cel.", justification="  "
        )
    assert error.value.field == "justification"


def test_an_appointment_needs_both_sides_an_ordinance_and_a_term(clerk):
    user, organisation = representative()
    team = proposed_team(user, organisation)
    today = timezone.localdate()
    ordinance = {
        "ordinance_number": "OR.1",
        "ordinance_date": today,
        "term_from": today,
    }
    services.team_member_remove(
        member=team.members.get(side=TeamMember.Side.MUNICIPALITY), actor=clerk
    )
    with pytest.raises(DomainError, match="obu stron"):
        services.team_appoint(jointteam=team, actor=clerk, **ordinance)
    services.team_member_add(
        team=team,
        actor=clerk,
        name="Piotr Wiśniewski",
        side="municipality",
        affiliation="Wydział Spraw Społecznych",
    )
    for changed, field in (
        ({"ordinance_number": " "}, "ordinance_number"),
        ({"ordinance_date": today + timedelta(days=1)}, "ordinance_date"),
        ({"term_until": today - timedelta(days=1)}, "term_until"),
    ):
        with pytest.raises(DomainError) as error:
            services.team_appoint(
                jointteam=team, actor=clerk, **{**ordinance, **changed}
            )
        assert error.value.field == field
    with pytest.raises(PermissionDeniedError):
        services.team_appoint(jointteam=team, actor=user, **ordinance)
    services.team_appoint(jointteam=team, actor=clerk, **ordinance)
    team.refresh_from_db()
    assert team.status == JointTeam.Status.APPOINTED
    assert team.term_until is None


def test_a_member_of_the_organisations_side_names_the_organisation(clerk):
    user, organisation = representative()
    team = proposed_team(user, organisation)
    with pytest.raises(DomainError) as error:
        services.team_member_add(
            team=team, actor=clerk, name="Jan Kowalski", side="organisations"
        )
    assert error.value.field == "organisation"
    with pytest.raises(PermissionDeniedError):
        services.team_member_add(
            team=team,
            actor=user,
            name="Jan Kowalski",
            side="organisations",
            organisation=organisation,
        )
    assert team.members.count() == 2


def test_a_team_not_appointed_is_told_why(clerk):
    user, organisation = representative()
    team = proposed_team(user, organisation)
    with pytest.raises(DomainError) as error:
        services.team_refuse(jointteam=team, actor=clerk, reason=" ")
    assert error.value.field == "reason"
    services.team_refuse(jointteam=team, actor=clerk, reason="Zadania ma już rada.")
    team.refresh_from_db()
    assert team.status == JointTeam.Status.REFUSED
    assert trail(team)[-1] == ("proposed", "refused")
    told = Notification.objects.get(recipient=user, kind="nonfinancial.decided")
    assert told.context["text"] == "Zadania ma już rada."
    with pytest.raises(DomainError):
        services.team_member_add(
            team=team, actor=clerk, name="Jan", side="municipality", affiliation="UM"
        )


def test_a_team_is_not_dissolved_before_its_term(clerk):
    team = appointed(clerk)
    with pytest.raises(DomainError) as error:
        services.team_dissolve(
            jointteam=team,
            actor=clerk,
            dissolved_on=team.term_from - timedelta(days=1),
        )
    assert error.value.field == "dissolved_on"
    team.refresh_from_db()
    assert team.status == JointTeam.Status.APPOINTED


def test_minutes_come_after_the_meeting_written_or_as_a_document(clerk):
    team = appointed(clerk)
    coming = services.team_meeting_schedule(
        team=team, actor=clerk, held_at=at(3, 16), place="MOK", agenda="1. Otwarcie."
    )
    with pytest.raises(DomainError):
        services.team_meeting_minutes(meeting=coming, actor=clerk, text="Protokół.")
    held = services.team_meeting_schedule(
        team=team, actor=clerk, held_at=at(-1, 16), place="MOK", agenda="1. Otwarcie."
    )
    with pytest.raises(DomainError) as error:
        services.team_meeting_minutes(meeting=held, actor=clerk, text=" ")
    assert error.value.field == "minutes_text"
    services.team_meeting_minutes(
        meeting=held,
        actor=clerk,
        file=SimpleUploadedFile("protokol.pdf", PDF, "application/pdf"),
    )
    held.refresh_from_db()
    assert held.minutes_file.name.startswith("nonfinancial/teams/minutes/")
    assert held.has_minutes
    with pytest.raises(DomainError):
        services.team_meeting_schedule(
            team=team,
            actor=clerk,
            held_at=at(-30, 16),
            place="MOK",
            agenda="Przed kadencją.",
        )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("protokol.html", b"<!doctype html><html><script>x</script>", "HTML"),
        ("protokol.pdf", b"MZ\x90\x00program", "program"),
        ("protokol.docx", PDF, "nazwa"),
        ("protokol.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64, "Przyjmowane"),
    ],
)
def test_minutes_of_another_type_are_refused(clerk, name, content, message):
    team = appointed(clerk)
    held = services.team_meeting_schedule(
        team=team, actor=clerk, held_at=at(-1, 16), place="MOK", agenda="1."
    )
    with pytest.raises(DomainError) as error:
        services.team_meeting_minutes(
            meeting=held, actor=clerk, file=SimpleUploadedFile(name, content)
        )
    assert error.value.field == "minutes_file"
    assert message.lower() in error.value.message.lower()
    held.refresh_from_db()
    assert not held.has_minutes


@override_settings(UPLOAD_MAX_MB=1)
def test_minutes_larger_than_the_limit_are_refused(clerk):
    team = appointed(clerk)
    held = services.team_meeting_schedule(
        team=team, actor=clerk, held_at=at(-1, 16), place="MOK", agenda="1."
    )
    big = SimpleUploadedFile("protokol.pdf", PDF + b"0" * (2 * 1024 * 1024))
    with pytest.raises(DomainError, match="za duży"):
        services.team_meeting_minutes(meeting=held, actor=clerk, file=big)


def test_a_recommendation_links_a_consultation_a_priority_or_a_competition(clerk):
    team = appointed(clerk)
    other = appointed(clerk, name="Inny zespół")
    meeting = services.team_meeting_schedule(
        team=other, actor=clerk, held_at=at(-1, 16), place="MOK", agenda="1."
    )
    today = timezone.localdate()
    with pytest.raises(DomainError) as error:
        services.team_recommendation_adopt(
            team=team,
            actor=clerk,
            title="R",
            text="T",
            adopted_on=today,
            meeting=meeting,
        )
    assert error.value.field == "meeting"
    with pytest.raises(DomainError):
        services.team_recommendation_adopt(
            team=team,
            actor=clerk,
            title="R",
            text="T",
            adopted_on=today + timedelta(days=1),
        )
    consultation = ConsultationFactory()
    priority = PriorityFactory()
    competition = CompetitionFactory()
    item = services.team_recommendation_adopt(
        team=team,
        actor=clerk,
        title="Więcej zajęć dla seniorów",
        text="Zespół rekomenduje…",
        adopted_on=today,
        consultation=consultation,
        priority=priority,
        competition=competition,
    )
    item.refresh_from_db()
    assert (item.consultation, item.priority, item.competition) == (
        consultation,
        priority,
        competition,
    )


# The public page ------------------------------------------------------------------------


def _full_team(clerk, index=0):
    team = appointed(clerk, name=f"Zespół nr {index}")
    meeting = services.team_meeting_schedule(
        team=team,
        actor=clerk,
        held_at=at(-1, 16),
        place=f"Sala {index}",
        agenda=f"Porządek obrad {index}",
    )
    services.team_meeting_minutes(
        meeting=meeting,
        actor=clerk,
        text=f"Protokół {index}",
        file=SimpleUploadedFile(f"protokol-{index}.pdf", PDF),
    )
    services.team_recommendation_adopt(
        team=team,
        actor=clerk,
        title=f"Rekomendacja {index}",
        text="Zespół rekomenduje…",
        adopted_on=timezone.localdate(),
        meeting=meeting,
        consultation=ConsultationFactory(),
        priority=PriorityFactory(),
        competition=CompetitionFactory(),
    )
    return team


def test_the_page_lists_appointed_teams_with_members_meetings_and_recommendations(
    client, clerk
):
    team = _full_team(clerk)
    user, organisation = representative()
    proposed_team(user, organisation, name="Zespół jeszcze nie powołany")
    page = client.get(reverse("nonfinancial:team-list")).content.decode()
    assert "Zespół nr 0" in page
    assert "OR.0050.7.2026" in page
    assert "Anna Nowak" in page and "Wydział Spraw Społecznych" in page
    assert "Porządek obrad 0" in page and "Protokół 0" in page
    assert "Rekomendacja 0" in page
    item = team.recommendations.get()
    assert item.consultation.get_absolute_url() in page
    assert item.competition.get_absolute_url() in page
    assert "Zespół jeszcze nie powołany" not in page
    # The minutes uploaded are public, as the page is.
    link = re.search(r'href="([^"]*protokol-0[^"]*\.pdf)"', page).group(1)
    response = client.get(link)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_minutes_of_a_team_not_appointed_are_not_served(client, clerk):
    team = _full_team(clerk)
    meeting = team.meetings.get()
    JointTeam.objects.filter(pk=team.pk).update(status=JointTeam.Status.REFUSED)
    assert client.get(meeting.minutes_file.url).status_code == 404


@pytest.mark.parametrize("scale", [1, 6])
def test_the_team_page_queries_do_not_grow(
    client, clerk, scale, django_assert_num_queries
):
    for index in range(scale):
        _full_team(clerk, index)
    # 1 the teams with the organisations that proposed them, 2 their members with
    # organisations, 3 their meetings, 4 their recommendations with the
    # consultation, the priority and its programme, the competition and the meeting.
    with django_assert_num_queries(4):
        assert client.get(reverse("nonfinancial:team-list")).status_code == 200


# The organisation's form ------------------------------------------------------------------


def test_a_representative_proposes_a_team_on_the_portal(client, clerk):
    user, organisation = representative()
    client.force_login(user)
    url = reverse("nonfinancial:team-propose")
    page = client.get(url)
    assert page.status_code == 200
    assert page["Cache-Control"].startswith("private")
    response = client.post(
        url,
        {
            "organisation": organisation.pk,
            "name": "Zespół do spraw młodzieży",
            "purpose": "Propozycje zadań dla młodzieży.",
            "justification": "Brak oferty dla młodzieży w dzielnicach.",
        },
    )
    assert response.status_code == 302
    team = JointTeam.objects.get(name="Zespół do spraw młodzieży")
    assert (team.organisation, team.applicant, team.status) == (
        organisation,
        user,
        JointTeam.Status.PROPOSED,
    )
    assert trail(team) == [("", "proposed")]
    mine = client.get(reverse("nonfinancial:my-requests")).content.decode()
    assert "Zespół do spraw młodzieży" in mine
    # An empty justification is refused with the form kept.
    response = client.post(
        url,
        {
            "organisation": organisation.pk,
            "name": "Drugi",
            "purpose": "Cel.",
            "justification": "",
        },
    )
    assert response.status_code == 200
    assert JointTeam.objects.count() == 1


def test_only_a_representative_opens_the_team_form(client):
    url = reverse("nonfinancial:team-propose")
    assert client.get(url).status_code == 302
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403


# The desk and the admin -------------------------------------------------------------------


def test_the_desk_counts_proposals_meetings_without_minutes_and_ended_terms(clerk):
    from cooperation.nonfinancial.desk import desk_items

    def counts():
        items = desk_items(timezone.now())
        return {
            str(i.title): i.count for i in items if "zespoł" in str(i.title).lower()
        }

    user, organisation = representative()
    proposed_team(user, organisation)
    team = appointed(clerk)
    services.team_meeting_schedule(
        team=team, actor=clerk, held_at=at(-1, 16), place="MOK", agenda="1."
    )
    JointTeam.objects.filter(pk=team.pk).update(
        term_until=timezone.localdate() - timedelta(days=1)
    )
    assert counts() == {
        "Zaproponowane wspólne zespoły do powołania lub odmowy": 1,
        "Posiedzenia wspólnych zespołów bez protokołu": 1,
        "Wspólne zespoły po upływie kadencji do rozwiązania": 1,
    }
    services.team_dissolve(
        jointteam=team, actor=clerk, dissolved_on=timezone.localdate()
    )
    assert counts()["Wspólne zespoły po upływie kadencji do rozwiązania"] == 0
    meeting = team.meetings.get()
    services.team_meeting_minutes(meeting=meeting, actor=clerk, text="Protokół.")
    assert counts()["Posiedzenia wspólnych zespołów bez protokołu"] == 0


@pytest.fixture
def admin_client(client, clerk):
    from allauth.mfa.models import Authenticator

    from cooperation.core.signals import sync_clerk_permissions

    sync_clerk_permissions(sender=None)
    Authenticator.objects.get_or_create(
        user=clerk, type=Authenticator.Type.TOTP, defaults={"data": {}}
    )
    client.force_login(clerk)
    return client


def _management(page):
    return dict(
        re.findall(
            r'name="([^"]*-(?:TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS)"[^>]*value="(\d*)"',
            page,
        )
    )


def test_the_admin_proposes_a_team_adds_members_and_appoints_it(admin_client, clerk):
    url = reverse("admin:nonfinancial_jointteam_add")
    management = _management(admin_client.get(url).content.decode())
    prefix = next(k for k in management if k.endswith("TOTAL_FORMS")).split("-")[0]
    data = {
        "name": "Zespół do spraw kultury",
        "purpose": "Cel.",
        "justification": "Potrzeba.",
        **management,
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-0-name": "Ewa Zielińska",
        f"{prefix}-0-side": "municipality",
        f"{prefix}-0-affiliation": "Wydział Kultury",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    team = JointTeam.objects.get(name="Zespół do spraw kultury")
    assert trail(team) == [("", "proposed"), ("proposed", "member-added")]
    change = reverse("admin:nonfinancial_jointteam_change", args=[team.pk])
    page = admin_client.get(change).content.decode()
    assert (
        reverse("admin:nonfinancial_jointteam_transition", args=[team.pk, "appoint"])
        in page
    )
    step = reverse("admin:nonfinancial_jointteam_transition", args=[team.pk, "appoint"])
    today = timezone.localdate().isoformat()
    response = admin_client.post(
        step,
        {"ordinance_number": "OR.0050.9", "ordinance_date": today, "term_from": today},
    )
    # One side only: refused on the page, with the reason.
    assert response.status_code == 200
    assert "obu stron" in response.content.decode()
    _user, organisation = representative()
    services.team_member_add(
        team=team,
        actor=clerk,
        name="Jan Kowalski",
        side="organisations",
        organisation=organisation,
    )
    response = admin_client.post(
        step,
        {"ordinance_number": "OR.0050.9", "ordinance_date": today, "term_from": today},
    )
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.status == JointTeam.Status.APPOINTED


def test_the_admin_adds_a_meeting_with_minutes_through_the_services(
    admin_client, clerk
):
    team = appointed(clerk)
    url = reverse("admin:nonfinancial_teammeeting_add")
    held = timezone.localtime(at(-1, 16))
    response = admin_client.post(
        url,
        {
            "team": team.pk,
            "held_at_0": held.strftime("%Y-%m-%d"),
            "held_at_1": held.strftime("%H:%M"),
            "place": "MOK",
            "agenda": "1. Otwarcie.",
            "minutes_text": "",
            "minutes_file": SimpleUploadedFile("protokol.pdf", PDF),
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    meeting = TeamMeeting.objects.get(team=team)
    assert meeting.minutes_file
    assert [to for _from, to in trail(team)][-2:] == [
        "meeting-scheduled",
        "minutes-added",
    ]
    for page in (
        reverse("admin:nonfinancial_jointteam_changelist"),
        reverse("admin:nonfinancial_teammeeting_changelist"),
        reverse("admin:nonfinancial_teammeeting_change", args=[meeting.pk]),
        reverse("admin:nonfinancial_teamrecommendation_changelist"),
        reverse("admin:nonfinancial_teamrecommendation_add"),
    ):
        assert admin_client.get(page).status_code == 200


def test_the_admin_refuses_minutes_of_another_type(admin_client, clerk):
    team = appointed(clerk)
    meeting = services.team_meeting_schedule(
        team=team, actor=clerk, held_at=at(-1, 16), place="MOK", agenda="1."
    )
    url = reverse("admin:nonfinancial_teammeeting_change", args=[meeting.pk])
    response = admin_client.post(
        url,
        {
            "place": "MOK",
            "agenda": "1.",
            "minutes_text": "",
            "minutes_file": SimpleUploadedFile(
                "protokol.pdf", b"<html><script>alert(1)</script></html>"
            ),
        },
    )
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert not meeting.minutes_file
    assert TeamRecommendation.objects.count() == 0


def test_the_demo_has_a_team_with_a_meeting_and_a_recommendation(settings):
    import io

    from django.core.management import call_command

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("seed_demo", stdout=io.StringIO())
    team = JointTeam.objects.get(status=JointTeam.Status.APPOINTED)
    assert team.organisation is not None
    assert set(team.members.values_list("side", flat=True)) == {
        "organisations",
        "municipality",
    }
    meeting = team.meetings.get()
    assert meeting.has_minutes
    assert team.recommendations.get().meeting == meeting
    # Made through the services: every step is in the team's audit trail.
    assert [to for _from, to in trail(team)] == [
        "proposed",
        "member-added",
        "member-added",
        "appointed",
        "meeting-scheduled",
        "minutes-added",
        "recommendation",
    ]


def test_the_proposer_s_data_are_exported_and_erased_with_the_team_kept(clerk):
    from cooperation.nonfinancial import personal_data

    user, organisation = representative()
    team = proposed_team(user, organisation)
    exported = personal_data.export(user)
    assert exported["jointteam"] == [
        {
            "request": team.name,
            "organisation": organisation.name,
            "status": "proposed",
            "created_at": team.created_at.isoformat(),
        }
    ]
    personal_data.erase(user)
    team.refresh_from_db()
    assert team.applicant is None
    assert personal_data.export(user)["jointteam"] == []


def test_a_member_removed_in_the_admin_is_audited(admin_client, clerk):
    user, organisation = representative()
    team = proposed_team(user, organisation)
    url = reverse("admin:nonfinancial_jointteam_change", args=[team.pk])
    page = admin_client.get(url).content.decode()
    management = _management(page)
    prefix = next(k for k in management if k.endswith("TOTAL_FORMS")).split("-")[0]
    members = list(team.members.order_by("side", "name", "pk"))
    data = {
        "name": team.name,
        "purpose": team.purpose,
        "justification": team.justification,
        **management,
        f"{prefix}-TOTAL_FORMS": str(len(members)),
    }
    for index, member in enumerate(members):
        data.update(
            {
                f"{prefix}-{index}-id": member.pk,
                f"{prefix}-{index}-team": team.pk,
                f"{prefix}-{index}-name": member.name,
                f"{prefix}-{index}-side": member.side,
                f"{prefix}-{index}-organisation": member.organisation_id or "",
                f"{prefix}-{index}-affiliation": member.affiliation,
                f"{prefix}-{index}-role": member.role,
            }
        )
    gone = next(m for m in members if m.side == TeamMember.Side.MUNICIPALITY)
    data[f"{prefix}-{members.index(gone)}-DELETE"] = "on"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert not TeamMember.objects.filter(pk=gone.pk).exists()
    assert trail(team)[-1] == ("proposed", "member-removed")
