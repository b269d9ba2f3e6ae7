"""Differences between two versions of a draft, as accessible HTML.

Units are matched by their label; within a unit, words are compared with difflib.
Deleted words are wrapped in ``<del>`` and added words in ``<ins>``, each with a
visually hidden prefix so that screen readers and copy-paste say what changed
(colour alone never carries the meaning).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import DraftVersion


@dataclass
class UnitChange:
    label: str
    change: str  # "added", "removed", "changed", "same"
    html: SafeString


def words_diff(old: str, new: str) -> SafeString:
    a, b = old.split(), new.split()
    parts: list[str] = []
    deleted, inserted = escape(_("deleted:")), escape(_("added:"))
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(
        a=a, b=b, autojunk=False
    ).get_opcodes():
        if op == "equal":
            parts.append(escape(" ".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            parts.append(
                f'<del><span class="visually-hidden">[{deleted}</span>'
                f'{escape(" ".join(a[i1:i2]))}<span class="visually-hidden">]</span></del>'
            )
        if op in ("insert", "replace"):
            parts.append(
                f'<ins><span class="visually-hidden">[{inserted}</span>'
                f'{escape(" ".join(b[j1:j2]))}<span class="visually-hidden">]</span></ins>'
            )
    return mark_safe(" ".join(parts))  # noqa: S308 - every fragment is escaped above.


def versions_diff(old: DraftVersion, new: DraftVersion) -> list[UnitChange]:
    """The units of ``new`` in order, with those only in ``old`` at their old place."""
    old_units = {(u.label or u.kind): u for u in old.units.all()}
    seen: set[str] = set()
    changes: list[UnitChange] = []
    for unit in new.units.all():
        key = unit.label or unit.kind
        seen.add(key)
        before = old_units.get(key)
        if before is None:
            changes.append(UnitChange(key, "added", words_diff("", unit.text)))
        elif before.text.split() == unit.text.split():
            changes.append(UnitChange(key, "same", format_html("{}", unit.text)))
        else:
            changes.append(
                UnitChange(key, "changed", words_diff(before.text, unit.text))
            )
    for key, unit in old_units.items():
        if key not in seen:
            changes.append(UnitChange(key, "removed", words_diff(unit.text, "")))
    return changes
