"""The directory's search, filters and sorting."""

from __future__ import annotations

import unicodedata

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

    PostgreSQL uses the Polish configuration of migration 0004 (inflection and
    diacritics do not matter); other databases fall back to a plain substring match.
    """
    text = (text or "").strip()
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        return queryset.filter(search_vector=query).annotate(
            rank=SearchRank(F("search_vector"), query)
        )
    # SQLite's LIKE ignores case of ASCII letters only: "GÓRNIK" would not find
    # "Górnik". Both sides are folded (lower case, no diacritics) by the same
    # Python function, registered on SQLite connections as portal_fold (ngos.apps).
    folded = FoldedText(
        Concat(
            Coalesce("name", Value("")),
            Value(" "),
            Coalesce("short_name", Value("")),
            Value(" "),
            Coalesce("search_text", Value("")),
            output_field=TextField(),
        )
    )
    queryset = queryset.alias(folded_search_text=folded)
    condition = Q()
    for word in text.split():
        condition &= Q(folded_search_text__contains=fold(word))
    return queryset.filter(condition)


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
