"""The statutory wording the portal quotes, against the copies of its sources kept in
tests/data (each .json beside a text names its source): a quoted text that drifts
from its source, or a clause marked as seen in a source that is not there, fails."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from grants import report_template
from grants.initiative_act import ART_19B_1_INTRO, ART_19B_1_POINTS, ART_19C

DATA = Path(__file__).parent.parent / "data"
PLACEHOLDER = re.compile(r"\{\{[^}]*\}\}")


def _flat(text: str) -> str:
    """The words with every run of spaces and line breaks as one space."""
    return " ".join(text.split())


def _source(path: Path) -> str:
    meta = json.loads(path.with_suffix(".json").read_text())
    assert meta["source"].startswith("http")
    return _flat(path.read_text())


def _fragments(clause: str) -> list[str]:
    """The clause's own words: the parts between its placeholders, without the
    punctuation that joins them to the values."""
    parts = (p.strip(" \n:,–") for p in PLACEHOLDER.split(clause))
    return [_flat(p) for p in parts if p]


def test_art_19b_ust_1_is_quoted_as_its_source_words_it():
    source = _source(DATA / "statutes" / "udpp-art19b-ust1.txt")
    assert _flat(ART_19B_1_INTRO) in source
    assert [number for number, _text in ART_19B_1_POINTS.values()] == [
        f"{n})" for n in range(1, 8)
    ]
    for number, text in ART_19B_1_POINTS.values():
        assert f"{number.rstrip(')')}. {_flat(text)}" in source


def test_art_19c_is_quoted_as_its_source_words_it():
    source = _source(DATA / "acts" / "prawopl-udpp-art19c.txt")
    assert len(ART_19C) == 2
    for number, paragraph in enumerate(ART_19C, start=1):
        assert paragraph.startswith(f"{number}. ")
        assert _flat(paragraph) in source


def test_every_report_clause_marked_seen_2016_is_in_the_2016_form():
    source = _source(DATA / "forms" / "wzor-2016-zal5-poczatek.txt")
    seen = [text for status, text in report_template.CLAUSES if status == "seen-2016"]
    assert len(seen) >= 8
    for clause in seen:
        for fragment in _fragments(clause):
            assert fragment in source, fragment


@pytest.mark.parametrize(
    "status",
    sorted({s for s, _text in report_template.CLAUSES} - {"seen-2016"}),
)
def test_a_clause_wholly_in_the_2016_form_is_marked_seen_2016(status):
    """The other statuses are for words the 2016 form's start does not hold (the 2018
    form's Part I replaced the 2016 one): a clause found there whole is seen-2016."""
    source = _source(DATA / "forms" / "wzor-2016-zal5-poczatek.txt")
    clauses = [t for s, t in report_template.CLAUSES if s == status]
    assert clauses
    for clause in clauses:
        fragments = _fragments(clause)
        assert not fragments or not all(f in source for f in fragments), clause
