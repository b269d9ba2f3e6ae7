"""Demo data (a competition in each state) and benchmark data for the grants app."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import ROUND_DOWN, ROUND_UP, Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst

from cooperation.core.workflow import record
from cooperation.programme.models import Priority, Programme

from .models import (
    CommitteeMember,
    Competition,
    CostRow,
    Criterion,
    ExpectedResult,
    FormalCheckItem,
    Offer,
    OfferConfirmation,
    SameTypeYear,
    ScheduleAction,
    Score,
)
from .models.offer import CENT
from .services import offer_checksum, offer_content

# (point of art. 15 ust. 1 or None for the municipality's own, name, maximum points)
CRITERIA = [
    (1, "Możliwość realizacji zadania przez oferenta", 10),
    (2, "Kalkulacja kosztów w odniesieniu do zakresu rzeczowego", 10),
    (3, "Jakość wykonania zadania i kwalifikacje osób", 10),
    (4, "Udział środków finansowych własnych i z innych źródeł", 5),
    (5, "Wkład rzeczowy, osobowy i praca społeczna członków", 5),
    (6, "Rzetelność i terminowość rozliczenia dotacji w latach poprzednich", 5),
    (None, "Zasięg oddziaływania w gminie (kryterium własne)", 5),
]
DEMO = [
    (
        "draft",
        "Wspieranie i upowszechnianie kultury fizycznej — szkolenie dzieci i młodzieży",
    ),
    ("announced", "Organizacja wypoczynku letniego dla dzieci z terenu Radlina"),
    ("closed", "Przeciwdziałanie uzależnieniom — zajęcia profilaktyczne"),
    ("formal_review", "Pomoc społeczna — wsparcie osób starszych"),
    ("committee_review", "Kultura, sztuka i dziedzictwo — Dni Radlina"),
    ("decision", "Ekologia i ochrona zwierząt — opieka nad bezdomnymi kotami"),
    (
        "results_published",
        "Działalność na rzecz osób niepełnosprawnych — warsztaty terapeutyczne",
    ),
    ("annulled", "Turystyka i krajoznawstwo — rajdy rowerowe"),
]


# The sphere of art. 4 ust. 1 that each demo competition carries out.
DEMO_SPHERES = {
    "draft": "17",
    "announced": "15",
    "closed": "32",
    "formal_review": "10",
    "committee_review": "16",
    "decision": "18",
    "results_published": "7",
    "annulled": "19",
}


def demo_priority(year: int, sphere_code: str | None = None) -> Priority:
    """The programme priority of ``year`` in a sphere (the first sphere by default)."""
    from ngos.models import PublicBenefitSphere

    programme, _ = Programme.objects.get_or_create(
        year=year, defaults={"title": f"Program współpracy na {year} rok"}
    )
    if not (programme.resolution_number and programme.resolution_date):
        # An announcement cites the resolution adopting the programme.
        programme.resolution_number = f"XX/150/{year - 1}"
        programme.resolution_date = date(year - 1, 11, 26)
        programme.save(update_fields=["resolution_number", "resolution_date"])
    spheres = PublicBenefitSphere.objects.order_by("number", "code")
    sphere = (
        spheres.filter(code=sphere_code).first() if sphere_code else None
    ) or spheres.first()
    if sphere is None:
        sphere = PublicBenefitSphere.objects.create(
            code="13",
            number=13,
            name_pl="działalność na rzecz wspólnot lokalnych",
            name_en="local communities",
        )
    priority = (
        Priority.objects.filter(programme=programme, sphere=sphere)
        .order_by("position")
        .first()
    )
    if priority is None:
        priority = Priority.objects.create(
            programme=programme,
            sphere=sphere,
            title=sphere.name_pl[:1].upper() + sphere.name_pl[1:],
            planned_funds=Decimal("100000"),
        )
    return priority


CONTACT_NAMES = [
    "Katarzyna Nowak",
    "Tomasz Kowalski",
    "Agnieszka Wójcik",
    "Paweł Kamiński",
    "Magdalena Lewandowska",
    "Krzysztof Zieliński",
    "Joanna Szymańska",
    "Michał Woźniak",
]


def _contact_name(offer: Offer, rng: random.Random) -> str:
    """A person of the organisation itself, or a name of its own when it has nobody here."""
    from ngos.models import Membership

    member = (
        Membership.objects.filter(
            organisation_id=offer.organisation_id, status=Membership.Status.APPROVED
        )
        .select_related("user")
        .order_by("-role", "pk")
        .first()
    )
    if member and member.user.get_full_name():
        return member.user.get_full_name()
    return CONTACT_NAMES[offer.organisation_id % len(CONTACT_NAMES)]


def _bank_account(rng: random.Random) -> str:
    """A Polish account number (NRB) whose IBAN check digits are correct."""
    from stdnum import iban

    branch_and_account = f"10901014{rng.randint(0, 10**16 - 1):016d}"
    return iban.calc_check_digits(f"PL00{branch_and_account}") + branch_and_account


def fill_offer(offer: Offer, rng: random.Random) -> None:
    """Every section of a demo offer, so that it can be submitted (demo and bench)."""
    unit = Decimal(rng.choice([80, 120, 150, 200]))
    units = Decimal(rng.choice([20, 30, 40]))
    total = unit * units + Decimal("1000")
    grant = (total * Decimal("0.85")).quantize(Decimal("1"))
    organisation = offer.organisation
    Offer.objects.filter(pk=offer.pk).update(
        offeror_legal_form=organisation.get_legal_form_display(),
        offeror_register=f"KRS {organisation.krs}"
        if organisation.krs
        else organisation.other_register or "—",
        # Only the first letter is raised: the names inside (Dni Radlina) keep theirs.
        title=f"{capfirst(offer.competition.title.split('—')[-1].strip())} — {offer.organisation.short_name or offer.organisation.name}"[
            :300
        ],
        start_date=offer.competition.task_start,
        end_date=offer.competition.task_end,
        place="Radlin",
        target_group="Mieszkańcy Radlina",
        method="Zajęcia i spotkania",
        expected_change="Większa aktywność mieszkańców",
        previous_activity="Organizacja działa w Radlinie od lat",
        resources="Wolontariusze, sala, sprzęt",
        contact_name=_contact_name(offer, rng),
        offeror_bank_account=_bank_account(rng),
        requested_grant=grant,
        own_financial=total - grant - Decimal("200"),
        own_non_financial=Decimal("200"),
        st_public_benefit=True,
        st_payments=True,
        st_no_tax_arrears=True,
        st_no_zus_arrears=True,
        st_register=True,
        st_true=True,
        st_personal_data=True,
    )
    start = offer.competition.task_start
    action = ScheduleAction.objects.create(
        offer=offer,
        position=1,
        name="Zajęcia",
        start=start,
        # An activity stays within one budget year (art. 221).
        end=min(offer.competition.task_end, date(start.year, 12, 31)),
    )
    ExpectedResult.objects.create(
        offer=offer,
        position=1,
        name="Uczestnicy",
        target_value="50 osób",
        monitoring="listy obecności",
    )
    CostRow.objects.create(
        offer=offer,
        action=action,
        position=1,
        name="Wynagrodzenie prowadzącego",
        unit="godz.",
        unit_cost=unit,
        units=units,
    )
    CostRow.objects.create(
        offer=offer,
        category="administrative",
        position=1,
        name="Obsługa księgowa",
        unit="usł.",
        unit_cost=Decimal("1000"),
        units=Decimal("1"),
    )
    offer.refresh_from_db()


def seed_update(offer: Offer, *, offeror: Any, clerk: Any) -> None:
    """The accepted update of a chosen offer to its granted amount, made through the
    services: the own contribution scaled up to the grosz (so its share is kept), the
    costs fitted to the new total to the grosz, the rest of the offer unchanged."""
    from . import services
    from .selectors import offers_with_rows

    offer = offers_with_rows().get(pk=offer.pk)
    granted = Decimal(offer.granted_amount or 0)
    if not granted or granted >= offer.requested_grant:
        return
    ratio = granted / offer.requested_grant
    own_financial = (offer.own_financial * ratio).quantize(CENT, ROUND_UP)
    own_non_financial = (offer.own_non_financial * ratio).quantize(CENT, ROUND_UP)
    total = granted + own_financial + own_non_financial
    update = services.offer_update_start(offer=offer, actor=offeror)
    rows = [dict(row) for row in update.cost_rows]
    activity = next(r for r in rows if r["category"] == "activity")
    administrative = next(r for r in rows if r["category"] == "administrative")
    units = Decimal(activity["units"])
    activity["unit_cost"] = (
        (total - Decimal(administrative["unit_cost"])) / units
    ).quantize(CENT, ROUND_DOWN)
    administrative["units"] = Decimal("1")
    administrative["unit_cost"] = total - Decimal(activity["unit_cost"]) * units
    update = services.offer_update_save(
        offerupdate=update,
        actor=offeror,
        version=update.version,
        fields={
            "own_financial": own_financial,
            "own_non_financial": own_non_financial,
        },
        cost_rows=rows,
    )
    services.offer_update_submit(offerupdate=update, actor=offeror)
    services.offer_update_accept(
        offerupdate=update, actor=clerk, note="Aktualizacja zgodna z ogłoszeniem."
    )


DEMO_NOTICE = (
    "WZÓR DEMONSTRACYJNY — ten tekst nie jest wzorem umowy określonym w "
    "rozporządzeniu. Przed użyciem portalu urzędnik zastępuje go oficjalnym "
    "tekstem (Dz.U. 2018 poz. 2057, zał. nr 3), wklejonym słowo w słowo, z polami "
    "w podwójnych nawiasach klamrowych w miejscach do wypełnienia."
)
DEMO_CONTRACT = (
    DEMO_NOTICE
    + """

Umowa nr {{ umowa.numer }} o {{ umowa.forma }} realizacji zadania publicznego
„{{ umowa.tytul }}”, zawarta {{ umowa.data_zawarcia }} pomiędzy {{ gmina.nazwa }},
{{ gmina.adres }}, reprezentowaną przez {{ gmina.reprezentant }}, a
{{ zleceniobiorca.nazwa }}, {{ zleceniobiorca.adres }}, {{ zleceniobiorca.rejestr }}.

[Tu urzędnik wkleja oficjalną treść umowy. Pola wypełniane przez portal: termin
{{ umowa.termin_od }} – {{ umowa.termin_do }}, dotacja {{ umowa.dotacja }},
rachunek {{ umowa.rachunek }}, wkład własny finansowy {{ wklad.finansowy }},
niefinansowy {{ wklad.niefinansowy }}, świadczenia od odbiorców
{{ wklad.swiadczenia }}, dopuszczalne przesunięcie {{ umowa.przesuniecie }}%.]

Reprezentanci stron:
{{ reprezentanci }}
Harmonogram:
{{ harmonogram }}
Kalkulacja kosztów:
{{ kosztorys }}
Dotacja w latach budżetowych i transze:
{{ transze }}
"""
)
DEMO_ANNEX = (
    DEMO_NOTICE
    + """

Aneks nr {{ aneks.numer }} do umowy nr {{ umowa.numer }} „{{ umowa.tytul }}”.
Przyczyna zmiany: {{ aneks.powod }}
[Tu urzędnik wkleja oficjalną treść aneksu.] Termin realizacji:
{{ umowa.termin_od }} – {{ umowa.termin_do }}.
{{ kosztorys }}
{{ transze }}
"""
)


def seed_templates() -> None:
    """The demonstration templates of a contract and an annex (to be replaced)."""
    from .models import DocumentTemplate

    for kind, name, body in (
        ("contract", "Umowa o realizację zadania publicznego", DEMO_CONTRACT),
        ("annex", "Aneks do umowy o realizację zadania publicznego", DEMO_ANNEX),
    ):
        DocumentTemplate.objects.get_or_create(
            kind=kind,
            version=f"demo-{kind}",
            defaults={
                "name": name,
                "legal_basis": "Dz.U. 2018 poz. 2057, zał. nr 3 (wzór demonstracyjny)",
                "valid_from": date(2019, 1, 1),
                "body": body,
            },
        )


def seed_report_template() -> None:
    """The report's template of migration 0019, if a flush has emptied the table."""
    from . import report_template

    report_template.restore()


def _signed_scan() -> Any:
    """A scan of the signed paper contract: a blank page, no electronic signature."""
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    data = BytesIO()
    writer.write(data)
    return SimpleUploadedFile("umowa-podpisana.pdf", data.getvalue())


def seed_settlement(contract: Any, *, clerk: Any, representative: Any) -> str:
    """The contract signed and carried out: its first instalment paid in two
    transfers, a partial report on call accepted, the final report submitted, and a
    refund of a part found used not as intended (art. 252), with interest from the
    first transfer. Every step through the services, as a clerk and the
    organisation's representative take them."""
    from . import services
    from .services.contracts import schedule
    from .services.reports import refund_due_now

    today = timezone.localdate()
    seed_report_template()
    contract.signed_file = _signed_scan()
    contract.save(update_fields=["signed_file"])
    services.contract_sign(contract=contract, actor=clerk, signed_on=today)
    contract.refresh_from_db()
    services.contract_start(contract=contract, actor=clerk, note="demo")
    first = schedule(contract)[0]
    part = (first["amount"] * Decimal("0.6")).quantize(Decimal(1), ROUND_DOWN)
    for amount in (part, first["amount"] - part):
        services.payment_record(
            contract=contract,
            actor=clerk,
            instalment=first["number"],
            paid_on=today,
            amount=f"{amount:.2f}".replace(".", ","),
        )
    start = date.fromisoformat(str(contract.terms["start_date"]))
    partial = services.report_call(
        contract=contract,
        actor=clerk,
        due_on=today + timedelta(days=30),
        period_end=start + timedelta(days=14),
    )
    services.report_save(
        report=partial,
        content={
            "actions": [
                {**a, "done": "Przygotowano zajęcia i zebrano grupę uczestników."}
                for a in partial.content["actions"]
            ],
            "part_three": "Zadanie przebiega zgodnie z harmonogramem.",
        },
    )
    services.report_submit(
        report=partial,
        actor=representative,
        signed_by=contract.signed_for_organisation,
    )
    services.report_accept(report=partial, actor=clerk, note="demo")
    final = services.report_open_final(contract=contract, actor=representative)
    costs = [{**c, "incurred": c["planned"]} for c in final.content["costs"]]
    total = sum((Decimal(str(c["incurred"])) for c in costs), Decimal(0))
    terms = contract.current_terms()
    own = Decimal(str(terms.get("own_financial") or 0)) + Decimal(
        str(terms.get("own_non_financial") or 0)
    )
    grant_used = min(contract.grant, total - own)
    services.report_save(
        report=final,
        content={
            "costs": costs,
            "results": [
                {**r, "achieved": r.get("target_value") or "osiągnięto"}
                for r in final.content["results"]
            ],
            "actions": [
                {**a, "done": "Zrealizowano zgodnie z umową."}
                for a in final.content["actions"]
            ],
            "lasting_results": "Uczestnicy nadal spotykają się w grupie wsparcia.",
            "other_income": "nie dotyczy",
            "part_three": "Bez uwag.",
            "funding": [
                {"name": "Dotacja", "amount": str(grant_used), "grant": True},
                {"name": "Środki własne", "amount": str(own), "own": True},
                {"name": "Inne źródła", "amount": str(total - own - grant_used)},
            ],
            "attachments": [
                {"number": "1", "name": "Zestawienie faktur i rachunków"},
                {"number": "2", "name": "Lista obecności uczestników"},
            ],
        },
    )
    services.report_submit(
        report=final,
        actor=representative,
        signed_by=contract.signed_for_organisation,
    )
    refund = services.refund_for_finding(
        contract=contract,
        actor=clerk,
        kind="misused",
        amount=(part * Decimal("0.1")).quantize(Decimal(1)),
        transferred_on=today,
        found_on=today,
        note="Koszt poza kosztorysem, stwierdzony przy kontroli (demo).",
    )
    _principal, on_due_date = refund_due_now(refund, refund.due_on)
    return (
        f"contract {contract.number}: 2 payments, partial report accepted, final "
        f"report submitted, refund {refund.amount} PLN due {refund.due_on} "
        f"(interest by then {on_due_date} PLN)"
    )


def seed_contract(offer: Offer, *, clerk: Any) -> Any:
    """The contract of a chosen offer, ready for signature, through the services."""
    from ngos.models import Representation, Representative

    from . import services

    seed_templates()
    representation, created = Representation.objects.get_or_create(
        organisation=offer.organisation,
        defaults={
            "organ": "Zarząd",
            "manner": "Do reprezentowania stowarzyszenia upoważnieni są dwaj członkowie "
            "Zarządu działający łącznie.",
            "signatures_required": 2,
        },
    )
    if created:
        for n, (name, function) in enumerate(
            [("Anna Demo", "Prezes Zarządu"), ("Jan Demo", "Skarbnik")]
        ):
            Representative.objects.create(
                representation=representation, name=name, function=function, position=n
            )
    contract = services.contract_create(offer=offer, actor=clerk)
    services.contract_to_signature(contract=contract, actor=clerk, note="demo")
    return contract


def _freeze(offer: Offer, status: str, sequence: int, **extra) -> None:
    offer = Offer.objects.prefetch_related(
        "actions", "results", "cost_rows", "co_offerors"
    ).get(pk=offer.pk)
    content = offer_content(offer)
    Offer.objects.filter(pk=offer.pk).update(
        status=status,
        sequence=sequence,
        number=f"{offer.competition_id}/{offer.competition.year}/{sequence:03d}",
        submitted_at=offer.competition.offers_deadline - timedelta(days=2),
        content=content,
        checksum=offer_checksum(content),
        **extra,
    )
    record(offer, actor=None, to=status, note="demo")
    _confirm(offer, offer_checksum(content), offer.competition.offers_deadline)
    if status != "submitted":
        checked = offer.competition.offers_deadline + timedelta(days=1)
        FormalCheckItem.objects.bulk_create(
            [
                FormalCheckItem(
                    offer=offer,
                    position=n,
                    requirement=name,
                    met=True,
                    checked_at=checked,
                )
                for n, name in enumerate(offer.competition.formal_checklist(), start=1)
            ]
        )
        Offer.objects.filter(pk=offer.pk).update(formally_checked_at=checked)


def _confirm(offer: Offer, checksum: str, deadline) -> None:
    """The confirmations the offeror's representation requires, by members of its
    board with demo accounts (made here, without a password, for those who have
    none), two days before the deadline."""
    from django.contrib.auth import get_user_model

    from ngos.models import Membership, Representation

    representation = (
        Representation.objects.filter(organisation_id=offer.organisation_id)
        .prefetch_related("members")
        .first()
    )
    if representation is None:
        return
    members = list(representation.members.all())[: representation.signatures_required]
    for member in members:
        if member.user_id is None:
            first, _space, last = member.name.partition(" ")
            user, created = get_user_model().objects.get_or_create(
                email=f"zarzad-{offer.organisation_id}-{member.pk}@demo.radlin.example",
                defaults={
                    "username": f"zarzad-{offer.organisation_id}-{member.pk}",
                    "first_name": first,
                    "last_name": last,
                },
            )
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
            member.user = user
            member.save(update_fields=["user"])
        Membership.objects.get_or_create(
            user_id=member.user_id,
            organisation_id=offer.organisation_id,
            status=Membership.Status.APPROVED,
            defaults={"role": Membership.Role.REPRESENTATIVE},
        )
        OfferConfirmation.objects.get_or_create(
            offer=offer,
            representative=member,
            checksum=checksum,
            defaults={
                "organisation_id": offer.organisation_id,
                "user_id": member.user_id,
                "name": member.name,
                "function": member.function,
                "confirmed_at": deadline - timedelta(days=2),
            },
        )


@transaction.atomic
def _nominee_user(
    email: str = "czlonek-komisji@demo.radlin.example",
    first_name: str = "Halina",
    last_name: str = "Wieczorek",
):
    """A committee member the demo does not log in as: by default the person an NGO
    nominated."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user, created = get_user_model().objects.get_or_create(
        email=email,
        defaults={
            "username": email.split("@")[0],
            "first_name": first_name,
            "last_name": last_name,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get_or_create(name="committee")[0])
    return user


def _seed_committee(
    competition: Competition, *, clerk, chair, nominee, nominated_by, rng, now
) -> None:
    """A committee appointed by ordinance, with an NGO nominee (or the ust. 2da reason),
    declarations, complete scores after the review, and a signed protocol after it."""
    from django.utils import translation

    from .committee import declaration_text

    year = timezone.localdate().year
    decided = competition.status != "committee_review"
    with translation.override("pl"):
        text = declaration_text()
    members = [
        CommitteeMember.objects.create(
            competition=competition,
            user=chair,
            is_chair=True,
            appointed_by=clerk,
            declared_at=now,
            declaration_text=text,
            attended=decided,
        ),
        # A committee is never one person: a second representative of the mayor.
        CommitteeMember.objects.create(
            competition=competition,
            user=_nominee_user(
                "czlonek-urzad@demo.radlin.example", "Piotr", "Urbański"
            ),
            appointed_by=clerk,
            declared_at=now,
            declaration_text=text,
            attended=decided,
        ),
    ]
    if nominated_by is not None:
        members.append(
            CommitteeMember.objects.create(
                competition=competition,
                user=nominee,
                kind=CommitteeMember.Kind.NOMINEE,
                nominated_by=nominated_by,
                appointed_by=clerk,
                declared_at=now,
                declaration_text=text,
                attended=decided,
            )
        )
    fields = {
        "committee_ordinance_number": f"0050.{40 + competition.pk % 50}.{year}",
        "committee_ordinance_date": timezone.localdate(competition.offers_deadline),
        "officials_only_reason": ""
        if nominated_by is not None
        else Competition.OfficialsOnly.NOBODY_NOMINATED,
    }
    if not decided:
        Competition.objects.filter(pk=competition.pk).update(**fields)
        return
    criteria = list(competition.criteria.all())
    offers = list(competition.offers.all())
    Score.objects.bulk_create(
        [
            Score(
                member=member,
                offer=o,
                criterion=c,
                points=Decimal(rng.randint(c.max_points // 2, c.max_points)),
                comment="Ocena zgodna z opisem oferty i kalkulacją kosztów.",
            )
            for member in members
            for o in offers
            for c in criteria
        ]
    )
    for o in offers:
        if o.status == "selected":
            Offer.objects.filter(pk=o.pk).update(proposed_amount=o.granted_amount)
    day = min(competition.selection_date, timezone.localdate())
    Competition.objects.filter(pk=competition.pk).update(
        **fields,
        protocol_date=day,
        protocol_place="Urząd Miasta Radlin, sala 12",
        protocol_signed_at=now,
        decision_ordinance_number=f"0050.{60 + competition.pk % 30}.{year}",
        decision_ordinance_date=day,
    )


def seed_demo(stdout) -> None:
    from cooperation.core.demo import demo_user
    from ngos.models import Organisation

    seed_initiatives(stdout)
    if Competition.objects.filter(title=DEMO[0][1]).exists():
        stdout.write("  grants: already there")
        return
    rng = random.Random(2057)
    now = timezone.now()
    clerk = demo_user("urzednik@demo.radlin.example")
    committee_user = demo_user("komisja@demo.radlin.example")
    nominee_user = _nominee_user()
    rep = demo_user("prezes@demo.radlin.example")
    orgs = list(
        Organisation.objects.filter(verified_at__isnull=False).order_by("pk")[:6]
    )
    home = (
        rep.memberships.filter(status="approved").select_related("organisation").first()
    )
    home_org = home.organisation if home else (orgs[0] if orgs else None)
    others = [o for o in orgs if o != home_org][:4]
    # Offers are due at 15:00 Warsaw time, as announcements usually say.
    three_pm = timezone.localtime(now).replace(
        hour=15, minute=0, second=0, microsecond=0
    )
    for index, (status, title) in enumerate(DEMO):
        priority = demo_priority(timezone.localdate().year, DEMO_SPHERES.get(status))
        past = status not in ("draft", "announced")
        deadline = (
            three_pm - timedelta(days=20 - index)
            if past
            else three_pm + timedelta(days=25)
        )
        announced_at = (
            None
            if status == "draft"
            else min(deadline - timedelta(days=25), now - timedelta(hours=1))
        )
        # The BIP, the notice board and the website (art. 13 ust. 3), the last of them
        # at least 21 days before the deadline; a draft is ready to be published today.
        published = timezone.localdate(announced_at or now)
        competition = Competition.objects.create(
            title=title,
            priority=priority,
            status=status,
            task_type=title,
            public_funds=Decimal(rng.choice([30000, 45000, 60000])),
            award_rules="Dotacja w formie wsparcia realizacji zadania publicznego, do 90% kosztów.",
            task_start=timezone.localdate(deadline) + timedelta(days=30),
            task_end=timezone.localdate(deadline) + timedelta(days=180),
            task_conditions="Zadanie realizowane na terenie Gminy Radlin, z udziałem mieszkańców.",
            offers_deadline=deadline,
            selection_procedure="Oferty ocenia komisja konkursowa według kryteriów z art. 15 ust. 1 ustawy.",
            selection_date=timezone.localdate(deadline) + timedelta(days=21),
            # The committee scores after the deadline and before the choice.
            scoring_date=timezone.localdate(now) + timedelta(days=2)
            if past
            else timezone.localdate(deadline) + timedelta(days=14),
            max_grant=Decimal("20000"),
            min_own_contribution=Decimal("10"),
            ordinance_number=f"0050.{10 + index}.{timezone.localdate().year}",
            ordinance_date=published - timedelta(days=1),
            bip_published_on=published,
            bip_url=f"https://bip.radlin.example/konkursy/{index + 1}",
            board_published_on=published,
            board_note="Tablica ogłoszeń, parter Urzędu Miasta",
            website_published_on=published,
            website_url=f"https://radlin.example/ngo/konkursy/{index + 1}",
            # Published in the past: at least an hour ago, 25 days before the deadline
            # for the past competitions.
            announced_at=announced_at,
            created_by=clerk,
            annulment_reason="Nie wpłynęła żadna oferta (art. 18a ust. 1)."
            if status == "annulled"
            else "",
            annulled_at=now if status == "annulled" else None,
            results_published_at=now if status == "results_published" else None,
        )
        Criterion.objects.bulk_create(
            [
                Criterion(
                    competition=competition,
                    name=n,
                    max_points=p,
                    position=i,
                    statutory=point is not None,
                    statutory_point=point,
                )
                for i, (point, n, p) in enumerate(CRITERIA)
            ]
        )
        # Point 7: the portal holds no earlier competitions of these types, so the
        # office states the figures of the year before and that there were none yet
        # in this year.
        SameTypeYear.objects.bulk_create(
            [
                SameTypeYear(
                    competition=competition,
                    year=competition.year - 1,
                    total_cost=Decimal("42000.00"),
                    grants_to_ngos=Decimal("40000.00"),
                    note="Zadania zlecone przed uruchomieniem portalu.",
                ),
                SameTypeYear(
                    competition=competition,
                    year=competition.year,
                    none_carried_out=True,
                ),
            ]
        )
        record(competition, actor=clerk, to=status, note="demo")
        if status in ("draft", "annulled") or home_org is None:
            continue
        participants = [home_org, *others[: 1 + index % 3]]
        for seq, org in enumerate(participants, start=1):
            offer = Offer.objects.create(
                competition=competition,
                organisation=org,
                created_by=rep if org == home_org else None,
                addressed_to="Burmistrz Miasta Radlin",
                task_type=competition.task_type,
                offeror_name=org.name,
                offeror_address=org.address,
                offeror_email=org.email or "kontakt@example.org",
            )
            fill_offer(offer, rng)
            if status == "announced":
                continue
            offer_status = {
                "closed": "submitted",
                "formal_review": "submitted",
                "committee_review": "formally_accepted",
                "decision": "selected" if seq == 1 else "not_selected",
                "results_published": "selected" if seq == 1 else "not_selected",
            }[status]
            extra = {}
            if offer_status == "selected":
                requested = Offer.objects.get(pk=offer.pk).requested_grant
                granted = min(Decimal("8000"), requested)
                if status == "results_published":
                    # Less than requested: the offeror updates the offer (aktualizacja).
                    granted = (requested * Decimal("0.9")).quantize(Decimal("1"))
                extra = {"granted_amount": granted}
            elif offer_status == "not_selected":
                extra = {"decision_reason": "Niższa ocena komisji; wyczerpane środki."}
            _freeze(offer, offer_status, seq, **extra)
        if status in ("committee_review", "decision", "results_published"):
            _seed_committee(
                competition,
                clerk=clerk,
                chair=committee_user,
                nominee=nominee_user,
                nominated_by=next((o for o in orgs if o not in participants), None),
                rng=rng,
                now=now,
            )
        if status == "results_published":
            chosen = competition.offers.filter(status="selected").first()
            if chosen is not None:
                seed_update(chosen, offeror=rep, clerk=clerk)
                contract = seed_contract(chosen, clerk=clerk)
                settled = seed_settlement(contract, clerk=clerk, representative=rep)
                stdout.write(f"  grants: {settled}")
    seed_small_grants(home_org, rep=rep, clerk=clerk, rng=rng)
    stdout.write(f"  grants: {len(DEMO)} competitions, one in each state")


DEMO_RESOLUTION = "XII/101/2026"
# The demo municipality's criteria (office data of a demonstration resolution): the
# residents' social work weighs the most, as art. 19c ust. 1 requires.
DEMO_INITIATIVE_CRITERIA = [
    ("Wkład pracy społecznej mieszkańców", 40, True),
    ("Celowość z punktu widzenia potrzeb społeczności lokalnej", 30, False),
    ("Wkład rzeczowy i finansowy mieszkańców", 20, False),
    ("Trwałość efektów inicjatywy", 10, False),
]


def seed_initiatives(stdout) -> None:
    """A resolution, one accepted initiative with its agreement and one refused,
    through the services."""
    from cooperation.core.demo import demo_user

    from .models import InitiativeCriterion, InitiativeResolution
    from .services import initiatives

    if InitiativeResolution.objects.filter(number=DEMO_RESOLUTION).exists():
        stdout.write("  local initiatives: already there")
        return
    clerk = demo_user("urzednik@demo.radlin.example")
    resident = demo_user("mieszkaniec@demo.radlin.example")
    today = timezone.localdate()
    resolution = InitiativeResolution.objects.create(
        number=DEMO_RESOLUTION,
        adopted_on=date(2026, 3, 26),
        title="Uchwała demonstracyjna w sprawie trybu i szczegółowych kryteriów "
        "oceny wniosków o realizację zadania publicznego w ramach inicjatywy lokalnej",
        procedure="Wniosek składa się w Urzędzie Miasta lub przez portal przez cały "
        "rok. Urząd ocenia wniosek i zawiadamia wnioskodawców o wyniku.",
        required_documents="Lista mieszkańców popierających inicjatywę; "
        "zgoda właściciela terenu, jeśli teren nie należy do gminy.",
        assessment_days=30,
        hour_rate=Decimal("30.50"),
    )
    InitiativeCriterion.objects.bulk_create(
        [
            InitiativeCriterion(
                resolution=resolution,
                name=name,
                weight=weight,
                social_work=social,
                order=n,
            )
            for n, (name, weight, social) in enumerate(DEMO_INITIATIVE_CRITERIA)
        ]
    )
    resolution.check_social_work_heaviest()
    common = {
        "actor": resident,
        "resolution": resolution,
        "applicant_kind": "residents",
        "leader_name": "Ewa Mieszkańska",
        "leader_email": resident.email,
        "co_applicants": "Piotr Sąsiad\nZofia Ogrodniczka\nKarol Majsterkowicz",
    }
    accepted = initiatives.initiative_apply(
        **common,
        task="nature",
        title="Skwer sąsiedzki przy ul. Rydułtowskiej",
        place="Radlin, skwer przy ul. Rydułtowskiej",
        beneficiaries="Mieszkańcy osiedla, zwłaszcza seniorzy i rodziny z dziećmi.",
        description="Mieszkańcy przygotują teren, posadzą krzewy i byliny oraz "
        "ustawią ławki kupione przez gminę.",
        schedule="Maj: przygotowanie terenu. Czerwiec: nasadzenia. "
        "Lipiec: montaż ławek i otwarcie skweru.",
        start_date=today + timedelta(days=30),
        end_date=today + timedelta(days=100),
        cost_estimate=Decimal("18500.00"),
        social_work_hours=240,
        social_work="Przygotowanie terenu, nasadzenia, pielęgnacja przez sezon.",
        in_kind_value=Decimal("1200.00"),
        in_kind="Narzędzia ogrodnicze i sadzonki z własnych ogrodów.",
        financial_contribution=Decimal("500.00"),
        requested_support="Zakup ławek, kosza i ziemi ogrodowej; wywóz odpadów.",
    )
    scores = {
        c.pk: points
        for c, points in zip(resolution.criteria.all(), (36, 27, 15, 8), strict=True)
    }
    initiatives.initiative_formal_check(
        initiativeapplication=accepted,
        actor=clerk,
        note="Wniosek kompletny, z listą mieszkańców popierających inicjatywę.",
    )
    initiatives.initiative_assess(
        initiativeapplication=accepted,
        actor=clerk,
        scores=scores,
        worthwhile=True,
        note="Duży wkład pracy mieszkańców; skwer służy całemu osiedlu.",
    )
    initiatives.initiative_accept(
        initiativeapplication=accepted,
        actor=clerk,
        reasons="Inicjatywa odpowiada potrzebom osiedla i ma trwałe efekty.",
        contribution="Trzy ławki, kosz na śmieci, 5 m³ ziemi ogrodowej, wywóz odpadów.",
        amount="9 800,00",
    )
    initiatives.initiative_conclude(
        initiativeapplication=accepted,
        actor=clerk,
        number=f"IL/{today.year}/1",
        concluded_on=today,
        starts_on=today + timedelta(days=30),
        ends_on=today + timedelta(days=100),
    )
    refused = initiatives.initiative_apply(
        **common,
        task="community",
        title="Utwardzenie drogi dojazdowej do ogródków",
        place="Radlin, droga do ogródków działkowych",
        beneficiaries="Działkowcy.",
        description="Utwardzenie drogi tłuczniem.",
        schedule="Jeden weekend we wrześniu.",
        start_date=today + timedelta(days=40),
        end_date=today + timedelta(days=45),
        cost_estimate=Decimal("42000.00"),
        social_work_hours=16,
        social_work="Rozplantowanie tłucznia.",
        requested_support="Zakup tłucznia i wynajem walca.",
    )
    initiatives.initiative_refuse(
        initiativeapplication=refused,
        actor=clerk,
        reason="Droga nie należy do gminy ani nie jest budynkiem lub obiektem małej "
        "architektury (art. 19b ust. 1 pkt 1).",
    )
    seed_initiative_in_progress(resolution, common=common, clerk=clerk)
    stdout.write(
        "  local initiatives: a resolution, one agreed, one in progress with "
        "contributions logged, one refused"
    )


def _evidence_image(name: str, caption: str) -> Any:
    """A small PNG standing for a photo or a scanned list of attendance."""
    from io import BytesIO

    from django.core.files.base import ContentFile
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (480, 200), "white")
    ImageDraw.Draw(image).text((20, 90), caption, fill="black")
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name=name)


def seed_initiative_in_progress(resolution, *, common, clerk) -> None:
    """A local initiative whose agreement has been in force for a month, with the
    residents' social work, money and goods logged with their evidence."""
    from .models import InitiativeAgreement, InitiativeApplication
    from .services import initiative_delivery, initiatives

    today = timezone.localdate()
    application = initiatives.initiative_apply(
        **common,
        task="education",
        title="Ogród deszczowy przy Szkole Podstawowej nr 4",
        place="Radlin, teren przy Szkole Podstawowej nr 4",
        beneficiaries="Uczniowie szkoły i mieszkańcy osiedla.",
        description="Rodzice i uczniowie założą ogród deszczowy zbierający wodę z "
        "dachu sali gimnastycznej i poprowadzą w nim zajęcia przyrodnicze.",
        schedule="Pierwszy miesiąc: wykop i drenaż. Drugi miesiąc: nasadzenia i "
        "tablica edukacyjna.",
        start_date=today,
        end_date=today + timedelta(days=30),
        cost_estimate=Decimal("12400.00"),
        social_work_hours=160,
        social_work="Wykop, ułożenie drenażu, nasadzenia, zajęcia z uczniami.",
        in_kind_value=Decimal("900.00"),
        in_kind="Rośliny z przydomowych ogrodów, użyczenie minikoparki na dzień.",
        financial_contribution=Decimal("400.00"),
        requested_support="Zakup rynny, kruszywa i geowłókniny; tablica edukacyjna.",
    )
    scores = {
        c.pk: points
        for c, points in zip(resolution.criteria.all(), (34, 26, 14, 9), strict=True)
    }
    initiatives.initiative_formal_check(
        initiativeapplication=application,
        actor=clerk,
        note="Wniosek kompletny, z listą mieszkańców popierających inicjatywę.",
    )
    initiatives.initiative_assess(
        initiativeapplication=application,
        actor=clerk,
        scores=scores,
        worthwhile=True,
        note="Wysoki wkład pracy rodziców i uczniów; wartość edukacyjna.",
    )
    initiatives.initiative_accept(
        initiativeapplication=application,
        actor=clerk,
        reasons="Inicjatywa zatrzymuje wodę opadową i służy zajęciom szkoły.",
        contribution="Rynna i kruszywo, geowłóknina, tablica edukacyjna.",
        amount="6 200,00",
    )
    initiatives.initiative_conclude(
        initiativeapplication=application,
        actor=clerk,
        number=f"IL/{today.year}/2",
        concluded_on=today,
        starts_on=today,
        ends_on=today + timedelta(days=30),
    )
    # The demo shows an agreement a month into its term: its dates are moved back.
    started = today - timedelta(days=30)
    InitiativeApplication.objects.filter(pk=application.pk).update(
        received_on=started - timedelta(days=40),
        start_date=started,
        end_date=today + timedelta(days=30),
        decided_on=started - timedelta(days=10),
    )
    InitiativeAgreement.objects.filter(application=application).update(
        concluded_on=started - timedelta(days=5), starts_on=started
    )
    application = InitiativeApplication.objects.select_related(
        "agreement", "resolution"
    ).get(pk=application.pk)
    resident = common["actor"]
    for days_ago, kind, text, hours, amount, caption in [
        (
            26,
            "work",
            "Wykop pod ogród i ułożenie drenażu: 12 osób po 6 godzin.",
            72,
            None,
            "Lista obecnosci: 12 osob, 6 godzin",
        ),
        (
            24,
            "in_kind",
            "Użyczenie minikoparki na jeden dzień (wartość wg cennika wypożyczalni).",
            0,
            "600,00",
            "Oswiadczenie o uzyczeniu minikoparki",
        ),
        (
            12,
            "cash",
            "Zbiórka rodziców na sadzonki kosaćców i turzyc.",
            0,
            "400,00",
            "Paragon: sadzonki, 400,00 zl",
        ),
        (
            5,
            "work",
            "Nasadzenia z uczniami klas 4-6: 10 osób po 4 godziny.",
            40,
            None,
            "Lista obecnosci: 10 osob, 4 godziny",
        ),
    ]:
        delivered_on = today - timedelta(days=days_ago)
        initiative_delivery.initiative_contribution_add(
            application=application,
            actor=resident,
            kind=kind,
            delivered_on=delivered_on,
            description=text,
            hours=hours,
            amount=amount,
            evidence=_evidence_image(
                f"dowod-{delivered_on.isoformat()}-{kind}.png", caption
            ),
        )


# Two small grants (art. 19a) of the demo representative's organisation: (title,
# grant, the part V.A costs, days before today the office received it, start of the
# task in days from today, days of the task).
SMALL_GRANTS = [
    (
        "Sąsiedzki festyn w Biertułtowach",
        "8000.00",
        [("Nagłośnienie i scena", "5000.00"), ("Materiały na warsztaty", "3500.00")],
        16,
        5,
        60,
    ),
    (
        "Zimowe warsztaty plastyczne dla dzieci",
        "5000.00",
        [
            ("Wynagrodzenie instruktorów", "4000.00"),
            ("Materiały plastyczne", "1000.00"),
        ],
        0,
        20,
        30,
    ),
]


def seed_small_grants(organisation: Any, *, rep: Any, clerk: Any, rng) -> None:
    """One small grant contracted (received, published and closed earlier) and one
    published today with a resident's comment, every step through the services."""
    from cooperation.core.demo import demo_user

    from .models import SmallGrantPool
    from .services import small_grant_contract
    from .services import small_grants as small

    if organisation is None:
        return
    today = timezone.localdate()
    seed_templates()
    for title, grant, costs, received_ago, starts_in, days in SMALL_GRANTS:
        start = today + timedelta(days=starts_in)
        # The task is within the programme, and the pool, of the year it starts in.
        SmallGrantPool.objects.get_or_create(
            year=start.year,
            defaults={
                "planned_grants": Decimal("450000.00"),
                "resolution": f"Uchwała budżetowa Rady Miasta Radlin na {start.year} r.",
            },
        )
        offer = small.small_grant_create(
            organisation=organisation,
            priority=demo_priority(start.year, "13"),
            actor=rep,
        )
        own = sum(Decimal(c[1]) for c in costs) - Decimal(grant)
        small.small_grant_save(
            offer=offer,
            actor=rep,
            fields={
                "addressed_to": "Burmistrz Miasta Radlin",
                "title": title,
                "start_date": start,
                "end_date": start + timedelta(days=days - 1),
                "offeror_address": offer.offeror_address or "ul. Rybnicka 1, Radlin",
                "offeror_legal_form": offer.offeror_legal_form or "stowarzyszenie",
                "offeror_register": offer.offeror_register or "ewidencja starosty",
                "offeror_bank_account": _bank_account(rng),
                "contact_name": rep.get_full_name(),
                "place": "Radlin, dzielnica Biertułtowy",
                "description": f"{title}: zajęcia otwarte dla mieszkańców dzielnicy.",
                "results": "Co najmniej 80 uczestników; 6 spotkań.",
                "character": "local",
                "experience": "Stowarzyszenie prowadzi zajęcia dla mieszkańców od 2016 r.",
                "resources": "Wolontariusze stowarzyszenia i sala w domu kultury.",
                "requested_grant": Decimal(grant),
                "own_financial": own,
                "statements_confirmed": True,
            },
            costs=[{"name": name, "total": total} for name, total in costs],
        )
        small.small_grant_confirm(offer=offer, actor=rep, digest=small.checksum(offer))
        received = today - timedelta(days=received_ago)
        offer = small.small_grant_submit(offer=offer, actor=rep, received_on=received)
        decided = small.working_days_after(received, 1) if received_ago else today
        small.small_grant_find_worthwhile(
            smallgrantoffer=offer, actor=clerk, note="Zadanie celowe.", on=decided
        )
        offer.refresh_from_db()
        published = small.working_days_after(received, 2) if received_ago else today
        offer = small.small_grant_publish(
            smallgrantoffer=offer, actor=clerk, on=published
        )
        small.small_grant_record_publication(
            offer=offer,
            actor=clerk,
            bip_published_on=published,
            bip_url=f"https://bip.radlin.example/male-granty/{offer.pk}",
            board_published_on=published,
        )
        if received_ago:
            small.small_grant_close_comments(
                smallgrantoffer=offer, actor=clerk, on=offer.comments_until
            )
            offer.refresh_from_db()
            small_grant_contract(smallgrantoffer=offer, actor=clerk)
        else:
            small.small_grant_comment(
                offer=offer,
                author=demo_user("mieszkaniec@demo.radlin.example"),
                author_name="Ewa Mieszkańska",
                text="Dobry pomysł. Proszę o zajęcia także w sobotę przed południem.",
            )


def seed_bench(scale: int, stdout) -> None:
    """``scale`` × 300 competitions with 5 offers each (3 cost rows per offer), in bulk."""
    from ngos.models import Organisation

    rng = random.Random(300 + scale)
    priority = demo_priority(timezone.localdate().year)
    org_ids = list(Organisation.objects.values_list("pk", flat=True)[:2000])
    if not org_ids:
        stdout.write("  grants: no organisations, skipped")
        return
    now = timezone.now()
    statuses = [
        "announced",
        "closed",
        "committee_review",
        "results_published",
        "results_published",
        "annulled",
    ]
    competitions = Competition.objects.bulk_create(
        [
            Competition(
                title=f"Konkurs testowy {scale}-{i}: zadanie publiczne nr {i}",
                priority=priority,
                status=(status := statuses[i % len(statuses)]),
                task_type="Zadanie publiczne",
                public_funds=Decimal(rng.choice([20000, 50000, 80000])),
                award_rules="Wsparcie",
                task_conditions="Radlin",
                selection_procedure="Komisja",
                offers_deadline=now + timedelta(days=25)
                if status == "announced"
                else now - timedelta(days=rng.randint(10, 700)),
                announced_at=now - timedelta(days=30),
                results_published_at=now if status == "results_published" else None,
                max_grant=Decimal("20000"),
            )
            for i in range(300 * scale)
        ],
        batch_size=1000,
    )
    offers = []
    for c in competitions:
        for seq in range(1, 6):
            state = {
                "announced": "draft",
                "closed": "submitted",
                "committee_review": "formally_accepted",
                "results_published": "selected" if seq <= 2 else "not_selected",
                "annulled": "formally_rejected",
            }[c.status]
            offers.append(
                Offer(
                    competition=c,
                    organisation_id=rng.choice(org_ids),
                    status=state,
                    title=f"Zadanie {c.pk}-{seq}",
                    requested_grant=Decimal("9000"),
                    own_financial=Decimal("1000"),
                    sequence=None if state == "draft" else seq,
                    number="" if state == "draft" else f"{c.pk}/{seq:03d}",
                    checksum="" if state == "draft" else f"{c.pk:032d}{seq:032d}",
                    granted_amount=Decimal("8000") if state == "selected" else None,
                )
            )
    offers = Offer.objects.bulk_create(offers, batch_size=2000)
    CostRow.objects.bulk_create(
        [
            CostRow(
                offer=o,
                position=n,
                name=f"Koszt {n}",
                unit="szt.",
                unit_cost=Decimal("1000"),
                units=Decimal(n + 2),
            )
            for o in offers
            for n in range(1, 4)
        ],
        batch_size=5000,
    )
    Criterion.objects.bulk_create(
        [
            Criterion(
                competition=c, name=n, max_points=p, position=i, statutory_point=point
            )
            for c in competitions
            for i, (point, n, p) in enumerate(CRITERIA[:6])
        ],
        batch_size=5000,
    )
    stdout.write(f"  grants: {len(competitions)} competitions, {len(offers)} offers")
