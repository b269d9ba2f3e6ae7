from datetime import date
from decimal import Decimal

import pytest

from grants.services.settlement import (
    check_partial_deadline,
    final_report_due,
    finding_return_due,
    interest,
    prefilled,
    report_problems,
    unused_return_due,
    working_day,
)

RATES = [
    (date(2016, 1, 1), Decimal("8.00")),
    (date(2022, 2, 9), Decimal("8.50")),
    (date(2022, 3, 9), Decimal("10.00")),
]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 1, 30), date(2026, 1, 30)),  # Friday
        (date(2026, 1, 31), date(2026, 2, 2)),  # Saturday -> Monday
        (date(2027, 1, 31), date(2027, 2, 1)),  # Sunday -> Monday
        (date(2026, 11, 11), date(2026, 11, 12)),  # Independence Day
        (date(2026, 4, 6), date(2026, 4, 7)),  # Easter Monday
        (date(2025, 12, 24), date(2025, 12, 29)),  # 24-26 Dec, weekend
    ],
)
def test_working_day(day, expected):
    assert working_day(day) == expected


@pytest.mark.parametrize(
    ("start", "use_by", "expected"),
    [
        # A whole budget year: 31 January of the next year (a Saturday in 2026).
        (date(2025, 1, 1), date(2025, 12, 31), date(2026, 2, 2)),
        (date(2024, 1, 1), date(2024, 12, 31), date(2025, 1, 31)),
        # Shorter than the budget year: 15 days after the end of use.
        (date(2025, 3, 1), date(2025, 12, 31), date(2026, 1, 15)),
        (date(2025, 1, 1), date(2025, 6, 30), date(2025, 7, 15)),
        (date(2025, 1, 1), date(2025, 7, 4), date(2025, 7, 21)),  # 19th a Saturday
    ],
)
def test_unused_return_due(start, use_by, expected):
    assert unused_return_due(start, use_by) == expected


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        (date(2025, 11, 30), date(2025, 12, 30)),
        (date(2025, 12, 1), date(2025, 12, 31)),
        (date(2025, 12, 2), date(2026, 1, 2)),  # 1 January is a holiday
        (date(2025, 10, 2), date(2025, 11, 3)),  # 1 Nov a Saturday
    ],
)
def test_final_report_due(end, expected):
    assert final_report_due(end) == expected


def test_finding_return_due():
    assert finding_return_due(date(2025, 5, 1)) == date(2025, 5, 16)


@pytest.mark.parametrize(
    ("called", "due", "refused"),
    [
        (date(2025, 5, 1), date(2025, 5, 30), True),
        (date(2025, 5, 1), date(2025, 5, 31), False),
    ],
)
def test_partial_deadline_at_least_30_days(called, due, refused):
    assert bool(check_partial_deadline(called, due)) is refused


def test_interest_one_rate():
    total, parts = interest(
        Decimal("1000.00"), date(2021, 1, 1), date(2021, 12, 31), RATES
    )
    # 1000 × 365 × 8% / 365 = 80
    assert total == Decimal(80)
    assert len(parts) == 1


def test_interest_split_by_a_rate_change():
    total, parts = interest(
        Decimal("10000.00"), date(2022, 2, 1), date(2022, 3, 10), RATES
    )
    assert [p["days"] for p in parts] == [8, 28, 2]
    exact = (
        Decimal(10000) * 8 * Decimal("8")
        + Decimal(10000) * 28 * Decimal("8.5")
        + Decimal(10000) * 2 * Decimal(10)
    ) / 36500
    assert total == exact.quantize(Decimal(1))
    assert parts[0]["to"] == "2022-02-08" and parts[1]["from"] == "2022-02-09"


def test_interest_refused_before_the_first_rate():
    with pytest.raises(ValueError):
        interest(Decimal(1), date(2015, 1, 1), date(2015, 1, 2), RATES)


def test_interest_empty_period():
    assert interest(Decimal(100), date(2022, 1, 2), date(2022, 1, 1), RATES) == (0, [])


TERMS = {
    "end_date": "2025-11-30",
    "own_financial": "1000.00",
    "own_non_financial": "0",
    "results": [{"name": "Warsztaty", "target_value": "10", "monitoring": "lista"}],
    "actions": [{"name": "Zajęcia", "subcontractor": ""}],
    "costs": [
        {"number": "1", "name": "Sala", "total": "5000.00"},
        {"number": "2", "name": "Trener", "total": "5000.00"},
    ],
}


def test_prefilled_from_terms():
    content = prefilled(TERMS)
    assert content["results"][0]["measured_by"] == "lista"
    assert [c["planned"] for c in content["costs"]] == ["5000.00", "5000.00"]


def _content(first, second, grant, own, results=("Warsztaty",)):
    return {
        "costs": [
            {"number": "1", "incurred": first},
            {"number": "2", "incurred": second},
        ],
        "funding": [
            {"name": "dotacja", "amount": grant},
            {"name": "środki własne", "amount": own, "own": True},
        ],
        "results": [{"name": n} for n in results],
    }


def test_report_within_the_shift_passes():
    content = _content("5500.00", "4500.00", "9000.00", "1000.00")
    assert report_problems(TERMS, content, Decimal(10), final=True) == []


def test_report_problems_in_polish_terms():
    content = _content("5600.00", "4400.00", "9500.00", "500.00", results=())
    problems = report_problems(TERMS, content, Decimal(10), final=True)
    assert len(problems) == 2 + 1
    content = _content("5000.00", "5000.00", "9000.00", "500.00")
    assert any(
        "sum" in p or "sum" in p.lower()
        for p in report_problems(TERMS, content, Decimal(10), final=False)
    )


# --- Edges of the deadlines and the interest, table by table --------------------------


@pytest.mark.parametrize(
    ("start", "use_by", "expected", "why"),
    [
        # Art. 251 ust. 1 says "do dnia 31 stycznia następnego roku"; on a Saturday or
        # a Sunday the portal moves it to the Monday (see the module's docstring).
        (date(2025, 1, 1), date(2025, 12, 31), date(2026, 2, 2), "31 Jan a Saturday"),
        (date(2026, 1, 1), date(2026, 12, 31), date(2027, 2, 1), "31 Jan a Sunday"),
        (date(2022, 1, 1), date(2022, 12, 31), date(2023, 1, 31), "31 Jan a Tuesday"),
        # A use period ending mid-year: 15 days after its end.
        (date(2026, 1, 1), date(2026, 6, 15), date(2026, 6, 30), "a Tuesday"),
        (date(2026, 3, 1), date(2026, 7, 3), date(2026, 7, 20), "18 July a Saturday"),
        (date(2026, 2, 1), date(2026, 7, 31), date(2026, 8, 17), "15 August a holiday"),
        (date(2026, 1, 1), date(2026, 10, 17), date(2026, 11, 2), "1 Nov a Sunday"),
        # Shorter than the budget year though it ends on 31 December: 15 January.
        (date(2026, 4, 1), date(2026, 12, 31), date(2027, 1, 15), "a Friday"),
        (date(2025, 4, 1), date(2025, 12, 22), date(2026, 1, 7), "6 Jan a holiday"),
    ],
)
def test_unused_return_due_at_the_edges(start, use_by, expected, why):
    assert unused_return_due(start, use_by) == expected, why


@pytest.mark.parametrize(
    ("found_on", "expected"),
    [
        (date(2026, 5, 1), date(2026, 5, 18)),  # 16 May a Saturday
        (date(2026, 7, 31), date(2026, 8, 17)),  # 15 August, a Saturday and a holiday
        (date(2026, 12, 10), date(2026, 12, 28)),  # 25 Dec a Friday, then a weekend
        (date(2026, 3, 2), date(2026, 3, 17)),  # a Tuesday
    ],
)
def test_finding_return_due_at_the_edges(found_on, expected):
    assert finding_return_due(found_on) == expected


TWO_CHANGES = [
    (date(2016, 1, 1), Decimal("8.00")),
    (date(2023, 10, 5), Decimal("14.50")),
    (date(2023, 10, 20), Decimal("12.00")),
]


@pytest.mark.parametrize(
    ("amount", "start", "end", "days", "expected"),
    [
        # One day at 8 %: 36 500 × 8 % / 365 = 8.
        (Decimal("36500"), date(2023, 10, 4), date(2023, 10, 4), [1], Decimal(8)),
        # The period starts on the day of a change: the new rate only.
        (Decimal("36500"), date(2023, 10, 5), date(2023, 10, 6), [2], Decimal(29)),
        # The period ends on the day of a change: that day at the new rate.
        (
            Decimal("36500"),
            date(2023, 10, 3),
            date(2023, 10, 5),
            [2, 1],
            Decimal("30.5"),
        ),
        # Two changes inside: 2 × 8 + 15 × 14.5 + 3 × 12 = 269.5 → 270.
        (
            Decimal("36500"),
            date(2023, 10, 3),
            date(2023, 10, 22),
            [2, 15, 3],
            Decimal("269.5"),
        ),
        # 1 000 zł for 11 days at 8 %: 2.41 → 2 zł.
        (Decimal("1000"), date(2023, 1, 1), date(2023, 1, 11), [11], Decimal("2.41")),
    ],
)
def test_interest_table_across_rate_changes(amount, start, end, days, expected):
    total, parts = interest(amount, start, end, TWO_CHANGES)
    assert [p["days"] for p in parts] == days
    assert total == expected.quantize(Decimal(1), rounding="ROUND_HALF_UP")


@pytest.mark.parametrize(
    ("kind", "received", "on", "expected"),
    [
        # Unused (art. 251): nothing before the deadline (10 October), then interest
        # from the day after it: 11-19 October at 14.5 % on 36 500 = 130.5 → 131.
        ("unused", [], date(2023, 10, 10), (Decimal("36500.00"), Decimal(0))),
        ("unused", [], date(2023, 10, 20), (Decimal("36500.00"), Decimal(131))),
        # Returned on the deadline: no interest.
        ("unused", [("2023-10-10", "36500")], date(2023, 12, 1), (0, 0)),
        # Excessive (art. 252): likewise from the day after its deadline.
        ("excessive", [], date(2023, 10, 20), (Decimal("36500.00"), Decimal(131))),
        # Misused (art. 252): from the transfer (1 October), over the change of
        # 5 October: 4 × 8 + 15 × 14.5 = 249.5 → 250 by 20 October.
        ("misused", [], date(2023, 10, 20), (Decimal("36500.00"), Decimal(250))),
        # A part paid late goes to the interest first: 250 of interest and 36 250.
        (
            "misused",
            [("2023-10-20", "36500")],
            date(2023, 10, 20),
            (Decimal("250.00"), 0),
        ),
    ],
)
def test_refund_due_by_kind_across_a_rate_change(db, kind, received, on, expected):
    from grants.models import Refund, TaxInterestRate
    from grants.services.reports import refund_due_now

    TaxInterestRate.objects.all().delete()
    TaxInterestRate.objects.bulk_create(
        TaxInterestRate(valid_from=day, rate=rate) for day, rate in TWO_CHANGES
    )
    due_on = date(2023, 10, 10)
    refund = Refund(
        kind=kind,
        amount=Decimal("36500.00"),
        due_on=due_on,
        interest_from=date(2023, 10, 1) if kind == "misused" else date(2023, 10, 11),
        received=[{"on": day, "amount": amount} for day, amount in received],
    )
    principal, accrued = refund_due_now(refund, on)
    assert (principal, accrued) == (Decimal(expected[0]), Decimal(expected[1]))


@pytest.mark.parametrize(
    ("content", "final", "polish"),
    [
        # 5 600 against 5 000 is 12 %, beyond the 10 % permitted.
        (
            _content("5600.00", "4400.00", "9000.00", "1000.00"),
            True,
            "Pozycja kosztorysu 1: poniesiono 5\xa0600,00 PLN wobec 5\xa0000,00 PLN "
            "w umowie, ponad dopuszczalne przesunięcie 10%.",
        ),
        (
            {
                **_content("5000.00", "5000.00", "9000.00", "1000.00"),
                "costs": [
                    {"number": "1", "incurred": "5000.00"},
                    {"number": "2", "incurred": "4000.00"},
                    {"number": "3", "incurred": "1000.00"},
                ],
            },
            False,
            "Pozycji kosztorysu 3 nie ma w kalkulacji kosztów umowy.",
        ),
        (
            _content("5000.00", "5000.00", "9000.00", "500.00"),
            False,
            "Źródła finansowania dają razem 9\xa0500,00 PLN, a poniesione koszty "
            "10\xa0000,00 PLN; sumy muszą być równe.",
        ),
        (
            _content("5000.00", "5000.00", "9500.00", "500.00"),
            True,
            "Wkład własny wynosi 5% poniesionych kosztów, mniej niż 10% "
            "zapisane w umowie.",
        ),
        (
            _content("5000.00", "5000.00", "9000.00", "1000.00", results=()),
            True,
            "Rezultat „Warsztaty” z oferty nie został wykazany w sprawozdaniu.",
        ),
    ],
)
def test_each_check_of_a_report_says_what_is_wrong_in_polish(content, final, polish):
    from django.utils import translation

    with translation.override("pl"):
        problems = report_problems(TERMS, content, Decimal(10), final=final)
    assert problems == [polish]
