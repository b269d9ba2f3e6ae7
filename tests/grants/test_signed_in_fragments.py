"""The signed-in pages of offers and committees read again from their kept fragments:
fewer queries, and every change they show seen at once."""

from decimal import Decimal

import pytest
from django.urls import reverse

from grants import services
from grants.models import Score
from grants.services import offers as offer_services
from tests.conftest import redis_commands
from tests.grants.factories import complete_offer
from tests.grants.worlds import freeze


def test_a_step_read_again_costs_no_query_and_shows_a_save_at_once(
    world, client, django_assert_num_queries
):
    offer = world.g.draft_a
    client.force_login(world.member_a)
    url = reverse("grants:offer-step", args=[offer.pk, 1])
    client.get(url)
    # The offer's title, state and version are kept until an offer changes; the form
    # comes from the fragment.
    with django_assert_num_queries(0):
        page = client.get(url).content.decode()
    assert 'value="Stowarzyszenie Nowa Nazwa"' not in page
    offer_services.offer_save(
        offer=offer,
        actor=world.member_a,
        version=offer.version,
        fields={"offeror_name": "Stowarzyszenie Nowa Nazwa"},
    )
    page = client.get(url).content.decode()
    assert 'value="Stowarzyszenie Nowa Nazwa"' in page
    # The version the editor loads is the saved one, so its next save is not stale.
    offer.refresh_from_db()
    assert f'name="version" value="{offer.version}"' in page


def test_a_step_with_its_rows_shows_a_saved_row_at_once(world, client):
    offer = world.g.draft_a
    client.force_login(world.member_a)
    url = reverse("grants:offer-step", args=[offer.pk, 3])
    assert "Warsztaty dla seniorów" not in client.get(url).content.decode()
    offer_services.offer_save(
        offer=offer,
        actor=world.member_a,
        version=offer.version,
        actions=[
            {
                "name": "Warsztaty dla seniorów",
                "start": offer.start_date,
                "end": offer.end_date,
            }
        ],
    )
    assert "Warsztaty dla seniorów" in client.get(url).content.decode()


def test_a_step_kept_for_one_editor_is_no_form_for_someone_without_rights(
    world, client
):
    offer = world.g.draft_a
    url = reverse("grants:offer-step", args=[offer.pk, 1])
    client.force_login(world.member_a)
    assert client.get(url).status_code == 200
    client.force_login(world.member_b)
    assert client.get(url).status_code == 403


def test_committee_tables_read_again_cost_no_query_for_one_or_many_offers(
    world, client, django_assert_num_queries
):
    competition = world.g.review_c
    client.force_login(world.committee)
    url = reverse("grants:committee", args=[competition.pk])
    client.get(url)
    # The competition, the member's seat and the tables are kept.
    with django_assert_num_queries(0):
        client.get(url)
    for n in range(8):
        freeze(
            complete_offer(competition=competition),
            status="formally_accepted",
            sequence=10 + n,
        )
    page = client.get(url).content.decode()
    assert page.count(">oceń</a>") == 9
    with django_assert_num_queries(0):
        client.get(url)


def test_a_score_is_shown_on_the_committee_page_and_the_scoring_form_at_once(
    world, client
):
    competition = world.g.review_c
    offer = world.g.scorable
    member = competition.committee.get(user=world.committee)
    client.force_login(world.committee)
    home = reverse("grants:committee", args=[competition.pk])
    scoring = reverse("grants:offer-scoring", args=[offer.pk])
    assert "oceniono — zmień" not in client.get(home).content.decode()
    client.get(scoring)
    criterion = competition.criteria.first()
    services.offer_score(
        member=member,
        offer=offer,
        actor=world.committee,
        scores={
            c.pk: (Decimal("1"), "Uzasadnienie oceny.")
            for c in competition.criteria.all()
        },
    )
    assert Score.objects.filter(member=member, offer=offer).exists()
    form = client.get(scoring).context["form"]
    assert Decimal(str(form[f"points_{criterion.pk}"].value())) == Decimal("1")
    page = client.get(home).content.decode()
    assert "oceniono — zmień" in page


@pytest.mark.parametrize(
    ("screen", "trips"), [("offer step", 4), ("committee", 3), ("scoring", 4)]
)
def test_a_signed_in_page_reads_the_cache_in_few_round_trips(
    world, client, screen, trips
):
    """The session; the person's records, roles and unread count; then the offer's
    kept head and, together, the step's head and fields; or, together, the
    competition, the member's seat and tables; or the offer's head and, together,
    the seat, the scoring form and the offer's text."""
    if screen == "offer step":
        client.force_login(world.member_a)
        url = reverse("grants:offer-step", args=[world.g.draft_a.pk, 1])
    elif screen == "committee":
        client.force_login(world.committee)
        url = reverse("grants:committee", args=[world.g.review_c.pk])
    else:
        client.force_login(world.committee)
        url = reverse("grants:offer-scoring", args=[world.g.scorable.pk])
    client.get(url)
    client.get(url)
    with redis_commands() as commands:
        client.get(url)
    assert len(commands) <= trips, commands


def test_a_step_kept_under_the_old_version_is_not_shown_after_a_save_elsewhere(
    world, client
):
    """The kept head of the offer follows every save: the version a second editor
    loads is the current one, so their save is not refused as stale."""
    offer = world.g.draft_a
    client.force_login(world.member_a)
    url = reverse("grants:offer-step", args=[offer.pk, 1])
    client.get(url)
    for n in range(2):
        offer.refresh_from_db()
        offer_services.offer_save(
            offer=offer,
            actor=world.member_a,
            version=offer.version,
            fields={"offeror_name": f"Stowarzyszenie {n}"},
        )
    offer.refresh_from_db()
    page = client.get(url).content.decode()
    assert f'name="version" value="{offer.version}"' in page


def test_the_scoring_page_read_again_reads_only_the_kept_parts(
    world, client, django_assert_num_queries
):
    offer = world.g.scorable
    client.force_login(world.committee)
    url = reverse("grants:offer-scoring", args=[offer.pk])
    first = client.get(url).content.decode()
    with django_assert_num_queries(0):
        again = client.get(url).content.decode()
    assert offer.title in again
    assert first.count('name="points_') == again.count('name="points_') > 0


def test_a_conflict_declared_closes_the_scoring_page_at_once(world, client):
    offer = world.g.scorable
    member = world.g.review_c.committee.get(user=world.committee)
    client.force_login(world.committee)
    url = reverse("grants:offer-scoring", args=[offer.pk])
    assert client.get(url).status_code == 200
    from grants.models import Conflict

    Conflict.objects.create(member=member, offer=offer, reason="członek rodziny")
    assert client.get(url).status_code == 403
