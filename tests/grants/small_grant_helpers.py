"""Small-grant offers for tests: complete drafts, and offers walked through the
services to any state."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from grants.models import DocumentTemplate, SmallGrantOffer, SmallGrantPool
from grants.services import small_grants as services
from tests.grants.factories import PriorityFactory, ProgrammeFactory
from tests.grants.signing_helpers import board
from tests.ngos.factories import OrganisationFactory

COMPLETE = {
    "addressed_to": "Burmistrz Miasta Radlin",
    "offeror_legal_form": "stowarzyszenie",
    "offeror_register": "KRS 0000123456",
    "offeror_address": "ul. Rybnicka 1, 44-310 Radlin",
    "offeror_email": "biuro@example.org",
    "offeror_bank_account": "61109010140000071219812874",
    "contact_name": "Anna Nowak",
    "place": "Park Miejski w Radlinie",
    "description": "Festyn dla mieszkańców dzielnicy.",
    "results": "200 uczestników.",
    "experience": "Festyny od 2015 r.",
    "resources": "Dziesięcioro wolontariuszy.",
    "character": "local",
    "statements_confirmed": True,
}


def year_of(year: int, planned: str = "500000"):
    """The year's programme task and its pool of small grants."""
    SmallGrantPool.objects.get_or_create(
        year=year, defaults={"planned_grants": Decimal(planned)}
    )
    return PriorityFactory(programme=ProgrammeFactory(year=year))


def draft(
    priority,
    organisation=None,
    *,
    grant: str = "5000.00",
    days: int = 30,
    start: date | None = None,
    **kw,
) -> SmallGrantOffer:
    """A complete draft: every required field, the costs equal to the grant."""
    start = start or date(priority.programme.year, 5, 1)
    organisation = organisation or OrganisationFactory()
    return SmallGrantOffer.objects.create(
        organisation=organisation,
        priority=priority,
        start_date=start,
        end_date=start + timedelta(days=days - 1),
        requested_grant=Decimal(grant),
        **{
            **COMPLETE,
            "title": "Festyn sąsiedzki",
            "offeror_name": organisation.name,
            "costs": [{"name": "Nagłośnienie", "total": grant}],
            **kw,
        },
    )


def submitted(priority, organisation=None, **kw):
    """A draft confirmed by the organisation's one representative and submitted;
    returns (offer, representative)."""
    organisation = organisation or OrganisationFactory()
    (rep,) = board(organisation, [("Anna Nowak", "prezes")], required=1)
    offer = draft(priority, organisation, **kw)
    services.small_grant_confirm(
        offer=offer, actor=rep, digest=services.checksum(offer)
    )
    return services.small_grant_submit(offer=offer, actor=rep), rep


def published(priority, clerk, organisation=None, **kw):
    offer, rep = submitted(priority, organisation, **kw)
    services.small_grant_find_worthwhile(smallgrantoffer=offer, actor=clerk)
    offer.refresh_from_db()
    services.small_grant_publish(smallgrantoffer=offer, actor=clerk)
    offer.refresh_from_db()
    return offer, rep


def contract_template() -> DocumentTemplate:
    return DocumentTemplate.objects.create(
        kind="contract",
        name="Umowa o realizację zadania publicznego",
        legal_basis="Dz.U. 2018 poz. 2057, zał. nr 3",
        version="test-1",
        valid_from=date(2019, 1, 1),
        body="Umowa {{ umowa.numer }}: {{ umowa.tytul }}, dotacja {{ umowa.dotacja }}.",
    )


def contracted(priority, clerk, organisation=None, **kw):
    """A published offer whose comments closed, its contract signed and started;
    returns (offer, contract, representative). Call it on the day of publication."""
    from django.utils import timezone

    from grants import services as grant_services
    from tests.grants.signing_helpers import plain_pdf, upload

    contract_template()
    offer, rep = published(priority, clerk, organisation, **kw)
    SmallGrantOffer.objects.filter(pk=offer.pk).update(
        published_on=offer.published_on - timedelta(days=7),
        comments_until=offer.comments_until - timedelta(days=7),
    )
    offer.refresh_from_db()
    services.small_grant_close_comments(smallgrantoffer=offer, actor=clerk)
    offer.refresh_from_db()
    contract = grant_services.small_grant_contract(smallgrantoffer=offer, actor=clerk)
    grant_services.contract_to_signature(contract=contract, actor=clerk)
    contract.refresh_from_db()
    contract.signed_file = upload("umowa.pdf", plain_pdf("Umowa"))
    contract.save(update_fields=["signed_file"])
    grant_services.contract_sign(
        contract=contract, actor=clerk, signed_on=timezone.localdate()
    )
    grant_services.contract_start(contract=contract, actor=clerk)
    contract.refresh_from_db()
    return offer, contract, rep
