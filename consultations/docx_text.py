"""The text of a .docx draft as the clerk sees it in Word.

Word keeps the numbers of an automatically numbered list out of the text: a
paragraph only names its list (``w:numPr``: the list and the level), and the
numbering part says how each level is counted and written ("§ %1.", "%2)",
"%3/"). The numbers are computed here the way Word does, level by level, and
put in front of the paragraph's text, so the draft reads as it prints.

Tables are read row by row, each row one line with its cells between "|", so a
number in a cell never opens a unit. Tracked changes are read accepted:
insertions kept, deletions left out, and the clerk is told so. Every word of the
body is also collected on its own (``reference``), without any of this logic, so
that what the reading missed shows as a difference instead of being lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


REMOVED = {_q("del"), _q("moveFrom")}
CHANGES = {_q("ins"), _q("del"), _q("moveFrom"), _q("moveTo")}


@dataclass
class DocxText:
    text: str
    reference: str
    notes: list[str] = field(default_factory=list)


def _attr(element, name: str) -> str | None:
    return None if element is None else element.get(_q(name))


def _removed(element) -> bool:
    return any(a.tag in REMOVED for a in element.iterancestors())


def _letters(n: int, upper: bool) -> str:
    # Word writes 27 as "aa", 28 as "bb".
    letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
    return letter.upper() if upper else letter


def _roman(n: int, upper: bool) -> str:
    values = [
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ]  # fmt: skip
    out = ""
    for value, letters in values:
        while n >= value:
            out += letters
            n -= value
    return out.upper() if upper else out


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        return _letters(n, fmt == "upperLetter")
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n, fmt == "upperRoman")
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


class Numbering:
    """Word's list counters for one document."""

    def __init__(self, document) -> None:
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.levels: dict[str, dict[int, dict]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            root = None
        if root is not None:
            for abstract in root.findall(_q("abstractNum")):
                levels = {}
                for lvl in abstract.findall(_q("lvl")):
                    levels[int(_attr(lvl, "ilvl") or 0)] = {
                        "start": int(_attr(lvl.find(_q("start")), "val") or 1),
                        "fmt": _attr(lvl.find(_q("numFmt")), "val") or "decimal",
                        "text": _attr(lvl.find(_q("lvlText")), "val") or "",
                    }
                self.levels[_attr(abstract, "abstractNumId") or ""] = levels
            for num in root.findall(_q("num")):
                overrides = {}
                for override in num.findall(_q("lvlOverride")):
                    start = override.find(_q("startOverride"))
                    if start is not None:
                        overrides[int(_attr(override, "ilvl") or 0)] = int(
                            _attr(start, "val") or 1
                        )
                abstract_id = _attr(num.find(_q("abstractNumId")), "val") or ""
                self.nums[_attr(num, "numId") or ""] = (abstract_id, overrides)
        self.styles: dict[str, tuple[str | None, str | None, str | None]] = {}
        for style in document.styles.element.findall(_q("style")):
            num_pr = style.find(f"{_q('pPr')}/{_q('numPr')}")
            based = style.find(_q("basedOn"))
            self.styles[_attr(style, "styleId") or ""] = (
                _attr(num_pr.find(_q("numId")), "val") if num_pr is not None else None,
                _attr(num_pr.find(_q("ilvl")), "val") if num_pr is not None else None,
                _attr(based, "val"),
            )

    def _num_pr(self, paragraph) -> tuple[str | None, int]:
        p_pr = paragraph.find(_q("pPr"))
        num_id = level = None
        if p_pr is not None:
            num_pr = p_pr.find(_q("numPr"))
            if num_pr is not None:
                num_id = _attr(num_pr.find(_q("numId")), "val")
                level = _attr(num_pr.find(_q("ilvl")), "val")
            style = _attr(p_pr.find(_q("pStyle")), "val")
            seen = set()
            while style and style not in seen and (num_id is None or level is None):
                seen.add(style)
                style_num, style_level, based = self.styles.get(
                    style, (None, None, None)
                )
                num_id = num_id or style_num
                level = level or style_level
                style = based
        return num_id, int(level or 0)

    def label(self, paragraph) -> str:
        """The number Word shows before ``paragraph`` ("§ 3.", "2)", "a/"), or ""."""
        num_id, level = self._num_pr(paragraph)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.levels.get(abstract_id, {})
        if level not in levels:
            return ""
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for ilvl, start in overrides.items():
                counters[ilvl] = start - 1
        counters[level] = counters.get(level, levels[level]["start"] - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        text = levels[level]["text"]
        if levels[level]["fmt"] == "bullet":
            return text
        for ilvl, definition in levels.items():
            value = counters.get(ilvl, definition["start"])
            text = text.replace(f"%{ilvl + 1}", _format(value, definition["fmt"]))
        return text


def _runs_text(element) -> str:
    """The visible text of a paragraph with tracked changes accepted."""
    parts = []
    for node in element.iter(
        _q("t"), _q("tab"), _q("br"), _q("cr"), _q("noBreakHyphen")
    ):
        if _removed(node):
            continue
        if node.tag == _q("t"):
            parts.append(node.text or "")
        elif node.tag == _q("noBreakHyphen"):
            parts.append("-")
        else:
            parts.append(" ")
    return "".join(parts)


def read_docx(content: bytes) -> DocxText:
    import docx

    document = docx.Document(BytesIO(content))
    body = document.element.body
    numbering = Numbering(document)
    lines: list[str] = []
    notes: list[str] = []

    def block(element) -> None:
        if element.tag == _q("p"):
            number = numbering.label(element)
            text = _runs_text(element)
            line = f"{number} {text}".strip() if number else text
            lines.append(line)
        elif element.tag == _q("tbl"):
            for row in element.iter(_q("tr")):
                cells = [
                    " ".join(_runs_text(p) for p in cell.iter(_q("p"))).strip()
                    for cell in row.findall(_q("tc"))
                ]
                lines.append("| " + " | ".join(cells) + " |")
        elif element.tag == _q("sdt"):
            content_ = element.find(_q("sdtContent"))
            for child in content_ if content_ is not None else []:
                block(child)

    for child in body:
        block(child)
    if any(True for tag in CHANGES for _ in body.iter(tag)):
        from django.utils.translation import gettext

        notes.append(
            gettext(
                "The document holds tracked changes: the text was read with every "
                "change accepted (insertions kept, deletions left out). Check it "
                "against the version you meant to consult on."
            )
        )
    reference = "\n".join(
        node.text or "" for node in body.iter(_q("t")) if not _removed(node)
    )
    return DocxText("\n".join(lines), reference, notes)
