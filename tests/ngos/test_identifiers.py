import pytest
from django.core.exceptions import ValidationError

from ngos.models import Organisation
from ngos.validators import (
    KRSValidator,
    NIPValidator,
    clean_bank_account,
    clean_krs,
    clean_nip,
    clean_regon,
    format_bank_account,
    validate_bank_account,
    validate_krs,
    validate_nip,
    validate_regon,
)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("413516", "0000413516"),
        ("0000413516", "0000413516"),
        (" 0000 413 516 ", "0000413516"),
        ("", ""),
    ],
)
def test_krs_is_padded_to_ten_digits(typed, stored):
    assert clean_krs(typed) == stored


@pytest.mark.parametrize("typed", ["12345678901", "00004135a6", "0000000000"])
def test_krs_rejects_letters_zero_and_too_many_digits(typed):
    with pytest.raises(ValidationError, match="KRS"):
        clean_krs(typed)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("9721237317", "9721237317"),
        ("972-123-73-17", "9721237317"),
        ("PL 972 123 73 17", "9721237317"),
        ("1234563218", "1234563218"),
    ],
)
def test_nip_accepts_valid_numbers_in_any_notation(typed, stored):
    assert clean_nip(typed) == stored


@pytest.mark.parametrize("typed", ["9721237318", "123456789", "abcdefghij"])
def test_nip_rejects_wrong_check_digit_with_message_naming_nip(typed):
    with pytest.raises(ValidationError, match="NIP"):
        clean_nip(typed)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("123456785", "123456785"),
        ("302046830", "302046830"),
        ("12345678512347", "12345678512347"),
    ],
)
def test_regon_accepts_nine_and_fourteen_digits(typed, stored):
    assert clean_regon(typed) == stored


def test_regon_padded_by_the_krs_api_is_the_nine_digit_number():
    # "30204683000000" fails the 14-digit checksum: it is 302046830 padded with zeros.
    assert clean_regon("30204683000000") == "302046830"


@pytest.mark.parametrize("typed", ["123456784", "12345678512348", "1234"])
def test_regon_rejects_wrong_numbers_with_message_naming_regon(typed):
    with pytest.raises(ValidationError, match="REGON"):
        clean_regon(typed)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("61 1090 1014 0000 0712 1981 2874", "61109010140000071219812874"),
        ("PL61109010140000071219812874", "61109010140000071219812874"),
        ("pl61-1090-1014-0000-0712-1981-2874", "61109010140000071219812874"),
        ("DE89 3704 0044 0532 0130 00", "DE89370400440532013000"),
    ],
)
def test_bank_account_accepts_nrb_and_iban_in_any_notation(typed, stored):
    assert clean_bank_account(typed) == stored


def test_bank_account_refuses_a_wrong_checksum_and_a_short_nrb():
    with pytest.raises(ValidationError) as checksum:
        clean_bank_account("61 1090 1014 0000 0712 1981 2875")
    assert checksum.value.code == "bank_account"
    with pytest.raises(ValidationError) as length:
        clean_bank_account("61 1090 1014")
    assert length.value.code == "bank_account_length"
    assert "26" in length.value.messages[0]


def test_bank_account_is_shown_grouped_in_fours_and_a_wrong_one_as_typed():
    assert format_bank_account("61109010140000071219812874") == (
        "61 1090 1014 0000 0712 1981 2874"
    )
    assert (
        format_bank_account("DE89370400440532013000") == "DE89 3704 0044 0532 0130 00"
    )
    assert format_bank_account("61 10-90") == "61 10-90"


def test_validators_accept_any_notation_and_let_an_empty_value_pass():
    validate_nip("PL 972-123-73-17")
    validate_krs(" 413 516 ")
    for validate in (validate_krs, validate_nip, validate_regon, validate_bank_account):
        validate("")
        validate(" - ")


def test_validators_deconstruct_for_migrations_and_compare_equal():
    assert NIPValidator().deconstruct() == ("ngos.validators.NIPValidator", (), {})
    assert KRSValidator() == KRSValidator()
    assert KRSValidator() != NIPValidator()


# The model fields: full_clean(), forms, the admin and saving share the rules.


def test_full_clean_refuses_a_nip_with_a_wrong_check_digit_in_polish(db):
    with pytest.raises(ValidationError) as error:
        Organisation(name="Fundacja", slug="fundacja", nip="1234567890").full_clean()
    assert error.value.message_dict == {
        "nip": [
            "NIP: „1234567890” nie jest poprawnym numerem identyfikacji podatkowej "
            "(10 cyfr z prawidłową cyfrą kontrolną)."
        ]
    }


def test_full_clean_names_each_wrong_identifier_once(db):
    organisation = Organisation(
        name="Fundacja", slug="fundacja", krs="12345678901", regon="123456784"
    )
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    # The identifier's own message, without a second generic one about the length.
    assert error.value.message_dict == {
        "krs": ["Numer KRS: wpisz do 10 cyfr, np. 0000123456."],
        "regon": [
            "REGON: „123456784” nie jest poprawnym numerem REGON (9 lub 14 cyfr z "
            "prawidłowymi cyframi kontrolnymi)."
        ],
    }


def test_full_clean_stores_identifiers_in_their_normal_form(db):
    organisation = Organisation(
        name="Fundacja",
        slug="fundacja",
        krs=" 413 516",
        nip="PL 972-123-73-17",
        regon="30204683000000",
    )
    organisation.full_clean()
    assert (organisation.krs, organisation.nip, organisation.regon) == (
        "0000413516",
        "9721237317",
        "302046830",
    )


def test_saving_stores_identifiers_set_in_code_in_their_normal_form(
    db, organisation_factory
):
    organisation = organisation_factory(krs="413516", nip="972-123-73-17")
    organisation.refresh_from_db()
    assert (organisation.krs, organisation.nip) == ("0000413516", "9721237317")


def test_lookups_keep_their_value_so_part_of_a_number_is_found(
    db, organisation_factory
):
    organisation = organisation_factory(krs="0000413516", nip="9721237317")
    assert list(Organisation.objects.filter(krs__icontains="4135")) == [organisation]
    assert list(Organisation.objects.filter(nip__icontains="972")) == [organisation]


def test_organisation_factory_gives_valid_distinct_identifiers(
    db, organisation_factory
):
    organisations = organisation_factory.create_batch(20)
    for organisation in organisations:
        organisation.full_clean()
        assert organisation.krs and organisation.nip and organisation.regon
    assert len({o.nip for o in organisations}) == len(organisations)


def test_offer_full_clean_refuses_a_wrong_bank_account(db):
    from tests.grants.factories import OfferFactory

    offer = OfferFactory(offeror_bank_account="61 1090 1014 0000 0712 1981 2875")
    with pytest.raises(ValidationError) as error:
        offer.full_clean()
    assert "suma kontrolna" in error.value.message_dict["offeror_bank_account"][0]
    offer.offeror_bank_account = "PL61 1090 1014 0000 0712 1981 2874"
    offer.clean_fields(exclude=["created_by"])
    assert offer.offeror_bank_account == "61109010140000071219812874"
