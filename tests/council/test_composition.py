"""Art. 41f pkt 3: representatives of organisations are at least half of the members,
tested at its edge: exactly half is enough, one short is refused."""

import pytest

from cooperation.core.exceptions import DomainError
from cooperation.council import services
from cooperation.council.models import Side, Term

from .factories import active_term, council_with_term, seat

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("ngo", "council", "executive", "ok"),
    [
        (2, 1, 1, True),  # exactly half
        (2, 2, 1, False),  # one short of half
        (3, 2, 1, True),
        (1, 0, 1, True),
        (1, 1, 1, False),
        (0, 0, 0, True),
    ],
)
def test_composition_rule_at_its_edge(ngo, council, executive, ok):
    counts = {Side.NGO: ngo, Side.COUNCIL: council, Side.EXECUTIVE: executive}
    assert services.composition_ok(counts) is ok


def test_the_council_is_constituted_with_exactly_half(clerk):
    _council, term = council_with_term(clerk)
    seat(clerk, term, Side.NGO, 2)
    seat(clerk, term, Side.COUNCIL, 1)
    seat(clerk, term, Side.EXECUTIVE, 1)
    services.term_constitute(term=term, actor=clerk)
    assert Term.objects.get(pk=term.pk).status == Term.Status.ACTIVE


def test_the_council_is_not_constituted_one_short_of_half(clerk):
    _council, term = council_with_term(clerk)
    seat(clerk, term, Side.NGO, 2)
    seat(clerk, term, Side.COUNCIL, 2)
    seat(clerk, term, Side.EXECUTIVE, 1)
    with pytest.raises(DomainError, match="41f"):
        services.term_constitute(term=term, actor=clerk)
    assert Term.objects.get(pk=term.pk).status == Term.Status.FORMING


def test_the_council_is_not_constituted_without_members(clerk):
    _council, term = council_with_term(clerk)
    with pytest.raises(DomainError):
        services.term_constitute(term=term, actor=clerk)


def test_in_office_one_more_official_than_organisations_is_refused(clerk):
    term = active_term(clerk, ngo=2, council=1, executive=1)
    with pytest.raises(DomainError, match="41f"):
        seat(clerk, term, Side.EXECUTIVE)
    assert term.members.count() == 4
    seat(clerk, term, Side.NGO)
    seat(clerk, term, Side.EXECUTIVE)  # 3 of 6: exactly half again


def test_in_office_an_organisations_member_cannot_leave_below_half(clerk):
    term = active_term(clerk, ngo=2, council=1, executive=1)
    ngo = term.members.filter(side=Side.NGO).first()
    with pytest.raises(DomainError, match="41f"):
        services.member_end(actor=clerk, member=ngo)
    official = term.members.filter(side=Side.COUNCIL).get()
    services.member_end(actor=clerk, member=official)
    services.member_end(actor=clerk, member=ngo)  # 1 of 2: exactly half
    assert term.members.filter(until__isnull=True).count() == 2
