"""Seed the public-task spheres of art. 4 ust. 1 of the Act.

The list follows the consolidated text in force around 2020–2023 (Dz.U. 2020 poz. 1057,
2022 poz. 1327, 2023 poz. 571). Its numbering and wording are not confirmed against the
newest amendments, so the rows are data with validity dates, not code: a clerk ends a
sphere (``valid_until``) or adds a new one in the admin when the Act changes. The date
from which each item applies is left empty where it is not confirmed.
"""

from django.db import migrations

SPHERES = [
    ("1", 1, "pomoc społeczna, w tym pomoc rodzinom i osobom w trudnej sytuacji życiowej oraz wyrównywanie szans tych rodzin i osób",
     "social assistance, including help for families and persons in a difficult life situation and equal opportunities for them"),
    ("1a", 1, "wspieranie rodziny i systemu pieczy zastępczej",
     "support for the family and the foster-care system"),
    ("1b", 1, "udzielanie nieodpłatnej pomocy prawnej oraz zwiększanie świadomości prawnej społeczeństwa",
     "free legal aid and raising legal awareness"),
    ("1c", 1, "nieodpłatne poradnictwo obywatelskie",
     "free civic counselling"),
    ("2", 2, "działalność na rzecz integracji i reintegracji zawodowej i społecznej osób zagrożonych wykluczeniem społecznym",
     "vocational and social integration and reintegration of people at risk of social exclusion"),
    ("3", 3, "działalność charytatywna", "charity"),
    ("4", 4, "podtrzymywanie i upowszechnianie tradycji narodowej, pielęgnowanie polskości oraz rozwój świadomości narodowej, obywatelskiej i kulturowej",
     "national tradition, Polishness, and national, civic and cultural awareness"),
    ("5", 5, "działalność na rzecz mniejszości narodowych i etnicznych oraz języka regionalnego",
     "national and ethnic minorities and the regional language"),
    ("5a", 5, "działalność na rzecz integracji cudzoziemców", "integration of foreigners"),
    ("6", 6, "ochrona i promocja zdrowia, w tym działalność lecznicza",
     "health protection and promotion, including medical activity"),
    ("7", 7, "działalność na rzecz osób niepełnosprawnych", "people with disabilities"),
    ("8", 8, "promocja zatrudnienia i aktywizacji zawodowej osób pozostających bez pracy i zagrożonych zwolnieniem z pracy",
     "employment promotion and activation of the unemployed and those at risk of dismissal"),
    ("9", 9, "działalność na rzecz równych praw kobiet i mężczyzn", "equal rights of women and men"),
    ("10", 10, "działalność na rzecz osób w wieku emerytalnym", "people of retirement age"),
    ("11", 11, "działalność wspomagająca rozwój gospodarczy, w tym rozwój przedsiębiorczości",
     "economic development, including entrepreneurship"),
    ("12", 12, "działalność wspomagająca rozwój techniki, wynalazczości i innowacyjności oraz rozpowszechnianie i wdrażanie nowych rozwiązań technicznych w praktyce gospodarczej",
     "technology, invention and innovation, and spreading new technical solutions"),
    ("13", 13, "działalność wspomagająca rozwój wspólnot i społeczności lokalnych",
     "development of local communities"),
    ("14", 14, "nauka, szkolnictwo wyższe, edukacja, oświata i wychowanie",
     "science, higher education, education and upbringing"),
    ("15", 15, "działalność na rzecz dzieci i młodzieży, w tym wypoczynku dzieci i młodzieży",
     "children and youth, including their recreation"),
    ("16", 16, "kultura, sztuka, ochrona dóbr kultury i dziedzictwa narodowego",
     "culture, art, protection of cultural goods and national heritage"),
    ("17", 17, "wspieranie i upowszechnianie kultury fizycznej",
     "support and promotion of physical culture"),
    ("18", 18, "ekologia i ochrona zwierząt oraz ochrona dziedzictwa przyrodniczego",
     "ecology, animal protection and natural heritage"),
    ("19", 19, "turystyka i krajoznawstwo", "tourism and sightseeing"),
    ("20", 20, "porządek i bezpieczeństwo publiczne", "public order and safety"),
    ("21", 21, "obronność państwa i działalność Sił Zbrojnych Rzeczypospolitej Polskiej",
     "national defence and the Polish Armed Forces"),
    ("22", 22, "upowszechnianie i ochrona wolności i praw człowieka oraz swobód obywatelskich, a także działania wspomagające rozwój demokracji",
     "human rights, civil liberties and support for democracy"),
    ("23", 23, "ratownictwo i ochrona ludności", "rescue services and civil protection"),
    ("24", 24, "pomoc ofiarom katastrof, klęsk żywiołowych, konfliktów zbrojnych i wojen w kraju i za granicą",
     "help for victims of disasters, natural calamities, armed conflicts and wars, in Poland and abroad"),
    ("25", 25, "upowszechnianie i ochrona praw konsumentów", "consumer rights"),
    ("26", 26, "działalność na rzecz integracji europejskiej oraz rozwijania kontaktów i współpracy między społeczeństwami",
     "European integration and contacts between societies"),
    ("27", 27, "promocja i organizacja wolontariatu", "promotion and organisation of volunteering"),
    ("28", 28, "pomoc Polonii i Polakom za granicą", "help for the Polish diaspora and Poles abroad"),
    ("29", 29, "działalność na rzecz kombatantów i osób represjonowanych",
     "veterans and persons subjected to repression"),
    ("30", 30, "promocja Rzeczypospolitej Polskiej za granicą", "promotion of Poland abroad"),
    ("31", 31, "działalność na rzecz rodziny, macierzyństwa, rodzicielstwa, upowszechniania i ochrony praw dziecka",
     "family, motherhood, parenthood and children's rights"),
    ("32", 32, "przeciwdziałanie uzależnieniom i patologiom społecznym",
     "counteracting addictions and social pathologies"),
    ("32a", 32, "rewitalizacja", "revitalisation"),
    ("33", 33, "działalność na rzecz organizacji pozarządowych oraz podmiotów wymienionych w art. 3 ust. 3, w zakresie określonym w pkt 1–32a",
     "activity for NGOs and art. 3 ust. 3 entities within the scope of items 1–32a"),
]


def seed(apps, schema_editor):
    Sphere = apps.get_model("ngos", "PublicBenefitSphere")
    for code, number, name_pl, name_en in SPHERES:
        Sphere.objects.update_or_create(
            code=code, defaults={"number": number, "name_pl": name_pl, "name_en": name_en}
        )


def unseed(apps, schema_editor):
    Sphere = apps.get_model("ngos", "PublicBenefitSphere")
    Sphere.objects.filter(code__in=[s[0] for s in SPHERES], organisations=None).delete()


class Migration(migrations.Migration):
    dependencies = [("ngos", "0002_membership_founding_organisation_search_text_and_more")]

    operations = [migrations.RunPython(seed, unseed)]
