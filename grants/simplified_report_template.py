"""The simplified report on a small grant (art. 19a; Dz.U. 2018 poz. 2055, zał. nr 2).

SOURCE STATUS: NOT VERIFIED against the official text. The text of the simplified
report of Dz.U. 2018 poz. 2055 was not found in the sources searched (web pages,
documentation, code). Every clause below is ``unverified``: it names a part of the
report and the data the portal fills in, in the order of the simplified offer
(:mod:`grants.small_grant_layout`) and of the report's parts (the header, part I on
the task carried out and its results, part II on the costs and their funding, part
III, the documents, the statements and the signatures); none of it claims to be the
form's own wording.

The template made of these clauses (migration ``grants`` "simplified_report")
opens with a notice saying so; a clerk compares it with the official form and adds
the official wording as a new version in the admin (Document templates, kind
"simplified report"). Reports keep the version they were made with.
"""

from __future__ import annotations

from typing import Any

KIND = "simplified"
NAME = "Sprawozdanie z realizacji zadania publicznego (uproszczone)"
LEGAL_BASIS = "Dz.U. 2018 poz. 2055, zał. nr 2 (tekst niezweryfikowany)"
VERSION = "2018-uproszczone-niezweryfikowany"
VALID_FROM = "2019-01-01"

NOTICE = (
    "TEKST NIEZWERYFIKOWANY — brzmienie uproszczonego wzoru sprawozdania "
    "(Dz.U. 2018 poz. 2055) nie było dostępne: poniżej są tylko nazwy części "
    "sprawozdania i dane wypełnione przez portal. Urzędnik wprowadza oficjalny tekst "
    "wzoru jako nową wersję szablonu."
)

# (status, text) in the order of the report; ``{{ … }}`` are the placeholders and
# tables of grants.contract_documents.REPORT_PLACEHOLDERS / REPORT_TABLES.
CLAUSES: list[tuple[str, str]] = [
    ("unverified", "Sprawozdanie z realizacji zadania publicznego (uproszczone)"),
    ("unverified", "Rodzaj sprawozdania: {{ sprawozdanie.rodzaj }}"),
    ("unverified", "Organ, z którym zawarto umowę: {{ gmina.nazwa }}"),
    ("unverified", "Tytuł zadania publicznego: {{ umowa.tytul }}"),
    (
        "unverified",
        "Zleceniobiorca: {{ zleceniobiorca.nazwa }}, {{ zleceniobiorca.adres }}, "
        "{{ zleceniobiorca.rejestr }}",
    ),
    (
        "unverified",
        "Umowa: {{ umowa.numer }} z dnia {{ umowa.data_zawarcia }}",
    ),
    (
        "unverified",
        "Okres realizacji zadania: {{ sprawozdanie.okres_od }} – "
        "{{ sprawozdanie.okres_do }}",
    ),
    ("unverified", "Część I. Sprawozdanie merytoryczne"),
    (
        "unverified",
        "1. Opis wykonania zadania\n{{ sprawozdanie.opis_wykonania }}",
    ),
    (
        "unverified",
        "2. Osiągnięte rezultaty wraz z ich liczbowym określeniem\n"
        "{{ sprawozdanie.rezultaty }}",
    ),
    ("unverified", "Część II. Sprawozdanie z wykonania wydatków"),
    ("unverified", "1. Koszty według rodzaju (w zł)"),
    ("unverified", "{{ koszty }}"),
    ("unverified", "2. Źródła finansowania"),
    ("unverified", "{{ zrodla }}"),
    (
        "unverified",
        "3. Inne przychody uzyskane przy realizacji zadania\n"
        "{{ sprawozdanie.inne_przychody }}",
    ),
    (
        "unverified",
        "4. Świadczenia pieniężne pobrane od odbiorców zadania: "
        "{{ sprawozdanie.swiadczenia }}",
    ),
    ("unverified", "Część III. Dodatkowe informacje\n{{ sprawozdanie.czesc_iii }}"),
    ("unverified", "Załączniki:"),
    ("unverified", "{{ zalaczniki }}"),
    (
        "unverified",
        "Oświadczenia i podpisy osób upoważnionych do składania oświadczeń woli w "
        "imieniu Zleceniobiorcy: według oficjalnego wzoru (brzmienie "
        "niezweryfikowane).",
    ),
]


def body() -> str:
    """The text of the template: the notice, then the clauses, one paragraph each."""
    return "\n\n".join([NOTICE, *(text for _status, text in CLAUSES)]) + "\n"


def restore(sender: Any = None, using: str = "default", **kwargs: Any) -> None:
    """The template of its migration again when none of its kind is left (after a
    ``flush``), as :func:`grants.report_template.restore` does for the full report."""
    from datetime import date

    from django.db import connections

    from .models import DocumentTemplate

    table = DocumentTemplate._meta.db_table
    if table not in connections[using].introspection.table_names():
        return
    templates = DocumentTemplate.objects.using(using)
    if templates.filter(kind=KIND).exists():
        return
    templates.create(
        kind=KIND,
        version=VERSION,
        name=NAME,
        legal_basis=LEGAL_BASIS,
        valid_from=date.fromisoformat(VALID_FROM),
        body=body(),
    )
