"""Split the text of a Polish draft act into its numbered units.

Polish legislative drafting (the "Zasady techniki prawodawczej") numbers a
resolution's paragraphs "§ 1.", a statute's articles "Art. 1.", their sections
(ustępy) "1.", points (punkty) "1)", letters (litery) "a)" and indents (tirety)
"–". Drafts reach the clerk in many shapes, and each is read the same way:

- text copied from a PDF, hard-wrapped anywhere: a line continues the unit
  before it unless it opens the next unit in sequence, so a wrapped line that
  begins with "1243)" or "ust. 3 ustawy" stays in the text;
- the layout of legal databases, with a unit's number alone on its line and an
  article's title in square brackets after "Art. N.";
- programmes and ordinances numbered "1.", "2." without any "§";
- "Rozdział" headings, annexes ("Załącznik nr 1 do uchwały …") whose units are
  labelled "Zał. 1 § 1", so that labels stay unique across the act;
- what follows the last provision (the signature, electronic-signature notes,
  "Uzasadnienie"), kept as a closing part of its own;
- page furniture ("Strona 2 z 5", page numbers, the generator's "Id: … Podpisany")
  set aside as unassigned text rather than glued into a provision.

``parse`` returns the units, the closing part and the unassigned text;
``word_differences`` compares the words of the input with the words of the
result, so nothing is lost or invented without the clerk seeing it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from io import BytesIO

# Depth of each kind in the hierarchy; a unit closes every deeper open unit.
DEPTH = {
    "preamble": 0,
    "annex": 0,
    "closing": 0,
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
PROVISIONS = {"article", "paragraph", "section", "point", "letter", "indent"}

NUM = r"\d+[a-z]{0,3}"
CHAPTER = re.compile(r"^Rozdział\s+(\d+[a-z]?|[IVXLC]+)\.?(?:\s+(.*))?$", re.IGNORECASE)
PARAGRAPH = re.compile(rf"^§\s*({NUM})(?:\.\s*(.*)|\s*)$")
ARTICLE = re.compile(rf"^(?:Art\.|Artykuł)\s*({NUM})(?:\.\s*(.*)|\s*)$")
SECTION = re.compile(rf"^({NUM})\.(?:\s+(.*))?$")
POINT = re.compile(rf"^({NUM})\)(?:\s*(.*))?$")
LETTER = re.compile(r"^([a-z]{1,2})[)/](?:\s+(.*))?$")
INDENT = re.compile(r"^[–—•-]\s+(.*)$")
ANNEX = re.compile(
    r"^(?:Załącznik|ZAŁĄCZNIK)(?:\s+(?:nr|Nr|NR)\s*([0-9IVX]+[a-z]?))?(?:\s+(?:do|DO)\b.*)?$"
)
ANNEX_NEXT = re.compile(r"^(?:do|DO)\s")
SIGNATURE = re.compile(
    r"^(?:(?:Przewodnicząc[ya]|Wiceprzewodnicząc[ya])\s+(?:Rady|Sejmiku|Zarządu|Komisji)"
    r"|(?:Zastępca\s+)?(?:Wójta|Wójt|Burmistrza|Burmistrz|Prezydenta|Prezydent)\s+(?:Gminy|Miasta)"
    r"|(?:Wice)?[Ss]tarosta\s+\w+$|Marszałek\s+Województwa|Członkowie\s+Zarządu)\b"
)
CLOSING = re.compile(
    r"^(?:Uzasadnienie|UZASADNIENIE|U\s?Z\s?A\s?S\s?A\s?D\s?N\s?I\s?E\s?N\s?I\s?E|"
    r"Dokument podpisany|Podpisany elektronicznie|Podpisano elektronicznie|"
    r"Podpis elektroniczny|/-/|\(-\))"
)
FURNITURE = [
    re.compile(r"^\(\d{1,3}\)$"),
    re.compile(r"^-?\s*\d{1,3}\s*-?$"),
    re.compile(r"^Strona\s+\d+(?:\s*(?:z|/)\s*\d+)?$", re.IGNORECASE),
    re.compile(
        r"^Id:\s*[0-9A-F]{4,}[0-9A-F -]*\.?\s*(?:Podpisany|Projekt|Uchwalony)?(?:\s+Strona\s+\d+)?$"
    ),
]
# A line ending with one of these words goes on with the number it names: the
# next line's "3." or "2)" is that number, not a new unit.
REFERENCE_END = re.compile(r"(?:\b(?:ust|pkt|art|Art|poz|nr|Nr|lit|par|tiret)\.?|§)$")
SENTENCE_END = (".", ";", ":", ")", "”", '"', "’")
WORD = re.compile(r"\w+")
MARKER_WORD = re.compile(
    r"(?:\d+[a-z]{0,3}|[a-z]{1,2}|[IVXLC]+|Art|Artykuł|ust|pkt|lit|tiret)"
)


@dataclass
class ParsedUnit:
    kind: str
    number: str
    label: str
    text: str
    depth: int
    lines: list[str] = field(default_factory=list, repr=False)
    marker: str = ""


@dataclass
class ParseResult:
    """The units in reading order (the closing part last of its part) and what was set aside."""

    units: list[ParsedUnit]
    unassigned: list[str]
    # Every piece in reading order: ("unit", index) or ("unassigned", index).
    order: list[tuple[str, int]] = field(default_factory=list, repr=False)

    @property
    def unassigned_text(self) -> str:
        return "\n".join(self.unassigned)

    def joined(self) -> str:
        """The result read back in order: markers, unit texts and set-aside lines."""
        pieces = []
        for kind, index in self.order:
            if kind == "unit":
                unit = self.units[index]
                pieces.append(f"{unit.marker} {unit.text}".strip())
            else:
                pieces.append(self.unassigned[index])
        return "\n".join(pieces)


def _roman(value: str) -> int | None:
    numerals = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    if not value or any(c not in numerals for c in value):
        return None
    total = 0
    for i, c in enumerate(value):
        n = numerals[c]
        total += -n if i + 1 < len(value) and numerals[value[i + 1]] > n else n
    return total


def _split_number(number: str) -> tuple[int, str] | None:
    if m := re.fullmatch(r"(\d+)([a-z]*)", number):
        return int(m.group(1)), m.group(2)
    roman = _roman(number.upper())
    return (roman, "") if roman else None


def _follows(previous: str | None, number: str, kind: str) -> bool:
    """Whether ``number`` is the next number of its kind after ``previous``."""
    if kind == "indent":
        return True
    if kind == "letter":
        if previous is None:
            return number == "a"
        if len(previous) == 1 and previous != "z":
            return number == chr(ord(previous) + 1)
        return number == ("aa" if previous == "z" else previous + previous[-1]) or (
            len(number) == 1 and number > previous[-1]
        )
    new = _split_number(number)
    if new is None:
        return False
    if previous is None:
        # An excerpt may start at any paragraph, article or chapter; sections and
        # points start at 1.
        return kind in ("paragraph", "article", "chapter") or new == (1, "")
    old = _split_number(previous)
    if old is None:
        return False
    base, suffix = old
    if new == (base + 1, ""):
        return True
    if new[0] == base:
        expected = "a" if not suffix else suffix[:-1] + chr(ord(suffix[-1]) + 1)
        return new[1] == expected
    return False


def _label(path: list[tuple[str, str]]) -> str:
    """'§ 2 ust. 1 pkt 3' from the open ancestors.

    A chapter is part of the label only when its sections are not inside a
    paragraph or article (a programme numbered per chapter).
    """
    numbered = any(kind in ("article", "paragraph") for kind, _ in path)
    return " ".join(
        PREFIX[kind].format(number)
        for kind, number in path
        if not (kind == "chapter" and numbered)
    )


def _clean(raw: str) -> str:
    return " ".join(raw.replace("\u00a0", " ").replace("\u200b", "").split())


class _Reader:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.units: list[ParsedUnit] = []
        self.unassigned: list[str] = []
        self.order: list[tuple[str, int]] = []
        self.part = ""
        self.path: list[tuple[str, str]] = []
        self.last: dict[tuple, str] = {}
        self.used: set[tuple[str, str, str]] = set()
        self.indent_count = 0
        self.closing = False
        self.last_line = ""

    # --- units ---------------------------------------------------------------

    def _parent_key(self, kind: str) -> tuple:
        if kind in ("article", "paragraph", "chapter"):
            return (self.part, kind)
        depth = DEPTH[kind]
        parent = [p for p in self.path if p[0] == "chapter" or DEPTH[p[0]] < depth]
        return (self.part, tuple(parent), kind)

    def follows(self, kind: str, number: str) -> bool:
        if kind in ("article", "paragraph", "chapter"):
            # Drafts renumber, excerpts skip: any number not used yet in this part.
            return (self.part, kind, number) not in self.used
        return _follows(self.last.get(self._parent_key(kind)), number, kind)

    def start(self, kind: str, number: str, marker: str, rest: str = "") -> None:
        depth = DEPTH[kind]
        key = self._parent_key(kind)
        if kind in ("article", "paragraph"):
            while self.path and self.path[-1][0] != "chapter":
                self.path.pop()
        elif kind == "chapter":
            self.path.clear()
        else:
            while (
                self.path
                and self.path[-1][0] != "chapter"
                and DEPTH[self.path[-1][0]] >= depth
            ):
                self.path.pop()
        if kind == "indent":
            self.indent_count += 1
            number = str(self.indent_count)
        else:
            self.indent_count = 0
        self.last[key] = number
        self.used.add((self.part, kind, number))
        self.path.append((kind, number))
        label = " ".join(filter(None, [self.part, _label(self.path)]))
        self._add(
            ParsedUnit(kind, number, label, "", depth, [rest] if rest else [], marker)
        )

    def _add(self, unit: ParsedUnit) -> None:
        self.order.append(("unit", len(self.units)))
        self.units.append(unit)

    def set_aside(self, line: str) -> None:
        self.order.append(("unassigned", len(self.unassigned)))
        self.unassigned.append(line)

    def append(self, line: str) -> None:
        if self.units and self.order[-1][0] == "unit":
            self.units[-1].lines.append(line)
        elif self.units and self.units[-1].kind != "preamble" or not self.units:
            if self.units:
                self.units[-1].lines.append(line)
            else:
                self._add(ParsedUnit("preamble", "", "", "", 0, [line]))
        else:
            self.units[-1].lines.append(line)

    # --- parts ---------------------------------------------------------------

    def _at_break(self) -> bool:
        return not self.units or self.closing or self.last_line.endswith(SENTENCE_END)

    def _annex(self, index: int, line: str) -> bool:
        m = ANNEX.match(line)
        if not m or not self._at_break():
            return False
        following = self.lines[index + 1] if index + 1 < len(self.lines) else ""
        if " do " not in f" {line.lower()} " and not ANNEX_NEXT.match(following):
            return False
        number = m.group(1) or ""
        self.part = f"Zał. {number}" if number else "Zał."
        self.path.clear()
        self.closing = False
        self.indent_count = 0
        self._add(ParsedUnit("annex", number, self.part, "", 0, [line]))
        return True

    def _provision_follows(self, index: int) -> bool:
        """Whether a paragraph or article comes after line ``index`` in this part."""
        for line in self.lines[index + 1 :]:
            if ANNEX.match(line):
                return False
            if PARAGRAPH.match(line) or ARTICLE.match(line):
                return True
        return False

    def _closing(self, index: int, line: str) -> bool:
        if not self.units or self.units[-1].kind not in PROVISIONS:
            return False
        line = line.strip("| ")
        signature = (
            SIGNATURE.match(line)
            and len(line) <= 80
            and not line.endswith((".", ":", ",", ";"))
            and self.last_line.endswith(SENTENCE_END)
        )
        if not (CLOSING.match(line) or signature):
            return False
        if not CLOSING.match(line) and self._provision_follows(index):
            return False
        self.closing = True
        self.path.clear()
        self._add(ParsedUnit("closing", "", "", "", 0, [line]))
        return True

    # --- lines ---------------------------------------------------------------

    def read(self) -> ParseResult:
        for index, line in enumerate(self.lines):
            if any(p.match(line) for p in FURNITURE):
                self.set_aside(line)
                continue
            if self._annex(index, line):
                self.last_line = line
                continue
            if self.closing or line.startswith("|") or not self._structure(line):
                if not self.closing and self._closing(index, line):
                    self.last_line = line
                    continue
                self.append(line)
            self.last_line = line
        for unit in self.units:
            unit.text = "\n".join(unit.lines)
        return ParseResult(self.units, self.unassigned, self.order)

    def _structure(self, line: str) -> bool:
        """Open the unit ``line`` begins, if it begins one; False if it continues."""
        inside = bool(self.units)
        if REFERENCE_END.search(self.last_line):
            return False
        if (m := CHAPTER.match(line)) and self.follows("chapter", m.group(1).upper()):
            self.start(
                "chapter", m.group(1).upper(), _marker(line, m), m.group(2) or ""
            )
            return True
        for kind, pattern in (("paragraph", PARAGRAPH), ("article", ARTICLE)):
            if (m := pattern.match(line)) and self.follows(kind, m.group(1)):
                self.start(kind, m.group(1), _marker(line, m))
                self._inline(m.group(2) or "")
                return True
        candidates = (
            ("section", SECTION),
            ("point", POINT),
            ("letter", LETTER),
        )
        for kind, pattern in candidates:
            m = pattern.match(line)
            if m and inside and self._fits(kind, m.group(1)):
                self.start(kind, m.group(1), _marker(line, m), m.group(2) or "")
                return True
        if (m := INDENT.match(line)) and inside and self._indent_fits():
            self.start("indent", "", _marker(line, m, 1), m.group(1))
            return True
        return False

    def _fits(self, kind: str, number: str) -> bool:
        """Whether a section, point or letter numbered ``number`` may open here."""
        if kind == "section" and self.units[-1].kind == "annex" and number != "1":
            return False
        if kind == "letter" and not any(k in PROVISIONS for k, _ in self.path):
            return False
        if kind == "point" and not any(k in PROVISIONS for k, _ in self.path):
            # A list in a preamble or a heading is text, not a point.
            return False
        return self.follows(kind, number)

    def _indent_fits(self) -> bool:
        if not any(k in PROVISIONS for k, _ in self.path):
            return False
        return self.last_line.endswith(":") or self.units[-1].kind == "indent"

    def _inline(self, rest: str) -> None:
        """'§ 1. 1. Text' opens section 1 at once; '§ 1. Text' is the paragraph's own text."""
        if (m := SECTION.match(rest)) and m.group(1) == "1" and m.group(2):
            self.start("section", "1", _marker(rest, m), m.group(2))
        elif rest:
            self.units[-1].lines.append(rest)


def _marker(line: str, m: re.Match, group: int = 2) -> str:
    """The numbering marker at the start of ``line``: what precedes the unit's text."""
    start = m.start(group) if m.group(group) is not None else len(line)
    return line[:start].strip()


def parse(text: str) -> ParseResult:
    """Split ``text`` into units, the closing part and the unassigned lines."""
    lines = [
        clean
        for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if (clean := _clean(raw))
    ]
    return _Reader(lines).read()


def split_units(text: str) -> list[ParsedUnit]:
    """The units of ``text`` in reading order, each with its full label."""
    return parse(text).units


def word_differences(reference: str, result: ParseResult | str) -> list[str]:
    """Where the words of ``result`` differ from ``reference``, one line each.

    Numbering markers the result adds (a .docx's automatic numbers) are not a
    difference; a word of the reference missing from the result always is.
    """
    ref = WORD.findall(reference)
    got = WORD.findall(result if isinstance(result, str) else result.joined())
    matcher = difflib.SequenceMatcher(a=ref, b=got, autojunk=False)
    lines = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        lost, added = ref[i1:i2], got[j1:j2]
        if not lost and all(MARKER_WORD.fullmatch(w) for w in added):
            continue
        before = " ".join(ref[max(0, i1 - 6) : i1])
        change = []
        if lost:
            change.append("−[" + " ".join(lost[:40]) + "]")
        if added:
            change.append("+[" + " ".join(added[:40]) + "]")
        lines.append(f"… {before} {' '.join(change)}".strip())
    return lines


class UploadRefused(ValueError):
    """The upload cannot be taken; ``message`` says why, for the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Upload:
    """An uploaded draft: its text, the words to check the split against, notes."""

    text: str
    reference: str
    notes: list[str] = field(default_factory=list)


def text_from_upload(name: str, content: bytes) -> str:
    """The plain text of an uploaded draft (see ``read_upload``)."""
    return read_upload(name, content).text


def read_upload(name: str, content: bytes) -> Upload:
    """An uploaded draft: .docx (numbers, tables, tracked changes) or .txt.

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
    reference: str | None = None
    notes: list[str] = []
    if lower.endswith(".docx"):
        import zipfile

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
        from .docx_text import read_docx

        read = read_docx(content)
        text, reference, notes = read.text, read.reference, read.notes
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
    return Upload(text, text if reference is None else reference, notes)
