"""Following spheres, competitions, consultations and working groups."""

import pytest
from django.test import Client
from django.urls import reverse

from cooperation.accounts.services import account_export, account_set_notifications
from cooperation.core.following import is_following, subscription_follow
from cooperation.core.models import Notification, Subscription
from cooperation.core.notifications import render_email
from tests.cooperation.factories import UserFactory

pytestmark = pytest.mark.django_db


def _follow_url(kind: str, pk: int) -> str:
    return reverse("account-follow", kwargs={"kind": kind, "pk": pk})


def _told(kind: str) -> set[int]:
    return set(
        Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True)
    )


def test_a_person_follows_and_stops_following_a_competition_from_its_page(client):
    from tests.grants.factories import CompetitionFactory

    competition = CompetitionFactory(announced=True)
    me = UserFactory()
    client.force_login(me)
    page = competition.get_absolute_url()
    html = client.get(page).content.decode()
    assert html.count('action="' + _follow_url("konkurs", competition.pk)) == 1
    assert "Obserwuj" in html and "Przestań obserwować" not in html
    # The sphere of the competition can be followed from the same page.
    sphere = competition.priority.sphere
    assert _follow_url("sfera", sphere.pk) in html

    response = client.post(
        _follow_url("konkurs", competition.pk), {"action": "follow", "next": page}
    )
    assert response.status_code == 302 and response["Location"] == page
    assert is_following(me, competition)
    html = client.get(page).content.decode()
    assert "Przestań obserwować" in html
    assert "Obserwujesz to teraz" in html
    # Following again changes nothing.
    client.post(_follow_url("konkurs", competition.pk), {"action": "follow"})
    assert Subscription.objects.filter(user=me).count() == 1

    client.post(
        _follow_url("konkurs", competition.pk), {"action": "unfollow", "next": page}
    )
    assert not is_following(me, competition)


def test_the_button_is_personal_although_the_page_keeps_fragments(client):
    """The competition and consultation pages keep parts in a shared cache: one
    person's "Stop following" must not reach another."""
    from tests.consultations.factories import ConsultationFactory
    from tests.grants.factories import CompetitionFactory

    competition = CompetitionFactory(announced=True, results_published_at=None)
    consultation = ConsultationFactory(published=True, with_text=True)
    follower, other = UserFactory(), UserFactory()
    subscription_follow(user=follower, slug="konkurs", pk=competition.pk)
    subscription_follow(user=follower, slug="konsultacja", pk=consultation.pk)
    for url in (competition.get_absolute_url(), consultation.get_absolute_url()):
        client.force_login(follower)
        assert "Przestań obserwować" in client.get(url).content.decode()
        client.force_login(other)
        html = client.get(url).content.decode()
        assert "Przestań obserwować" not in html and "Obserwuj" in html
        client.logout()
        html = Client().get(url).content.decode()
        assert "portal-follow" not in html


def test_following_needs_a_post_with_the_csrf_token_and_an_account():
    from tests.workshops.factories import WorkingGroupFactory

    group = WorkingGroupFactory()
    url = _follow_url("grupa", group.pk)
    anonymous = Client()
    response = anonymous.post(url, {"action": "follow"})
    assert response.status_code == 302 and "/konto/login/" in response["Location"]
    me = UserFactory()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(me)
    assert strict.get(url).status_code == 405
    assert strict.post(url, {"action": "follow"}).status_code == 403
    assert not Subscription.objects.exists()
    # With the token from the group's page it works.
    page = strict.get(group.get_absolute_url())
    token = page.cookies["csrftoken"].value
    assert (
        strict.post(url, {"action": "follow", "csrfmiddlewaretoken": token}).status_code
        == 302
    )
    assert is_following(me, group)


def test_a_draft_or_an_unknown_kind_cannot_be_followed(client):
    from tests.grants.factories import CompetitionFactory

    draft = CompetitionFactory()
    me = UserFactory()
    client.force_login(me)
    response = client.post(
        _follow_url("konkurs", draft.pk), {"action": "follow"}, follow=True
    )
    assert "Ta strona nie jest publiczna." in response.content.decode()
    response = client.post(_follow_url("oferta", 1), {"action": "follow"}, follow=True)
    assert "Tego nie można obserwować." in response.content.decode()
    assert not Subscription.objects.exists()


def test_followers_of_a_sphere_hear_of_a_new_competition_once(
    clerk, django_capture_on_commit_callbacks, mailoutbox
):
    from grants import services
    from tests.grants.factories import CompetitionFactory
    from tests.ngos.factories import MembershipFactory, OrganisationFactory

    competition = CompetitionFactory(title="Lato w Radlinie")
    sphere = competition.priority.sphere
    organisation = OrganisationFactory()
    organisation.spheres.add(sphere)
    representative = MembershipFactory(organisation=organisation).user
    resident, bystander = UserFactory(email="obserwator@example.org"), UserFactory()
    for person in (resident, representative):
        subscription_follow(user=person, slug="sfera", pk=sphere.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.competition_publish(competition=competition, actor=clerk)
    assert _told("grants.followed_competition") == {resident.pk}
    # The representative is told by the announcement itself, not twice.
    assert _told("grants.competition_announced") == {representative.pk}
    assert bystander.pk not in _told("grants.followed_competition")
    mail = [m for m in mailoutbox if m.to == [resident.email]]
    assert len(mail) == 1
    assert "Lato w Radlinie" in mail[0].subject
    assert "/konto/powiadomienia/" in mail[0].body


def test_followers_of_a_competition_hear_of_its_results(clerk):
    from grants import services
    from tests.grants.factories import CompetitionFactory

    competition = CompetitionFactory(status="decision")
    follower = UserFactory()
    subscription_follow(user=follower, slug="konkurs", pk=competition.pk)
    services.competition_publish_results(competition=competition, actor=clerk)
    notification = Notification.objects.get(kind="grants.followed_results")
    assert notification.recipient == follower
    assert competition.title in render_email(notification).body


def test_followers_hear_of_consultations_and_their_reports(clerk):
    from consultations import services
    from tests.consultations.factories import ConsultationFactory
    from tests.ngos.factories import SphereFactory

    sphere = SphereFactory()
    consultation = ConsultationFactory(with_text=True, invite_all_ngos=False)
    consultation.invited_spheres.add(sphere)
    of_sphere = UserFactory()
    subscription_follow(user=of_sphere, slug="sfera", pk=sphere.pk)
    services.consultation_publish(consultation=consultation, actor=clerk)
    assert _told("consultations.followed_announced") == {of_sphere.pk}

    ended = ConsultationFactory(ended=True, with_text=True)
    of_consultation = UserFactory()
    subscription_follow(user=of_consultation, slug="konsultacja", pk=ended.pk)
    services.consultation_publish_report(consultation=ended, actor=clerk)
    assert _told("consultations.followed_report") == {of_consultation.pk}


def test_followers_of_a_working_group_hear_of_meetings_and_recommendations(clerk):
    from tests.workshops.factories import (
        EventFactory,
        RecommendationFactory,
        WorkingGroupFactory,
    )
    from workshops import services

    group = WorkingGroupFactory(name="Grupa ds. seniorów")
    follower, quitter = UserFactory(), UserFactory()
    subscription_follow(user=follower, slug="grupa", pk=group.pk)
    subscription_follow(user=quitter, slug="grupa", pk=group.pk)
    Subscription.objects.filter(user=quitter).delete()
    meeting = EventFactory(draft=True, working_group=group, kind="group_meeting")
    services.event_publish(event=meeting, actor=clerk)
    # An event of no group tells nobody.
    services.event_publish(event=EventFactory(draft=True), actor=clerk)
    assert _told("workshops.followed_meeting") == {follower.pk}
    mail = render_email(Notification.objects.get(kind="workshops.followed_meeting"))
    assert "Grupa ds. seniorów" in mail.subject

    recommendation = RecommendationFactory(group=group)
    services.recommendation_submit(recommendation=recommendation, actor=clerk)
    assert _told("workshops.followed_recommendation") == {follower.pk}


def test_a_follower_with_a_digest_finds_the_news_in_the_inbox_and_the_digest(clerk):
    from grants import services
    from tests.grants.factories import CompetitionFactory

    competition = CompetitionFactory()
    follower = UserFactory()
    account_set_notifications(
        user=follower, wanted={"grants.followed_competition": "weekly"}
    )
    subscription_follow(user=follower, slug="sfera", pk=competition.priority.sphere_id)
    services.competition_publish(competition=competition, actor=clerk)
    notification = Notification.objects.get(kind="grants.followed_competition")
    assert (notification.status, notification.digest_period) == ("deferred", "week")


def test_the_data_download_and_deletion_cover_settings_and_follows(client):
    from tests.workshops.factories import WorkingGroupFactory

    group = WorkingGroupFactory(name="Grupa integracji")
    me = UserFactory()
    account_set_notifications(user=me, wanted={"workshops.followed_meeting": "daily"})
    subscription_follow(user=me, slug="grupa", pk=group.pk)
    data = account_export(user=me)["account"]
    assert {"kind": "workshops.followed_meeting", "delivery": "daily"}.items() <= (
        data["notification_settings"][0].items()
    )
    assert data["following"][0]["object"] == "Grupa integracji"
    assert data["following"][0]["url"] == group.get_absolute_url()

    from cooperation.accounts.services import account_delete

    account_delete(user=me, password="haslo-testowe-123")
    assert not Subscription.objects.exists()
