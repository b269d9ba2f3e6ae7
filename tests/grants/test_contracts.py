"""The contract after the award, its annex and the payments of its grant."""

import re
from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader, PdfWriter

from cooperation.core.exceptions import DomainError
from cooperation.core.models import Notification
from cooperation.core.workflow import history
from grants import contract_documents, services
from grants.models import Contract, ContractAnnex, DocumentTemplate, Offer
from grants.services.contracts import (
    art_221_problems,
    changes_needing_annex,
    contract_number,
    next_sequence,
    schedule,
)
from ngos.models import Representation, Representative
from tests.grants import test_award
from tests.grants.test_award import _fit

pytestmark = pytest.mark.django_db
awarded = test_award.awarded

CONTRACT_BODY = """WZÓR DEMONSTRACYJNY
Umowa nr {{ umowa.numer }} o {{ umowa.forma }} realizacji zadania publicznego „{{ umowa.tytul }}”
zawarta pomiędzy {{ gmina.nazwa }}, reprezentowaną przez {{ gmina.reprezentant }}, a {{ zleceniobiorca.nazwa }}.
Zadanie realizowane od {{ umowa.termin_od }} do {{ umowa.termin_do }}; dotacja {{ umowa.dotacja }} na rachunek {{ umowa.rachunek }}.
Dopuszczalne przesunięcie: {{ umowa.przesuniecie }}%.
{{ reprezentanci }}
{{ harmonogram }}
{{ kosztorys }}
{{ transze }}
Koniec tekstu."""
ANNEX_BODY = """WZÓR DEMONSTRACYJNY
Aneks nr {{ aneks.numer }} do umowy nr {{ umowa.numer }}: {{ aneks.powod }}
Termin: {{ umowa.termin_od }} – {{ umowa.termin_do }}
{{ kosztorys }}
{{ transze }}"""


@pytest.fixture
def templates(db):
    DocumentTemplate.objects.create(
        kind="contract",
        name="Umowa o realizację zadania publicznego",
        legal_basis="Dz.U. 2018 poz. 2057, zał. nr 3",
        version="demo-1",
        valid_from=date(2019, 1, 1),
        body=CONTRACT_BODY,
    )
    DocumentTemplate.objects.create(
        kind="annex",
        name="Aneks do umowy",
        legal_basis="Dz.U. 2018 poz. 2057, zał. nr 3",
        version="demo-annex-1",
        valid_from=date(2019, 1, 1),
        body=ANNEX_BODY,
    )


@pytest.fixture
def accepted(awarded, clerk, templates):
    """Org A's chosen offer updated to the 7 200 granted, the update accepted, and
    the organisation represented by two members of its board signing together."""
    update = services.offer_update_start(offer=awarded.chosen, actor=awarded.member_a)
    _fit(update, awarded.member_a)
    services.offer_update_submit(offerupdate=update, actor=awarded.member_a)
    services.offer_update_accept(offerupdate=update, actor=clerk)
    # The factories give the organisation a one-signature board; this one has two.
    Representation.objects.filter(organisation=awarded.org_a).delete()
    representation = Representation.objects.create(
        organisation=awarded.org_a,
        organ="Zarząd",
        manner="Dwóch członków Zarządu działających łącznie.",
        signatures_required=2,
    )
    for n, (name, function) in enumerate(
        [("Anna Nowak", "Prezes Zarządu"), ("Jan Kowalski", "Skarbnik")]
    ):
        Representative.objects.create(
            representation=representation, name=name, function=function, position=n
        )
    Offer.objects.filter(pk=awarded.chosen.pk).update(
        offeror_bank_account="61109010140000071219812874"
    )
    awarded.offer = Offer.objects.get(pk=awarded.chosen.pk)
    return awarded


def pdf_text(doc) -> str:
    with doc.file.open("rb") as file:
        reader = PdfReader(BytesIO(file.read()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text)


def upload(document, name="podpisana.pdf"):
    """A scan of the signed paper: a PDF without electronic signatures."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    data = BytesIO()
    writer.write(data)
    document.signed_file = SimpleUploadedFile(name, data.getvalue())
    document.save(update_fields=["signed_file"])


def test_a_grant_from_the_update_through_contract_instalments_and_annex(
    accepted, clerk
):
    offer = accepted.offer
    start = offer.start_date
    year = start.year
    halfway = start + timedelta(days=10)
    contract = services.contract_create(
        offer=offer,
        actor=clerk,
        instalments=[(start, "3 600,00"), (halfway, "3600,00")],
    )
    assert contract.number == f"{contract.sequence}/{timezone.localdate().year}/OPP"
    assert contract.grant == Decimal("7200.00")
    assert contract.form == "support"
    assert contract.template_version == "demo-1"
    assert [r["name"] for r in contract.representatives] == [
        "Anna Nowak",
        "Jan Kowalski",
    ]
    assert contract.terms["years"] == [
        {"year": year, "amount": "7200.00", "use_by": offer.end_date.isoformat()}
    ]
    assert contract.terms["own_financial"] == "800.00"
    assert contract.next_due_on == start
    assert "Umowa nr " + contract.number in contract.body
    assert "Trener | 4\xa0800,00 PLN" in contract.body

    with pytest.raises(DomainError):  # nothing signed yet
        services.payment_record(
            contract=contract, actor=clerk, instalment=1, paid_on=start, amount="1"
        )
    services.contract_to_signature(contract=contract, actor=clerk, note="Do podpisu.")
    with pytest.raises(DomainError) as no_file:
        services.contract_sign(
            contract=contract, actor=clerk, signed_on=timezone.localdate()
        )
    assert no_file.value.field == "signed_file"
    upload(contract)
    with pytest.raises(DomainError) as one_signature:
        services.contract_sign(
            contract=contract,
            actor=clerk,
            signed_on=timezone.localdate(),
            signed_for_organisation="Anna Nowak",
        )
    assert "2" in one_signature.value.message
    services.contract_sign(
        contract=contract, actor=clerk, signed_on=timezone.localdate()
    )
    services.contract_start(contract=contract, actor=clerk)
    contract.refresh_from_db()
    assert contract.status == "in_progress"
    assert contract.signed_for_organisation == "Anna Nowak, Jan Kowalski"
    assert contract.signed_for_municipality == "Burmistrz Miasta Radlin"

    text = pdf_text(contract_documents.contract_pdf(contract))
    for expected in (
        contract.number,
        "WZÓR DEMONSTRACYJNY",
        "Stowarzyszenie A",
        "Zajęcia sportowe",
        "Trener",
        "3 600,00 PLN",
        "Anna Nowak",
        "Jan Kowalski",
        "Burmistrz Miasta Radlin",
        f"Oferta nr {offer.number}",
        "Aktualizacja oferty",
        "Strona 1 z",
    ):
        assert expected in text, expected

    # Payments: the first instalment in two transfers, nothing beyond it.
    services.payment_record(
        contract=contract, actor=clerk, instalment=1, paid_on=start, amount="3000,00"
    )
    with pytest.raises(DomainError) as too_much:
        services.payment_record(
            contract=contract, actor=clerk, instalment=1, paid_on=start, amount="601"
        )
    assert "600,00 PLN" in too_much.value.message
    with pytest.raises(DomainError) as badly_typed:
        services.payment_record(
            contract=contract,
            actor=clerk,
            instalment=1,
            paid_on=start,
            amount="1.000,5",
        )
    assert badly_typed.value.field == "amount"
    services.payment_record(
        contract=contract, actor=clerk, instalment=1, paid_on=start, amount="600"
    )
    services.payment_record(
        contract=contract, actor=clerk, instalment=2, paid_on=halfway, amount="3600"
    )
    with pytest.raises(DomainError):  # beyond the grant
        services.payment_record(
            contract=contract, actor=clerk, instalment=2, paid_on=halfway, amount="1"
        )
    contract.refresh_from_db()
    assert [(r["number"], r["paid"], r["due"]) for r in schedule(contract)] == [
        (1, Decimal("3600.00"), Decimal("0.00")),
        (2, Decimal("3600.00"), Decimal("0.00")),
    ]
    assert contract.next_due_on is None
    assert (
        Notification.objects.filter(
            recipient=accepted.member_a, kind="grants.payment_recorded"
        ).count()
        == 3
    )

    # A shift within 10 % needs no annex; 20 % and a later end date do.
    costs = contract.terms["costs"]
    within = [dict(c) for c in costs]
    within[0]["total"], within[1]["total"] = "4560.00", "2640.00"  # -5 %, +10 %
    with pytest.raises(DomainError) as none_needed:
        services.annex_create(
            contract=contract, actor=clerk, reason="x", changes={"costs": within}
        )
    assert none_needed.value.code == "within-shift"
    later = offer.end_date + timedelta(days=14)
    beyond = [dict(c) for c in costs]
    beyond[0]["total"], beyond[1]["total"] = "4500.00", "2700.00"  # -6.25 %, +12.5 %
    annex = services.annex_create(
        contract=contract,
        actor=clerk,
        reason="Przedłużenie zajęć o dwa tygodnie.",
        changes={"end_date": later, "costs": beyond},
    )
    assert annex.number == 1
    why = history(annex).first().note
    assert "terminy realizacji zadania" in why and "12,50%" in why, why
    assert "I.1.1." not in why  # -6.25 % is within the shift
    assert annex.template_version == "demo-annex-1"
    assert contract.current_terms()["end_date"] == offer.end_date.isoformat()
    upload(annex, "aneks.pdf")
    services.annex_sign(
        contractannex=annex, actor=clerk, signed_on=timezone.localdate()
    )
    contract.refresh_from_db()
    assert contract.current_terms()["end_date"] == later.isoformat()
    annex_text = pdf_text(contract_documents.annex_pdf(annex))
    for expected in (
        "Aneks nr 1",
        "2 700,00 PLN",
        contract.number,
        "Przedłużenie zajęć",
        "Anna Nowak",
    ):
        assert expected in annex_text, expected

    # Every transition audited.
    assert [(c.from_status, c.to_status) for c in history(contract)] == [
        ("", "draft"),
        ("draft", "ready"),
        ("ready", "signed"),
        ("signed", "in_progress"),
    ]
    assert [(c.from_status, c.to_status) for c in history(annex)] == [
        ("", "draft"),
        ("draft", "signed"),
    ]
    assert sorted(
        Notification.objects.filter(recipient=accepted.member_a)
        .filter(
            kind__in=[
                "grants.contract_ready",
                "grants.contract_signed",
                "grants.annex_signed",
            ]
        )
        .values_list("kind", flat=True)
    ) == ["grants.annex_signed", "grants.contract_ready", "grants.contract_signed"]


def test_a_contract_waits_for_the_accepted_update(awarded, clerk, templates):
    with pytest.raises(DomainError) as error:
        services.contract_create(offer=awarded.chosen, actor=clerk)
    assert error.value.code == "update"


def test_a_contract_needs_the_representation_and_a_bank_account(accepted, clerk):
    Offer.objects.filter(pk=accepted.offer.pk).update(offeror_bank_account="")
    with pytest.raises(DomainError) as error:
        services.contract_create(offer=accepted.offer, actor=clerk)
    assert error.value.field == "bank_account"
    Offer.objects.filter(pk=accepted.offer.pk).update(
        offeror_bank_account="61109010140000071219812874"
    )
    Representation.objects.filter(organisation=accepted.org_a).delete()
    with pytest.raises(DomainError) as error:
        services.contract_create(offer=accepted.offer, actor=clerk)
    assert error.value.code == "representation"


def test_terminated_with_a_reason_and_audited(accepted, clerk):
    contract = services.contract_create(offer=accepted.offer, actor=clerk)
    services.contract_to_signature(contract=contract, actor=clerk)
    with pytest.raises(DomainError):
        services.contract_terminate(contract=contract, actor=clerk, reason=" ")
    services.contract_terminate(contract=contract, actor=clerk, reason="Rezygnacja.")
    contract.refresh_from_db()
    assert contract.status == "terminated"
    assert history(contract).last().note == "Rezygnacja."


def test_numbers_follow_without_gaps_each_year(db):
    assert [next_sequence(2031) for _ in range(3)] == [1, 2, 3]
    assert next_sequence(2032) == 1


@pytest.mark.parametrize(
    ("pattern", "sequence", "year", "expected"),
    [
        ("{number}/{year}/OPP", 7, 2027, "7/2027/OPP"),
        ("OPP.{year}.{number:03d}", 7, 2027, "OPP.2027.007"),
        ("{number}", 12, 2027, "12"),
        ("UM/{year}/{number}/{year}", 1, 2028, "UM/2028/1/2028"),
    ],
)
def test_contract_number_pattern(pattern, sequence, year, expected):
    assert contract_number(sequence, year, pattern) == expected


@pytest.mark.parametrize(
    "pattern", ["{year}/OPP", "{number}/{month}", "{number", "{number:xyz}"]
)
def test_a_contract_number_pattern_without_number_or_with_unknown_fields_is_refused(
    pattern,
):
    with pytest.raises(ImproperlyConfigured):
        contract_number(1, 2027, pattern)


@pytest.mark.parametrize(
    ("use_by", "due_on", "faults"),
    [
        ("2027-12-31", "2027-03-01", 0),
        ("2027-06-30", "2027-06-30", 0),
        ("2028-01-15", "2027-03-01", 1),  # used after 31 December
        ("2027-06-30", "2027-07-01", 1),  # due after its use date
        ("2027-12-31", "2028-01-02", 1),  # due in a year with no part of the grant
        ("", "2027-03-01", 1),
    ],
)
def test_art_221_each_years_part_is_paid_and_used_that_year(use_by, due_on, faults):
    terms = {
        "years": [{"year": 2027, "amount": "1000.00", "use_by": use_by}],
        "instalments": [{"number": 1, "due_on": due_on, "amount": "1000.00"}],
    }
    problems = art_221_problems(terms)
    assert len(problems) == faults, problems
    if faults and use_by.startswith("2028"):
        assert "art. 221" in problems[0]


def test_art_221_in_a_multi_year_contract(accepted, clerk):
    start = accepted.offer.start_date
    end = date(start.year + 1, 3, 31)
    update = accepted.offer.award_update
    type(update).objects.filter(pk=update.pk).update(end_date=end)
    contract = services.contract_create(offer=accepted.offer, actor=clerk)
    years = contract.terms["years"]
    assert [(y["year"], y["use_by"]) for y in years] == [
        (start.year, f"{start.year}-12-31"),
        (start.year + 1, end.isoformat()),
    ]
    assert len(contract.terms["instalments"]) == 1  # all costs fall in the first year
    with pytest.raises(DomainError) as error:
        services.contract_set_instalments(
            contract=contract,
            actor=clerk,
            instalments=[(start, "3600"), (date(start.year + 2, 1, 5), "3600")],
        )
    assert "roku" in error.value.message or "year" in error.value.message
    services.contract_set_instalments(
        contract=contract,
        actor=clerk,
        instalments=[(start, "3600"), (date(start.year + 1, 1, 5), "3600")],
    )
    contract.refresh_from_db()
    assert [y["amount"] for y in contract.terms["years"]] == ["3600.00", "3600.00"]


def test_changes_needing_annex_by_the_permitted_shift():
    old = {
        "start_date": "2027-01-01",
        "end_date": "2027-02-01",
        "costs": [{"number": "I.1.1.", "name": "Trener", "total": "1000.00"}],
    }
    ten = {**old, "costs": [{"number": "I.1.1.", "name": "Trener", "total": "1100.00"}]}
    eleven = {
        **old,
        "costs": [{"number": "I.1.1.", "name": "Trener", "total": "1110.00"}],
    }
    assert changes_needing_annex(old, ten, Decimal("10")) == []
    assert len(changes_needing_annex(old, eleven, Decimal("10"))) == 1
    assert changes_needing_annex(old, {**old, "end_date": "2027-03-01"}, Decimal(10))


@pytest.mark.parametrize(
    "body",
    [
        "{% load static %}",
        "{{ umowa.numer|upper }}",
        "{{ settings.SECRET_KEY }}",
        "Harmonogram: {{ harmonogram }}",
        "{# komentarz #}",
    ],
)
def test_a_template_may_hold_the_documented_placeholders_only(body):
    with pytest.raises(ValidationError):
        contract_documents.check_template(body)


def test_a_signed_contract_keeps_its_text_when_the_template_changes(accepted, clerk):
    contract = services.contract_create(offer=accepted.offer, actor=clerk)
    services.contract_to_signature(contract=contract, actor=clerk)
    DocumentTemplate.objects.filter(kind="contract").update(body="Nowy tekst.")
    contract = Contract.objects.get(pk=contract.pk)
    assert "WZÓR DEMONSTRACYJNY" in contract.body
    assert "WZÓR DEMONSTRACYJNY" in pdf_text(contract_documents.contract_pdf(contract))
    assert ContractAnnex.objects.count() == 0


def _signed(accepted, clerk) -> Contract:
    contract = services.contract_create(offer=accepted.offer, actor=clerk)
    services.contract_to_signature(contract=contract, actor=clerk)
    upload(contract)
    services.contract_sign(
        contract=contract, actor=clerk, signed_on=timezone.localdate()
    )
    contract.refresh_from_db()
    return contract


def test_my_contracts_shows_what_is_due_and_the_pdf_to_the_organisation_only(
    accepted, clerk, client, django_assert_num_queries
):
    contract = _signed(accepted, clerk)
    client.force_login(accepted.member_a)
    url = reverse("grants:my-contracts")
    client.get(url)
    # The contracts with their offers (the organisations' memberships a subquery),
    # their payments, annexes, reports and refunds, their history, and the chosen
    # offers still without a contract; the session, the person, their groups, roles
    # and unread messages come from the cache after the first visit.
    with django_assert_num_queries(7):
        response = client.get(url)
    text = response.content.decode()
    assert contract.number in text
    assert "7\xa0200,00 PLN" in text
    assert reverse("grants:contract-pdf", args=[contract.pk]) in text
    pdf = client.get(reverse("grants:contract-pdf", args=[contract.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    client.force_login(accepted.member_b)
    assert contract.number not in client.get(url).content.decode()
    assert (
        client.get(reverse("grants:contract-pdf", args=[contract.pk])).status_code
        == 404
    )


def test_contract_admin_list_filters_the_overdue_in_a_constant_number_of_queries(
    accepted, clerk, client, django_assert_num_queries
):
    contract = _signed(accepted, clerk)
    Contract.objects.filter(pk=contract.pk).update(
        next_due_on=timezone.localdate() - timedelta(days=1)
    )
    client.force_login(clerk)
    url = reverse("admin:grants_contract_changelist")
    client.get(url)
    # Another filter: its count, its rows (with what is overdue and what was
    # transferred) and the latest competitions of the filter (the person and their
    # rights come from the cache).
    with django_assert_num_queries(3):
        overdue = client.get(url + "?overdue=yes")
    assert contract.number in overdue.content.decode()
    assert contract.number not in client.get(url + "?overdue=no").content.decode()


def test_a_payment_typed_in_the_admin_is_parsed_strictly(accepted, clerk, client):
    contract = _signed(accepted, clerk)
    client.force_login(clerk)
    url = reverse("admin:grants_payment_add")
    data = {
        "contract": contract.pk,
        "instalment": 1,
        "paid_on": accepted.offer.start_date.isoformat(),
        "amount": "7.200,00",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "7.200,00" in response.content.decode()  # nothing typed is lost
    data["amount"] = "8 000,00"
    response = client.post(url, data)
    assert "7\xa0200,00 PLN" in response.content.decode()  # beyond the instalment
    data["amount"] = "7 200,00"
    assert client.post(url, data).status_code == 302
    assert contract.payments.get().amount == Decimal("7200.00")


def _e_signed_pdf(signer_name: str) -> bytes:
    """A one-page PDF signed electronically (PAdES) with a self-made certificate."""
    import datetime

    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, signer_name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    signer = signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(
            cert.public_bytes(serialization.Encoding.DER)
        ),
        signing_key=asn1_keys.PrivateKeyInfo.load(
            key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        ),
        cert_registry=None,
    )
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    plain = BytesIO()
    writer.write(plain)
    plain.seek(0)
    signed = signers.sign_pdf(
        IncrementalPdfFileWriter(plain),
        signers.PdfSignatureMetadata(field_name="Podpis1"),
        signer=signer,
    )
    return signed.getvalue()


def test_an_e_signed_pdf_shows_its_signer_and_a_changed_one_is_refused(
    accepted, clerk, client
):
    contract = services.contract_create(offer=accepted.offer, actor=clerk)
    services.contract_to_signature(contract=contract, actor=clerk)
    data = _e_signed_pdf("Anna Nowak")
    at = data.index(b"/MediaBox")
    changed = data[:at] + b"/MediaBoy" + data[at + 9 :]
    contract.signed_file = SimpleUploadedFile("umowa.pdf", changed)
    contract.save(update_fields=["signed_file"])
    with pytest.raises(DomainError) as error:
        services.contract_sign(
            contract=contract, actor=clerk, signed_on=timezone.localdate()
        )
    assert "Anna Nowak" in error.value.message and "zmieniono" in error.value.message
    contract.signed_file = SimpleUploadedFile("umowa.pdf", data)
    contract.save(update_fields=["signed_file"])
    services.contract_sign(
        contract=contract, actor=clerk, signed_on=timezone.localdate()
    )
    contract.refresh_from_db()
    assert contract.status == "signed"
    assert [(s["signer"], s["intact"]) for s in contract.signatures] == [
        ("Common Name: Anna Nowak", True)
    ]
    client.force_login(accepted.member_a)
    page = client.get(reverse("grants:my-contracts")).content.decode()
    assert "Common Name: Anna Nowak" in page


def test_a_clerk_prepares_the_contract_and_records_its_signing_in_the_admin(
    accepted, clerk, client
):
    client.force_login(clerk)
    add = reverse("admin:grants_contract_add")
    assert client.get(add).status_code == 200
    trail = "cooperation-statuschange-content_type-object_id"
    response = client.post(
        add,
        {
            "offer": accepted.offer.pk,
            f"{trail}-TOTAL_FORMS": "0",
            f"{trail}-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, [
        line
        for line in response.content.decode().splitlines()
        if "errorlist" in line or "errornote" in line
    ]
    contract = Contract.objects.get(offer=accepted.offer)
    change = reverse("admin:grants_contract_change", args=[contract.pk])
    page = client.get(change).content.decode()
    assert contract.number in page and "Gotowa do podpisu" in page
    step = reverse(
        "admin:grants_contract_transition", args=[contract.pk, "to_signature"]
    )
    assert client.post(step, {"note": "Do podpisu."}).status_code == 302
    contract.refresh_from_db()
    assert contract.status == "ready"
    sign = reverse("admin:grants_contract_transition", args=[contract.pk, "sign"])
    assert client.get(sign).status_code == 200
    assert client.get(reverse("admin:grants_documenttemplate_add")).status_code == 200
    bad = client.post(
        reverse("admin:grants_documenttemplate_add"),
        {
            "kind": "report",
            "name": "Sprawozdanie",
            "legal_basis": "Dz.U. 2018 poz. 2057, zał. nr 5",
            "version": "r-1",
            "valid_from": "2019-01-01",
            "body": "{{ settings.SECRET_KEY }}",
        },
    )
    assert bad.status_code == 200
    assert "nie jest polem" in bad.content.decode()
    assert not DocumentTemplate.objects.filter(kind="report", version="r-1").exists()
