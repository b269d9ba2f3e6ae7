"""The words of the Act on the local initiative that the portal shows, quoted.

Art. 19b ust. 1 is quoted from the text of chapter 2a as published by lexlege.pl
(https://lexlege.pl/ustawa-o-dzialalnosci-pozytku-publicznego-i-o-wolontariacie/
rozdzial-2a-inicjatywa-lokalna/4255/, "Stan prawny aktualny na dzień: 04.03.2024",
Dz.U.2023.0.571 t.j.), without the titles of the site's links that the page inserts
after each reference ("sfera zadań publicznych" after "art. 4", and "działalność
pożytku publicznego, organizacje pozarządowe, wyłączenie stosowania przepisów
ustawy" after "art. 3"); https://siecobywatelska.pl/prawa-sa-do-uzywania-inicjatyw-lokalna/
quotes the same words (kept in ``tests/data/statutes/udpp-art19b-ust1.txt``): verified
by two sources. Art. 19c is quoted from prawo-pl.com, as kept in
``tests/data/acts/prawopl-udpp-art19c.txt``, the one source found for the whole
article (http://nowosadecki.pl/pl/inicjatywa-lokalna quotes the first sentence of
ust. 1 alike). ``tests/grants/test_statutory_texts.py`` compares both with those copies.
Art. 19d-19h are not quoted: their text was not found. Statutory text is Polish only:
it is not translated.
"""

from __future__ import annotations

from .models.initiatives import InitiativeTask

ART_19B_1_INTRO = (
    "W ramach inicjatywy lokalnej mieszkańcy jednostki samorządu terytorialnego "
    "bezpośrednio, bądź za pośrednictwem organizacji pozarządowych, lub podmiotów "
    "wymienionych w art. 3 ust. 3 mogą złożyć wniosek o realizację zadania "
    "publicznego do jednostki samorządu terytorialnego, na terenie której mają "
    "miejsce zamieszkania lub siedzibę, w zakresie:"
)

# The points of art. 19b ust. 1, in the Act's order, by the portal's task codes.
ART_19B_1_POINTS: dict[str, tuple[str, str]] = {
    InitiativeTask.COMMUNITY: (
        "1)",
        "działalności, o której mowa w art. 4 ust. 1 pkt 13, obejmującej "
        "w szczególności budowę, rozbudowę lub remont dróg, kanalizacji i sieci "
        "wodociągowej, stanowiących własność jednostek samorządu terytorialnego, "
        "a także budynków oraz obiektów małej architektury;",
    ),
    InitiativeTask.SOCIAL: (
        "2)",
        "działalności, o której mowa w art. 4 ust. 1 pkt 3, 4, 5, 16 i 27;",
    ),
    InitiativeTask.EDUCATION: (
        "3)",
        "edukacji, oświaty i wychowania, o których mowa w art. 4 ust. 1 pkt 14;",
    ),
    InitiativeTask.SPORT: (
        "4)",
        "działalności w sferze kultury fizycznej i turystyki, o której mowa "
        "w art. 4 ust. 1 pkt 17 i 19;",
    ),
    InitiativeTask.NATURE: (
        "5)",
        "ochrony przyrody, w tym zieleni w miastach i wsiach, o której mowa "
        "w art. 4 ust. 1 pkt 18;",
    ),
    InitiativeTask.ORDER: (
        "6)",
        "porządku i bezpieczeństwa publicznego, o którym mowa w art. 4 ust. 1 pkt 20;",
    ),
    InitiativeTask.REVITALISATION: (
        "7)",
        "rewitalizacji, o której mowa w art. 4 ust. 1 pkt 32a.",
    ),
}

ART_19C = (
    "1. Organ stanowiący jednostki samorządu terytorialnego określa tryb "
    "i szczegółowe kryteria oceny wniosków o realizację zadania publicznego "
    "w ramach inicjatywy lokalnej. Szczegółowe kryteria oceny powinny uwzględniać "
    "przede wszystkim wkład pracy społecznej w realizację inicjatywy lokalnej.",
    "2. Organ wykonawczy jednostki samorządu terytorialnego, dokonując oceny "
    "wniosku, bierze pod uwagę szczegółowe kryteria oceny wniosku oraz jego "
    "celowość z punktu widzenia potrzeb społeczności lokalnej.",
)


def task_points() -> list[tuple[str, str, str]]:
    """(code, point number, text of the point) for each task, in the Act's order."""
    return [(code, n, text) for code, (n, text) in ART_19B_1_POINTS.items()]
