"""Reads for the council's public page (constant query counts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from .models import (
    Candidate,
    Council,
    CreationRequest,
    Election,
    Meeting,
    Member,
    Nomination,
    Opinion,
    SelectionMethod,
    Signature,
    Term,
    rule,
)


@dataclass
class CouncilPage:
    council: Council | None
    term: Term | None = None
    terms: list[Term] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    opinions: list[Opinion] = field(default_factory=list)
    election: Election | None = None
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def resolutions(self) -> list[Any]:
        return [r for m in self.meetings for r in m.resolutions.all()]


def published_opinions() -> QuerySet[Opinion]:
    return Opinion.objects.filter(status=Opinion.Status.PUBLISHED).select_related(
        "meeting", "consultation", "programme", "competition"
    )


def council_page() -> CouncilPage:
    """The council (1), its terms (1), the shown term's current members with their
    organisations (1), meetings (1) with their resolutions (1), published opinions
    (1), the last published election (1) with its candidates and votes (1) and their
    nominating organisations (1)."""
    council = Council.objects.order_by("-created_on", "-pk").first()
    if council is None:
        return CouncilPage(council=None)
    terms = list(council.terms.order_by("-starts_on"))
    shown = next((t for t in terms if t.status != Term.Status.FORMING), None)
    term = shown or (terms[0] if terms else None)
    if term is None:
        return CouncilPage(council=council)
    members = list(
        term.members.filter(until__isnull=True).select_related("organisation")
    )
    meetings = list(
        term.meetings.exclude(status=Meeting.Status.CANCELLED).prefetch_related(
            "resolutions"
        )
    )
    opinions = list(published_opinions().filter(term=term))
    election = (
        term.elections.filter(status=Election.Status.PUBLISHED)
        .order_by("-results_published_at")
        .first()
    )
    candidates: list[Candidate] = []
    if election is not None:
        candidates = list(
            election.candidates.annotate(vote_count=Count("votes"))
            .prefetch_related(
                Prefetch(
                    "nominations",
                    queryset=Nomination.objects.select_related("organisation"),
                )
            )
            .order_by("-selected", "-vote_count", "name")
        )
    return CouncilPage(
        council=council,
        term=term,
        terms=terms,
        members=members,
        meetings=meetings,
        opinions=opinions,
        election=election,
        candidates=candidates,
    )


def opinions_on_programme(programme: Any) -> list[Opinion]:
    """The council's published opinions on a draft programme (art. 5a ust. 2a)."""
    return list(
        Opinion.objects.filter(
            programme=programme, status=Opinion.Status.PUBLISHED
        ).order_by("given_on", "pk")
    )


@dataclass
class OrganisationsPart:
    requests: list[CreationRequest]
    nominating: list[Election]
    voting: list[Election]


def organisations_needed() -> int:
    return rule("COUNCIL_REQUEST_MIN_ORGANISATIONS")


def organisations_part() -> OrganisationsPart:
    """Requests collecting signatures with them (2), elections open for nominations
    (1) and elections open for the vote (1) with their candidates (1)."""
    requests = list(
        CreationRequest.objects.filter(
            status=CreationRequest.Status.COLLECTING
        ).prefetch_related(
            Prefetch(
                "signatures", queryset=Signature.objects.select_related("organisation")
            )
        )
    )
    nominating = list(Election.objects.filter(status=Election.Status.OPEN))
    voting = list(
        Election.objects.filter(
            status=Election.Status.CLOSED, method=SelectionMethod.VOTE
        ).prefetch_related("candidates")
    )
    return OrganisationsPart(requests=requests, nominating=nominating, voting=voting)
