import pytest
from django.utils import translation

from cooperation.core.exceptions import (
    DomainError,
    PermissionDeniedError,
    TransitionNotAllowed,
)
from cooperation.core.models import Notification
from cooperation.core.workflow import history
from ngos import services
from ngos.models import Membership, Organisation
from ngos.permissions import Capability, can_act_for
from tests.cooperation.factories import UserFactory
from tests.ngos.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnerSearchFactory,
    SphereFactory,
)

pytestmark = pytest.mark.django_db

DATA = {
    "name": "Stowarzyszenie Nowe",
    "legal_form": "association",
    "krs": "0000413516",
    "nip": "9721237317",
    "regon": "302046830",
    "city": "Radlin",
    "description": "Pracujemy ze stowarzyszeniami.",
}


def test_register_makes_creator_pending_founding_representative():
    creator = UserFactory()
    organisation = services.organisation_register(
        creator=creator, data=DATA, spheres=[SphereFactory()]
    )
    assert organisation.verified_at is None
    membership = Membership.objects.get(organisation=organisation)
    assert (
        membership.user,
        membership.role,
        membership.status,
        membership.founding,
    ) == (
        creator,
        "representative",
        "pending",
        True,
    )
    assert not can_act_for(creator, organisation, Capability.EDIT)
    assert [c.to_status for c in history(organisation)] == ["registered"]
    assert "stowarzyszeniami" in organisation.search_text
    assert organisation.history.count() == 1


@pytest.mark.parametrize(
    "typed",
    [
        "Stowarzyszenie „Razem dla Radlina”",
        '  stowarzyszenie "RAZEM   dla Radlina". ',
        "Stowarzyszenie Razem dla Radlina",
    ],
)
def test_register_refuses_the_same_name_written_differently(typed):
    existing = OrganisationFactory(name="Stowarzyszenie „Razem dla Radlina”")
    data = {**DATA, "name": typed, "krs": "", "nip": "", "other_register": "Ewidencja"}
    with translation.override("en"):
        with pytest.raises(DomainError) as caught:
            services.organisation_register(creator=UserFactory(), data=data)
    assert caught.value.field == "name"
    assert existing.get_absolute_url() in caught.value.message
    assert "already registered" in caught.value.message
    assert Organisation.objects.count() == 1


def test_another_legal_form_with_the_same_words_is_another_organisation():
    OrganisationFactory(name="Stowarzyszenie Razem dla Radlina")
    data = {**DATA, "name": "Fundacja Razem dla Radlina", "legal_form": "foundation"}
    organisation = services.organisation_register(creator=UserFactory(), data=data)
    assert organisation.name_key == "fundacja razem dla radlina"


def test_renaming_to_a_taken_name_is_refused():
    OrganisationFactory(name="Fundacja Słoneczna")
    member = MembershipFactory()
    with pytest.raises(DomainError) as caught:
        services.organisation_update(
            organisation=member.organisation,
            actor=member.user,
            data={"name": "FUNDACJA  SŁONECZNA"},
        )
    assert caught.value.field == "name"


def test_the_database_refuses_a_second_organisation_of_the_same_name():
    from django.db import IntegrityError, transaction

    OrganisationFactory(name="Fundacja Słoneczna")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(name="fundacja „słoneczna”")


def test_the_migration_keys_existing_names_and_leaves_duplicates_to_a_clerk():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("ngos.migrations.0008_organisation_name_key")
    first, second, other = Organisation.objects.bulk_create(
        [
            OrganisationFactory.build(name="Klub Sportowy Górnik"),
            OrganisationFactory.build(name="klub sportowy  GÓRNIK"),
            OrganisationFactory.build(name="Koło Gospodyń Wiejskich"),
        ]
    )
    migration.fill_name_keys(apps, None)
    keys = dict(Organisation.objects.values_list("pk", "name_key"))
    assert keys[first.pk] == "klub sportowy górnik"
    assert keys[second.pk] == ""
    assert keys[other.pk] == "koło gospodyń wiejskich"


@pytest.mark.parametrize("field", ["krs", "nip"])
def test_register_refuses_duplicate_and_points_to_existing_profile(field):
    existing = OrganisationFactory(**{field: DATA[field]})
    with pytest.raises(DomainError) as caught:
        services.organisation_register(creator=UserFactory(), data=DATA)
    assert caught.value.field == field
    assert existing.get_absolute_url() in caught.value.message
    assert caught.value.message.startswith(("Numer KRS", "NIP"))
    assert "poproś o dołączenie" in caught.value.message
    with translation.override("en"):
        with pytest.raises(DomainError, match="ask to join it"):
            services.organisation_register(creator=UserFactory(), data=DATA)
    assert Organisation.objects.count() == 1


def test_register_never_takes_a_reserved_slug():
    organisation = services.organisation_register(
        creator=UserFactory(),
        data={**DATA, "name": "Partnerzy", "krs": "", "nip": "", "other_register": "x"},
    )
    assert organisation.slug == "partnerzy-2"


def test_verify_approves_founder_and_emails_them(
    clerk, django_capture_on_commit_callbacks, mailoutbox
):
    creator = UserFactory()
    organisation = services.organisation_register(creator=creator, data=DATA)
    with django_capture_on_commit_callbacks(execute=True):
        services.organisation_verify(organisation=organisation, actor=clerk)
    organisation.refresh_from_db()
    assert organisation.verified_by == clerk and organisation.verified_at
    membership = Membership.objects.get(organisation=organisation)
    assert membership.status == "approved" and membership.decided_by == clerk
    creator = type(creator).objects.get(pk=creator.pk)
    assert can_act_for(creator, organisation, Capability.SIGN)
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [creator.email]


def test_only_clerks_verify():
    organisation = OrganisationFactory(unverified=True)
    member = MembershipFactory(organisation=organisation).user
    with pytest.raises(PermissionDeniedError):
        services.organisation_verify(organisation=organisation, actor=member)


def test_representative_approves_an_editor_of_own_organisation(
    django_capture_on_commit_callbacks, mailoutbox
):
    representative = MembershipFactory().user
    organisation = representative.memberships.get().organisation
    request = services.membership_request(
        user=UserFactory(), organisation=organisation, role="editor"
    )
    assert Notification.objects.filter(
        recipient=representative, kind="ngos.membership_request"
    ).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.membership_approve(membership=request, actor=representative)
    request.refresh_from_db()
    assert request.status == "approved"
    assert [(c.from_status, c.to_status) for c in history(request)] == [
        ("", "pending"),
        ("pending", "approved"),
    ]
    assert any(m.to == [request.user.email] for m in mailoutbox)


def test_representative_cannot_approve_another_representative():
    representative = MembershipFactory().user
    organisation = representative.memberships.get().organisation
    request = services.membership_request(
        user=UserFactory(), organisation=organisation, role="representative"
    )
    with pytest.raises(PermissionDeniedError):
        services.membership_approve(membership=request, actor=representative)


@pytest.mark.parametrize("who", ["editor", "other_representative", "resident"])
def test_others_cannot_approve_editors(who):
    organisation = OrganisationFactory()
    actor = {
        "editor": lambda: (
            MembershipFactory(organisation=organisation, editor=True).user
        ),
        "other_representative": lambda: MembershipFactory().user,
        "resident": lambda: UserFactory(),
    }[who]()
    request = MembershipFactory(organisation=organisation, editor=True, pending=True)
    with pytest.raises(PermissionDeniedError):
        services.membership_approve(membership=request, actor=actor)


def test_refusal_needs_a_reason_which_is_emailed(
    clerk, django_capture_on_commit_callbacks, mailoutbox
):
    request = MembershipFactory(pending=True)
    with pytest.raises(DomainError) as caught:
        services.membership_refuse(membership=request, actor=clerk, reason=" ")
    assert caught.value.field == "reason"
    with django_capture_on_commit_callbacks(execute=True):
        services.membership_refuse(
            membership=request, actor=clerk, reason="Brak pełnomocnictwa zarządu."
        )
    request.refresh_from_db()
    assert (
        request.status == "refused" and request.reason == "Brak pełnomocnictwa zarządu."
    )
    assert "Brak pełnomocnictwa zarządu." in mailoutbox[0].body


def test_decided_request_cannot_be_decided_again(clerk):
    request = MembershipFactory(pending=True)
    services.membership_approve(membership=request, actor=clerk)
    with pytest.raises(TransitionNotAllowed):
        services.membership_refuse(membership=request, actor=clerk, reason="za późno")


def test_second_request_is_refused_with_a_message():
    membership = MembershipFactory(pending=True, editor=True)
    with pytest.raises(DomainError, match="czeka na decyzję"):
        services.membership_request(
            user=membership.user, organisation=membership.organisation, role="editor"
        )


def test_member_may_leave_and_representative_may_remove_editor():
    organisation = OrganisationFactory()
    representative = MembershipFactory(organisation=organisation).user
    editor = MembershipFactory(organisation=organisation, editor=True)
    services.membership_end(membership=editor, actor=representative)
    assert Membership.objects.get(pk=editor.pk).status == "ended"
    own = Membership.objects.get(user=representative)
    services.membership_end(membership=own, actor=representative)
    assert Membership.objects.get(pk=own.pk).status == "ended"


def test_update_keeps_field_history_and_refreshes_search():
    membership = MembershipFactory(editor=True)
    organisation = membership.organisation
    sphere = SphereFactory(name_pl="kultura fizyczna")
    services.organisation_update(
        organisation=organisation,
        actor=membership.user,
        data={"description": "Nowy opis"},
        spheres=[sphere],
    )
    organisation.refresh_from_db()
    assert organisation.description == "Nowy opis"
    assert "kultura fizyczna" in organisation.search_text
    assert organisation.history.first().history_user == membership.user


def test_editor_of_another_organisation_cannot_update():
    editor = MembershipFactory(editor=True).user
    with pytest.raises(PermissionDeniedError):
        services.organisation_update(
            organisation=OrganisationFactory(), actor=editor, data={"name": "X"}
        )


def test_partner_answer_notifies_the_poster(
    django_capture_on_commit_callbacks, mailoutbox
):
    poster = MembershipFactory().user
    search = PartnerSearchFactory(
        organisation=poster.memberships.get().organisation, author=poster
    )
    answering = MembershipFactory(editor=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.partner_answer_create(
            search=search,
            organisation=answering.organisation,
            author=answering.user,
            message="Chętnie pomożemy!",
        )
    assert mailoutbox[0].to == [poster.email]
    assert "Chętnie pomożemy!" in mailoutbox[0].body


def test_expired_search_takes_no_answers():
    search = PartnerSearchFactory(expired=True)
    answering = MembershipFactory(editor=True)
    with pytest.raises(DomainError):
        services.partner_answer_create(
            search=search,
            organisation=answering.organisation,
            author=answering.user,
            message="Za późno",
        )


@pytest.mark.parametrize(
    ("language", "subject", "sentence"),
    [
        (
            "pl",
            "Możesz już działać w imieniu organizacji: "
            "Stowarzyszenie Zwykłe „Razem dla Radlina”",
            "Zatwierdzono Twój wniosek o działanie w imieniu organizacji "
            "„Stowarzyszenie Zwykłe »Razem dla Radlina«” (rola: redaktor).",
        ),
        (
            "en",
            "You may now act for Stowarzyszenie Zwykłe „Razem dla Radlina”",
            "Your request to act for “Stowarzyszenie Zwykłe ‘Razem dla Radlina’” "
            "as editor is approved.",
        ),
    ],
)
def test_membership_e_mails_give_the_organisation_as_a_label_in_the_recipients_language(
    language, subject, sentence, django_capture_on_commit_callbacks, mailoutbox
):
    representative = MembershipFactory(
        organisation__name="Stowarzyszenie Zwykłe „Razem dla Radlina”"
    ).user
    organisation = representative.memberships.get().organisation
    request = services.membership_request(
        user=UserFactory(language=language), organisation=organisation, role="editor"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.membership_approve(membership=request, actor=representative)
    message = next(m for m in mailoutbox if m.to == [request.user.email])
    assert message.subject == subject
    assert sentence in message.body
    assert "&quot;" not in message.body and "&#x27;" not in message.body
