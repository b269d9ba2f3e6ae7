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


def _answer(client, comments, **data):
    return client.post(
        "/admin/consultations/comment/",
        {
            "action": "answer_selected",
            "_selected_action": [c.pk for c in comments],
            **data,
        },
    )


def test_several_comments_get_one_position_and_justification(client, clerk_with_2fa):
    from django.contrib.contenttypes.models import ContentType

    from cooperation.core.models import StatusChange

    consultation = ConsultationFactory(published=True, ended=True)
    chosen = CommentFactory.create_batch(3, consultation=consultation, decision="")
    other = CommentFactory(consultation=consultation, decision="")
    client.force_login(clerk_with_2fa)
    with translation.override("pl"):
        # The intermediate page lists the comments with their unit, author, channel.
        page = _answer(client, chosen).content.decode()
        assert "Jedno stanowisko wobec zaznaczonych uwag" in page
        for comment in chosen:
            assert comment.public_author in page
        assert "ten portal" in page
        # A rejection needs its justification: nothing is recorded without it.
        page = _answer(client, chosen, apply="1", decision="rejected").content.decode()
        assert "Uzasadnij stanowisko, które nie uwzględnia uwagi w całości." in page
        assert not Comment.objects.exclude(decision="").exists()
        response = _answer(
            client,
            chosen,
            apply="1",
            decision="rejected",
            justification="Wykracza poza zakres projektu.",
        )
        assert response.status_code == 302
        shown = client.get(response["Location"]).content.decode()
    assert "zapisano dla: 3 uwagi" in shown
    for comment in chosen:
        comment.refresh_from_db()
        assert comment.decision == "rejected"
        assert comment.decision_justification == "Wykracza poza zakres projektu."
        assert comment.decided_by == clerk_with_2fa
    other.refresh_from_db()
    assert other.decision == ""
    trail = StatusChange.objects.filter(
        content_type=ContentType.objects.get_for_model(Comment),
        object_id__in=[c.pk for c in chosen],
        to_status="decision:rejected",
    )
    assert trail.count() == 3


def test_a_refused_comment_leaves_every_selected_one_unchanged(client, clerk_with_2fa):
    """Before the consultation ends no decision is recorded, for any of them."""
    open_one = ConsultationFactory(published=True)
    ended = ConsultationFactory(published=True, ended=True)
    comments = [
        CommentFactory(consultation=ended, decision=""),
        CommentFactory(consultation=open_one, decision=""),
    ]
    client.force_login(clerk_with_2fa)
    with translation.override("pl"):
        page = _answer(client, comments, apply="1", decision="accepted")
    assert page.status_code == 200
    assert "po zakończeniu konsultacji" in page.content.decode()
    assert not Comment.objects.exclude(decision="").exists()


def test_the_comment_list_shows_the_unit_the_author_and_the_channel(
    client, clerk_with_2fa
):
    CommentFactory(consultation=ConsultationFactory(published=True))
    client.force_login(clerk_with_2fa)
    page = client.get("/admin/consultations/comment/").content.decode()
    for column in ("column-unit", "column-author_column", "column-channel"):
        assert column in page
    assert 'value="answer_selected"' in page
