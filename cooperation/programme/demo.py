"""Demo and benchmark data of the programme."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

PARTS_PL = {
    "goals": "Celem głównym programu jest budowanie partnerstwa między Miastem a organizacjami pozarządowymi.\nCelami szczegółowymi są: wzmocnienie potencjału organizacji, zwiększenie udziału mieszkańców w życiu publicznym oraz poprawa jakości usług publicznych.",
    "principles": "Współpraca opiera się na zasadach pomocniczości, suwerenności stron, partnerstwa, efektywności, uczciwej konkurencji i jawności.",
    "scope": "Przedmiotem współpracy jest realizacja zadań publicznych, o których mowa w art. 4 ust. 1 ustawy, w zakresie odpowiadającym zadaniom Miasta.",
    "forms": "Zlecanie realizacji zadań publicznych w trybie otwartych konkursów ofert oraz w trybie art. 19a ustawy.\nWzajemne informowanie się o planowanych kierunkach działalności.\nKonsultowanie projektów aktów normatywnych.\nTworzenie wspólnych zespołów o charakterze doradczym i inicjatywnym.",
    "priority_tasks": "Zadania priorytetowe określa tabela poniżej; są realizowane w sferach wskazanych w art. 4 ust. 1 ustawy.",
    "period": "Program realizowany jest od 1 stycznia do 31 grudnia roku, którego dotyczy.",
    "implementation": "Program realizuje Burmistrz Miasta przy pomocy Wydziału Spraw Społecznych, w szczególności ogłaszając otwarte konkursy ofert i konsultując projekty aktów prawa miejscowego.",
    "funds": "Na realizację programu planuje się środki w wysokości określonej w tabeli zadań priorytetowych, z zastrzeżeniem zmian w uchwale budżetowej.",
    "evaluation": "Miernikami realizacji programu są w szczególności: liczba ogłoszonych konkursów, liczba złożonych ofert, liczba zawartych umów, wysokość przekazanych dotacji oraz liczba konsultowanych projektów aktów.\nSprawozdanie z realizacji programu Burmistrz przedkłada Radzie do 31 maja roku następnego.",
    "preparation": "Projekt programu został opracowany przez Wydział Spraw Społecznych i skonsultowany z organizacjami pozarządowymi na Portalu Współpracy.",
    "committees": "Komisję konkursową powołuje Burmistrz zarządzeniem; w jej skład wchodzą przedstawiciele Burmistrza oraz osoby wskazane przez organizacje pozarządowe.\nCzłonkowie komisji składają oświadczenie o bezstronności przed przystąpieniem do oceny ofert.",
}


PRIORITIES = [
    (
        "sport",
        "Upowszechnianie kultury fizycznej wśród dzieci i młodzieży",
        Decimal("180000.00"),
        "17",
    ),
    (
        "culture",
        "Organizacja wydarzeń kulturalnych i ochrona dziedzictwa lokalnego",
        Decimal("60000.00"),
        "16",
    ),
    ("social", "Pomoc społeczna i wsparcie seniorów", Decimal("45000.00"), "1"),
    (
        "health",
        "Przeciwdziałanie uzależnieniom i patologiom społecznym",
        Decimal("70000.00"),
        "32",
    ),
    (
        "youth",
        "Wypoczynek letni i zimowy dzieci i młodzieży",
        Decimal("50000.00"),
        "15",
    ),
    (
        "ecology",
        "Edukacja ekologiczna i ochrona zwierząt bezdomnych",
        Decimal("25000.00"),
        "18",
    ),
    ("seniors", "Aktywizacja osób w wieku emerytalnym", Decimal("30000.00"), "10"),
    (
        "disability",
        "Wsparcie osób z niepełnosprawnościami i ich rodzin",
        Decimal("40000.00"),
        "7",
    ),
]


def _sphere_ids() -> list[int]:
    from ngos.models import PublicBenefitSphere

    return list(
        PublicBenefitSphere.objects.order_by("number", "pk").values_list(
            "pk", flat=True
        )[:40]
    )


def _sphere_by_code() -> dict[str, int]:
    from ngos.models import PublicBenefitSphere

    codes = [code for *_rest, code in PRIORITIES]
    return dict(
        PublicBenefitSphere.objects.filter(code__in=codes).values_list("code", "pk")
    )


def _priority_sphere(i: int, by_code: dict[str, int], spheres: list[int]) -> int:
    """The sphere of the priority's own code; any sphere when the seed lacks it (tests)."""
    code = PRIORITIES[i % len(PRIORITIES)][3]
    return by_code.get(code) or spheres[i % len(spheres)]


def create_programme(year: int, *, with_priorities: int = 4):
    """A complete programme for ``year`` (demo and benchmark data), or the existing one."""
    from cooperation.programme.models import Priority, Programme

    programme, created = Programme.objects.get_or_create(
        year=year,
        defaults={
            "title": f"Roczny program współpracy Miasta Radlin z organizacjami pozarządowymi na rok {year}",
            "legal_basis": "Na podstawie art. 18 ust. 2 pkt 15 ustawy z dnia 8 marca 1990 r. o samorządzie gminnym oraz art. 5a ust. 1 ustawy z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie",
            **PARTS_PL,
        },
    )
    spheres = _sphere_ids()
    if created and spheres:
        by_code = _sphere_by_code()
        Priority.objects.bulk_create(
            Priority(
                programme=programme,
                sphere_id=_priority_sphere(i, by_code, spheres),
                title=PRIORITIES[i % len(PRIORITIES)][1]
                + ("" if i < len(PRIORITIES) else f" ({i + 1})"),
                planned_funds=PRIORITIES[i % len(PRIORITIES)][2],
                position=i + 1,
            )
            for i in range(with_priorities)
        )
    return programme


def tie_priorities_to_their_spheres(programme) -> int:
    """Demo priorities made before they were looked up by code: move each to its sphere."""
    from cooperation.programme.models import Priority

    by_code = _sphere_by_code()
    moved = 0
    for _key, title, _funds, code in PRIORITIES:
        if code in by_code:
            moved += (
                Priority.objects.filter(programme=programme, title=title)
                .exclude(sphere_id=by_code[code])
                .update(sphere_id=by_code[code])
            )
    return moved


def seed_demo(stdout) -> None:
    """Next year's programme in consultation, and this year's adopted and in force."""
    from datetime import date

    from cooperation.programme.models import Programme

    this_year = timezone.localdate().year
    current = create_programme(this_year, with_priorities=len(PRIORITIES))
    if current.status == Programme.Status.DRAFTING:
        Programme.objects.filter(pk=current.pk).update(
            status=Programme.Status.IN_FORCE,
            resolution_number=f"XX/150/{this_year - 1}",
            resolution_date=date(this_year - 1, 11, 26),
            submitted_on=date(this_year - 1, 11, 2),
        )
    upcoming = create_programme(this_year + 1, with_priorities=len(PRIORITIES))
    for programme in (current, upcoming):
        tie_priorities_to_their_spheres(programme)
    if upcoming.status == Programme.Status.DRAFTING:
        # Consulted (the consultations step links its consultation) and with the council.
        Programme.objects.filter(pk=upcoming.pk).update(
            status=Programme.Status.SUBMITTED, submitted_on=date(this_year, 11, 2)
        )
    stdout.write(
        f"  programmes {this_year} (in force) and {this_year + 1} (submitted to the council)"
    )


def seed_bench(scale: int, stdout) -> None:
    """A programme with 40 priorities per scale unit (for the PDF timing)."""
    from cooperation.programme.models import Programme

    year = 2100
    if Programme.objects.filter(year=year).exists():
        stdout.write(f"  programme {year} exists")
        return
    programme = create_programme(year, with_priorities=40 * scale)
    # Adopted, so that its public page is benchmarked too.
    Programme.objects.filter(pk=programme.pk).update(
        status=Programme.Status.IN_FORCE, resolution_number=f"I/1/{year - 1}"
    )
    stdout.write(f"  programme {year} (in force) with {40 * scale} priorities")
