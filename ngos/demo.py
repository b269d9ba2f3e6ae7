"""Demo and benchmark organisations with valid KRS, NIP and REGON numbers."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from stdnum.pl import nip as stdnum_nip
from stdnum.pl import regon as stdnum_regon

from .models import (
    Area,
    Membership,
    Organisation,
    PartnerSearch,
    PublicBenefitSphere,
    Representation,
    Representative,
    name_key_of,
)
from .services import build_search_text

AREAS = ["Radlin I", "Radlin II", "Biertułtowy", "Głożyny", "Obszary", "Marcel"]

# name, short name, legal form, sphere codes, areas, OPP, description
ORGANISATIONS = [
    (
        "Stowarzyszenie Przyjaciół Biertułtów „Razem”",
        "Razem",
        "association",
        ["13", "16"],
        ["Biertułtowy"],
        True,
        "Łączymy mieszkańców Biertułtów: festyny, kronika dzielnicy i współpraca ze stowarzyszeniami z Wodzisławia i Łodzi.",
    ),
    (
        "Fundacja Rozwoju Ziemi Radlińskiej",
        "FRZR",
        "foundation",
        ["11", "13", "33"],
        ["Radlin I", "Radlin II"],
        True,
        "Wspieramy lokalne organizacje pozarządowe szkoleniami, doradztwem i regrantingiem.",
    ),
    (
        "Klub Sportowy „Górnik” Radlin",
        "KS Górnik",
        "sports_club",
        ["17", "15"],
        ["Radlin II"],
        False,
        "Piłka nożna dla dzieci, młodzieży i seniorów od 1923 roku.",
    ),
    (
        "Uczniowski Klub Sportowy „Jedynka”",
        "UKS Jedynka",
        "sports_club",
        ["17", "15"],
        ["Radlin I"],
        False,
        "Zajęcia pozalekcyjne: siatkówka, lekkoatletyka, obozy sportowe.",
    ),
    (
        "Koło Gospodyń Wiejskich w Głożynach",
        "KGW Głożyny",
        "rural_housewives_circle",
        ["4", "16", "13"],
        ["Głożyny"],
        False,
        "Kultywujemy śląskie tradycje kulinarne i rękodzieło, prowadzimy warsztaty dla dzieci.",
    ),
    (
        "Stowarzyszenie Miłośników Radlina",
        "SMR",
        "association",
        ["4", "16", "19"],
        ["Radlin I"],
        False,
        "Historia Radlina, wydawnictwa regionalne, wycieczki krajoznawcze.",
    ),
    (
        "Fundacja „Pomocna Dłoń”",
        "Pomocna Dłoń",
        "foundation",
        ["1", "3", "24"],
        ["Radlin II", "Marcel"],
        True,
        "Pomoc rodzinom w trudnej sytuacji życiowej, zbiórki żywności, paczki świąteczne.",
    ),
    (
        "Radlińskie Stowarzyszenie Osób Niepełnosprawnych i Ich Rodzin",
        "RSON",
        "association",
        ["7", "6", "2"],
        ["Radlin I", "Radlin II"],
        True,
        "Rehabilitacja, integracja i wsparcie opiekunów osób z niepełnosprawnościami.",
    ),
    (
        "Stowarzyszenie Seniorów „Złota Jesień”",
        "Złota Jesień",
        "association",
        ["10", "16"],
        ["Marcel"],
        False,
        "Klub seniora, zajęcia ruchowe, wycieczki i spotkania międzypokoleniowe.",
    ),
    (
        "Ochotnicza Straż Pożarna w Radlinie",
        "OSP Radlin",
        "association",
        ["23", "20"],
        ["Radlin I", "Biertułtowy"],
        False,
        "Ratownictwo, ochrona ludności i młodzieżowa drużyna pożarnicza.",
    ),
    (
        "Ochotnicza Straż Pożarna Radlin-Głożyny",
        "OSP Głożyny",
        "association",
        ["23", "20"],
        ["Głożyny"],
        False,
        "Gaszenie pożarów, ratownictwo drogowe, pokazy pierwszej pomocy w szkołach.",
    ),
    (
        "Spółdzielnia Socjalna „Radlińskie Smaki”",
        "Radlińskie Smaki",
        "social_cooperative",
        ["2", "8"],
        ["Obszary"],
        False,
        "Catering i stołówka szkolna; zatrudniamy osoby zagrożone wykluczeniem społecznym.",
    ),
    (
        "Parafia Rzymskokatolicka św. Marii Magdaleny w Radlinie — Caritas",
        "Caritas Radlin",
        "church_legal_person",
        ["1", "3"],
        ["Biertułtowy"],
        False,
        "Parafialny zespół Caritas: pomoc sąsiedzka, świetlica, wsparcie osób samotnych.",
    ),
    (
        "Stowarzyszenie Rodziców i Przyjaciół Dzieci „Tęcza”",
        "Tęcza",
        "association",
        ["15", "14", "31"],
        ["Radlin II"],
        True,
        "Świetlica środowiskowa, korepetycje, półkolonie letnie.",
    ),
    (
        "Fundacja Edukacji Ekologicznej „Zielony Radlin”",
        "Zielony Radlin",
        "foundation",
        ["18", "14"],
        ["Obszary", "Głożyny"],
        False,
        "Sadzimy drzewa, sprzątamy Nacynę, prowadzimy lekcje o ochronie przyrody.",
    ),
    (
        "Towarzystwo Opieki nad Zwierzętami — Koło Radlin",
        "TOZ Radlin",
        "association",
        ["18"],
        ["Radlin I"],
        False,
        "Pomoc bezdomnym zwierzętom, kastracje, adopcje.",
    ),
    (
        "Stowarzyszenie Chór „Echo” Radlin",
        "Chór Echo",
        "association",
        ["16"],
        ["Biertułtowy"],
        False,
        "Chór mieszany z tradycjami górniczymi; koncerty i festiwale chóralne.",
    ),
    (
        "Orkiestra Dęta KWK „Marcel”",
        "Orkiestra Marcel",
        "association",
        ["16", "15"],
        ["Marcel"],
        False,
        "Orkiestra dęta i szkółka muzyczna dla dzieci.",
    ),
    (
        "Stowarzyszenie Abstynenckie „Przystań”",
        "Przystań",
        "association",
        ["32", "6"],
        ["Radlin II"],
        False,
        "Grupy wsparcia, przeciwdziałanie uzależnieniom i profilaktyka dla młodzieży.",
    ),
    (
        "Fundacja Pomocy Prawnej „Paragraf”",
        "Paragraf",
        "foundation",
        ["1b", "22", "25"],
        ["Radlin I"],
        True,
        "Nieodpłatne porady prawne i obywatelskie, edukacja prawna.",
    ),
    (
        "Stowarzyszenie Aktywności Lokalnej „Obszary”",
        "SAL Obszary",
        "association",
        ["13", "27"],
        ["Obszary"],
        False,
        "Wolontariat sąsiedzki, rewitalizacja podwórek i spotkania mieszkańców.",
    ),
    (
        "Klub Szachowy „Goniec” Radlin",
        "Goniec",
        "sports_club",
        ["17", "14"],
        ["Radlin I"],
        False,
        "Szachy dla dzieci i dorosłych; turnieje i lekcje w szkołach.",
    ),
    (
        "Stowarzyszenie Rowerowe „Radlin na Kołach”",
        "Radlin na Kołach",
        "association",
        ["17", "19", "18"],
        ["Radlin I", "Głożyny"],
        False,
        "Rajdy rowerowe, ścieżki rowerowe, promocja bezpiecznej jazdy.",
    ),
    (
        "Fundacja Wspierania Przedsiębiorczości Młodzieży",
        "FWPM",
        "foundation",
        ["11", "8", "15"],
        ["Radlin II"],
        False,
        "Warsztaty przedsiębiorczości, staże i mentoring dla młodych.",
    ),
    (
        "Stowarzyszenie Kombatantów i Osób Represjonowanych — Koło Radlin",
        "Kombatanci Radlin",
        "association",
        ["29", "4"],
        ["Radlin I"],
        False,
        "Pamięć historyczna, opieka nad miejscami pamięci, spotkania z młodzieżą.",
    ),
    (
        "Stowarzyszenie Integracji Europejskiej „Most”",
        "Most",
        "association",
        ["26", "5a"],
        ["Radlin I"],
        False,
        "Wymiany młodzieży z miastami partnerskimi i pomoc w integracji cudzoziemców.",
    ),
    (
        "Związek Harcerstwa Polskiego — Drużyna Radlin",
        "ZHP Radlin",
        "association",
        ["15", "14", "27"],
        ["Biertułtowy", "Marcel"],
        True,
        "Zbiórki harcerskie, obozy, służba na rzecz społeczności lokalnej.",
    ),
    (
        "Fundacja „Zdrowie Śląska”",
        "Zdrowie Śląska",
        "foundation",
        ["6", "10"],
        ["Marcel"],
        False,
        "Profilaktyka zdrowotna, bezpłatne badania i edukacja zdrowotna.",
    ),
    (
        "Stowarzyszenie Kobiet Aktywnych „Radlinianki”",
        "Radlinianki",
        "association",
        ["9", "13"],
        ["Radlin II"],
        False,
        "Aktywizacja kobiet, warsztaty kompetencji cyfrowych, klub mam.",
    ),
    (
        "Towarzystwo Przyjaciół Dzieci — Oddział Radlin",
        "TPD Radlin",
        "association",
        ["15", "1a", "31"],
        ["Radlin I", "Obszary"],
        True,
        "Wsparcie rodzin zastępczych, wypoczynek letni dzieci, świetlica.",
    ),
]


def valid_nip(rng: random.Random) -> str:
    while True:
        base = f"{rng.randint(1, 9)}{rng.randint(0, 10**8 - 1):08d}"
        for last in range(10):
            candidate = f"{base}{last}"
            if stdnum_nip.is_valid(candidate):
                return candidate


def valid_regon(rng: random.Random) -> str:
    base = f"{rng.randint(10**7, 10**8 - 1)}"
    return base + stdnum_regon.calc_check_digit(base)


def ensure_spheres() -> None:
    """The spheres of migration 0003, again if a flushed database lost them."""
    if PublicBenefitSphere.objects.exists():
        return
    import importlib

    from django.apps import apps

    module = importlib.import_module("ngos.migrations.0003_seed_spheres")
    module.seed(apps, None)


def _areas() -> dict[str, Area]:
    from django.utils.text import slugify

    result = {}
    for name in AREAS:
        area, _ = Area.objects.get_or_create(
            name=name, defaults={"slug": slugify(name.replace("ł", "l"))}
        )
        result[name] = area
    return result


@transaction.atomic
def seed_demo(stdout) -> None:
    """About 30 believable organisations, the demo representative and editor, two posts."""
    from cooperation.core.demo import demo_user

    from .services import unique_slug

    rng = random.Random(44310)
    ensure_spheres()
    areas = _areas()
    spheres = {s.code: s for s in PublicBenefitSphere.objects.all()}
    clerk = demo_user("urzednik@demo.radlin.example")
    created = 0
    first = None
    for index, (name, short, form, codes, area_names, opp, description) in enumerate(
        ORGANISATIONS
    ):
        krs = (
            f"{(413516 + index * 7919) % 10**10:010d}"
            if form != "church_legal_person"
            else ""
        )
        nip, regon = valid_nip(rng), valid_regon(rng)
        organisation = Organisation.objects.filter(name=name).first()
        if organisation is None:
            organisation = Organisation(
                name=name,
                short_name=short,
                slug=unique_slug(short),
                legal_form=form,
                krs=krs,
                other_register=""
                if krs
                else "Rejestr kościelnych osób prawnych (MSWiA)",
                nip=nip,
                regon=regon,
                is_opp=opp,
                street=f"ul. {rng.choice(['Rybnicka', 'Korfantego', 'Mariacka', 'Głożyńska', 'Pszowska', 'Świerklańska'])} {rng.randint(1, 120)}",
                postal_code="44-310",
                city="Radlin",
                email=f"kontakt@{unique_slug(short)}.radlin.example",
                phone=f"32 {rng.randint(400, 499)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                description=description,
                founded_on=date(
                    rng.randint(1950, 2022), rng.randint(1, 12), rng.randint(1, 28)
                ),
                verified_at=timezone.now() if index < len(ORGANISATIONS) - 2 else None,
                verified_by=clerk if index < len(ORGANISATIONS) - 2 else None,
            )
            organisation.save()
            organisation.spheres.set([spheres[c] for c in codes if c in spheres])
            organisation.areas.set([areas[a] for a in area_names])
            organisation.search_text = build_search_text(organisation)
            organisation.save(update_fields=["search_text"])
            created += 1
        first = first or organisation
    for email, role in (
        ("prezes@demo.radlin.example", Membership.Role.REPRESENTATIVE),
        ("redaktor@demo.radlin.example", Membership.Role.EDITOR),
    ):
        Membership.objects.get_or_create(
            user=demo_user(email),
            organisation=first,
            status=Membership.Status.APPROVED,
            defaults={"role": role, "decided_by": clerk, "decided_at": timezone.now()},
        )
    _representations(first, demo_user("prezes@demo.radlin.example"))
    if not PartnerSearch.objects.exists():
        second = Organisation.objects.get(name=ORGANISATIONS[6][0])
        PartnerSearch.objects.create(
            organisation=first,
            author=demo_user("prezes@demo.radlin.example"),
            title="Festyn „Dni Biertułtów” — szukamy współorganizatora",
            description="Szukamy organizacji, która poprowadzi strefę dla dzieci i pomoże w zgłoszeniu oferty wspólnej.",
            sphere=spheres["13"],
            ends_on=timezone.localdate() + timedelta(days=30),
        )
        PartnerSearch.objects.create(
            organisation=second,
            title="Zbiórka żywności przed świętami",
            description="Potrzebujemy wolontariuszy i punktu zbiórki w Głożynach.",
            sphere=spheres["3"],
            ends_on=timezone.localdate() + timedelta(days=21),
        )
    stdout.write(
        f"  {created} organisations, demo representative and editor of “{first.name}”"
    )


BOARD_NAMES = [
    ("Barbara Mazur", "Prezes Zarządu"),
    ("Grzegorz Pawlak", "Wiceprezes Zarządu"),
    ("Danuta Krawczyk", "Skarbnik"),
    ("Marek Dudek", "Prezes Zarządu"),
    ("Teresa Jabłońska", "Członek Zarządu"),
    ("Andrzej Sikora", "Wiceprezes Zarządu"),
    ("Elżbieta Baran", "Prezes Zarządu"),
    ("Ryszard Górski", "Członek Zarządu"),
]


def _representations(first: Organisation, representative) -> None:
    """The representation of every verified organisation, as its KRS extract or
    statute states it: the board, its members and how many sign together (one or
    two). The demo representative is the first organisation's president, with the
    account linked, so that the demo offers can be confirmed and submitted."""
    for index, organisation in enumerate(
        Organisation.objects.filter(verified_at__isnull=False).order_by("pk")
    ):
        if Representation.objects.filter(organisation=organisation).exists():
            continue
        together = organisation != first and index % 2 == 1
        representation = Representation.objects.create(
            organisation=organisation,
            organ="Zarząd",
            manner=(
                "Do składania oświadczeń woli w imieniu stowarzyszenia wymagane jest "
                "współdziałanie dwóch członków zarządu."
                if together
                else "Do składania oświadczeń woli w imieniu stowarzyszenia "
                "upoważniony jest każdy członek zarządu samodzielnie."
            ),
            signatures_required=2 if together else 1,
            source=Representation.Source.KRS
            if organisation.krs
            else Representation.Source.DECLARED,
        )
        if organisation == first:
            members = [(representative.get_full_name() or "Prezes", "Prezes Zarządu")]
        else:
            members = [
                BOARD_NAMES[(index + n) % len(BOARD_NAMES)]
                for n in range(2 if together else 1)
            ]
            members.append(BOARD_NAMES[(index + 5) % len(BOARD_NAMES)])
        seen = set()
        for position, (name, function) in enumerate(members, start=1):
            if name in seen:
                continue
            seen.add(name)
            Representative.objects.create(
                representation=representation,
                name=name,
                function=function,
                user=representative
                if organisation == first and position == 1
                else None,
                position=position,
            )


def seed_bench(scale: int, stdout) -> None:
    """``scale`` × 1,000 organisations with valid identifiers, in bulk."""
    rng = random.Random(1000 + scale)
    ensure_spheres()
    areas = list(_areas().values())
    spheres = list(PublicBenefitSphere.objects.all())
    start = Organisation.objects.count()
    forms = [c for c, _ in Organisation.LegalForm.choices]
    words = ["Stowarzyszenie", "Fundacja", "Klub", "Towarzystwo", "Koło"]
    topics = [
        "Rozwoju",
        "Przyjaciół",
        "Kultury",
        "Sportu",
        "Seniorów",
        "Dzieci",
        "Ekologii",
        "Historii",
    ]
    places = ["Radlina", "Biertułtów", "Głożyn", "Obszarów", "Marcela", "Śląska"]
    seen_nip = set(Organisation.objects.exclude(nip="").values_list("nip", flat=True))
    total = scale * 1000
    batch: list[Organisation] = []
    for i in range(total):
        n = start + i
        nip = valid_nip(rng)
        while nip in seen_nip:
            nip = valid_nip(rng)
        seen_nip.add(nip)
        name = f"{rng.choice(words)} {rng.choice(topics)} {rng.choice(places)} nr {n}"
        description = f"{name} działa na rzecz mieszkańców; współpracuje ze stowarzyszeniami i fundacjami."
        batch.append(
            Organisation(
                name=name,
                name_key=name_key_of(name),
                slug=f"bench-{n}",
                legal_form=rng.choice(forms),
                krs=f"{9_000_000_000 + n:010d}",
                nip=nip,
                regon=valid_regon(rng),
                is_opp=rng.random() < 0.15,
                postal_code="44-310",
                city="Radlin",
                description=description,
                search_text=description,
                founded_on=date(rng.randint(1950, 2024), 1, 1),
                verified_at=timezone.now(),
            )
        )
    created = Organisation.objects.bulk_create(batch, batch_size=1000)
    through_s = Organisation.spheres.through
    through_a = Organisation.areas.through
    through_s.objects.bulk_create(
        [
            through_s(organisation_id=o.pk, publicbenefitsphere_id=s.pk)
            for o in created
            for s in rng.sample(spheres, 2)
        ],
        batch_size=5000,
    )
    through_a.objects.bulk_create(
        [
            through_a(organisation_id=o.pk, area_id=rng.choice(areas).pk)
            for o in created
        ],
        batch_size=5000,
    )
    stdout.write(f"  {len(created)} organisations")
