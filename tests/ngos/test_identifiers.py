import pytest
from django.core.exceptions import ValidationError

from ngos.identifiers import clean_krs, clean_nip, clean_regon


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
