"""The administration speaks correct Polish about every model it lists.

Django's Polish catalogue covers every gender at once ("został(a)(-ło)
dodany(-na)(-ne)") and puts a model's name in the nominative where a sentence needs
another case ("Dodaj członek komisji"). Every ModelAdmin of the portal declares its
model's forms (``cooperation.core.nouns``); these tests walk all of them and read
what the administration shows.
"""

import re
from unittest import mock

import pytest
from django.contrib import admin, messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory
from django.utils import translation
from django.utils.text import capfirst

from cooperation.core.admin import PolishNamesMixin
from cooperation.core.nouns import (
    FEMININE,
    GENDERS,
    MASCULINE,
    MASCULINE_PERSONAL,
    NEUTER,
    PLURAL,
    names,
)
from tests.cooperation.factories import UserFactory, with_totp

pytestmark = pytest.mark.django_db

# Django's forms for every gender at once, and its "him/her" pronouns.
GENERIC = re.compile(
    r"\((?:-?ło|-?na|-?ne|-?ta|-?te|go|-ną|-ny|-nych|-nego|-nej|i)\)|go/ją/je|nim/nią"
)


def generic_forms(html: str) -> list[str]:
    """Django's gender-neutral forms on a page, each with what surrounds it."""
    return [html[max(0, m.start() - 80) : m.end() + 40] for m in GENERIC.finditer(html)]


# The endings a Polish past participle takes after a name of each gender, written
# here independently of the catalogue.
WAS = {
    MASCULINE_PERSONAL: "został {}y",
    MASCULINE: "został {}y",
    FEMININE: "została {}a",
    NEUTER: "zostało {}e",
    PLURAL: "zostały {}e",
}
STEMS = {"added": "dodan", "changed": "zmienion", "deleted": "usunięt"}
ANOTHER = {
    MASCULINE_PERSONAL: "kolejnego",
    MASCULINE: "kolejny",
    FEMININE: "kolejną",
    NEUTER: "kolejne",
    PLURAL: "kolejne",
}


def portal_admins():
    return sorted(
        (
            (model, model_admin)
            for model, model_admin in admin.site._registry.items()
            if isinstance(model_admin, PolishNamesMixin)
        ),
        key=lambda item: item[0]._meta.label,
    )


ADMINS = portal_admins()


def _ids(items):
    return [model._meta.label for model, _ in items]


@pytest.fixture
def superuser():
    return with_totp(
        UserFactory(email="admin@example.org", is_superuser=True, clerk=True)
    )


def _request(user, post=None):
    request = RequestFactory().post("/admin/", post or {})
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _sent(request):
    return [m for m in messages.get_messages(request) if m.level == messages.SUCCESS]


def test_every_portal_model_admin_is_covered():
    labels = {model._meta.label_lower for model, _ in ADMINS}
    assert {"grants.offer", "grants.committeemember", "cooperation.user"} <= labels
    assert len(labels) > 50


@pytest.mark.parametrize("model,model_admin", ADMINS, ids=_ids(ADMINS))
def test_every_model_declares_its_polish_forms(model, model_admin):
    own = names(model)
    assert own.declared, f"{model._meta.label}: add its forms to cooperation.core.nouns"
    assert own.gender in GENDERS
    with translation.override("en"):
        english = (own.nominative, own.accusative, own.genitive_plural)
    with translation.override("pl"):
        polish = (own.nominative, own.accusative, own.genitive_plural)
    # Each form is translated, unless the name is the same in both languages.
    for en, pl in zip(english[1:], polish[1:], strict=True):
        assert pl and (pl != en or polish[0] == english[0]), (english, polish)


@pytest.mark.parametrize("model,model_admin", ADMINS, ids=_ids(ADMINS))
def test_messages_after_adding_changing_and_deleting_agree_with_the_name(
    model, model_admin, superuser
):
    own = names(model)
    obj = model(pk=1)
    with (
        translation.override("pl"),
        mock.patch.object(model, "__str__", lambda self: "Próba"),
        # An unsaved record: some admins look at its relations to decide.
        mock.patch.object(model_admin, "has_change_permission", return_value=True),
    ):
        name = own.nominative
        for action, post in (
            ("added", {}),
            ("added", {"_continue": "1"}),
            ("added", {"_addanother": "1"}),
            ("changed", {}),
            ("changed", {"_continue": "1"}),
            ("changed", {"_addanother": "1"}),
        ):
            request = _request(superuser, post)
            # The portal's answer as every ModelAdmin inherits it (some add a
            # step of their own after a save).
            respond = (
                PolishNamesMixin.response_add
                if action == "added"
                else PolishNamesMixin.response_change
            )
            respond(model_admin, request, obj)
            (message,) = _sent(request)
            text = str(message)
            expected = (
                f"{capfirst(name)} „Próba” "
                + WAS[own.gender].format(STEMS[action])
                + "."
            )
            assert text.startswith(expected), text
            if "_continue" in post:
                assert text.endswith(" dalej edytować."), text
            if "_addanother" in post:
                assert text.endswith(
                    f"dodać {ANOTHER[own.gender]} {own.accusative}."
                ), text
            assert not GENERIC.search(text), text

        request = _request(superuser)
        PolishNamesMixin.response_delete(model_admin, request, "Próba", 1)
        (message,) = _sent(request)
        assert str(message) == (
            f"{capfirst(name)} „Próba” " + WAS[own.gender].format("usunięt") + "."
        )


@pytest.mark.parametrize("model,model_admin", ADMINS, ids=_ids(ADMINS))
def test_titles_add_button_and_delete_action_use_the_declared_cases(
    model, model_admin, superuser, client
):
    own = names(model)
    opts = model._meta
    client.force_login(superuser)
    with translation.override("pl"):
        accusative = own.accusative
        page = client.get(
            f"/admin/{opts.app_label}/{opts.model_name}/",
            headers={"accept-language": "pl"},
        )
        assert page.status_code == 200
        html = page.content.decode()
        title = page.context["title"]
        request = _request(superuser)
        to_change = model_admin.has_change_permission(request)
        assert title == (
            f"Wybierz {accusative} do zmiany"
            if to_change
            else f"Wybierz {accusative} do obejrzenia"
        )
        assert not generic_forms(html), generic_forms(html)
        actions = dict(model_admin.get_action_choices(request))
        if "delete_selected" in actions:
            chosen = "wybranych" if own.gender == MASCULINE_PERSONAL else "wybrane"
            assert actions["delete_selected"] == (
                f"Usuń {chosen} {own.accusative_plural}"
            )
        if model_admin.has_add_permission(request):
            assert re.search(
                rf'class="addlink">\s*Dodaj {re.escape(accusative)}\s*<', html
            )
            add = client.get(
                f"/admin/{opts.app_label}/{opts.model_name}/add/",
                headers={"accept-language": "pl"},
            )
            assert add.status_code == 200
            assert add.context["title"] == f"Dodaj {accusative}"
            add_html = add.content.decode()
            assert f"&rsaquo; Dodaj {accusative}" in add_html
            assert not generic_forms(add_html), generic_forms(add_html)


def test_committee_member_and_offer_in_their_cases(client, superuser):
    """The cases the issue names, through the pages."""
    client.force_login(superuser)
    with translation.override("pl"):
        html = client.get("/admin/grants/committeemember/").content.decode()
        assert "Dodaj członka komisji" in html
        assert "Dodaj członek komisji" not in html
        assert "Wybierz członka komisji do zmiany" in html
        html = client.get("/admin/grants/offer/").content.decode()
        assert "Wybierz ofertę do zmiany" in html


@pytest.mark.parametrize(
    "label,count,nominative,accusative",
    [
        ("grants.offer", 1, "oferta", "ofertę"),
        ("grants.offer", 3, "oferty", "oferty"),
        ("grants.offer", 5, "ofert", "ofert"),
        ("grants.offer", 12, "ofert", "ofert"),
        ("grants.offer", 22, "oferty", "oferty"),
        ("grants.committeemember", 1, "członek komisji", "członka komisji"),
        (
            "grants.committeemember",
            2,
            "członkowie komisji konkursowej",
            "członków komisji konkursowej",
        ),
        ("grants.report", 7, "sprawozdań", "sprawozdań"),
    ],
)
def test_a_number_agrees_with_the_name(label, count, nominative, accusative):
    from django.apps import apps

    own = names(apps.get_model(label))
    with translation.override("pl"):
        assert own.counted(count) == nominative
        assert own.counted(count, accusative=True) == accusative


def test_the_flow_through_the_pages_says_it_in_polish(client, superuser):
    """A record added and changed on the pages, then several deleted at once."""
    from ngos.models import PublicBenefitSphere

    client.force_login(superuser)
    url = "/admin/ngos/publicbenefitsphere/"
    data = {"code": "x1", "name_pl": "Kultura", "name_en": "Culture"}
    with translation.override("pl"):
        response = client.post(url + "add/", data, follow=True)
        text = [str(m) for m in response.context["messages"]]
        assert "Sfera pożytku publicznego „Kultura” została dodana." in text, text
        sphere = PublicBenefitSphere.objects.get(code="x1")
        response = client.post(
            f"{url}{sphere.pk}/change/",
            {**data, "name_pl": "Kultura i sztuka", "_continue": "1"},
            follow=True,
        )
        text = [str(m) for m in response.context["messages"]]
        assert (
            "Sfera pożytku publicznego „Kultura i sztuka” została zmieniona. "
            "Poniżej możesz ją dalej edytować." in text
        ), text
        PublicBenefitSphere.objects.create(code="x2", name_pl="Sport", name_en="Sport")
        chosen = list(
            PublicBenefitSphere.objects.filter(code__in=["x1", "x2"]).values_list(
                "pk", flat=True
            )
        )
        page = client.post(
            url, {"action": "delete_selected", "_selected_action": chosen}
        ).content.decode()
        assert "Czy na pewno usunąć 2 sfery pożytku publicznego?" in page
        assert not generic_forms(page), generic_forms(page)
        response = client.post(
            url,
            {"action": "delete_selected", "post": "yes", "_selected_action": chosen},
            follow=True,
        )
        text = [str(m) for m in response.context["messages"]]
        assert "Usunięto 2 sfery pożytku publicznego." in text, text
        assert not PublicBenefitSphere.objects.filter(code__in=["x1", "x2"]).exists()


def test_a_missing_record_is_reported_in_its_gender(client, superuser):
    client.force_login(superuser)
    with translation.override("pl"):
        response = client.get("/admin/grants/offer/999999/change/", follow=True)
        text = [str(m) for m in response.context["messages"]]
        assert text == [
            "Oferta o identyfikatorze „999999” nie istnieje. Może została usunięta?"
        ]
        response = client.get("/admin/grants/competition/999999/change/", follow=True)
        text = [str(m) for m in response.context["messages"]]
    assert text == [
        "Otwarty konkurs ofert o identyfikatorze „999999” nie istnieje. "
        "Może został usunięty?"
    ]
