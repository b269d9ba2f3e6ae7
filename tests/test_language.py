"""How the portal's Polish (and English) reads: names in sentences and their
quotation marks.

A name inserted into a Polish sentence stays in the nominative, so it never follows
a word that needs another case ("w imieniu Stowarzyszenie …"): the sentence names
the kind of thing and gives the name as a label ("w imieniu organizacji: …") or
in quotation marks, which ``cooperation.core.typography.quoted`` adds.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from django.template import Context, Template
from django.utils import translation

from cooperation.core.typography import quoted

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "locale" / "pl" / "LC_MESSAGES" / "django.po"

# Placeholders that carry a name (of an organisation, a person, a competition, an
# event, a draft …) in the nominative.
NAMES = {
    "name",
    "names",
    "organisation",
    "org",
    "title",
    "competition",
    "person",
    "author",
    "member",
    "office",
    "executive",
    "municipality",
    "MUNICIPALITY_NAME",
    "site_name",
    "object",
}
# Words after which Polish needs a case other than the nominative.
GOVERNING = (
    "w imieniu",
    "imieniu",
    "bez",
    "dla",
    "do",
    "dzięki",
    "ku",
    "na",
    "nad",
    "o",
    "od",
    "oprócz",
    "po",
    "pod",
    "przed",
    "przez",
    "przy",
    "u",
    "w",
    "we",
    "według",
    "wobec",
    "wśród",
    "z",
    "za",
    "zamiast",
    "ze",
)
PLACEHOLDER = re.compile(r"%\((?P<key>\w+)\)s")


def _polish_texts():
    for entry in polib.pofile(str(CATALOGUE)):
        if entry.obsolete:
            continue
        texts = [entry.msgstr, *entry.msgstr_plural.values()]
        for text in texts:
            if text:
                yield entry, text


def test_no_name_follows_a_word_that_needs_another_case():
    governing = re.compile(
        r"(?:^|[\s(])(?P<word>" + "|".join(GOVERNING) + r")\s+$", re.IGNORECASE
    )
    wrong = []
    for entry, text in _polish_texts():
        for match in PLACEHOLDER.finditer(text):
            if match.group("key") not in NAMES:
                continue
            if governing.search(text[: match.start()]):
                wrong.append(f"{entry.msgid!r}: {text!r}")
    assert not wrong, "Names after a preposition:\n" + "\n".join(wrong)


def test_names_are_quoted_by_the_helper_not_by_the_catalogue():
    """A name between quotation marks written into a translation would double the
    marks of a name that has its own; ``quoted`` sets them instead."""
    written = re.compile(r"[„“«»]%\((?:" + "|".join(NAMES) + r")\)s")
    wrong = [
        f"{entry.msgid!r}: {text!r}"
        for entry, text in _polish_texts()
        if written.search(text) or written.search(entry.msgid)
    ]
    assert not wrong, "\n".join(wrong)


def test_templates_quote_names_with_the_filter():
    literal = re.compile(r"[„“]\{\{ *(?:" + "|".join(NAMES) + r") *\}\}")
    wrong = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*")
        if path.is_file()
        and path.suffix in {".html", ".txt"}
        and literal.search(path.read_text())
    ]
    assert not wrong


@pytest.mark.parametrize(
    ("language", "name", "expected"),
    [
        ("pl", "Dni Radlina", "„Dni Radlina”"),
        (
            "pl",
            "Stowarzyszenie „Razem dla Radlina”",
            "„Stowarzyszenie »Razem dla Radlina«”",
        ),
        ("pl", 'Fundacja "Dobry Start"', "„Fundacja »Dobry Start«”"),
        ("pl", "Klub «Orzeł» i „Sokół”", "„Klub »Orzeł« i »Sokół«”"),
        (
            "en",
            "Stowarzyszenie „Razem dla Radlina”",
            "“Stowarzyszenie ‘Razem dla Radlina’”",
        ),
        ("en", "Dni Radlina", "“Dni Radlina”"),
    ],
)
def test_quoted_marks_an_inner_quotation_as_such(language, name, expected):
    with translation.override(language):
        assert quoted(name) == expected
    assert quoted(name, language) == expected


def test_quoted_filter_escapes_the_name_and_leaves_an_empty_one_empty():
    template = Template("{% load typography %}[{{ name|quoted }}]")
    with translation.override("pl"):
        assert (
            template.render(Context({"name": "Klub <b>„Orzeł”</b>"}))
            == "[„Klub &lt;b&gt;»Orzeł«&lt;/b&gt;”]"
        )
        assert template.render(Context({"name": ""})) == "[]"
