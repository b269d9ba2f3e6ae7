import io

import pytest
from stdnum.pl import nip, regon

from bench import pages as bench_pages
from cooperation.core.demo import seed_people
from cooperation.core.registry import personal_data_exporters
from ngos import demo, site
from ngos.models import Membership, Organisation
from ngos.permissions import Capability, can_act_for
from ngos.validators import clean_krs
from tests.ngos.factories import MembershipFactory, PartnerSearchFactory

pytestmark = pytest.mark.django_db


def test_demo_organisations_are_believable_valid_and_seeded_once():
    out = io.StringIO()
    seed_people(out)
    demo.seed_demo(out)
    demo.seed_demo(out)
    organisations = list(Organisation.objects.all())
    assert 28 <= len(organisations) <= 35
    for organisation in organisations:
        assert nip.is_valid(organisation.nip), organisation
        assert regon.is_valid(organisation.regon), organisation
        assert organisation.krs == "" or clean_krs(organisation.krs) == organisation.krs
        assert organisation.krs or organisation.other_register
        organisation.clean_fields()  # the identifier fields' own checks
        assert organisation.spheres.exists()
    assert len({o.legal_form for o in organisations}) >= 5
    president = Membership.objects.get(user__email="prezes@demo.radlin.example")
    editor = Membership.objects.get(user__email="redaktor@demo.radlin.example")
    assert president.organisation == editor.organisation
    assert can_act_for(president.user, president.organisation, Capability.SIGN)
    assert can_act_for(editor.user, editor.organisation, Capability.EDIT)
    assert not can_act_for(editor.user, editor.organisation, Capability.SIGN)


def test_bench_adds_a_thousand_organisations_per_unit(client):
    demo.seed_bench(1, io.StringIO())
    assert Organisation.objects.public().count() == 1000
    for _label, path in bench_pages.ngos():
        assert client.get(path).status_code == 200


def test_personal_data_export_lists_memberships_and_posts():
    membership = MembershipFactory()
    PartnerSearchFactory(
        organisation=membership.organisation, author=membership.user, title="Festyn"
    )
    data = personal_data_exporters["ngos"](membership.user)
    assert data["memberships"][0]["organisation"] == membership.organisation.name
    assert data["partner_searches"][0]["title"] == "Festyn"


def test_calendar_lists_last_days_of_partner_searches():
    import datetime

    from django.utils import timezone

    search = PartnerSearchFactory()
    PartnerSearchFactory(organisation__verified_at=None)
    now = timezone.now()
    entries = list(
        site.calendar_entries(
            now - datetime.timedelta(days=1), now + datetime.timedelta(days=60)
        )
    )
    assert [e.url for e in entries] == [search.get_absolute_url()]
    assert entries[0].start == search.ends_on


def test_demo_restores_spheres_lost_by_a_flushed_database():
    from ngos.models import PublicBenefitSphere

    PublicBenefitSphere.objects.all().delete()
    seed_people(io.StringIO())
    demo.seed_demo(io.StringIO())
    assert PublicBenefitSphere.objects.filter(code="32a").exists()
