"""The KRS prefill on recorded current extracts of real entities (data/SOURCES.json).

Both recorded extracts are of companies in register P; no recorded extract of an
association or foundation (register S) was found in public sources, so the rules
for register S entities are checked on the functions that read each field."""

import pytest
import requests

from ngos import krs


@pytest.fixture(autouse=True)
def _english():
    from django.utils import translation

    with translation.override("en"):
        yield


def test_register_s_is_asked_first_then_p(krs_api):
    extract = krs.fetch_extract("413516")
    assert krs_api.calls == [("0000413516", "S"), ("0000413516", "P")]
    assert extract.krs == "0000413516"
    assert extract.register == "P"


def test_names_and_addresses_in_capitals_are_written_readably(krs_api):
    extract = krs.fetch_extract("0000413516")
    assert extract.name == "Swlex spółka z ograniczoną odpowiedzialnością"
    assert extract.street == "ul. Szelągowska 49"
    assert (extract.postal_code, extract.city) == ("61-626", "Poznań")
    assert extract.nip == "9721237317"
    # The padding trap: "30204683000000" is stored as the 9-digit REGON.
    assert extract.regon == "302046830"
    assert extract.is_opp is False
    other = krs.fetch_extract("0000121862")
    assert other.street == "ul. Inflancka 4A"
    assert (other.city, other.regon) == ("Warszawa", "002003764")


def test_a_company_gets_no_ngo_legal_form(krs_api):
    # A spółka is an NGO-like entity only when its articles say it is not for
    # profit, which the register does not record.
    assert krs.fetch_extract("0000413516").legal_form == ""
    assert krs.fetch_extract("0000121862").legal_form == ""


def test_representation_each_member_alone_is_one_signature(krs_api):
    representation = krs.fetch_extract("0000121862").representation
    assert representation.organ == "Zarząd"
    assert representation.manner == (
        "DO SKŁADANIA OŚWIADCZEŃ I PODPISYWANIA W IMIENIU UPOWAŻNIONY JEST KAŻDY Z "
        "CZŁONKÓW ZARZĄDU SAMODZIELNIE."
    )
    assert representation.signatures_required == 1
    assert [(m.name, m.function) for m in representation.members] == [
        ("S**** L****", "Prezes Zarządu")
    ]
    # The public API shortens people's names: the clerk is told to complete them.
    assert "shortened" in representation.note


def test_representation_with_alternatives_is_left_for_the_clerk(krs_api):
    representation = krs.fetch_extract("0000413516").representation
    assert representation.signatures_required is None
    assert "a clerk sets the number" in representation.note
    assert [m.function for m in representation.members] == ["Członek Zarządu"]


@pytest.mark.parametrize(
    ("manner", "required"),
    [
        ("DWÓCH CZŁONKÓW ZARZĄDU DZIAŁAJĄCYCH ŁĄCZNIE", 2),
        ("KAŻDY CZŁONEK ZARZĄDU SAMODZIELNIE", 1),
        (
            "DO SKŁADANIA OŚWIADCZEŃ WYMAGANE JEST WSPÓŁDZIAŁANIE TRZECH CZŁONKÓW ZARZĄDU",
            3,
        ),
        ("PREZES ZARZĄDU SAMODZIELNIE, DWÓCH CZŁONKÓW ZARZĄDU ŁĄCZNIE", None),
        ("DWÓCH CZŁONKÓW ZARZĄDU ŁĄCZNIE ALBO CZŁONEK ZARZĄDU Z PROKURENTEM", None),
        ("", None),
    ],
)
def test_signatures_are_read_only_from_a_plain_manner(manner, required):
    assert krs.signatures_from(manner) == required


def test_a_seat_in_a_village_without_streets_is_written_as_polish_addresses_are():
    assert krs.address_lines(
        {
            "miejscowosc": "SZADOWO",
            "nrDomu": "1",
            "kodPocztowy": "82-500",
            "poczta": "KWIDZYN",
        }
    ) == ("Szadowo 1", "82-500", "Kwidzyn")
    assert krs.address_lines(
        {
            "ulica": "UL. LIPOWA",
            "nrDomu": "3",
            "nrLokalu": "2",
            "miejscowosc": "KAMIENIEC",
            "kodPocztowy": "42-674",
            "poczta": "ZBROSŁAWICE",
        }
    ) == ("ul. Lipowa 3/2, Kamieniec", "42-674", "Zbrosławice")


@pytest.mark.parametrize(
    ("register", "readable"),
    [
        (
            "STOWARZYSZENIE PRZYJACIÓŁ SZKOŁY NR 1 W RADLINIE",
            "Stowarzyszenie Przyjaciół Szkoły nr 1 w Radlinie",
        ),
        ("OCHOTNICZA STRAŻ POŻARNA W RADLINIE", "Ochotnicza Straż Pożarna w Radlinie"),
        ("KĘDZIERZYN-KOŹLE", "Kędzierzyn-Koźle"),
        ("FUNDACJA „DOM” IM. JANA PAWŁA II", "Fundacja „Dom” im. Jana Pawła II"),
        ("LUDOWY KLUB SPORTOWY LZS", "Ludowy Klub Sportowy LZS"),
        ("Fundacja Już Zapisana", "Fundacja Już Zapisana"),
    ],
)
def test_register_capitals_become_readable_consistently(register, readable):
    assert krs.readable(register) == readable


def test_website_from_the_extract_is_a_link():
    assert krs._website("WWW.ORLEN.PL") == "http://www.orlen.pl"
    assert krs._website("") == ""


def test_unknown_number_is_not_found_in_either_register(krs_api):
    with pytest.raises(krs.KrsNotFound):
        krs.fetch_extract("1")
    assert [r for _, r in krs_api.calls] == ["S", "P"]


@pytest.mark.parametrize(
    "error", [requests.Timeout("slow"), requests.ConnectionError("down")]
)
def test_timeout_or_outage_is_unavailable(krs_api, error):
    krs_api.error = error
    with pytest.raises(krs.KrsUnavailable):
        krs.fetch_extract("0000413516")


def test_server_error_is_unavailable(monkeypatch):
    from tests.ngos.conftest import FakeResponse

    monkeypatch.setattr(krs.requests, "get", lambda *a, **k: FakeResponse(503))
    with pytest.raises(krs.KrsUnavailable):
        krs.fetch_extract("0000413516")


@pytest.mark.parametrize(
    ("name", "form"),
    [
        ("FUNDACJA", "foundation"),
        ("STOWARZYSZENIE KULTURY FIZYCZNEJ", "sports_club"),
        ("UCZNIOWSKI KLUB SPORTOWY", "sports_club"),
        ("SPÓŁDZIELNIA SOCJALNA", "social_cooperative"),
        ("KOŁO GOSPODYŃ WIEJSKICH", "rural_housewives_circle"),
        ("STOWARZYSZENIE ZWYKŁE", "ordinary_association"),
        ("STOWARZYSZENIE", "association"),
        ("SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ", ""),
        ("SPOLKA AKCYJNA", ""),
    ],
)
def test_only_ngo_legal_forms_of_the_register_are_mapped(name, form):
    assert krs.legal_form_from(name) == form


@pytest.mark.django_db
def test_the_representation_is_recorded_with_a_note_for_the_clerk(krs_api, roles):
    from ngos import services
    from ngos.models import Representation
    from tests.ngos.factories import OrganisationFactory

    organisation = OrganisationFactory(krs="0000413516")
    services.representation_from_krs(
        organisation=organisation,
        representation=krs.fetch_extract("0000413516").representation,
        actor=roles.clerk,
    )
    stored = Representation.objects.get(organisation=organisation)
    assert stored.source == "krs" and stored.read_at is not None
    assert stored.signatures_required == 1  # nothing plain to read: the clerk decides
    assert "a clerk sets the number" in stored.note
    assert [(m.name, m.function, m.position) for m in stored.members.all()] == [
        ("S******** W*********", "Członek Zarządu", 1)
    ]
    # Read again from an extract that says it plainly, the members are replaced.
    services.representation_from_krs(
        organisation=organisation,
        representation=krs.fetch_extract("0000121862").representation,
        actor=roles.clerk,
    )
    stored.refresh_from_db()
    assert stored.signatures_required == 1 and stored.members.count() == 1
    assert stored.members.get().function == "Prezes Zarządu"


@pytest.mark.django_db
def test_someone_outside_the_organisation_cannot_record_its_representation(
    krs_api, roles
):
    from cooperation.core.exceptions import PermissionDeniedError
    from ngos import services
    from tests.ngos.factories import OrganisationFactory

    with pytest.raises(PermissionDeniedError):
        services.representation_from_krs(
            organisation=OrganisationFactory(),
            representation=krs.fetch_extract("0000121862").representation,
            actor=roles.resident,
        )
