import pytest
import requests

from ngos import krs


def test_extract_from_register_s_is_mapped(krs_api):
    extract = krs.fetch_extract("413516")
    assert krs_api.calls == [("0000413516", "S")]
    assert extract.krs == "0000413516"
    assert extract.register == "S"
    assert extract.name == 'STOWARZYSZENIE PRZYJACIÓŁ BIERTUŁTÓW "RAZEM"'
    assert extract.legal_form == "association"
    assert extract.street == "UL. ŚWIERKLAŃSKA 12"
    assert (extract.postal_code, extract.city) == ("44-310", "Radlin")
    assert extract.nip == "9721237317"
    # The padding trap: "30204683000000" is stored as the 9-digit REGON.
    assert extract.regon == "302046830"
    assert extract.is_opp is True


def test_register_p_is_asked_when_s_does_not_know_the_number(krs_api):
    extract = krs.fetch_extract("0000298765")
    assert krs_api.calls == [("0000298765", "S"), ("0000298765", "P")]
    assert extract.register == "P"
    assert extract.legal_form == "foundation"
    assert extract.street == "UL. RYBNICKA 15/3"
    assert (extract.nip, extract.regon, extract.is_opp) == (
        "6472500003",
        "240876545",
        False,
    )


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
        ("KOŚCIELNA OSOBA PRAWNA", "other"),
    ],
)
def test_legal_forms_of_the_register_are_mapped(name, form):
    assert krs.legal_form_from(name) == form
