"""Split the text of a Polish draft act into its numbered units.

Polish legislative drafting (the "Zasady techniki prawodawczej") numbers a
resolution's paragraphs "§ 1.", a statute's articles "Art. 1.", their sections
(ustępy) "1.", points (punkty) "1)", letters (litery) "a)" and indents (tirety)
"–". Section numbers are written inline after a paragraph number too:
"§ 1. 1. Przyjmuje się …". Chapters are headed "Rozdział 1". Explicit
abbreviations ("ust. 2", "pkt 3") are also recognised at the start of a line.
Anything else continues the unit before it; text before the first unit is the
title and preamble.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from io import BytesIO

# Depth of each kind in the hierarchy; a unit closes every deeper open unit.
DEPTH = {
    "preamble": 0,
    "chapter": 0,
    "article": 1,
    "paragraph": 1,
    "section": 2,
    "point": 3,
    "letter": 4,
    "indent": 5,
    "text": 1,
}
PREFIX = {
    "chapter": "Rozdział {}",
    "article": "Art. {}",
    "paragraph": "§ {}",
    "section": "ust. {}",
    "point": "pkt {}",
    "letter": "lit. {}",
    "indent": "tiret {}",
}

NUM = r"\d+[a-z]{0,3}"
CHAPTER = re.compile(rf"^Rozdział\s+({NUM}|[IVXLC]+)\.?\s*(.*)$", re.IGNORECASE)
PARAGRAPH = re.compile(rf"^§\s*({NUM})\.?\s*(.*)$")
ARTICLE = re.compile(rf"^Art\.\s*({NUM})\.\s*(.*)$")
SECTION = re.compile(rf"^({NUM})\.\s+(.*)$")
SECTION_ABBR = re.compile(rf"^ust\.\s*({NUM})\.?\s+(.*)$")
POINT = re.compile(rf"^({NUM})\)\s*(.*)$")
POINT_ABBR = re.compile(rf"^pkt\s*({NUM})\)?\s+(.*)$")
LETTER = re.compile(r"^([a-z]{1,2})\)\s*(.*)$")
INDENT = re.compile(r"^[–—-]\s+(.*)$")


@dataclass
class ParsedUnit:
    kind: str
    number: str
    label: str
    text: str
    depth: int
    lines: list[str] = field(default_factory=list, repr=False)


def _label(path: list[tuple[str, str]]) -> str:
    """'§ 2 ust. 1 pkt 3' from the open ancestors.

    A chapter is part of the label only when its sections are not inside a
    paragraph or article (an annex numbered per chapter).
    """
    numbered = any(kind in ("article", "paragraph") for kind, _ in path)
    return " ".join(
        PREFIX[kind].format(number)
        for kind, number in path
        if not (kind == "chapter" and numbered)
    )


def split_units(text: str) -> list[ParsedUnit]:
    """Split ``text`` into units in reading order, each with its full label."""
    units: list[ParsedUnit] = []
    # The open units by depth: (kind, number).
    path: list[tuple[str, str]] = []
    indent_count = 0

    def start(kind: str, number: str, rest: str) -> None:
        nonlocal indent_count
        depth = DEPTH[kind]
        if kind in ("article", "paragraph"):
            # A chapter stays open above its paragraphs.
            while path and path[-1][0] != "chapter":
                path.pop()
        elif kind == "chapter":
            path.clear()
        else:
            while path and path[-1][0] != "chapter" and DEPTH[path[-1][0]] >= depth:
                path.pop()
        if kind == "indent":
            indent_count += 1
            number = str(indent_count)
        else:
            indent_count = 0
        path.append((kind, number))
        label = _label(path)
        units.append(ParsedUnit(kind, number, label, "", depth, [rest] if rest else []))

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = " ".join(raw.replace("\u00a0", " ").split())
        if not line:
            continue
        inside = any(k in ("article", "paragraph") for k, _ in path)
        if m := CHAPTER.match(line):
            start("chapter", m.group(1), m.group(2))
        elif m := PARAGRAPH.match(line):
            start("paragraph", m.group(1), "")
            _inline_section(m.group(2), start, units)
        elif m := ARTICLE.match(line):
            start("article", m.group(1), "")
            _inline_section(m.group(2), start, units)
        elif m := SECTION_ABBR.match(line):
            start("section", m.group(1), m.group(2))
        elif m := POINT_ABBR.match(line):
            start("point", m.group(1), m.group(2))
        elif (m := SECTION.match(line)) and (inside or _in_chapter(path)):
            start("section", m.group(1), m.group(2))
        elif (m := POINT.match(line)) and units:
            start("point", m.group(1), m.group(2))
        elif (m := LETTER.match(line)) and units and _has(path, "point"):
            start("letter", m.group(1), m.group(2))
        elif (m := INDENT.match(line)) and units and len(path) > 0:
            start("indent", "", m.group(1))
        elif units:
            units[-1].lines.append(line)
        else:
            units.append(ParsedUnit("preamble", "", "", "", 0, [line]))
    for unit in units:
        unit.text = "\n".join(unit.lines)
    # Merge consecutive preamble fragments into one unit.
    merged: list[ParsedUnit] = []
    for unit in units:
        if merged and unit.kind == "preamble" and merged[-1].kind == "preamble":
            merged[-1].text = f"{merged[-1].text}\n{unit.text}"
            continue
        merged.append(unit)
    return merged


def _has(path: list[tuple[str, str]], kind: str) -> bool:
    return any(k == kind for k, _ in path)


def _in_chapter(path: list[tuple[str, str]]) -> bool:
    return bool(path) and path[0][0] == "chapter"


def _inline_section(rest: str, start, units: list[ParsedUnit]) -> None:
    """'§ 1. 1. Text' opens section 1 at once; '§ 1. Text' is the paragraph's own text."""
    if m := SECTION.match(rest):
        start("section", m.group(1), m.group(2))
    elif rest:
        units[-1].lines.append(rest)


class UploadRefused(ValueError):
    """The upload cannot be taken; ``message`` says why, for the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def text_from_upload(name: str, content: bytes) -> str:
    """The plain text of an uploaded draft: .docx (paragraphs in order) or .txt.

    A .docx is a zip archive: the uncompressed sizes of its parts are added up
    before anything is parsed, so a small file that expands to hundreds of
    megabytes is refused (``DOCX_MAX_UNCOMPRESSED_MB``). The text is bounded by
    ``DRAFT_MAX_LENGTH`` and may not hold NUL characters. Raises UploadRefused for
    those, ValueError for an unknown type and whatever the readers raise for a
    broken file.
    """
    from django.conf import settings
    from django.utils.translation import gettext

    from cooperation.core.limits import text_limit

    lower = name.lower()
    text: str | None = None
    if lower.endswith(".docx"):
        import zipfile

        import docx

        with zipfile.ZipFile(BytesIO(content)) as archive:
            expanded = sum(member.file_size for member in archive.infolist())
        limit = settings.DOCX_MAX_UNCOMPRESSED_MB * 1024 * 1024
        if expanded > limit:
            raise UploadRefused(
                gettext(
                    "This .docx file expands to %(size)s MB when opened, more than "
                    "the %(limit)s MB accepted. Save the draft without embedded "
                    "images or paste its text."
                )
                % {
                    "size": expanded // 2**20,
                    "limit": settings.DOCX_MAX_UNCOMPRESSED_MB,
                }
            )
        document = docx.Document(BytesIO(content))
        text = "\n".join(p.text for p in document.paragraphs)
    elif lower.endswith(".txt"):
        for encoding in ("utf-8-sig", "cp1250", "iso-8859-2"):
            try:
                text = content.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    if text is None:
        raise ValueError(name)
    if "\x00" in text:
        raise UploadRefused(
            gettext(
                "The file contains NUL characters (code 0): it is not a text "
                "document. Upload a .docx or .txt file."
            )
        )
    if len(text) > text_limit("draft"):
        raise UploadRefused(
            gettext(
                "The text of the draft has %(length)s characters, more than the "
                "%(limit)s accepted. Check that this is the right file."
            )
            % {"length": len(text), "limit": text_limit("draft")}
        )
    return text
