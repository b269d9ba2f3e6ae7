"""The pages ``make bench`` loads: a provider per area, each giving (label, path)."""

from __future__ import annotations

from django.db.models import Count


def site() -> list[tuple[str, str]]:
    return [
        ("home", "/"),
        ("accessibility statement", "/deklaracja-dostepnosci/"),
        ("privacy notice", "/ochrona-danych/"),
    ]


def consultations() -> list[tuple[str, str]]:
    from consultations.models import Consultation

    busiest = (
        Consultation.objects.public()
        .annotate(n=Count("comments"))
        .order_by("-n")
        .values_list("pk", flat=True)
        .first()
    )
    result = [
        ("consultation list", "/konsultacje/"),
        ("consultation surveys", "/konsultacje/ankiety/"),
    ]
    if busiest:
        result.append(("consultation with most comments", f"/konsultacje/{busiest}/"))
    return result


def grants() -> list[tuple[str, str]]:
    from grants.models import Competition, CompetitionStatus

    result = [
        ("competitions", "/konkursy/"),
        ("competitions decided", "/konkursy/?stan=decided"),
    ]
    decided = (
        Competition.objects.filter(status=CompetitionStatus.RESULTS_PUBLISHED)
        .annotate(n=Count("offers"))
        .order_by("-n", "-pk")
        .first()
    )
    if decided:
        result.append(("competition with results", decided.get_absolute_url()))
    return result


def ngos() -> list[tuple[str, str]]:
    from ngos.models import Organisation

    pages = [
        ("ngos: directory", "/organizacje/"),
        ("ngos: directory search", "/organizacje/?q=stowarzyszenie"),
        ("ngos: partner searches", "/organizacje/partnerzy/"),
    ]
    organisation = Organisation.objects.public().order_by("pk").only("slug").first()
    if organisation is not None:
        pages.append(("ngos: profile", organisation.get_absolute_url()))
    return pages


def programme() -> list[tuple[str, str]]:
    from cooperation.programme.models import Programme

    year = (
        Programme.objects.exclude(status="drafting")
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    result = [("programme list", "/program-wspolpracy/")]
    if year:
        result.append(("programme detail", f"/program-wspolpracy/{year}/"))
    return result


def quality() -> list[tuple[str, str]]:
    from cooperation.evaluation.models import Assessment

    year = (
        Assessment.objects.filter(status=Assessment.Status.PUBLISHED)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    result = [("quality index", "/program-wspolpracy/indeks/")]
    if year:
        result.append(
            ("quality index of a year", f"/program-wspolpracy/indeks/{year}/")
        )
    return result


def workshops() -> list[tuple[str, str]]:
    from workshops.models import Event, WorkingGroup

    event = (
        Event.objects.public()
        .filter(registrations__isnull=False)
        .order_by("-pk")
        .first()
        or Event.objects.public().order_by("-pk").first()
    )
    result = [
        ("workshops: event list", "/warsztaty/"),
        ("workshops: past events", "/warsztaty/?when=past"),
        ("workshops: calendar", "/warsztaty/kalendarz/"),
        ("workshops: working groups", "/warsztaty/grupy/"),
    ]
    if event is not None:
        result.append(("workshops: event detail", event.get_absolute_url()))
    group = WorkingGroup.objects.order_by("pk").only("slug").first()
    if group is not None:
        result.append(("workshops: working group", group.get_absolute_url()))
    return result


def api() -> list[tuple[str, str]]:
    return [
        ("api: competitions", "/api/v1/competitions/"),
        ("api: organisations", "/api/v1/organisations/"),
        ("api: comments", "/api/v1/comments/"),
    ]


PAGES = {
    "site": site,
    "consultations": consultations,
    "grants": grants,
    "ngos": ngos,
    "programme": programme,
    "quality": quality,
    "workshops": workshops,
    "api": api,
}
