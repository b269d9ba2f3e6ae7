from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from grants import documents, services
from grants.models import CommitteeMember, Competition, CoOfferor, Offer
from grants.services import offers as offer_services
from tests.conftest import pdf_text
from tests.grants.factories import CompetitionFactory, complete_offer
from tests.grants.worlds import freeze, grants_world
from tests.ngos.factories import MembershipFactory
from tests.permissions import assert_matrix

pytestmark = pytest.mark.django_db

ALL_200 = dict.fromkeys(
    ("anonymous", "resident", "member_a", "editor_a", "member_b", "committee", "clerk"),
    200,
)
ORG_A_ONLY = {
    "anonymous": 302,
    "resident": 403,
    "member_a": 200,
    "editor_a": 200,
    "member_b": 403,
    "committee": 403,
    "clerk": 200,
}


def url(name, *args):
    return lambda w: reverse(
        f"grants:{name}", args=[a(w) if callable(a) else a for a in args]
    )


def pk(attr):
    return lambda w: getattr(w.g, attr).pk


@pytest.fixture
def world(roles):
    roles.g = grants_world(roles)
    return roles


def initiative(name):
    """The address ``name`` of the resident's local initiative, agreed with the
    municipality (made on first use, with the council's resolution)."""

    def address(w):
        if not hasattr(w.g, "initiative"):
            from tests.grants import test_initiative_applications as flow

            resolution = flow.make_resolution()
            w.g.initiative = flow.apply(w.resident, resolution)
            w.g.waiting_initiative = flow.apply(w.resident, resolution)
            # Formally checked: the next step is the assessment.
            flow.checked(w.clerk, w.g.waiting_initiative)
            flow.agreed(w.clerk, w.g.initiative)
        target = (
            w.g.waiting_initiative if name == "initiative-assess" else w.g.initiative
        )
        return reverse(f"grants:{name}", args=[target.pk])

    return address


def initiative_item(name):
    """The address ``name`` of an item of the agreed initiative that does not exist."""

    def address(w):
        initiative("initiative-detail")(w)
        return reverse(f"grants:{name}", args=[w.g.initiative.pk, 999999])

    return address


def with_resolution(name):
    def address(w):
        initiative("initiative-detail")(w)
        return reverse(f"grants:{name}")

    return address


MATRIX = [
    ("/konkursy/", ALL_200),
    (url("competition-detail", pk("open_c")), ALL_200),
    (url("competition-detail", pk("published_c")), ALL_200),
    (
        url("competition-detail", pk("draft_c")),
        {
            "anonymous": 404,
            "resident": 404,
            "member_a": 404,
            "committee": 404,
            "clerk": 200,
        },
    ),
    (
        url("competition-announcement-pdf", pk("draft_c")),
        {"anonymous": 404, "member_a": 404},
    ),
    (
        url("competition-results-pdf", pk("decided_c")),
        {"anonymous": 404, "resident": 404, "member_b": 404, "clerk": 404},
    ),
    (
        url("competition-protocol-pdf", pk("review_c")),
        {"anonymous": 302, "resident": 403, "member_a": 403, "member_b": 403},
    ),
    (url("offer-start", pk("open_c")), {"anonymous": 302, "resident": 403}, "post"),
    (
        "/oferty/",
        {
            "anonymous": 302,
            "resident": 200,
            "member_a": 200,
            "member_b": 200,
            "clerk": 200,
        },
    ),
    (url("offer-detail", pk("draft_a")), ORG_A_ONLY),
    (url("offer-detail", pk("submitted_a")), ORG_A_ONLY),
    (
        url("offer-pdf", pk("draft_a")),
        {"anonymous": 302, "resident": 403, "member_b": 403, "committee": 403},
    ),
    (
        url("offer-pdf", pk("submitted_a")),
        {"anonymous": 302, "resident": 403, "member_b": 403, "committee": 403},
    ),
    (
        url("offer-step", pk("draft_a"), 1),
        {
            "anonymous": 302,
            "resident": 403,
            "member_a": 200,
            "editor_a": 200,
            "member_b": 403,
            "committee": 403,
            "clerk": 403,
        },
    ),
    (url("offer-step", pk("draft_a"), 9), {"member_a": 404}),
    (
        # A submitted offer's steps say why they are closed, to whoever may read it.
        url("offer-step", pk("submitted_a"), 1),
        {"member_a": 200, "editor_a": 200, "member_b": 403, "resident": 403},
    ),
    (
        url("offer-withdraw", pk("submitted_a")),
        {"anonymous": 302, "resident": 403, "member_b": 403, "committee": 403},
        "post",
    ),
    (
        url("offer-submit", pk("draft_a")),
        {"anonymous": 302, "resident": 403, "member_b": 403, "committee": 403},
        "post",
    ),
    (
        url("offer-update", pk("published_offer")),
        {
            "anonymous": 302,
            "resident": 403,
            "member_a": 403,
            "member_b": 200,
            "committee": 403,
            "clerk": 200,
        },
    ),
    (
        url("offer-update-step", pk("published_offer"), 1),
        {"anonymous": 302, "resident": 403, "member_a": 403, "member_b": 302},
    ),
    (
        url("offer-update-submit", pk("published_offer")),
        {"anonymous": 302, "resident": 403, "member_a": 403, "committee": 403},
        "post",
    ),
    (
        url("offer-update-pdf", pk("published_offer")),
        {"anonymous": 302, "resident": 403, "member_a": 403, "member_b": 404},
    ),
    (url("my-contracts"), {"anonymous": 302, "resident": 200, "member_b": 200}),
    (
        url("contract-pdf", 999999),
        {"anonymous": 302, "resident": 404, "member_a": 404, "clerk": 404},
    ),
    (
        url("annex-pdf", 999999, 1),
        {"anonymous": 302, "resident": 404, "member_a": 404, "clerk": 404},
    ),
    # The report pages of a contract nobody's (the rules of a real report are in
    # test_report_pages).
    *[
        (
            url(name, *args),
            {"anonymous": 302, "resident": 404, "member_a": 404, "clerk": 404},
            *extra,
        )
        for name, args, extra in (
            ("report-detail", (999999,), ()),
            ("report-step", (999999, 1), ()),
            ("report-documents", (999999,), ()),
            ("report-document-remove", (999999, 1), ("post",)),
            ("report-confirm", (999999,), ("post",)),
            ("report-submit", (999999,), ("post",)),
            ("report-open", (999999,), ("post",)),
        )
    ],
    (
        url("report-pdf", 999999, 1),
        {"anonymous": 302, "resident": 404, "member_a": 404, "clerk": 404},
    ),
    (
        # The settlement is the clerk's file: others are refused before any lookup.
        url("settlement-pdf", 999999),
        {
            "anonymous": 302,
            "resident": 403,
            "member_a": 403,
            "committee": 403,
            "clerk": 404,
        },
    ),
    (
        url("offer-decline", pk("published_offer")),
        {"anonymous": 302, "resident": 403, "member_a": 403, "committee": 403},
        "post",
    ),
    (
        url("committee", pk("review_c")),
        {
            "anonymous": 302,
            "resident": 403,
            "member_a": 403,
            "committee": 200,
            "clerk": 403,
        },
    ),
    (
        url("offer-scoring", pk("conflicted")),
        {"anonymous": 302, "member_a": 403, "committee": 403, "clerk": 403},
    ),
    (
        url("offer-scoring", pk("scorable")),
        {
            "anonymous": 302,
            "member_a": 403,
            "member_b": 403,
            "committee": 200,
            "clerk": 403,
        },
    ),
    (
        url("offer-formal-check", pk("submitted_a")),
        {
            "anonymous": 302,
            "resident": 403,
            "member_a": 403,
            "committee": 403,
            "clerk": 200,
        },
    ),
    (
        url("offer-confirm", pk("draft_a")),
        {"anonymous": 302, "resident": 403, "member_b": 403, "committee": 403},
        "post",
    ),
    (
        url("offer-attachments", pk("draft_a")),
        {
            "anonymous": 302,
            "resident": 403,
            "member_a": 200,
            "editor_a": 200,
            "member_b": 403,
            "committee": 403,
            "clerk": 200,
        },
    ),
    (
        url("offer-attachment-remove", pk("draft_a"), 1),
        {"anonymous": 302, "resident": 403, "member_b": 403, "committee": 403},
        "post",
    ),
    (
        url("competition-decision", pk("review_c")),
        {
            "anonymous": 302,
            "resident": 403,
            "member_a": 403,
            "committee": 403,
            "clerk": 200,
        },
    ),
    (
        url("competition-protocol", pk("review_c")),
        {
            "anonymous": 302,
            "resident": 403,
            "member_a": 403,
            "committee": 403,
            "clerk": 200,
        },
    ),
    (
        url("reasons-request", pk("published_c")),
        {"anonymous": 302, "resident": 200, "member_b": 200, "clerk": 200},
    ),
    (
        url("reasons-request", pk("review_c")),
        {"anonymous": 302, "resident": 404, "clerk": 404},
    ),
    (with_resolution("initiative-index"), ALL_200),
    (with_resolution("initiative-list"), ALL_200),
    (
        with_resolution("initiative-apply"),
        {"anonymous": 302, "resident": 200, "member_a": 200, "clerk": 200},
    ),
    (
        with_resolution("initiative-mine"),
        {"anonymous": 302, "resident": 200, "member_b": 200, "clerk": 200},
    ),
    # Agreed, so public; the residents' contacts are for the applicant and the clerks.
    (initiative("initiative-detail"), ALL_200),
    (
        initiative("initiative-assess"),
        {"anonymous": 302, "resident": 403, "member_a": 403, "clerk": 200},
    ),
    (
        initiative("initiative-agreement-pdf"),
        {"anonymous": 302, "resident": 200, "member_b": 404, "clerk": 200},
    ),
    # The log of contributions and its evidence: the applicants and the clerks.
    (
        initiative("initiative-contributions"),
        {"anonymous": 302, "resident": 200, "member_b": 404, "clerk": 200},
    ),
    (
        initiative_item("initiative-contribution-remove"),
        {"anonymous": 302, "resident": 404, "member_b": 404, "clerk": 404},
        "post",
    ),
    (initiative("initiative-attach"), {"anonymous": 302, "member_b": 404}, "post"),
    (
        initiative_item("initiative-detach"),
        {"anonymous": 302, "resident": 404, "member_b": 404},
        "post",
    ),
    (initiative("initiative-invite"), {"anonymous": 302, "member_b": 404}, "post"),
    (
        url("initiative-invitation", "not-a-token"),
        {"anonymous": 302, "resident": 404},
    ),
    # Not settled yet: no settlement to read, for anyone.
    (
        initiative("initiative-settlement-pdf"),
        {"anonymous": 302, "resident": 404, "member_b": 404, "clerk": 404},
    ),
]


def checklist_data(offer, unmet=None) -> dict:
    """The formal checklist of ``offer`` as posted: every requirement ticked, except
    those in ``unmet`` ({number: reason})."""
    unmet = unmet or {}
    data = {}
    for n, _name in enumerate(offer.competition.formal_checklist(), start=1):
        if n in unmet:
            data[f"reason_{n}"] = unmet[n]
        else:
            data[f"met_{n}"] = "on"
    return data


def test_grants_permission_matrix(world, client):
    assert_matrix(client, world, MATRIX)


SMALL_GRANT_MATRIX = [
    (url("small-grant-list"), ALL_200),
    (url("small-grant-detail", pk("small_published")), ALL_200),
    (
        url("small-grant-detail", pk("small_draft_a")),
        dict.fromkeys(("anonymous", "member_a", "clerk"), 404),
    ),
    (url("small-grant-start"), {"anonymous": 302, "resident": 200, "member_a": 200}),
    (url("small-grant-offer", pk("small_draft_a")), ORG_A_ONLY),
    (
        url("small-grant-step", pk("small_draft_a"), 1),
        {
            "anonymous": 302,
            "resident": 403,
            "member_a": 200,
            "editor_a": 200,
            "member_b": 403,
            "committee": 403,
            "clerk": 403,
        },
    ),
    (url("small-grant-step", pk("small_draft_a"), 9), {"member_a": 404}),
    (
        url("small-grant-confirm", pk("small_draft_a")),
        {"anonymous": 302, "resident": 403, "member_b": 403},
        "post",
    ),
    (
        url("small-grant-submit", pk("small_draft_a")),
        {"anonymous": 302, "resident": 403, "member_b": 403},
        "post",
    ),
    (url("small-grant-public-pdf", pk("small_published")), ALL_200),
    (
        url("small-grant-public-pdf", pk("small_draft_a")),
        dict.fromkeys(("anonymous", "member_a", "clerk"), 404),
    ),
    (url("small-grant-pdf", pk("small_draft_a")), ORG_A_ONLY),
    (url("small-grant-comment-confirm", "not-a-token"), ALL_200),
    (
        url("small-grant-comment-confirm", "not-a-token"),
        {"anonymous": 400, "resident": 400},
        "post",
    ),
]


def test_small_grant_permission_matrix(world, client):
    from tests.grants import small_grant_helpers as small

    priority = small.year_of(timezone.localdate().year)
    world.g.small_draft_a = small.draft(priority, world.org_a)
    world.g.small_published = small.published(priority, world.clerk)[0]
    assert_matrix(client, world, SMALL_GRANT_MATRIX)


def test_every_grants_url_is_in_the_matrix():
    from grants.urls import urlpatterns

    names = {p.name for p in urlpatterns}
    covered = set()
    for row in MATRIX:
        target = row[0]
        if isinstance(target, str):
            covered.add(
                {"/konkursy/": "competition-list", "/oferty/": "offer-list"}[target]
            )
    import inspect

    source = inspect.getsource(inspect.getmodule(test_grants_permission_matrix))
    covered |= {n for n in names if f'"{n}"' in source}
    assert names <= covered


def test_pdfs_for_the_entitled(world, client):
    client.force_login(world.committee)
    assert (
        client.get(
            reverse("grants:competition-protocol-pdf", args=[world.g.review_c.pk])
        ).status_code
        == 200
    )
    client.force_login(world.member_a)
    response = client.get(reverse("grants:offer-pdf", args=[world.g.submitted_a.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    client.logout()
    assert (
        client.get(
            reverse("grants:competition-results-pdf", args=[world.g.published_c.pk])
        ).status_code
        == 200
    )
    assert (
        client.get(
            reverse("grants:competition-announcement-pdf", args=[world.g.open_c.pk])
        ).status_code
        == 200
    )


def test_residents_see_only_published_results(world, client):
    client.force_login(world.resident)
    decided = client.get(world.g.decided_c.get_absolute_url()).content.decode()
    published = client.get(world.g.published_c.get_absolute_url()).content.decode()
    assert "7777" not in decided.replace("\xa0", "").replace(" ", "")
    assert "6543,21" in published.replace("\xa0", "").replace(" ", "")
    assert world.org_b.name in published


def test_step_save_keeps_typed_text_on_stale_version(world, client):
    offer = world.g.draft_a
    client.force_login(world.editor_a)
    step_url = reverse("grants:offer-step", args=[offer.pk, 2])
    page = client.get(step_url)
    version = page.context["form"].initial["version"]
    client.force_login(world.member_a)
    data = dict.fromkeys(page.context["form"].fields, "")
    data.update(title="Tytuł przedstawiciela", version=version, place="Radlin")
    assert client.post(step_url, data).status_code == 302
    client.force_login(world.editor_a)
    data.update(title="Tytuł redaktora", version=version)
    response = client.post(step_url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tytuł redaktora" in html and "Tytuł przedstawiciela" in html
    assert Offer.objects.get(pk=offer.pk).title == "Tytuł przedstawiciela"


def test_autosave_returns_new_version_and_refuses_stale(world, client):
    offer = world.g.draft_a
    client.force_login(world.member_a)
    step_url = reverse("grants:offer-step", args=[offer.pk, 4])
    data = {
        "version": offer.version,
        "previous_activity": "Nowy tekst",
        "resources": "Sala",
        "autosave": "1",
    }
    saved = client.post(step_url, data)
    assert saved.status_code == 200 and saved.json()["version"] == offer.version + 1
    stale = client.post(step_url, data)
    assert stale.status_code == 409 and not stale.json()["saved"]
    assert Offer.objects.get(pk=offer.pk).previous_activity == "Nowy tekst"


def test_rows_step_saves_costs_under_activities_numbered_per_group(world, client):
    offer = world.g.draft_a
    action = offer.actions.get()
    client.force_login(world.member_a)
    step_url = reverse("grants:offer-step", args=[offer.pk, 5])
    data = {
        "version": offer.version,
        "requested_grant": "1000,00",
        "own_financial": "0",
        "own_non_financial": "0",
        "recipient_payments": "0",
        "cost_rows-TOTAL_FORMS": "3",
        "cost_rows-INITIAL_FORMS": "0",
        "cost_rows-0-activity": str(action.pk),
        "cost_rows-0-name": "Wynajem sali",
        "cost_rows-0-unit": "godz.",
        "cost_rows-0-unit_cost": "125,50",
        "cost_rows-0-units": "4",
        "cost_rows-1-activity": "administrative",
        "cost_rows-1-name": "Księgowość",
        "cost_rows-1-unit_cost": "100",
        "cost_rows-1-units": "1",
        "cost_rows-2-activity": "",
    }
    response = client.post(step_url, data)
    assert response.status_code == 302, (
        response.context["form"].errors,
        [fs.errors for _g, _t, fs in response.context["formsets"]],
    )
    offer = Offer.objects.prefetch_related("cost_rows").get(pk=offer.pk)
    assert offer.total_costs == Decimal("602.00")
    rows = {r.name: r for r in offer.cost_rows.all()}
    assert rows["Wynajem sali"].action_id == action.pk
    assert rows["Księgowość"].category == "administrative"
    detail = client.get(offer.get_absolute_url()).content.decode().replace("\xa0", " ")
    assert "602,00" in detail
    # The first administrative cost is II.1, whatever the activities hold.
    assert "<td>I.1.1.</td><td>Wynajem sali</td>" in detail
    assert "<td>II.1.</td><td>Księgowość</td>" in detail
    assert "II.2." not in detail


def test_cost_row_without_a_group_is_refused_on_the_step(world, client):
    offer = world.g.draft_a
    client.force_login(world.member_a)
    data = {
        "version": offer.version,
        "requested_grant": "0",
        "own_financial": "0",
        "own_non_financial": "0",
        "recipient_payments": "0",
        "cost_rows-TOTAL_FORMS": "1",
        "cost_rows-INITIAL_FORMS": "0",
        "cost_rows-0-name": "Wynajem sali",
        "cost_rows-0-unit_cost": "10",
        "cost_rows-0-units": "1",
    }
    response = client.post(reverse("grants:offer-step", args=[offer.pk, 5]), data)
    assert response.status_code == 200
    assert "Wybierz działanie z III.4" in response.content.decode()


def test_submit_through_the_page(world, client, mailoutbox):
    client.force_login(world.editor_a)
    client.post(reverse("grants:offer-submit", args=[world.g.draft_a.pk]))
    assert Offer.objects.get(pk=world.g.draft_a.pk).status == "draft"
    client.force_login(world.member_a)
    response = client.post(
        reverse("grants:offer-submit", args=[world.g.draft_a.pk]), follow=True
    )
    offer = Offer.objects.get(pk=world.g.draft_a.pk)
    assert offer.status == "submitted"
    assert offer.checksum in response.content.decode()


def _list_queries(django_assert_num_queries, client, count):
    # 1 competitions page (with the offer count), 2 its count for the paginator,
    # 3 the spheres of the filter, 4 the years of the filter.
    with django_assert_num_queries(4):
        response = client.get("/konkursy/?stan=open")
    assert len(response.context["page"].object_list) == count


def test_competition_list_queries_constant(db, client, django_assert_num_queries):
    CompetitionFactory(announced=True)
    _list_queries(django_assert_num_queries, client, 1)
    for _ in range(9):
        CompetitionFactory(announced=True)
    _list_queries(django_assert_num_queries, client, 10)


def _detail_queries(django_assert_num_queries, client, competition, count):
    # 1 competition with priority, sphere and programme, 2 criteria, 3 attachments,
    # 4 same-type tasks, 5 the clerk's point 7 figures per year, 6 submitted offers
    # with their organisations (results), 7 the partners of joint offers.
    # A render from nothing: ``freeze`` writes without signals, so nothing would
    # tell the cache that the offers changed.
    cache.clear()
    with django_assert_num_queries(7):
        response = client.get(competition.get_absolute_url())
    assert len(response.context["results"]) == count


def test_competition_detail_queries_constant(db, client, django_assert_num_queries):
    competition = CompetitionFactory(status="results_published")
    freeze(
        complete_offer(competition=competition),
        status="selected",
        sequence=1,
        granted_amount=Decimal("100"),
    )
    _detail_queries(django_assert_num_queries, client, competition, 1)
    for n in range(2, 11):
        freeze(
            complete_offer(competition=competition), status="not_selected", sequence=n
        )
    _detail_queries(django_assert_num_queries, client, competition, 10)


def test_results_name_every_offeror_of_a_joint_offer(db, client):
    """Art. 15 ust. 2h: the results name the organisations; a joint offer is made
    by all its offerors, not by the lead one alone."""
    competition = CompetitionFactory(status="results_published")
    offer = complete_offer(competition=competition)
    CoOfferor.objects.create(offer=offer, name="Klub Sportowy Naprzód", position=1)
    CoOfferor.objects.create(offer=offer, name="Fundacja Pomocna Dłoń", position=2)
    freeze(offer, status="selected", sequence=1, granted_amount=Decimal("100"))
    page = client.get(competition.get_absolute_url()).content.decode()
    assert (
        "partnerzy oferty wspólnej: Klub Sportowy Naprzód; Fundacja Pomocna Dłoń"
        in " ".join(page.split())
    )
    text = " ".join(pdf_text(documents.results(competition).file.path).split())
    assert "Klub Sportowy Naprzód; Fundacja Pomocna Dłoń" in text


def test_posting_the_same_table_again_keeps_its_rows(world, client):
    """An autosave followed by the normal save posts identical rows twice."""
    offer = world.g.draft_a
    client.force_login(world.member_a)
    step_url = reverse("grants:offer-step", args=[offer.pk, 3])
    data = {
        "actions-TOTAL_FORMS": "2",
        "actions-INITIAL_FORMS": "0",
        "actions-0-name": "Treningi",
        "results-TOTAL_FORMS": "2",
        "results-INITIAL_FORMS": "0",
    }
    for version in (offer.version, offer.version + 1):
        response = client.post(step_url, {**data, "version": version})
        assert response.status_code == 302
    assert [a.name for a in Offer.objects.get(pk=offer.pk).actions.all()] == [
        "Treningi"
    ]


def test_home_lists_open_competitions(db, client):
    competition = CompetitionFactory(announced=True)
    response = client.get("/")
    assert response.status_code == 200
    assert competition.title in response.content.decode()


def test_committee_member_finds_the_committee_page(world, client):
    client.force_login(world.committee)
    page = client.get(world.g.review_c.get_absolute_url()).content.decode()
    assert reverse("grants:committee", args=[world.g.review_c.pk]) in page


def _my_offers_queries(django_assert_num_queries, client, count):
    # After a change of the offers: 1 offers of the organisations the user may view
    # (with the competition and organisation joined), 2 their small-grant offers; the
    # session, the person and their roles come from the cache.
    with django_assert_num_queries(2):
        response = client.get("/oferty/")
    assert len(response.context["offers"]) == count
    # Unchanged, the list is the person's kept fragment.
    with django_assert_num_queries(0):
        client.get("/oferty/")


def test_offer_list_queries_constant(db, client, django_assert_num_queries):
    from tests.ngos.factories import MembershipFactory

    member = MembershipFactory()
    competition = CompetitionFactory(announced=True)
    client.force_login(member.user)
    client.get("/oferty/")
    complete_offer(competition=competition, organisation=member.organisation)
    _my_offers_queries(django_assert_num_queries, client, 1)
    for _ in range(9):
        complete_offer(competition=competition, organisation=member.organisation)
    _my_offers_queries(django_assert_num_queries, client, 10)


def test_correction_changes_only_the_named_fields_and_resubmits(world, client):
    competition = CompetitionFactory(status="formal_review")
    offer = freeze(
        complete_offer(competition=competition, organisation=world.org_a),
        status="submitted",
        sequence=1,
    )
    Offer.objects.filter(pk=offer.pk).update(submitted_by=world.member_a)
    client.force_login(world.clerk)
    response = client.post(
        reverse("grants:offer-formal-check", args=[offer.pk]),
        {
            "decision": "correct",
            "note": "Brak telefonu",
            "fields_to_correct": ["contact_phone"],
            **checklist_data(offer, unmet={1: "brak numeru telefonu"}),
        },
    )
    assert response.status_code == 302
    client.force_login(world.member_a)
    step_url = reverse("grants:offer-step", args=[offer.pk, 1])
    form = client.get(step_url).context["form"]
    assert (
        not form.fields["contact_phone"].disabled
        and form.fields["offeror_name"].disabled
    )
    offer.refresh_from_db()
    data = {
        "version": offer.version,
        "contact_phone": "32 455 11 22",
        "offeror_name": "Inna nazwa",
    }
    assert client.post(step_url, data).status_code == 302
    offer.refresh_from_db()
    assert (
        offer.contact_phone == "32 455 11 22" and offer.offeror_name == world.org_a.name
    )
    client.post(reverse("grants:offer-submit", args=[offer.pk]))
    offer.refresh_from_db()
    assert offer.status == "submitted" and offer.correction_fields == []


def test_submission_that_arrived_before_the_deadline_is_accepted_when_processed_after(
    db, client, monkeypatch
):
    competition = CompetitionFactory(announced=True)
    offer = complete_offer(competition=competition)
    representative = MembershipFactory(organisation=offer.organisation).user
    deadline = competition.offers_deadline
    arrived = deadline - timedelta(seconds=1)
    can_act_for = offer_services.can_act_for
    with time_machine.travel(arrived, tick=False) as traveller:
        client.force_login(representative)

        def waited_for_a_worker(*args, **kwargs):
            # The request queued behind others; its turn comes after the deadline.
            traveller.shift(timedelta(seconds=3))
            return can_act_for(*args, **kwargs)

        monkeypatch.setattr(offer_services, "can_act_for", waited_for_a_worker)
        response = client.post(reverse("grants:offer-submit", args=[offer.pk]))
        assert response.url == reverse("grants:offer-detail", args=[offer.pk])
        assert timezone.now() > deadline
    offer.refresh_from_db()
    assert offer.status == "submitted"
    assert offer.submitted_at == arrived


def _committee_done(world):
    """The world's committee scores its one offer and signs the protocol."""
    g = world.g
    Competition.objects.filter(pk=g.review_c.pk).update(
        committee_ordinance_number="0050.7.2026",
        committee_ordinance_date=timezone.localdate(),
        officials_only_reason="nobody",
    )
    services.offer_score(
        member=g.member,
        offer=g.scorable,
        actor=world.committee,
        scores={
            c.pk: (c.max_points, "uzasadnienie") for c in g.review_c.criteria.all()
        },
    )
    services.committee_sign_protocol(
        competition=g.review_c,
        actor=world.clerk,
        date=timezone.localdate(),
        place="Urząd Miasta",
        present=[g.member.pk],
    )


def _decide(client, world, amount, **extra):
    g = world.g
    _committee_done(world)
    client.force_login(world.clerk)
    return client.post(
        reverse("grants:competition-decision", args=[g.review_c.pk]),
        {
            "ordinance_number": "12/2026",
            "ordinance_date": g.review_c.selection_date.isoformat(),
            f"amount_{g.scorable.pk}": amount,
            f"reason_{g.conflicted.pk}": "Za mało punktów.",
        }
        | extra,
    )


def test_decision_keeps_every_typed_amount_and_reason_when_refused(world, client):
    g = world.g
    response = _decide(
        client,
        world,
        "999 999 999,00",
        date_reason="Powód opóźnienia",
        **{f"over_{g.scorable.pk}": "Rozszerzony zakres"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "więcej niż" in page or "more than" in page
    assert 'value="999 999 999,00"' in page
    assert "Za mało punktów." in page
    assert "Rozszerzony zakres" in page
    assert "Powód opóźnienia" in page
    assert 'value="12/2026"' in page
    assert f'value="{g.review_c.selection_date.isoformat()}"' in page


def test_decision_page_refuses_before_the_protocol_is_signed(world, client):
    g = world.g
    client.force_login(world.clerk)
    response = client.post(
        reverse("grants:competition-decision", args=[g.review_c.pk]),
        {
            "ordinance_number": "12/2026",
            "ordinance_date": g.review_c.selection_date.isoformat(),
            f"amount_{g.scorable.pk}": "1000",
            f"reason_{g.conflicted.pk}": "Za mało punktów.",
        },
    )
    assert response.status_code == 400
    assert not Offer.objects.filter(competition=g.review_c, status="selected").exists()


@pytest.mark.parametrize(
    "amount", ["1e-999999", "NaN", "Infinity", "0,001", "1.000,5", "1,000.50", "12a"]
)
def test_decision_refuses_an_amount_that_is_not_plain_zloty_and_grosze(
    world, client, amount
):
    response = _decide(client, world, amount)
    assert response.status_code == 400
    page = response.content.decode()
    assert f"Oferta {world.g.scorable.number}:" in page
    # What was typed stays in the form.
    assert f'value="{amount}"' in page
    assert not Offer.objects.filter(
        competition=world.g.review_c, status="selected"
    ).exists()


def test_decision_takes_a_polish_amount_to_the_grosz(world, client):
    response = _decide(client, world, "1 234,50")
    assert response.status_code == 302
    offer = Offer.objects.get(pk=world.g.scorable.pk)
    assert offer.status == "selected" and offer.granted_amount == Decimal("1234.50")


def test_overlong_offer_text_is_refused_with_a_message_and_kept(
    world, client, settings
):
    settings.TEXT_MAX_LENGTH = 2000
    offer = world.g.draft_a
    client.force_login(world.member_a)
    goal = "Cel " + "x" * 2100
    response = client.post(
        reverse("grants:offer-step", args=[offer.pk, 2]),
        {"version": offer.version, "title": offer.title, "method": goal},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ten tekst jest za długi" in page and goal in page
    assert Offer.objects.get(pk=offer.pk).method == offer.method


def test_offer_text_with_a_nul_character_gets_a_message(world, client):
    offer = world.g.draft_a
    client.force_login(world.member_a)
    response = client.post(
        reverse("grants:offer-step", args=[offer.pk, 2]),
        {"version": offer.version, "title": offer.title, "method": "a\x00b"},
    )
    assert response.status_code == 200
    assert "znak NUL" in response.content.decode()


@pytest.mark.parametrize("unit_cost", ["1e3", "NaN", "150,005", "1.500,00"])
def test_cost_row_amounts_are_parsed_strictly(world, client, unit_cost):
    offer = world.g.draft_a
    client.force_login(world.member_a)
    data = {
        "version": offer.version,
        "requested_grant": "8000,00",
        "own_financial": "2000",
        "own_non_financial": "0",
        "recipient_payments": "0",
        "cost_rows-TOTAL_FORMS": "1",
        "cost_rows-INITIAL_FORMS": "0",
        "cost_rows-0-activity": "administrative",
        "cost_rows-0-name": "Trener",
        "cost_rows-0-unit": "godz.",
        "cost_rows-0-unit_cost": unit_cost,
        "cost_rows-0-units": "10",
    }
    response = client.post(reverse("grants:offer-step", args=[offer.pk, 5]), data)
    assert response.status_code == 200
    assert unit_cost in response.content.decode()
    assert offer.cost_rows.count() == 3  # unchanged


def test_autosave_over_the_rate_limit_answers_429_with_a_message(
    world, client, settings
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "autosave": "2/10m"}
    offer = world.g.draft_a
    client.force_login(world.member_a)
    url = reverse("grants:offer-step", args=[offer.pk, 2])
    answers = []
    for _ in range(3):
        offer.refresh_from_db()
        answers.append(
            client.post(
                url,
                {
                    "version": offer.version,
                    "title": offer.title,
                    "method": "Nowy sposób",
                    "autosave": "1",
                },
            )
        )
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[2].json()["saved"] is False
    assert "Nic nie zapisano" in answers[2].json()["message"]


def test_admin_amount_fields_take_polish_amounts_and_refuse_the_rest(rf, clerk):
    from django.contrib import admin
    from django.core.exceptions import ValidationError

    from grants.models import Competition

    request = rf.get("/admin/")
    request.user = clerk
    form = admin.site._registry[Competition].get_form(request)()
    field = form.fields["public_funds"]
    assert field.clean("50 000,00") == Decimal("50000.00")
    assert field.clean("1234.5") == Decimal("1234.50")
    for bad in ("NaN", "1e5", "0,001", "1.000,50", "-5"):
        with pytest.raises(ValidationError):
            field.clean(bad)


def test_declaration_lists_only_accepted_offers_and_explains_a_missing_tick(
    client, offer_in_review, user_factory
):
    competition, accepted = offer_in_review(status="committee_review")
    rejected = freeze(
        complete_offer(competition=competition),
        status="formally_rejected",
        sequence=2,
    )
    person = user_factory(committee=True)
    CommitteeMember.objects.create(competition=competition, user=person)
    client.force_login(person)
    url = reverse("grants:committee", kwargs={"pk": competition.pk})
    page = client.get(url).content.decode()
    assert f"conflict_{accepted.pk}" in page
    assert f"conflict_{rejected.pk}" not in page
    response = client.post(url, {f"conflict_{accepted.pk}": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_impartial_error"' in html
    assert "novalidate" in html
    assert 'role="alert"' in html


def test_step_five_with_a_negative_unit_cost_shows_the_error_and_keeps_values(
    world, client
):
    offer = world.g.draft_a
    before = list(offer.cost_rows.values_list("name", flat=True))
    client.force_login(world.member_a)
    url = reverse("grants:offer-step", args=[offer.pk, 5])
    data = {
        "version": offer.version,
        "requested_grant": "1000,00",
        "own_financial": "0",
        "own_non_financial": "0",
        "recipient_payments": "0",
        "cost_rows-TOTAL_FORMS": "1",
        "cost_rows-INITIAL_FORMS": "0",
        "cost_rows-0-category": "activity",
        "cost_rows-0-name": "Wynajem sali ujemnej",
        "cost_rows-0-unit": "godz.",
        "cost_rows-0-unit_cost": "-125,50",
        "cost_rows-0-units": "4",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="form-errors"' in html
    assert 'id="id_cost_rows-0-unit_cost_error"' in html
    assert 'href="#id_cost_rows-0-unit_cost"' in html
    assert "Wynajem sali ujemnej" in html and "-125,50" in html
    assert list(offer.cost_rows.values_list("name", flat=True)) == before
    assert Offer.objects.get(pk=offer.pk).version == offer.version
    # The breadcrumb names the section, not just its number.
    assert "V. " in html.split('aria-current="page">')[1][:80]


def _step_one_data(client, offer, **changes):
    step1 = client.get(reverse("grants:offer-step", args=[offer.pk, 1]))
    data = {k: v for k, v in step1.context["form"].initial.items() if v is not None}
    return {**data, "version": offer.version, **changes}


def test_steps_refuse_wrong_dates_and_account_naming_the_field(world, client):
    offer = world.g.draft_a
    client.force_login(world.member_a)
    response = client.post(
        reverse("grants:offer-step", args=[offer.pk, 1]),
        _step_one_data(client, offer, offeror_bank_account="1234"),
    )
    assert response.status_code == 200
    assert "offeror_bank_account" in response.context["form"].errors
    assert 'value="1234"' in response.content.decode()
    step2 = reverse("grants:offer-step", args=[offer.pk, 2])
    competition = offer.competition
    data = {
        "version": offer.version,
        "title": offer.title,
        "start_date": competition.task_start.isoformat(),
        "end_date": (competition.task_start - timedelta(days=1)).isoformat(),
    }
    response = client.post(step2, data)
    assert response.status_code == 200
    assert "end_date" in response.context["form"].errors
    if competition.task_end:
        data["end_date"] = (competition.task_end + timedelta(days=1)).isoformat()
        response = client.post(step2, data)
        assert "end_date" in response.context["form"].errors
    step3 = reverse("grants:offer-step", args=[offer.pk, 3])
    response = client.post(
        step3,
        {
            "version": offer.version,
            "actions-TOTAL_FORMS": "1",
            "actions-INITIAL_FORMS": "0",
            "actions-0-name": "Zajęcia",
            "actions-0-start": "2026-06-10",
            "actions-0-end": "2026-06-01",
            "results-TOTAL_FORMS": "0",
            "results-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert 'id="id_actions-0-end_error"' in response.content.decode()


def test_bank_account_is_stored_compact_and_shown_grouped_in_fours(world, client):
    offer = world.g.draft_a
    client.force_login(world.member_a)
    step1 = reverse("grants:offer-step", args=[offer.pk, 1])
    typed = "PL61-1090-1014-0000-0712-1981-2874"
    response = client.post(
        step1, _step_one_data(client, offer, offeror_bank_account=typed)
    )
    assert response.status_code == 302
    assert Offer.objects.get(pk=offer.pk).offeror_bank_account == (
        "61109010140000071219812874"
    )
    grouped = "61 1090 1014 0000 0712 1981 2874"
    assert f'value="{grouped}"' in client.get(step1).content.decode()
    assert grouped in client.get(offer.get_absolute_url()).content.decode()


def test_second_start_of_an_offer_opens_the_organisations_draft(world, client):
    from grants import services
    from grants.services.offers import OfferExists

    offer = world.g.draft_a
    with pytest.raises(OfferExists) as exists:
        services.offer_create(
            competition=offer.competition,
            organisation=world.org_a,
            actor=world.member_a,
        )
    assert exists.value.offer.organisation_id == world.org_a.pk
    client.force_login(world.member_a)
    response = client.post(
        reverse("grants:offer-start", args=[offer.competition_id]),
        {"organisation": world.org_a.pk},
    )
    assert response.status_code == 302
    assert "/krok/1/" in response["Location"]
    page = client.get(offer.competition.get_absolute_url()).content.decode()
    assert 'id="own-offers"' in page
    assert reverse("grants:offer-step", args=[offer.pk, 1]) in page


def test_draft_heading_has_no_empty_number(world, client):
    client.force_login(world.member_a)
    html = client.get(world.g.draft_a.get_absolute_url()).content.decode()
    heading = html.split("<h1>")[1].split("</h1>")[0]
    assert " :" not in heading


def test_offer_section_two_labels_the_organisation_name(world, client):
    client.force_login(world.member_a)
    html = client.get(world.g.draft_a.get_absolute_url()).content.decode()
    assert "<dt>Nazwa</dt>" in html
    assert "<dt>Imię i nazwisko</dt>" not in html


def test_competition_page_tables_scroll_in_labelled_regions(client, competition):
    html = client.get(competition.get_absolute_url()).content.decode()
    assert html.count('class="table-responsive" tabindex="0" role="region"') >= 1
    assert html.count("<table") == html.count('class="table-responsive"')


# The declaration of impartiality comes before any score.


def _undeclared_member(world):
    return CommitteeMember.objects.create(
        competition=world.g.review_c,
        user=MembershipFactory(organisation=world.org_b).user,
    ).user


def test_undeclared_member_cannot_download_the_protocol(world, client):
    client.force_login(_undeclared_member(world))
    url = reverse("grants:competition-protocol-pdf", args=[world.g.review_c.pk])
    assert client.get(url).status_code == 403


def test_undeclared_member_sees_no_scores_on_the_committee_page(world, client):
    client.force_login(_undeclared_member(world))
    page = client.get(reverse("grants:committee", args=[world.g.review_c.pk]))
    content = page.content.decode()
    assert page.status_code == 200
    assert page.context["ranking"] == [] and page.context["rows"] == []
    assert (
        reverse("grants:competition-protocol-pdf", args=[world.g.review_c.pk])
        not in content
    )


def test_member_without_a_name_is_asked_for_it_before_declaring(world, client):
    user = _undeclared_member(world)
    user.first_name = user.last_name = ""
    user.save()
    client.force_login(user)
    url = reverse("grants:committee", args=[world.g.review_c.pk])
    page = client.get(url)
    assert page.context["form"] is None
    assert reverse("account-overview") in page.content.decode()
    client.post(url, {"impartial": "on"})
    assert not CommitteeMember.objects.get(user=user).declared_at


def test_competition_page_shows_the_executive_publication_and_point_7(db, client):
    competition = CompetitionFactory(
        announced=True, bip_url="https://bip.radlin.example/konkurs/9"
    )
    page = client.get(
        competition.get_absolute_url(), headers={"accept-language": "pl"}
    ).content.decode()
    assert "Burmistrz Miasta Radlin ogłasza" in page
    assert 'href="https://bip.radlin.example/konkurs/9"' in page
    assert (
        f"W {competition.year} r. gmina nie realizowała zadań publicznych tego rodzaju"
        in page
    )


def test_submitted_offer_steps_explain_why_they_are_closed(world, client):
    offer = world.g.submitted_a
    client.force_login(world.member_a)
    response = client.get(reverse("grants:offer-step", args=[offer.pk, 3]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "zamknięte dla zmian" in page
    assert f"jako nr {offer.number}" in page
    assert f'href="{offer.get_absolute_url()}"' in page
    assert "<form" not in page.split("<main")[-1].split("</main>")[0]


def test_representative_withdraws_a_submitted_offer_from_its_page(world, client):
    offer = world.g.submitted_a
    client.force_login(world.member_a)
    page = client.get(offer.get_absolute_url()).content.decode()
    action = reverse("grants:offer-withdraw", args=[offer.pk])
    assert f'action="{action}"' in page and "Wycofaj ofertę" in page
    response = client.post(action, {"note": "zmiana planów"}, follow=True)
    assert response.status_code == 200
    offer.refresh_from_db()
    assert offer.status == "withdrawn"
    assert "Wycofaj ofertę" not in response.content.decode()


def test_declaration_page_quotes_kpa_24_and_needs_both_statements(world, client):
    g = world.g
    CommitteeMember.objects.filter(pk=g.member.pk).update(declared_at=None)
    Offer.objects.filter(pk=g.conflicted.pk).update(status="formally_accepted")
    client.force_login(world.committee)
    url = reverse("grants:committee", args=[g.review_c.pk])
    page = client.get(url).content.decode()
    assert "Art. 24 § 1. Pracownik organu administracji publicznej" in page
    assert "trwają także po ustaniu małżeństwa" in page
    assert "§ 3. Bezpośredni przełożony pracownika" in page
    response = client.post(url, {"impartial": "on"})
    assert response.status_code == 200
    g.member.refresh_from_db()
    assert g.member.declared_at is None
    response = client.post(url, {"impartial": "on", "no_doubts": "on"})
    assert response.status_code == 302
    g.member.refresh_from_db()
    assert g.member.declared_at and "§ 3." in g.member.declaration_text


def test_a_person_who_leaves_an_organisation_no_longer_sees_its_offers(db, client):
    from tests.ngos.factories import MembershipFactory

    member = MembershipFactory()
    competition = CompetitionFactory(announced=True)
    offer = complete_offer(competition=competition, organisation=member.organisation)
    client.force_login(member.user)
    assert offer.title in client.get("/oferty/").content.decode()
    assert offer.title in client.get("/oferty/").content.decode()
    member.delete()
    assert offer.title not in client.get("/oferty/").content.decode()
