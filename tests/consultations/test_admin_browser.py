"""The comments' bulk answer in Chromium: keyboard only, axe-core on each page."""

import os

import pytest

from consultations.models import Comment
from tests.a11y import assert_accessible, tab_to
from tests.consultations.factories import CommentFactory, ConsultationFactory
from tests.cooperation.factories import UserFactory

# Playwright's sync API runs an event loop in the test thread (one thread per test).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _logged_in_clerk(page, live_server):
    from django.conf import settings
    from django.test import Client

    clerk = UserFactory(email="urzednik-uwagi@example.org", clerk=True)
    client = Client()
    client.force_login(clerk)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return clerk


def test_several_comments_answered_at_once_with_the_keyboard(page, live_server):
    consultation = ConsultationFactory(published=True, ended=True)
    comments = CommentFactory.create_batch(2, consultation=consultation, decision="")
    _logged_in_clerk(page, live_server)
    page.goto(f"{live_server.url}/admin/consultations/comment/")
    assert_accessible(page)
    for comment in comments:
        tab_to(page, f'input[name="_selected_action"][value="{comment.pk}"]', limit=200)
        page.keyboard.press("Space")
    tab_to(page, 'select[name="action"]', limit=200)
    for _ in range(5):
        if page.locator('select[name="action"]').input_value() == "answer_selected":
            break
        page.keyboard.press("ArrowDown")
    assert page.locator('select[name="action"]').input_value() == "answer_selected"
    tab_to(page, 'button[name="index"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)
    tab_to(page, "#id_decision", limit=200)
    for _ in range(6):
        if page.locator("#id_decision").input_value() == "partly":
            break
        page.keyboard.press("ArrowDown")
    tab_to(page, "#id_justification")
    page.keyboard.type("Uwzględniono w części dotyczącej terminów.")
    tab_to(page, "input[type=submit].default")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)
    decided = Comment.objects.filter(pk__in=[c.pk for c in comments])
    assert {c.decision for c in decided} == {"partly"}
    assert {c.decision_justification for c in decided} == {
        "Uwzględniono w części dotyczącej terminów."
    }
