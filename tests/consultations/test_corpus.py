"""The parser on real acts (tests/data/acts): each file's expected units were
written by reading the act; the .json beside it names its source."""

from __future__ import annotations

import json
import re
import textwrap
from collections import Counter
from pathlib import Path

import pytest

from consultations.parsing import DEPTH, parse, read_upload, word_differences

ACTS = Path(__file__).parent.parent / "data" / "acts"
CASES = sorted(ACTS.glob("*.json"))
WORD = re.compile(r"\w+")


def _input(meta_path: Path):
    for suffix in (".txt", ".docx"):
        path = meta_path.with_suffix(suffix)
        if path.exists():
            return read_upload(path.name, path.read_bytes())
    raise AssertionError(meta_path)


def _shape(result) -> list[str]:
    return [f"{u.kind} {u.label}".strip() for u in result.units]


def _words_kept(reference: str, result) -> Counter:
    """The words of ``reference`` found in no unit, closing part or set-aside line."""
    found = Counter()
    for unit in result.units:
        found.update(WORD.findall(f"{unit.marker} {unit.text}"))
    for line in result.unassigned:
        found.update(WORD.findall(line))
    return Counter(WORD.findall(reference)) - found


def test_the_corpus_holds_at_least_fifteen_real_acts_with_sources():
    texts = [c for c in CASES if c.with_suffix(".txt").exists()]
    assert len(texts) >= 15
    assert len([c for c in CASES if c.with_suffix(".docx").exists()]) >= 3
    for case in CASES:
        meta = json.loads(case.read_text())
        assert meta["source"].startswith("http"), case
        assert meta["retrieved"] and meta["expected"], case


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_each_real_act_gives_its_units_nested_as_written(case):
    upload = _input(case)
    result = parse(upload.text)
    assert _shape(result) == json.loads(case.read_text())["expected"]
    for unit in result.units:
        assert unit.depth == DEPTH[unit.kind]


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_no_word_of_a_real_act_is_lost(case):
    upload = _input(case)
    result = parse(upload.text)
    assert not _words_kept(upload.reference, result)
    assert word_differences(upload.reference, result) == []


TEXTS = [c for c in CASES if c.with_suffix(".txt").exists()]


@pytest.mark.parametrize("case", TEXTS, ids=lambda p: p.stem)
def test_hard_wrapping_anywhere_changes_no_unit(case):
    """Copied from a PDF, a provision breaks at any width: the units stay the same."""
    text = case.with_suffix(".txt").read_text()
    expected = json.loads(case.read_text())["expected"]
    for width in range(28, 100, 3):
        wrapped = "\n".join(
            "\n".join(textwrap.wrap(line, width, break_on_hyphens=False)) or line
            for line in text.split("\n")
        )
        result = parse(wrapped)
        assert _shape(result) == expected, width
        assert not _words_kept(wrapped, result)


def test_a_wrapped_line_beginning_with_a_reference_is_not_a_unit():
    # Polkowice: "… poz. 1038 i 1243) oraz art. 18 ust. 2 …" and Świdwin's
    # "art. 3 ust. 3 ustawy" broken so that the reference starts a line.
    text = (ACTS / "9lib-polkowice-projekt-programu-2022.txt").read_text()
    text = text.replace("i 1243) oraz", "i\n1243) oraz")
    text = text.replace("§ 1. Uchwala się", '§ 1. Uchwala się\n1) "Program').replace(
        '1) "Program "Program', '1) "Program'
    )
    result = parse(text.replace('1) "Program', ""))
    assert "1243) oraz" in result.units[0].text
    swidwin = (ACTS / "bip-swidwin-uchwala-xxxii-154-21.txt").read_text()
    swidwin = swidwin.replace("w art. 3 ust. 3 ustawy,", "w art. 3\nust. 3 ustawy,")
    units = parse(swidwin).units
    assert units[-1].label == "§ 2 ust. 6"
    assert units[-1].text.endswith("w art. 3\nust. 3 ustawy,")


def test_the_closing_part_keeps_the_signature_out_of_the_last_paragraph():
    result = parse((ACTS / "bip-wyszogrod-zarzadzenie-18-2015.txt").read_text())
    by_kind = {u.kind: u for u in result.units}
    last = [u for u in result.units if u.label == "§ 5"][0]
    assert last.text == "Zarządzenie wchodzi w życie z dniem podjęcia."
    assert (
        by_kind["closing"].text == "Burmistrz Gminy i Miasta Wyszogród\n/-/ Jan Boszko"
    )
    # The annex repeats the mayor's title inside its own text: not a second closing.
    assert "Ogłasza konkurs na stanowisko:" in by_kind["annex"].text


def test_annex_units_are_labelled_apart_from_the_act():
    result = parse((ACTS / "9lib-polkowice-projekt-programu-2022.txt").read_text())
    labels = [u.label for u in result.units if u.label]
    assert len(labels) == len(set(labels))
    assert "§ 1" in labels and "Zał. § 1" in labels
    assert result.unassigned == ["(1)", "(2)"]


def test_docx_numbering_comes_from_the_numbering_definitions():
    upload = _input(ACTS / "docx-mragowo-zarzadzenie-konkurs-2009.json")
    assert "a/ rozwijania kultury fizycznej i sportu," in upload.text.split("\n")
    # The numbers are not in the document's words.
    assert "§" not in upload.reference
    closing = parse(upload.text).units[-1]
    assert closing.kind == "closing"
    assert "Jerzy Krasiński" in closing.text


def test_docx_tracked_changes_are_read_accepted_and_said_so():
    upload = _input(ACTS / "docx-udpp-art5a-tracked.json")
    section = {u.label: u for u in parse(upload.text).units}["Art. 5a ust. 3"]
    assert "do dnia 31 maja każdego roku" in section.text
    assert "30 kwietnia" not in upload.text
    assert upload.notes and "śledzone zmiany" in upload.notes[0]


def test_a_word_the_reading_missed_is_shown_as_a_difference():
    text = (ACTS / "rumia-zarzadzenie-193-147-2019.txt").read_text()
    result = parse(text)
    result.units[-1].text = result.units[-1].text.replace("rozstrzygnięcia ", "")
    differences = word_differences(text, result)
    assert len(differences) == 1 and "−[rozstrzygnięcia]" in differences[0]


# --- stored versions: what the clerk sees, and the refusal to publish ----------


@pytest.mark.django_db
def test_a_stored_version_keeps_what_was_set_aside_and_publishes(roles):
    from consultations import services
    from tests.consultations.factories import ConsultationFactory

    consultation = ConsultationFactory()
    text = (ACTS / "9lib-polkowice-projekt-programu-2022.txt").read_text()
    version = services.version_create(
        consultation=consultation, text=text, actor=roles.clerk
    )
    assert version.unassigned_text == "(1)\n(2)"
    assert version.text_difference == ""
    assert list(version.units.values_list("label", flat=True))[-1] == "Zał. § 1"
    services.consultation_publish(consultation=consultation, actor=roles.clerk)


@pytest.mark.django_db
def test_publishing_is_refused_while_the_units_miss_a_word(roles):
    from consultations import services
    from cooperation.core.exceptions import DomainError
    from tests.consultations.factories import ConsultationFactory

    consultation = ConsultationFactory()
    text = (ACTS / "bip-mragowo-zarzadzenie-konkurs-2009.txt").read_text()
    version = services.version_create(
        consultation=consultation, text=text, actor=roles.clerk
    )
    unit = version.units.get(label="§ 4")
    unit.text = "Wykonanie zarządzenia zleca się."
    unit.save()
    services.version_check(version=version, actor=roles.clerk)
    assert "Sekretarzowi" in version.text_difference
    with pytest.raises(DomainError) as refused:
        services.consultation_publish(consultation=consultation, actor=roles.clerk)
    assert "Sekretarzowi" in refused.value.message


@pytest.mark.django_db
def test_a_docx_version_is_checked_against_the_words_of_the_file(roles):
    from consultations import services
    from tests.consultations.factories import ConsultationFactory

    consultation = ConsultationFactory()
    path = ACTS / "docx-udpp-art5a-tracked.docx"
    upload = read_upload(path.name, path.read_bytes())
    version = services.version_create(
        consultation=consultation,
        text=upload.text,
        reference=upload.reference,
        reading_notes="\n".join(upload.notes),
        actor=roles.clerk,
    )
    assert version.text_difference == ""
    assert "śledzone zmiany" in version.reading_notes
    # A reading that dropped the inserted words would be refused, not published.
    services.units_replace(
        version=version,
        text=upload.text.replace("31 maja ", ""),
        reference=upload.reference,
    )
    version.refresh_from_db()
    assert "−[31 maja]" in version.text_difference
