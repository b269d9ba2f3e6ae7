"""The consultations' back office: translated columns, one decision filter."""

import re

import pytest
from django.utils import translation

from consultations.models import Comment
from tests.consultations.factories import CommentFactory, ConsultationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk_with_2fa(clerk):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.get_or_create(
        user=clerk, type=Authenticator.Type.TOTP, defaults={"data": {}}
    )
    return clerk


def test_comment_is_called_uwaga_not_komentarz():
    with translation.override("pl"):
        assert str(Comment._meta.verbose_name) == "uwaga"
        assert str(Comment._meta.verbose_name_plural) == "uwagi"


def test_comment_changelist_has_translated_columns_and_one_decision_filter(
    client, clerk_with_2fa
):
    consultation = ConsultationFactory(published=True)
    CommentFactory(consultation=consultation, decision="")
    CommentFactory(consultation=consultation, decision="accepted")
    client.force_login(clerk_with_2fa)
    with translation.override("pl"):
        page = client.get(
            "/admin/consultations/comment/", headers={"accept-language": "pl"}
        ).content.decode()
    assert "public author" not in page.lower()
    assert "column-author_column" in page and ">Autor<" in page
    assert "komentarz" not in page.lower()
    titles = re.findall(r'data-filter-title="([^"]+)"', page)
    assert len(titles) == len(set(titles)), titles
    assert titles.count("stanowisko") == 1


def test_decision_filter_shows_awaiting_and_each_outcome(client, clerk_with_2fa):
    consultation = ConsultationFactory(published=True)
    waiting = CommentFactory(consultation=consultation, decision="")
    accepted = CommentFactory(consultation=consultation, decision="accepted")
    client.force_login(clerk_with_2fa)
    url = "/admin/consultations/comment/"
    shown = client.get(url + "?decision=none").context["cl"].result_list
    assert list(shown) == [waiting]
    shown = client.get(url + "?decision=accepted").context["cl"].result_list
    assert list(shown) == [accepted]


def test_the_responsible_clerk_is_chosen_among_clerks_only(client, clerk_with_2fa):
    from tests.cooperation.factories import UserFactory

    UserFactory(
        email="mieszkanka@example.org", first_name="Ewa", last_name="Mieszkanka"
    )
    client.force_login(clerk_with_2fa)
    page = client.get("/admin/consultations/consultation/add/").content.decode()
    select = re.search(r'<select name="responsible".*?</select>', page, re.S).group(0)
    assert f'value="{clerk_with_2fa.pk}"' in select
    assert "Mieszkanka" not in select
