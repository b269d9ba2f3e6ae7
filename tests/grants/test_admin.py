from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cooperation.core.workflow import history
from grants.models import Competition
from tests.grants.factories import CompetitionFactory, PriorityFactory, complete_offer
from tests.grants.worlds import freeze

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, clerk):
    """A clerk in the admin; staff must have a second factor to get in."""
    from allauth.mfa.models import Authenticator

    from cooperation.core.signals import sync_clerk_permissions

    # A transactional test may have flushed the permissions the migrations gave.
    sync_clerk_permissions(sender=None)
    Authenticator.objects.get_or_create(
        user=clerk, type=Authenticator.Type.TOTP, defaults={"data": {}}
    )
    client.force_login(clerk)
    return client


def test_admin_pages_render(admin_client):
    competition = CompetitionFactory()
    offer = freeze(
        complete_offer(competition=CompetitionFactory(status="formal_review")),
        status="submitted",
        sequence=1,
    )
    for url in (
        reverse("admin:grants_competition_changelist"),
        reverse("admin:grants_competition_change", args=[competition.pk]),
        reverse("admin:grants_competition_add"),
        reverse("admin:grants_offer_changelist"),
        reverse("admin:grants_offer_change", args=[offer.pk]),
        reverse("admin:grants_committeemember_add"),
    ):
        assert admin_client.get(url).status_code == 200, url


def test_admin_action_publishes_through_the_service(admin_client):
    ok = CompetitionFactory()
    response = admin_client.post(
        reverse("admin:grants_competition_changelist"),
        {"action": "publish", "_selected_action": [ok.pk]},
        follow=True,
    )
    assert response.status_code == 200
    ok.refresh_from_db()
    assert ok.status == "announced"
    assert [c.to_status for c in history(ok)] == ["announced"]


def test_admin_action_reports_refusal(admin_client):
    too_soon = CompetitionFactory(
        offers_deadline=CompetitionFactory().offers_deadline.replace(year=2000)
    )
    response = admin_client.post(
        reverse("admin:grants_competition_changelist"),
        {"action": "publish", "_selected_action": [too_soon.pk]},
        follow=True,
    )
    assert Competition.objects.get(pk=too_soon.pk).status == "draft"
    assert "21" in response.content.decode()


def test_admin_priority_label_has_the_year_and_committee_plural(competition_factory):
    from django.utils import translation

    from grants.admin import PriorityChoiceField
    from grants.models import CommitteeMember

    priority = competition_factory().priority
    field = PriorityChoiceField(queryset=type(priority).objects.all())
    assert str(priority.programme.year) in field.label_from_instance(priority)
    with translation.override("pl"):
        assert str(CommitteeMember._meta.verbose_name_plural) == (
            "członkowie komisji konkursowej"
        )


def _add_form_data(admin_client, **fields) -> dict[str, str]:
    """The add form of a competition, with every inline empty but the criteria."""
    page = admin_client.get(reverse("admin:grants_competition_add"))
    data: dict[str, str] = {}
    for inline in page.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        if prefix == "criteria":
            forms = inline.formset.forms
            data[f"{prefix}-TOTAL_FORMS"] = str(len(forms))
            for n, form in enumerate(forms):
                for name, value in form.initial.items():
                    if isinstance(value, bool):
                        if value:
                            data[f"{prefix}-{n}-{name}"] = "on"
                    else:
                        data[f"{prefix}-{n}-{name}"] = str(value)
    today = timezone.localdate()
    deadline = today + timedelta(days=30)
    data.update(
        {
            "title": "Wypoczynek letni dzieci",
            "priority": str(PriorityFactory().pk),
            "form": "support",
            "task_type": "Wypoczynek letni",
            "public_funds": "50 000,00",
            "award_rules": "Dotacja w formie wsparcia.",
            "task_start": (deadline + timedelta(days=10)).isoformat(),
            "task_end": (deadline + timedelta(days=60)).isoformat(),
            "task_conditions": "Na terenie gminy.",
            "offers_deadline_0": deadline.isoformat(),
            "offers_deadline_1": "15:00",
            "selection_procedure": "Komisja.",
            "selection_date": (deadline + timedelta(days=7)).isoformat(),
            "min_own_contribution": "10",
            "correction_days": "7",
            "corrections_allowed": "on",
            "joint_offers_allowed": "on",
        }
    )
    data.update(fields)
    return data


def test_add_form_offers_every_art_15_criterion_prefilled_and_saves_them(
    admin_client,
):
    page = admin_client.get(reverse("admin:grants_competition_add"))
    criteria = next(
        i.formset
        for i in page.context["inline_admin_formsets"]
        if i.formset.prefix == "criteria"
    )
    assert [f.initial["statutory_point"] for f in criteria.forms] == [1, 2, 3, 4, 5, 6]
    response = admin_client.post(
        reverse("admin:grants_competition_add"), _add_form_data(admin_client)
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    competition = Competition.objects.get(title="Wypoczynek letni dzieci")
    assert sorted(competition.criteria.values_list("statutory_point", flat=True)) == [
        1,
        2,
        3,
        4,
        5,
        6,
    ]


def test_add_form_refuses_wrong_dates_and_amounts_with_polish_field_messages(
    admin_client,
):
    today = timezone.localdate()
    past = today - timedelta(days=3)
    data = _add_form_data(
        admin_client,
        task_start=(today + timedelta(days=60)).isoformat(),
        task_end=(today + timedelta(days=40)).isoformat(),
        public_funds="-5",
        offers_deadline_0=past.isoformat(),
        selection_date=(past - timedelta(days=1)).isoformat(),
    )
    response = admin_client.post(
        reverse("admin:grants_competition_add"), data, headers={"accept-language": "pl"}
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "Podaj kwotę równą 0 lub większą." in errors["public_funds"]
    assert "Zadanie nie może się kończyć przed rozpoczęciem." in errors["task_end"]
    assert "Termin składania ofert już minął." in errors["offers_deadline"]
    assert (
        "Wybór ofert może nastąpić dopiero po terminie składania ofert."
        in errors["selection_date"]
    )
    page = response.content.decode()
    assert "competition_funds_not_negative" not in page
    assert not Competition.objects.filter(title="Wypoczynek letni dzieci").exists()


def test_add_form_refuses_own_contribution_when_entrusting_and_a_grant_above_funds(
    admin_client,
):
    data = _add_form_data(
        admin_client, form="entrust", max_grant="60 000,00", min_own_contribution="10"
    )
    response = admin_client.post(
        reverse("admin:grants_competition_add"), data, headers={"accept-language": "pl"}
    )
    errors = response.context["adminform"].form.errors
    assert (
        "Powierzenie finansuje całe zadanie: nie wymaga wkładu własnego."
        in errors["min_own_contribution"]
    )
    assert any("nie może przekraczać" in e for e in errors["max_grant"])


def test_recording_the_budget_resolution_in_the_admin_goes_through_the_service(
    admin_client,
):
    competition = CompetitionFactory(status="committee_review", on_draft_budget=True)
    url = reverse("admin:grants_competition_change", args=[competition.pk])
    page = admin_client.get(url)
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None or value is False:
            continue
        if name == "offers_deadline":
            local = timezone.localtime(value)
            data["offers_deadline_0"] = local.date().isoformat()
            data["offers_deadline_1"] = local.strftime("%H:%M:%S")
        elif value is True:
            data[name] = "on"
        elif hasattr(value, "isoformat"):
            data[name] = value.isoformat()
        elif hasattr(value, "pk"):
            data[name] = str(value.pk)
        else:
            data[name] = str(value)
    for inline in page.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data[f"{prefix}-TOTAL_FORMS"] = str(inline.formset.initial_form_count())
        data[f"{prefix}-INITIAL_FORMS"] = str(inline.formset.initial_form_count())
        for n, sub in enumerate(inline.formset.initial_forms):
            for name in sub.fields:
                value = sub.instance.pk if name == "id" else sub.initial.get(name)
                if value is True:
                    data[f"{prefix}-{n}-{name}"] = "on"
                elif value not in (None, False):
                    data[f"{prefix}-{n}-{name}"] = str(getattr(value, "pk", value))
    data["budget_resolution_number"] = "XV/120/2026"
    data["budget_resolution_date"] = timezone.localdate().isoformat()
    response = admin_client.post(url, data)
    assert response.status_code == 302, [
        (i.formset.prefix, i.formset.errors, i.formset.non_form_errors())
        for i in response.context["inline_admin_formsets"]
    ]
    competition.refresh_from_db()
    assert competition.budget_resolution_number == "XV/120/2026"
    assert any("XV/120/2026" in c.note for c in history(competition))


def test_clerk_answers_a_request_for_reasons_in_the_admin(admin_client, clerk):
    from django.utils import timezone

    from cooperation.core.models import Notification
    from grants import services
    from grants.models import ReasonsRequest
    from tests.cooperation.factories import UserFactory

    competition = CompetitionFactory(
        status="results_published", results_published_at=timezone.now()
    )
    offer = freeze(
        complete_offer(competition=competition), status="not_selected", sequence=1
    )
    asker = UserFactory()
    request = services.reasons_request_create(
        competition=competition,
        offer=offer,
        actor=asker,
        name="Jan",
        email="jan@example.org",
        question="Dlaczego nie?",
    )
    change = reverse("admin:grants_reasonsrequest_change", args=[request.pk])
    page = admin_client.get(change).content.decode()
    assert "Dlaczego nie?" in page
    step = reverse(
        "admin:grants_reasonsrequest_transition", args=[request.pk, "answer"]
    )
    assert step in page
    assert admin_client.post(step, {"answer": ""}).status_code == 200
    response = admin_client.post(step, {"answer": "Za mało punktów."})
    assert response.status_code == 302
    request = ReasonsRequest.objects.get(pk=request.pk)
    assert (request.status, request.answer) == ("answered", "Za mało punktów.")
    assert [c.to_status for c in history(request)] == ["asked", "answered"]
    assert Notification.objects.filter(
        recipient=asker, kind="grants.reasons_answered"
    ).exists()


def test_excluding_a_member_in_the_admin_goes_through_the_service(admin_client):
    from grants.models import CommitteeMember
    from tests.cooperation.factories import UserFactory

    competition = CompetitionFactory(status="committee_review")
    member = CommitteeMember.objects.create(competition=competition, user=UserFactory())
    change = reverse("admin:grants_committeemember_change", args=[member.pk])
    assert admin_client.get(change).status_code == 200
    response = admin_client.post(
        change, {"is_chair": "", "excluded_reason": "Krewny prezesa oferenta"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    member.refresh_from_db()
    assert member.excluded_at and member.excluded_reason == "Krewny prezesa oferenta"
    assert "committee-member-excluded" in [c.to_status for c in history(competition)]
