"""The directory's search, filters and sorting."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import django_filters
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Func, Q, QuerySet, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.utils.translation import gettext_lazy as _

from .models import Area, Organisation, PublicBenefitSphere

SEARCH_CONFIG = "portal_pl"


def search(queryset: QuerySet[Organisation], text: str) -> QuerySet[Organisation]:
    """Full-text search over names, description, spheres and areas.

    PostgreSQL uses the Polish configuration of migration 0004: inflection and
    diacritics do not matter, also together ("strazy pozarnej" finds "Straż
    Pożarna", see :func:`polish_query`). Other databases fall back to matching
    folded words and their stems (pystempel), see :func:`stem_forms`.
    """
    text = (text or "").strip()
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        query = polish_query(text)
        return queryset.filter(search_vector=query).annotate(
            rank=SearchRank(F("search_vector"), query)
        )
    # SQLite's LIKE ignores case of ASCII letters only: "GÓRNIK" would not find
    # "Górnik". Both sides are folded (lower case, no diacritics) by the same
    # Python function, registered on SQLite connections as portal_fold (ngos.apps).
    written = Concat(
        Coalesce("name", Value("")),
        Value(" "),
        Coalesce("short_name", Value("")),
        Value(" "),
        Coalesce("search_text", Value("")),
        output_field=TextField(),
    )
    folded = FoldedText(written)
    stems = StemmedText(written)
    queryset = queryset.alias(folded_search_text=folded, stemmed_search_text=stems)
    condition = Q()
    for word in WORD.findall(text):
        alternatives = Q(folded_search_text__contains=fold(word))
        for form in stem_forms(word):
            alternatives |= Q(stemmed_search_text__contains=f" {form} ")
        condition &= alternatives
    return queryset.filter(condition)


WORD = re.compile(r"\w+")
# Letters a Polish word typed without diacritics may stand for.
_ACCENTS = {
    "a": "ą", "c": "ć", "e": "ę", "l": "ł", "n": "ń", "o": "ó", "s": "ś", "z": "żź",
}  # fmt: skip
MAX_VARIANTS = 600


def accent_variants(word: str, *, most: int = 3) -> list[str]:
    """``word`` and the spellings it may stand for with up to ``most`` Polish letters.

    "strazy" gives "straży" (among others): the dictionary knows the word only
    with its diacritics. A word typed with them is taken as it is.
    """
    word = word.lower()
    if word != fold(word) or len(word) > 30:
        return [word]
    positions = [i for i, c in enumerate(word) if c in _ACCENTS]
    variants = [word]
    frontier = [(word, -1)]
    for _round in range(most):
        following = []
        for spelled, last in frontier:
            for i in positions:
                if i <= last:
                    continue
                for letter in _ACCENTS[word[i]]:
                    candidate = spelled[:i] + letter + spelled[i + 1 :]
                    following.append((candidate, i))
                    variants.append(candidate)
                    if len(variants) >= MAX_VARIANTS:
                        return variants
        frontier = following
    return variants


def _quoted(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def polish_query(text: str) -> SearchQuery:
    """The PostgreSQL query for ``text``: each word as any of its stems.

    Each word is looked up in the Polish dictionary (``portal_pl_ispell``) as
    typed and, when typed without diacritics, in the spellings it may stand for;
    the stems found, without diacritics, and the word itself as typed are its
    alternatives, as the index holds them (migration 0004). A query with quotes,
    "or" or a leading minus keeps the web-search syntax. Without the dictionary
    the words match as typed, without diacritics.
    """
    words = WORD.findall(text.lower())
    operators = '"' in text or " or " in f" {text.lower()} " or text.startswith("-")
    if not words or operators:
        return SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
    indexes, variants = [], []
    for i, word in enumerate(words):
        for variant in accent_variants(word):
            indexes.append(i)
            variants.append(variant)
    stems: list[set[str]] = [{fold(word)} for word in words]
    # One query, which finds nothing (rather than failing) when the dictionary
    # was not installed with migration 0004.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT t.i, unaccent(l) FROM pg_ts_dict d,"
            " unnest(%s::int[], %s::text[]) AS t(i, v),"
            " unnest(ts_lexize(d.oid::regdictionary, t.v)) AS l"
            " WHERE d.dictname = 'portal_pl_ispell'",
            [indexes, variants],
        )
        for i, lexeme in cursor.fetchall():
            stems[i].add(lexeme)
    raw = " & ".join(
        "(" + " | ".join(_quoted(s) for s in sorted(alternatives)) + ")"
        for alternatives in stems
    )
    return SearchQuery(raw, config="simple", search_type="raw")


@lru_cache(maxsize=1)
def _stemmer():
    import contextlib
    import io

    from pystempel import Stemmer

    with contextlib.redirect_stderr(io.StringIO()):
        return Stemmer.polimorf()


@lru_cache(maxsize=50_000)
def stem_forms(word: str) -> frozenset[str]:
    """The forms a word is indexed and looked up by on SQLite: the word folded and
    its Polish stems (pystempel), from the word as written and folded, folded."""
    stemmer = _stemmer()
    lower = word.lower()
    forms = {fold(lower)}
    for spelled in {lower, fold(lower)}:
        stem = stemmer(spelled)
        if stem:
            forms.add(fold(stem))
    return frozenset(f for f in forms if f)


def stemmed(text: str) -> str:
    """``text`` as its stem forms, space-separated and space-bounded (SQLite index)."""
    forms: set[str] = set()
    for word in WORD.findall(text or ""):
        forms |= stem_forms(word)
    return " " + " ".join(sorted(forms)) + " "


class StemmedText(Func):
    """``portal_stems(text)``: :func:`stemmed` in SQL (SQLite only)."""

    function = "portal_stems"
    output_field = TextField()


class FoldedText(Func):
    """``portal_fold(text)``: :func:`fold` in SQL (SQLite only)."""

    function = "portal_fold"
    output_field = TextField()


def fold(text: str) -> str:
    """Lower case without diacritics: "Łódź" → "lodz", "GÓRNIK" → "gornik"."""
    text = (text or "").lower().replace("ł", "l")
    return "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    )


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    sphere = django_filters.ModelChoiceFilter(
        label=_("Sphere"),
        field_name="spheres",
        queryset=PublicBenefitSphere.objects.all(),
        empty_label=_("any sphere"),
    )
    legal_form = django_filters.ChoiceFilter(
        label=_("Legal form"),
        choices=Organisation.LegalForm.choices,
        empty_label=_("any legal form"),
    )
    opp = django_filters.ChoiceFilter(
        label=_("Public-benefit status (OPP)"),
        field_name="is_opp",
        choices=[("1", _("OPP only")), ("0", _("without OPP status"))],
        empty_label=_("any"),
        method="filter_opp",
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Area"),
        field_name="areas",
        queryset=Area.objects.all(),
        empty_label=_("any area"),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=[
            ("name", _("name A–Z")),
            ("-name", _("name Z–A")),
            ("-founded_on", _("youngest first")),
            ("founded_on", _("oldest first")),
            ("relevance", _("relevance (with a search)")),
        ],
        empty_label=None,
        method="filter_sort",
    )

    class Meta:
        model = Organisation
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.form.fields.items():
            field.widget.attrs["class"] = (
                "form-control" if name == "q" else "form-select"
            )
        self.form.fields["q"].widget.attrs["type"] = "search"

    def filter_search(self, queryset, name, value):
        return search(queryset, value)

    def filter_opp(self, queryset, name, value):
        return queryset.filter(is_opp=value == "1")

    def filter_sort(self, queryset, name, value):
        return queryset  # applied last in ``qs``, after the search annotation

    @property
    def qs(self):
        queryset = super().qs
        data = self.form.cleaned_data if self.form.is_valid() else {}
        sort = data.get("sort") or ""
        searching = (
            bool((data.get("q") or "").strip()) and connection.vendor == "postgresql"
        )
        if sort == "relevance" or (not sort and searching):
            if searching:
                return queryset.order_by("-rank", "name", "pk")
            sort = "name"
        if sort in ("founded_on", "-founded_on"):
            expression = (
                F("founded_on").desc(nulls_last=True)
                if sort.startswith("-")
                else F("founded_on").asc(nulls_last=True)
            )
            return queryset.order_by(expression, "name", "pk")
        return queryset.order_by(sort or "name", "pk")
