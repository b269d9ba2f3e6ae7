"""Quotation marks around names that a sentence inserts.

A name may carry quotation marks of its own (Stowarzyszenie „Razem dla Radlina”,
the "Dni Radlina" festival). Put inside a quotation as it is, it gives „…„…””; the
Polish rule is to mark the inner quotation with »…« (or ‚…’) and English puts
‘…’ inside “…”. :func:`quoted` does this for messages, e-mails and PDFs alike, and
the ``quoted`` template filter (``{% load typography %}``) calls it.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import get_language

# Outer and inner marks per language; any other language follows English.
MARKS: dict[str, tuple[str, str, str, str]] = {
    "pl": ("„", "”", "»", "«"),
    "en": ("“", "”", "‘", "’"),
}

# A quotation inside the name: an opening mark, the quoted words, a closing mark.
# „…”, “…”, "…", «…», »…« and ‚…’ / ‘…’ are all recognised.
_INNER = re.compile(
    r"[„“\"«»‚‘](?P<text>[^„“”\"«»‚‘’]+)[”“\"»«’‘]",
)


def _marks(language: str | None) -> tuple[str, str, str, str]:
    code = (language or get_language() or "pl").split("-")[0]
    return MARKS.get(code, MARKS["en"])


def quoted(value: Any, language: str | None = None) -> str:
    """``value`` between the outer quotation marks of the language, with the
    quotations inside it marked as inner ones.

    An empty value stays empty, so a template shows nothing for a missing name.
    """
    text = str(value if value is not None else "").strip()
    if not text:
        return ""
    opening, closing, inner_opening, inner_closing = _marks(language)
    text = _INNER.sub(
        lambda m: f"{inner_opening}{m.group('text')}{inner_closing}",
        text,
    )
    return f"{opening}{text}{closing}"
