"""The pages of small grants: the NGO's form in steps, the public list and offer with
its comments, the list of one's offers, the clerk's admin and desk."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from cooperation.core.workflow import history
from grants.models import Contract, SmallGrantComment, SmallGrantOffer
from grants.services import small_grants as services
from tests.cooperation.factories import UserFactory
from tests.grants import small_grant_helpers as helpers
from tests.grants.signing_helpers import board
from tests.ngos.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

YEAR = 2027
WARSAW = ZoneInfo("Europe/Warsaw")


@pytest.fixture(autouse=True)
def april():
    # Tuesday 6 April 2027.
    with time_machine.travel(datetime(YEAR, 4, 6, 10, tzinfo=WARSAW), tick=False):
        yield


@pytest.fixture
def priority(db):
    return helpers.year_of(YEAR)


def _step(client, offer, step, data, button="next"):
    return client.post(
        reverse("grants:small-grant-step", args=[offer.pk, step]),
        {**data, button: "1"},
    )


def test_the_ngo_writes_confirms_and_submits_the_offer_step_by_step(client, priority):
    organisation = OrganisationFactory(name="Stowarzyszenie Sąsiedzi")
    (rep,) = board(organisation, [("Anna Nowak", "prezes")], required=1)
    client.force_login(rep)
    response = client.post(
        reverse("grants:small-grant-start"),
        {"organisation": organisation.pk, "priority": priority.pk},
    )
    offer = SmallGrantOffer.objects.get(organisation=organisation)
    assert response.url == reverse("grants:small-grant-step", args=[offer.pk, 1])
    assert offer.offeror_name == "Stowarzyszenie Sąsiedzi"
    page = client.get(response.url)
    assert page.status_code == 200 and page.context["form"]["title"]
    _step(
        client,
        offer,
        1,
        {
            "addressed_to": "Burmistrz Miasta Radlin",
            "priority": priority.pk,
            "title": "Festyn sąsiedzki",
            "start_date": f"{YEAR}-05-01",
            "end_date": f"{YEAR}-05-30",
        },
    )
    second = {
        f: getattr(offer, f)
        for f in [
            "offeror_name",
            "offeror_legal_form",
            "offeror_register",
            "offeror_address",
            "offeror_email",
        ]
    }
    _step(
        client,
        offer,
        2,
        {
            **second,
            "offeror_bank_account": "61109010140000071219812874",
            "contact_name": "Anna Nowak",
        },
    )
    _step(
        client,
        offer,
        3,
        {
            "place": "Park Miejski",
            "description": "Festyn.",
            "results": "200 osób.",
            "character": "local",
        },
    )
    _step(client, offer, 4, {"experience": "Od 2015 r.", "resources": "Wolontariusze."})
    costs = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "0",
        "form-0-name": "Nagłośnienie",
        "form-0-total": "3 000,00",
        "form-1-name": "Poczęstunek",
        "form-1-total": "2 000,00",
    }
    _step(client, offer, 5, {**costs, "requested_grant": "5 000,00"})
    _step(client, offer, 6, {"statements_confirmed": "on"})
    offer.refresh_from_db()
    assert offer.requested_grant == Decimal("5000.00") and len(offer.costs) == 2
    review = client.get(offer.get_absolute_url())
    assert review.context["problems"] == []
    assert review.context["signature_problems"]
    client.post(
        reverse("grants:small-grant-confirm", args=[offer.pk]),
        {"checksum": review.context["checksum"]},
    )
    client.post(reverse("grants:small-grant-submit", args=[offer.pk]))
    offer.refresh_from_db()
    assert offer.status == "submitted" and offer.checksum
    assert [c.to_status for c in history(offer).order_by("pk")] == [
        "draft",
        "confirmed",
        "submitted",
    ]
    closed = client.get(reverse("grants:small-grant-step", args=[offer.pk, 1]))
    assert closed.status_code == 302


def test_a_wrong_amount_is_refused_and_everything_typed_is_kept(client, priority):
    organisation = OrganisationFactory()
    (rep,) = board(organisation, [("Anna Nowak", "prezes")], required=1)
    offer = helpers.draft(priority, organisation, costs=[])
    client.force_login(rep)
    response = _step(
        client,
        offer,
        5,
        {
            "form-TOTAL_FORMS": "2",
            "form-INITIAL_FORMS": "0",
            "form-0-name": "Nagłośnienie",
            "form-0-total": "3 000,00",
            "form-1-name": "",
            "form-1-total": "",
            "requested_grant": "5 000,0x",
            "own_financial": "120,00",
        },
        button="save",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nagłośnienie" in html and "120,00" in html and "5 000,0x" in html
    assert 'id="form-errors"' in html
    offer.refresh_from_db()
    assert offer.costs == [] and offer.own_financial == Decimal("0")


def test_the_review_page_lists_every_problem_in_polish_and_english(
    client, priority, settings
):
    organisation = OrganisationFactory()
    (rep,) = board(organisation, [("Anna Nowak", "prezes")], required=1)
    offer = helpers.draft(priority, organisation, grant="10000.01", days=91)
    client.force_login(rep)
    html = client.get(offer.get_absolute_url()).content.decode()
    assert (
        "Dotacja w trybie małych grantów wynosi najwyżej" in html
        and "art. 19a ust. 1 pkt 1" in html
        and "91" in html
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(offer.get_absolute_url()).content.decode()
    assert "A small grant is at most" in english and "Before the offer" in english
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    response = client.post(reverse("grants:small-grant-submit", args=[offer.pk]))
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == "draft" and offer.title == "Festyn sąsiedzki"


def test_an_outsider_neither_reads_nor_edits_the_draft(client, priority):
    offer = helpers.draft(priority)
    client.force_login(UserFactory())
    assert client.get(offer.get_absolute_url()).status_code == 403
    assert (
        client.get(reverse("grants:small-grant-step", args=[offer.pk, 1])).status_code
        == 403
    )
    editor = MembershipFactory(organisation=offer.organisation, editor=True).user
    client.force_login(editor)
    page = client.get(offer.get_absolute_url())
    assert page.status_code == 200 and not page.context["can_submit"]


def _public_list_queries(client, django_assert_num_queries, count):
    # 1 the published offers with their organisations and counts of comments; the
    # anonymous reader has no session.
    with django_assert_num_queries(1):
        response = client.get(reverse("grants:small-grant-list"))
    assert len(response.context["open"]) + len(response.context["past"]) == count


def test_the_public_list_queries_do_not_grow_with_the_offers(
    client, priority, clerk, django_assert_num_queries
):
    small, rep = helpers.published(priority, clerk)
    services.small_grant_comment(
        offer=small, author=rep, author_name="Anna", text="Popieram."
    )
    _public_list_queries(client, django_assert_num_queries, 1)
    for _ in range(4):
        helpers.published(priority, clerk)
    _public_list_queries(client, django_assert_num_queries, 5)
    html = client.get(reverse("grants:small-grant-list")).content.decode()
    assert "Festyn sąsiedzki" in html and "1 uwaga" in html


def test_drafts_and_refused_offers_are_not_public(client, priority, clerk):
    draft = helpers.draft(priority)
    refused, _rep = helpers.submitted(priority)
    services.small_grant_refuse(smallgrantoffer=refused, actor=clerk, reason="Nie.")
    for offer in (draft, refused):
        url = reverse("grants:small-grant-detail", args=[offer.pk])
        assert client.get(url).status_code == 404
    assert client.get(reverse("grants:small-grant-list")).context["open"] == []


def test_a_resident_comments_on_a_published_offer(client, priority, clerk):
    small, _rep = helpers.published(priority, clerk)
    url = reverse("grants:small-grant-detail", args=[small.pk])
    anonymous = client.get(url)
    assert anonymous.context["form"] is None
    assert "Park Miejski" in anonymous.content.decode()
    assert small.offeror_bank_account not in anonymous.content.decode()
    assert "Zaloguj" in anonymous.content.decode()
    assert client.post(url, {"author_name": "X", "text": "Y"}).status_code == 403
    resident = UserFactory(first_name="Ewa", last_name="Lis")
    client.force_login(resident)
    page = client.get(url)
    assert page.context["form"]["author_name"].value() == "Ewa Lis"
    empty = client.post(url, {"author_name": "Ewa Lis", "text": ""})
    assert empty.status_code == 200 and 'id="form-errors"' in empty.content.decode()
    too_long = client.post(url, {"author_name": "Ewa Lis", "text": "a" * 200_001})
    assert too_long.status_code == 200
    assert not SmallGrantComment.objects.exists()
    done = client.post(url, {"author_name": "Ewa Lis", "text": "Dobry pomysł."})
    assert done.status_code == 302
    comment = SmallGrantComment.objects.get()
    assert comment.author == resident and comment.text == "Dobry pomysł."
    assert "Dobry pomysł." in client.get(url).content.decode()
    services.small_grant_comment_hide(comment=comment, actor=clerk, reason="Spam")
    assert "Dobry pomysł." not in client.get(url).content.decode()


def test_after_the_7_days_the_form_is_gone(client, priority, clerk):
    small, _rep = helpers.published(priority, clerk)
    client.force_login(UserFactory())
    url = reverse("grants:small-grant-detail", args=[small.pk])
    with time_machine.travel(datetime(YEAR, 4, 13, 8, tzinfo=WARSAW), tick=False):
        page = client.get(url)
        assert page.context["form"] is None and not page.context["is_open"]
        assert client.post(url, {"author_name": "A", "text": "B"}).status_code == 403


def test_my_offers_show_the_small_grant_offers(
    client, priority, django_assert_num_queries
):
    organisation = OrganisationFactory()
    (rep,) = board(organisation, [("Anna Nowak", "prezes")], required=1)
    offer = helpers.draft(priority, organisation, title="Mały festyn")
    helpers.draft(priority)
    client.force_login(rep)
    # 1 the competition offers, 2 the small-grant offers (the person and their roles
    # read on the first visit come from the cache afterwards).
    response = client.get(reverse("grants:offer-list"))
    assert list(response.context["small_grants"]) == [offer]
    assert "Mały festyn" in response.content.decode()
    for _ in range(3):
        helpers.draft(priority, organisation)
    # The new drafts renew the person's list: the two lists are read again.
    with django_assert_num_queries(2):
        response = client.get(reverse("grants:offer-list"))
    assert len(response.context["small_grants"]) == 4


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


def _step_url(offer, key):
    return reverse("admin:grants_smallgrantoffer_transition", args=[offer.pk, key])


def test_the_clerk_takes_every_transition_in_the_admin(admin_client, priority, clerk):
    helpers.contract_template()
    small, _rep = helpers.submitted(priority)
    change = reverse("admin:grants_smallgrantoffer_change", args=[small.pk])
    page = admin_client.get(change).content.decode()
    assert _step_url(small, "find_worthwhile") in page
    assert _step_url(small, "refuse") in page
    assert admin_client.post(_step_url(small, "find_worthwhile"), {}).status_code == 302
    assert admin_client.post(_step_url(small, "publish"), {}).status_code == 302
    small.refresh_from_db()
    assert small.status == "published"
    response = admin_client.post(
        change,
        {
            "bip_published_on": f"{YEAR}-04-06",
            "bip_url": "https://bip.radlin.example/mg/1",
            "board_published_on": f"{YEAR}-04-07",
            **_inline_management(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    small.refresh_from_db()
    assert small.board_published_on == date(YEAR, 4, 7)
    with time_machine.travel(datetime(YEAR, 4, 13, 9, tzinfo=WARSAW), tick=False):
        assert (
            admin_client.post(_step_url(small, "close_comments"), {}).status_code == 302
        )
        assert (
            admin_client.post(_step_url(small, "contract"), {"form": ""}).status_code
            == 302
        )
    small.refresh_from_db()
    assert small.status == "contracted"
    assert Contract.objects.get(small_grant=small).form == "support"
    assert [c.to_status for c in history(small).order_by("pk")][-5:] == [
        "worthwhile",
        "published",
        "publication_recorded",
        "comments_closed",
        "contracted",
    ]


def _inline_management() -> dict[str, str]:
    data = {}
    for prefix in ("comments", "cooperation-statuschange-content_type-object_id"):
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    return data


def test_the_refusal_needs_a_reason_in_the_admin(admin_client, priority):
    small, _rep = helpers.submitted(priority)
    response = admin_client.post(_step_url(small, "refuse"), {"reason": ""})
    assert response.status_code == 200
    small.refresh_from_db()
    assert small.status == "submitted"


def test_the_clerk_considers_a_comment_in_the_admin(admin_client, priority, clerk):
    small, rep = helpers.published(priority, clerk)
    comment = services.small_grant_comment(
        offer=small, author=rep, author_name="Anna", text="Uwaga."
    )
    url = reverse("admin:grants_smallgrantcomment_change", args=[comment.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(
        url,
        {
            "hidden_reason": "",
            "consideration": "Uwzględniono.",
            "cooperation-statuschange-content_type-object_id-TOTAL_FORMS": "0",
            "cooperation-statuschange-content_type-object_id-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.consideration == "Uwzględniono." and comment.considered_at
    assert (
        admin_client.get(
            reverse("admin:grants_smallgrantcomment_changelist")
        ).status_code
        == 200
    )
    assert (
        admin_client.get(reverse("admin:grants_smallgrantpool_changelist")).status_code
        == 200
    )


def test_the_desk_counts_the_small_grants_waiting(priority, clerk):
    from cooperation.core.desk import desk_items

    small, rep = helpers.published(priority, clerk)
    helpers.submitted(priority)
    services.small_grant_comment(offer=small, author=rep, author_name="A", text="B")
    clerk = type(clerk).objects.get(pk=clerk.pk)
    items = {str(i.title): i for i in desk_items(clerk)}
    decide = items[
        "Oferty małych grantów do rozpatrzenia: celowość lub odmowa (art. 19a)"
    ]
    assert decide.count == 1 and decide.due == date(YEAR, 4, 15)
    assert items["Uwagi do ofert małych grantów do rozpatrzenia"].count == 1


def test_where_anyone_may_comment_the_comment_waits_for_its_e_mail(
    client, priority, clerk, settings
):
    settings.SMALL_GRANT_ANONYMOUS_COMMENTS = True
    small, _rep = helpers.published(priority, clerk)
    url = reverse("grants:small-grant-detail", args=[small.pk])
    form = client.get(url).context["form"]
    assert form is not None and form.fields["email"].required
    response = client.post(
        url, {"author_name": "Jan Gość", "email": "", "text": "Uwaga gościa."}
    )
    assert response.status_code == 200 and not SmallGrantComment.objects.exists()
    client.post(
        url,
        {
            "author_name": "Jan Gość",
            "email": "gosc@example.org",
            "text": "Uwaga gościa.",
        },
    )
    comment = SmallGrantComment.objects.get()
    assert comment.author is None and comment.email_confirmed_at is None
    assert "Uwaga gościa." not in client.get(url).content.decode()


def test_the_organisation_reads_its_small_grant_contract_and_its_pdf(
    client, priority, clerk
):
    from io import BytesIO

    from pypdf import PdfReader

    from grants.services import contract_to_signature, small_grant_contract

    helpers.contract_template()
    small, rep = helpers.published(priority, clerk)
    with time_machine.travel(datetime(YEAR, 4, 13, 9, tzinfo=WARSAW), tick=False):
        services.small_grant_close_comments(smallgrantoffer=small, actor=clerk)
        small.refresh_from_db()
        contract = small_grant_contract(smallgrantoffer=small, actor=clerk)
        contract_to_signature(contract=contract, actor=clerk, note="")
        client.force_login(rep)
        page = client.get(reverse("grants:my-contracts")).content.decode()
        assert contract.number in page and small.organisation.name in page
        response = client.get(reverse("grants:contract-pdf", args=[contract.pk]))
        assert response.status_code == 200
        content = b"".join(response.streaming_content)
        reader = PdfReader(BytesIO(content))
        text = " ".join(page.extract_text() for page in reader.pages)
        assert "Festyn sąsiedzki" in " ".join(text.split())
        client.force_login(UserFactory())
        outsider = client.get(reverse("grants:contract-pdf", args=[contract.pk]))
        assert outsider.status_code == 404


def test_the_personal_data_download_lists_small_grant_offers_and_comments(
    priority, clerk
):
    from grants import personal_data

    small, rep = helpers.published(priority, clerk)
    services.small_grant_comment(
        offer=small, author=rep, author_name="Anna Nowak", text="Popieram."
    )
    data = personal_data.export(rep)
    assert [o["number"] for o in data["small_grant_offers"]] == [small.number]
    assert data["small_grant_comments"][0]["text"] == "Popieram."


def test_the_clerk_hides_with_a_reason_and_shows_again_in_the_admin(
    admin_client, priority, clerk
):
    small, rep = helpers.published(priority, clerk)
    comment = services.small_grant_comment(
        offer=small, author=rep, author_name="Anna", text="Uwaga do ukrycia."
    )
    url = reverse("admin:grants_smallgrantcomment_change", args=[comment.pk])
    inline = {
        "cooperation-statuschange-content_type-object_id-TOTAL_FORMS": "0",
        "cooperation-statuschange-content_type-object_id-INITIAL_FORMS": "0",
    }
    without_reason = admin_client.post(
        url, {"hide": "on", "hidden_reason": "", "consideration": "", **inline}
    )
    assert without_reason.status_code == 200
    comment.refresh_from_db()
    assert comment.hidden_at is None
    admin_client.post(
        url,
        {"hide": "on", "hidden_reason": "Dane osobowe", "consideration": "", **inline},
    )
    comment.refresh_from_db()
    assert comment.hidden_at and comment.hidden_reason == "Dane osobowe"
    public = reverse("grants:small-grant-detail", args=[small.pk])
    admin_client.logout()
    assert "Uwaga do ukrycia." not in admin_client.get(public).content.decode()
    admin_client.force_login(clerk)
    admin_client.post(url, {"hidden_reason": "", "consideration": "", **inline})
    comment.refresh_from_db()
    assert comment.hidden_at is None
    admin_client.logout()
    assert "Uwaga do ukrycia." in admin_client.get(public).content.decode()


def test_a_guests_comment_is_public_once_the_link_of_the_e_mail_is_used(
    client, priority, clerk, settings, mailoutbox, django_capture_on_commit_callbacks
):
    import re

    settings.SMALL_GRANT_ANONYMOUS_COMMENTS = True
    small, _rep = helpers.published(priority, clerk)
    url = reverse("grants:small-grant-detail", args=[small.pk])
    bad = client.post(
        url, {"author_name": "Jan Gość", "email": "nie-adres", "text": "Uwaga gościa."}
    )
    assert bad.status_code == 200 and "Uwaga gościa." in bad.content.decode()
    assert not SmallGrantComment.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {
                "author_name": "Jan Gość",
                "email": "gosc@example.org",
                "text": "Uwaga gościa.",
            },
        )
    (mail,) = mailoutbox
    assert mail.to == ["gosc@example.org"] and small.number in mail.subject
    link = re.search(r"https?://\S+/male-granty/uwagi/potwierdz/\S+/", mail.body)
    path = "/" + link.group(0).split("/", 3)[3]
    comment = SmallGrantComment.objects.get()
    assert "Uwaga gościa." not in client.get(url).content.decode()
    page = client.get(path)  # a mail scanner's visit confirms nothing
    assert page.status_code == 200
    comment.refresh_from_db()
    assert comment.email_confirmed_at is None
    assert client.post(path[:-5] + "xxxx/").status_code == 400
    done = client.post(path)
    assert done.status_code == 302 and done.url == url
    comment.refresh_from_db()
    assert comment.email_confirmed_at is not None
    assert "Uwaga gościa." in client.get(url).content.decode()
    assert [c.to_status for c in history(comment).order_by("pk")] == [
        "submitted",
        "email_confirmed",
    ]
    client.post(path)
    assert history(comment).count() == 2
    with time_machine.travel(datetime(YEAR, 4, 14, 10, tzinfo=WARSAW), tick=False):
        expired = client.post(path)
    assert expired.status_code == 400 and "7" in expired.content.decode()
