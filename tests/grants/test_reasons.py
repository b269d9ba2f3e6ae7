"""Anyone's demand for the reasons for choosing or rejecting an offer (art. 15 ust. 2j)."""

from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from cooperation.core.exceptions import DomainError, PermissionDeniedError
from cooperation.core.models import Notification
from cooperation.core.notifications import render_email
from cooperation.core.workflow import history
from grants import reminders, services
from grants.models import ReasonsRequest

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def _ask(world, **extra):
    g = world.g
    return services.reasons_request_create(
        **{
            "competition": g.published_c,
            "offer": g.published_offer,
            "actor": world.resident,
            "name": "Jan Mieszkaniec",
            "email": "jan@example.org",
            "question": "Dlaczego ta kwota?",
        }
        | extra
    )


def test_answer_days_default_to_30_and_are_documented():
    assert settings.PORTAL_RULES["REASONS_ANSWER_DAYS"] == 30
    readme = (ROOT / "README.md").read_text()
    env_example = (ROOT / ".env.example").read_text()
    assert "| `REASONS_ANSWER_DAYS` | `30` |" in readme
    assert "REASONS_ANSWER_DAYS=30" in env_example.splitlines()


def test_request_gets_an_answer_deadline_and_an_audit_record(world, settings):
    settings.PORTAL_RULES = settings.PORTAL_RULES | {"REASONS_ANSWER_DAYS": 14}
    request = _ask(world)
    assert request.answer_due == timezone.localdate() + timedelta(days=14)
    assert request.status == "asked"
    assert [c.to_status for c in history(request)] == ["asked"]


def test_request_needs_a_log_in_the_results_and_the_30_days(world):
    g = world.g
    anonymous = type("Anonymous", (), {"is_authenticated": False})()
    with pytest.raises(PermissionDeniedError):
        _ask(world, actor=anonymous)
    with pytest.raises(DomainError) as refused:
        _ask(world, competition=g.decided_c, offer=g.decided_offer)
    assert refused.value.code == "state"
    with pytest.raises(DomainError) as refused:
        _ask(world, offer=g.decided_offer)
    assert refused.value.field == "offer"
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        with pytest.raises(DomainError, match="2j") as refused:
            _ask(world)
    assert refused.value.code == "late"


def test_answer_is_kept_audited_and_sent_to_the_requester(
    world, django_capture_on_commit_callbacks
):
    request = _ask(world)
    with pytest.raises(DomainError):
        services.reasons_request_answer(
            reasonsrequest=request, actor=world.clerk, answer=" "
        )
    with pytest.raises(PermissionDeniedError):
        services.reasons_request_answer(
            reasonsrequest=request, actor=world.resident, answer="Bo tak"
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.reasons_request_answer(
            reasonsrequest=request,
            actor=world.clerk,
            answer="Oferta uzyskała najwięcej punktów.",
        )
    request.refresh_from_db()
    assert request.status == "answered"
    assert request.answer == "Oferta uzyskała najwięcej punktów."
    assert request.question == "Dlaczego ta kwota?"
    assert request.answered_by == world.clerk
    assert [c.to_status for c in history(request)] == ["asked", "answered"]
    sent = Notification.objects.get(kind="grants.reasons_answered")
    assert sent.recipient == world.resident
    body = render_email(sent).body
    assert "Oferta uzyskała najwięcej punktów." in body
    assert "Dlaczego ta kwota?" in body


def test_clerks_are_reminded_before_the_answer_is_due(world):
    request = _ask(world)
    lead = settings.PORTAL_RULES["REASONS_REMINDER_DAYS"]
    early = timezone.now() + timedelta(
        days=settings.PORTAL_RULES["REASONS_ANSWER_DAYS"] - lead - 1
    )
    assert reminders.reasons_answer_reminders(early) == []
    due_soon = early + timedelta(days=1)
    messages = reminders.reasons_answer_reminders(due_soon)
    assert world.clerk.pk in {m.recipient_id for m in messages}
    assert world.resident.pk not in {m.recipient_id for m in messages}
    assert {m.object_id for m in messages} == {request.pk}
    services.reasons_request_answer(
        reasonsrequest=request, actor=world.clerk, answer="Odpowiedź"
    )
    assert reminders.reasons_answer_reminders(due_soon) == []


def test_request_page_asks_for_a_log_in_first(world, client):
    url = reverse("grants:reasons-request", args=[world.g.published_c.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert "next=" in response.url and str(world.g.published_c.pk) in response.url


def test_request_page_records_the_question(world, client):
    g = world.g
    client.force_login(world.resident)
    url = reverse("grants:reasons-request", args=[g.published_c.pk])
    page = client.get(url).content.decode()
    assert g.published_offer.number in page
    response = client.post(
        url,
        {
            "offer": g.published_offer.pk,
            "name": "Jan Mieszkaniec",
            "email": "jan@example.org",
            "question": "Jakie były oceny?",
        },
    )
    assert response.status_code == 302
    request = ReasonsRequest.objects.get()
    assert (request.requester, request.question) == (
        world.resident,
        "Jakie były oceny?",
    )


def test_request_page_refuses_an_overlong_question_and_keeps_it(
    world, client, settings
):
    settings.COMMENT_MAX_LENGTH = 50
    g = world.g
    client.force_login(world.resident)
    question = "Pytanie " * 20
    response = client.post(
        reverse("grants:reasons-request", args=[g.published_c.pk]),
        {
            "offer": g.published_offer.pk,
            "name": "Jan",
            "email": "jan@example.org",
            "question": question,
        },
    )
    assert response.status_code == 400
    assert question.strip() in response.content.decode()
    assert not ReasonsRequest.objects.exists()


def test_request_page_is_rate_limited(world, client, settings):
    settings.RATE_LIMITS = settings.RATE_LIMITS | {"comment": "2/10m"}
    g = world.g
    client.force_login(world.resident)
    url = reverse("grants:reasons-request", args=[g.published_c.pk])
    data = {
        "offer": g.published_offer.pk,
        "name": "Jan",
        "email": "jan@example.org",
        "question": "Dlaczego?",
    }
    assert [client.post(url, data).status_code for _ in range(3)] == [302, 302, 429]
    assert ReasonsRequest.objects.count() == 2


def test_results_page_lists_the_decision_ordinance_and_links_the_request(world, client):
    from grants.models import Competition

    g = world.g
    Competition.objects.filter(pk=g.published_c.pk).update(
        decision_ordinance_number="0050.44.2026",
        decision_ordinance_date=timezone.localdate(),
    )
    page = client.get(g.published_c.get_absolute_url()).content.decode()
    assert "0050.44.2026" in page
    assert g.published_offer.organisation.name in page
    assert g.published_offer.title in page
    assert "543,21" in page
    assert reverse("grants:reasons-request", args=[g.published_c.pk]) in page


def test_a_persons_requests_are_in_their_data_download(world):
    from grants import personal_data

    _ask(world)
    data = personal_data.export(world.resident)
    assert [r["question"] for r in data["reasons_requests"]] == ["Dlaczego ta kwota?"]


def test_results_pdf_names_the_decision_ordinance(world):
    from django.utils import translation

    from grants import documents
    from grants.models import Competition
    from tests.conftest import assert_pdf_ua, pdf_text

    g = world.g
    Competition.objects.filter(pk=g.published_c.pk).update(
        decision_ordinance_number="0050.44.2026",
        decision_ordinance_date=timezone.localdate(),
    )
    g.published_c.refresh_from_db()
    with translation.override("pl"):
        path = documents.results(g.published_c).file.path
        text = " ".join(pdf_text(path).split())
    assert_pdf_ua(path)
    assert "zarządzeniem burmistrza nr 0050.44.2026" in text
    assert g.published_offer.organisation.name in text
