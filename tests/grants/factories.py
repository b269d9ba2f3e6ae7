from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from cooperation.programme.models import Priority, Programme
from grants.models import (
    Competition,
    CostRow,
    Criterion,
    ExpectedResult,
    Offer,
    SameTypeYear,
    ScheduleAction,
)
from tests.ngos.factories import OrganisationFactory, SphereFactory

STATUTORY_CRITERIA = [
    (1, "Możliwość realizacji zadania", 10),
    (2, "Kalkulacja kosztów w odniesieniu do zakresu", 10),
    (3, "Jakość i kwalifikacje osób", 10),
    (4, "Udział środków własnych i z innych źródeł", 5),
    (5, "Wkład rzeczowy i osobowy, praca wolontariuszy", 5),
    (6, "Rzetelność i terminowość rozliczeń", 5),
]


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("year",)

    year = factory.LazyFunction(lambda: timezone.localdate().year)
    resolution_number = factory.LazyAttribute(lambda p: f"XX/150/{p.year - 1}")
    resolution_date = factory.LazyAttribute(lambda p: date(p.year - 1, 11, 26))


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    programme = factory.SubFactory(ProgrammeFactory)
    sphere = factory.SubFactory(SphereFactory)
    title = factory.Sequence(lambda n: f"Priorytet {n}")
    planned_funds = Decimal("100000")


class CompetitionFactory(factory.django.DjangoModelFactory):
    """A draft competition with every part of the announcement; traits move it on."""

    class Meta:
        model = Competition
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Konkurs nr {n}: wypoczynek dzieci")
    priority = factory.SubFactory(PriorityFactory)
    task_type = "Organizacja wypoczynku letniego dla dzieci i młodzieży"
    public_funds = Decimal("50000.00")
    award_rules = "Dotacja w formie wsparcia."
    task_start = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=40))
    task_end = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=200))
    task_conditions = "Zadanie realizowane na terenie gminy."
    offers_deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    selection_procedure = "Komisja konkursowa ocenia oferty według kryteriów."
    selection_date = factory.LazyFunction(
        lambda: timezone.localdate() + timedelta(days=38)
    )
    scoring_date = factory.LazyFunction(
        lambda: timezone.localdate() + timedelta(days=36)
    )
    max_grant = Decimal("20000.00")
    min_own_contribution = Decimal("10.00")
    ordinance_number = factory.Sequence(lambda n: f"0050.{n}.2026")
    ordinance_date = factory.LazyFunction(timezone.localdate)
    bip_published_on = factory.LazyFunction(timezone.localdate)
    board_published_on = factory.LazyFunction(timezone.localdate)
    website_published_on = factory.LazyFunction(timezone.localdate)

    @factory.post_generation
    def criteria(self, create, extracted, **kwargs):
        if create and extracted is not False:
            Criterion.objects.bulk_create(
                [
                    Criterion(
                        competition=self,
                        name=name,
                        max_points=pts,
                        position=point,
                        statutory_point=point,
                    )
                    for point, name, pts in STATUTORY_CRITERIA
                    if point != 4 or self.form == Competition.Form.SUPPORT
                ]
            )

    @factory.post_generation
    def same_type_years(self, create, extracted, **kwargs):
        # Point 7: the clerk's statement that nothing of the type was carried out in
        # either year; ``same_type_years=False`` leaves point 7 to the portal's data.
        if create and extracted is not False:
            SameTypeYear.objects.bulk_create(
                [
                    SameTypeYear(competition=self, year=year, none_carried_out=True)
                    for year in (self.year, self.year - 1)
                ]
            )

    class Params:
        # Announced: published, open for offers (status set directly only in fixtures).
        announced = factory.Trait(
            status="announced", announced_at=factory.LazyFunction(timezone.now)
        )


class OfferFactory(factory.django.DjangoModelFactory):
    """A draft offer; ``complete=True`` fills every section so it can be submitted."""

    class Meta:
        model = Offer
        skip_postgeneration_save = True

    competition = factory.SubFactory(CompetitionFactory, announced=True)
    organisation = factory.SubFactory(OrganisationFactory)
    addressed_to = "Burmistrz Miasta Radlin"
    task_type = factory.SelfAttribute("competition.task_type")
    offeror_name = factory.SelfAttribute("organisation.name")

    class Params:
        complete = factory.Trait(
            offeror_legal_form="stowarzyszenie",
            offeror_register="KRS 0000123456",
            offeror_address="ul. Rybnicka 1, 44-310 Radlin",
            offeror_email="biuro@example.org",
            offeror_bank_account="61109010140000071219812874",
            contact_name="Zofia Żółć",
            title="Lato na sportowo — półkolonie",
            start_date=factory.LazyAttribute(lambda o: o.competition.task_start),
            end_date=factory.LazyAttribute(
                lambda o: o.competition.task_start + timedelta(days=30)
            ),
            place="Radlin, hala sportowa",
            target_group="Dzieci w wieku 7–12 lat",
            method="Zajęcia sportowe",
            expected_change="Więcej ruchu",
            previous_activity="Od 2010 r. prowadzimy zajęcia",
            resources="Trenerzy, sala",
            requested_grant=Decimal("9000.00"),
            own_financial=Decimal("500.00"),
            own_non_financial=Decimal("500.00"),
            st_public_benefit=True,
            st_payments=True,
            st_no_tax_arrears=True,
            st_no_zus_arrears=True,
            st_register=True,
            st_true=True,
            st_personal_data=True,
        )


def complete_offer(**kwargs) -> Offer:
    """A draft that passes every check of the form, with its rows."""
    offer = OfferFactory(complete=True, **kwargs)
    add_rows(offer)
    return offer


def add_rows(offer: Offer) -> None:
    """Costs of 10 000,00 PLN: 9 000 for activity I.1, 1 000 administrative (II.1)."""
    action = ScheduleAction.objects.create(
        offer=offer,
        position=1,
        name="Zajęcia sportowe",
        start=offer.start_date,
        # An activity stays within one budget year (art. 221).
        end=min(offer.end_date, date(offer.start_date.year, 12, 31)),
    )
    ExpectedResult.objects.create(
        offer=offer,
        position=1,
        name="Uczestnicy",
        target_value="40 dzieci",
        monitoring="lista obecności",
    )
    CostRow.objects.bulk_create(
        [
            CostRow(
                offer=offer,
                action=action,
                position=1,
                name="Trener",
                unit="godz.",
                unit_cost=Decimal("150.00"),
                units=Decimal("40"),
            ),
            CostRow(
                offer=offer,
                action=action,
                position=2,
                name="Sprzęt",
                unit="kpl.",
                unit_cost=Decimal("3000.00"),
                units=Decimal("1"),
            ),
            CostRow(
                offer=offer,
                category="administrative",
                position=1,
                name="Księgowość",
                unit="mies.",
                unit_cost=Decimal("500.00"),
                units=Decimal("2"),
            ),
        ]
    )


def a_date(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)
