"""Every message the portal sends a person waits in their inbox on the portal too."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cooperation.core.models import Notification
from cooperation.core.notifications import notify, unread_count
from tests.consultations.factories import ConsultationFactory
from tests.cooperation.factories import UserFactory

pytestmark = pytest.mark.django_db

INBOX = "/konto/wiadomosci/"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def _message(person, n, subject="Zebranie grupy roboczej"):
    return notify(
        person,
        "cooperation.message",
        occasion=f"test:{n}",
        context={"subject": subject},
    )


def test_a_message_waits_unread_with_its_subject_and_a_count_in_the_header(client):
    person = UserFactory()
    _message(person, 1)
    client.force_login(person)
    html = client.get(INBOX).content.decode()
    assert "Zebranie grupy roboczej" in html
    assert "Nieprzeczytana" in html
    header = client.get("/").content.decode()
    assert '<span class="badge text-bg-warning">1</span>' in header
    assert "nieprzeczytana wiadomość" in header


def test_opening_a_message_marks_it_read_and_leads_to_what_it_is_about(client):
    person = UserFactory()
    consultation = ConsultationFactory(published=True)
    notification = notify(
        person, "consultations.announced", occasion="c:1", obj=consultation
    )
    client.force_login(person)
    assert consultation.get_absolute_url() in client.get(INBOX).content.decode()
    assert unread_count(person) == 1
    response = client.post(
        f"{INBOX}{notification.pk}/otworz/", {"next": consultation.get_absolute_url()}
    )
    assert response.status_code == 302
    assert response["Location"] == consultation.get_absolute_url()
    notification.refresh_from_db()
    assert notification.read_at is not None
    # The count follows at once, though it is kept in the cache.
    assert unread_count(person) == 0
    assert "badge text-bg-warning" not in client.get("/").content.decode()


def test_a_message_leads_nowhere_outside_the_portal(client):
    person = UserFactory()
    notification = _message(person, 1)
    client.force_login(person)
    response = client.post(
        f"{INBOX}{notification.pk}/otworz/", {"next": "https://example.com/"}
    )
    assert response["Location"] == INBOX


def test_another_persons_message_cannot_be_opened(client):
    notification = _message(UserFactory(), 1)
    client.force_login(UserFactory())
    response = client.post(f"{INBOX}{notification.pk}/otworz/")
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_every_message_can_be_marked_read_at_once(client):
    person = UserFactory()
    for n in range(3):
        _message(person, n)
    client.force_login(person)
    assert unread_count(person) == 3
    client.post(f"{INBOX}przeczytane/")
    assert not Notification.objects.filter(recipient=person, read_at=None).exists()
    assert unread_count(person) == 0


@pytest.mark.parametrize("count", [3, 30])
def test_the_inbox_reads_a_constant_number_of_queries(client, count):
    person = UserFactory()
    consultations = [ConsultationFactory(published=True) for _ in range(2)]
    for n in range(count):
        notify(
            person,
            "consultations.announced",
            occasion=f"c:{n}",
            obj=consultations[n % 2],
        )
    client.force_login(person)
    client.get("/")
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        assert client.get(INBOX).status_code == 200
    # The person, their groups, the page's count, the page of messages, the unread
    # count, and the consultations they are about (the session is read from its copy).
    assert len(cold) == 6
    with CaptureQueriesContext(connection) as warm:
        assert client.get(INBOX).status_code == 200
    # The subjects and links come from the cache.
    assert len(warm) == 2
