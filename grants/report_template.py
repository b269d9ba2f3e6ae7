"""The wording of the report on a public task (Dz.U. 2018 poz. 2057, załącznik nr 5).

SOURCE STATUS: NOT VERIFIED against the official text. The PDF of Dz.U. 2018 poz. 2057
was not found in the sources searched (web pages, documentation, code). Each clause
below says where its words were seen:

- ``seen-2016``: the same words are printed in the 2016 form (Dz.U. 2016 poz. 1300,
  załącznik nr 5, the predecessor of the 2018 form with the same layout), as published
  on http://barkadrezdenko.pl/index.php?p=1_28_2018-ZG ("Załącznik nr 5 WZÓR …"), the
  one source found for them; the form's start is kept in
  ``tests/data/forms/wzor-2016-zal5-poczatek.txt``, and
  ``tests/grants/test_statutory_texts.py`` checks each such clause against it.
- ``seen-partial``: the first words are printed in a copy of the 2018 layout on
  https://lexspace.net/dokumenty/administracyjne_sprawozdanie_sprawozdanie_z_wykonania_zadania_publicznego
  (an unofficial copy); the rest of the clause is not verified.
- ``unverified``: the clause follows the 2018 form's layout as the project's domain
  notes describe it (§ 5.2, itself marked unverified as to wording), but its exact
  words were not found in any source.

No copy of the 2018 wording was found by a second search either (stored web pages:
BIP and county pages, docplayer, doczz, 9lib, studylib; code repositories): the pages
found hold the 2003, 2010 and 2016 forms, or ministry programmes' own forms. A county's
adapted copy of the 2018 offer (zał. nr 1) was found, not of the report.

The template made of these clauses (migration ``grants`` "report_template") opens with
a notice saying so; a clerk compares it with the official PDF and, where it differs,
adds a new version in the admin (Document templates, kind "report"). Reports keep the
version they were made with.
"""

from __future__ import annotations

from typing import Any

NAME = "Sprawozdanie z wykonania zadania publicznego"
LEGAL_BASIS = "Dz.U. 2018 poz. 2057, zał. nr 5 (tekst niezweryfikowany)"
VERSION = "2018-zal5-niezweryfikowany"
# Unverified. The regulation's own words on the earlier forms (its § 4 and § 5) were
# not found; ngo.slaskie.pl, rowop.pl and rokietnica.pl report that the earlier forms
# stay for competitions announced until 1 March 2019. A new report takes the report
# template valid on the day it is opened (``services.contracts.current_template``).
VALID_FROM = "2019-01-01"

NOTICE = (
    "TEKST NIEZWERYFIKOWANY — brzmienie wzoru nie zostało porównane z tekstem "
    "Dz.U. 2018 poz. 2057, zał. nr 5. Urzędnik porównuje je z oficjalnym wzorem i "
    "w razie różnic dodaje nową wersję szablonu."
)

# (status, text) in the order of the form; ``{{ … }}`` are the placeholders and
# tables of grants.contract_documents.REPORT_PLACEHOLDERS / REPORT_TABLES.
CLAUSES: list[tuple[str, str]] = [
    (
        "seen-2016",
        "SPRAWOZDANIE Z WYKONANIA ZADANIA PUBLICZNEGO, O KTÓRYM MOWA W ART. 18 UST. 4 "
        "USTAWY Z DNIA 24 KWIETNIA 2003 R. O DZIAŁALNOŚCI POŻYTKU PUBLICZNEGO I O "
        "WOLONTARIACIE",
    ),
    (
        "seen-2016",
        "Pouczenie co do sposobu wypełniania sprawozdania:\n"
        "Sprawozdanie należy wypełnić wyłącznie w białych pustych polach, zgodnie z "
        "instrukcjami umieszonymi przy poszczególnych polach oraz w przypisach.\n"
        "W przypadku pól, które nie dotyczą danego sprawozdania, należy wpisać „nie "
        "dotyczy” lub przekreślić pole.\n"
        "Zaznaczenie „*”, np. „Częściowe* / Końcowe*”, oznacza, że należy skreślić "
        "niewłaściwą odpowiedź i pozostawić prawidłową. Przykład: „Częściowe* / "
        "Końcowe*”.",
    ),
    ("seen-2016", "Rodzaj sprawozdania: {{ sprawozdanie.rodzaj }}"),
    (
        "seen-2016",
        "Okres, za jaki jest składane sprawozdanie: {{ sprawozdanie.okres_od }} – "
        "{{ sprawozdanie.okres_do }}",
    ),
    ("unverified", "Nazwa Zleceniodawcy(-ców): {{ gmina.nazwa }}"),
    ("seen-2016", "Tytuł zadania publicznego: {{ umowa.tytul }}"),
    (
        "seen-2016",
        "Nazwa Zleceniobiorcy(-ców): {{ zleceniobiorca.nazwa }}, "
        "{{ zleceniobiorca.adres }}, {{ zleceniobiorca.rejestr }}",
    ),
    ("seen-2016", "Data zawarcia umowy: {{ umowa.data_zawarcia }}"),
    ("seen-2016", "Numer umowy, o ile został nadany: {{ umowa.numer }}"),
    ("seen-2016", "Część I. Sprawozdanie merytoryczne"),
    (
        "seen-partial",
        "1. Opis osiągniętych rezultatów wraz z liczbowym określeniem skali działań "
        "zrealizowanych w ramach zadania (należy opisać osiągnięte rezultaty zadania "
        "publicznego i sposób, w jaki zostały zmierzone; należy wskazać rezultaty "
        "trwałe oraz w jakim stopniu realizacja zadania przyczyniła się do osiągnięcia "
        "jego celu)",
    ),
    ("unverified", "{{ rezultaty }}"),
    ("unverified", "{{ sprawozdanie.rezultaty_trwale }}"),
    (
        "unverified",
        "2. Szczegółowy opis wykonania poszczególnych działań (opis musi zawierać "
        "szczegółową informację o zrealizowanych działaniach zgodnie z umową, z "
        "uwzględnieniem stopnia oraz skali ich wykonania, a także wyjaśnić ewentualne "
        "odstępstwa w ich realizacji, zarówno w zakresie ich zakresu, jak i "
        "harmonogramu realizacji; w opisie należy uwzględnić również działania "
        "zrealizowane przez podmiot niebędący stroną umowy)",
    ),
    ("unverified", "{{ dzialania }}"),
    ("unverified", "Część II. Sprawozdanie z wykonania wydatków"),
    ("unverified", "1. Rozliczenie ze względu na rodzaj kosztów (w zł)"),
    ("unverified", "{{ koszty }}"),
    (
        "unverified",
        "2. Rozliczenie ze względu na źródło finansowania zadania publicznego",
    ),
    ("unverified", "{{ zrodla }}"),
    (
        "unverified",
        "3. Informacje o innych przychodach uzyskanych przy realizacji zadania "
        "publicznego\n{{ sprawozdanie.inne_przychody }}",
    ),
    (
        "unverified",
        "4. Informacja o świadczeniach pieniężnych pobranych w związku z realizacją "
        "zadania od odbiorców zadania\n{{ sprawozdanie.swiadczenia }}",
    ),
    (
        "unverified",
        "Część III. Dodatkowe informacje\n{{ sprawozdanie.czesc_iii }}",
    ),
    ("unverified", "Załączniki:"),
    ("unverified", "{{ zalaczniki }}"),
    (
        "unverified",
        "Oświadczam(-my), że:\n"
        "1) od daty zawarcia umowy nie zmienił się status prawny Zleceniobiorcy(-ców);\n"
        "2) wszystkie informacje podane w niniejszym sprawozdaniu są zgodne z "
        "aktualnym stanem prawnym i faktycznym;\n"
        "3) w zakresie związanym z otwartym konkursem ofert, w tym z gromadzeniem, "
        "przetwarzaniem i przekazywaniem danych osobowych, a także wprowadzaniem ich "
        "do systemów informatycznych, osoby, których dotyczą te dane, złożyły "
        "stosowne oświadczenia zgodnie z przepisami o ochronie danych osobowych.",
    ),
    (
        "unverified",
        "Podpis osoby upoważnionej lub podpisy osób upoważnionych do składania "
        "oświadczeń woli w imieniu Zleceniobiorcy(-ców).",
    ),
]


def body() -> str:
    """The text of the template: the notice, then the clauses, one paragraph each."""
    return "\n\n".join([NOTICE, *(text for _status, text in CLAUSES)]) + "\n"


def restore(sender: Any = None, using: str = "default", **kwargs: Any) -> None:
    """The template of migration 0019 again when no report template is left: after a
    ``flush``, which empties the table and sends ``post_migrate``, as the tax-interest
    rates are restored (``grants.rates``)."""
    from datetime import date

    from django.db import connections

    from .models import DocumentTemplate

    table = DocumentTemplate._meta.db_table
    if table not in connections[using].introspection.table_names():
        return
    templates = DocumentTemplate.objects.using(using)
    if templates.filter(kind="report").exists():
        return
    templates.create(
        kind="report",
        version=VERSION,
        name=NAME,
        legal_basis=LEGAL_BASIS,
        valid_from=date.fromisoformat(VALID_FROM),
        body=body(),
    )
