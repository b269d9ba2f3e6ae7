"""The committee's rules (art. 15 ust. 2a–2f of the Act, KPA art. 24): the declaration a
member signs, the lawful composition and the work that must be done before the decision.

Read by the services, the forms, the committee's page and the protocol alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import CommitteeMember, Competition, OfferStatus, Score

# What a member signs: a statement of the portal's, then the law quoted word for word.
DECLARATION_STATEMENT = _(
    "I declare that, with respect to the offers submitted in this competition, none of "
    "the grounds for exclusion of art. 24 § 1 of the Code of Administrative Procedure, "
    "applied to the members of the competition committee by art. 15 ust. 2f of the Act, "
    "applies to me, except for the offers I mark below. These provisions read:"
)
KPA_24_1_INTRO = _(
    "Art. 24 § 1. An employee of a public administration body shall be excluded from "
    "taking part in proceedings in a matter:"
)
KPA_24_1 = (
    _(
        "in which he or she is a party or is in such a legal relationship with one of "
        "the parties that the outcome of the matter may affect his or her rights or "
        "obligations;"
    ),
    _("of his or her spouse and relatives and in-laws up to the second degree;"),
    _("of a person related to him or her by adoption, guardianship or curatorship;"),
    _(
        "in which he or she was a witness or an expert, or was or is a representative "
        "of one of the parties, or in which a party is represented by one of the persons "
        "listed in points 2 and 3;"
    ),
    _("in which he or she took part in issuing the decision appealed against;"),
    _(
        "because of which an official inquiry, disciplinary proceedings or criminal "
        "proceedings were brought against him or her;"
    ),
    _(
        "in which one of the parties is a person to whom he or she is subordinate in "
        "the line of service."
    ),
)
KPA_24_2 = _(
    "§ 2. The grounds for excluding an employee from taking part in proceedings "
    "continue also after the end of the marriage (art. 24 § 1 point 2), adoption, "
    "guardianship or curatorship (art. 24 § 1 point 3)."
)
DOUBTS_STATEMENT = _(
    "I declare that I know of no circumstances not listed in art. 24 § 1 that may raise "
    "a doubt as to my impartiality, except for the offers I mark below. Art. 24 § 3 "
    "reads:"
)
KPA_24_3 = _(
    "§ 3. The employee's immediate superior shall, at the employee's request or at the "
    "request of a party or of his or her own motion, exclude the employee from taking "
    "part in proceedings if the existence of circumstances not listed in § 1 that may "
    "raise a doubt as to the employee's impartiality is made plausible."
)


# The law as the committee's page and the protocol show it.
LAW = {
    "intro": KPA_24_1_INTRO,
    "points": KPA_24_1,
    "continued": KPA_24_2,
    "doubts": KPA_24_3,
    "statement": DECLARATION_STATEMENT,
    "doubts_statement": DOUBTS_STATEMENT,
}


def _declaration_text() -> str:
    points = "\n".join(f"{n}) {gettext(p)}" for n, p in enumerate(KPA_24_1, start=1))
    return "\n".join(
        [
            gettext(DECLARATION_STATEMENT),
            gettext(KPA_24_1_INTRO),
            points,
            gettext(KPA_24_2),
            "",
            gettext(DOUBTS_STATEMENT),
            gettext(KPA_24_3),
        ]
    )


def declaration_text() -> str:
    """The whole declaration in the active language, as stored with the signature."""
    return _declaration_text()


def composition_problems(competition: Competition) -> list[str]:
    """What makes the committee's composition unlawful or unrecorded (art. 15 ust. 2a–2da).

    The appointing ordinance must be recorded, and the committee must include a
    person nominated by an NGO who is not excluded, unless the reason of ust. 2da
    for a committee of officials only is recorded.
    """
    problems = []
    if not (
        competition.committee_ordinance_number and competition.committee_ordinance_date
    ):
        problems.append(
            gettext(
                "Record the number and date of the ordinance appointing the committee "
                "(art. 15 ust. 2a)."
            )
        )
    members = list(competition.committee.all())
    if not any(m.votes and not m.is_excluded for m in members):
        problems.append(gettext("Appoint the committee first."))
    nominees = [
        m
        for m in members
        if m.kind == CommitteeMember.Kind.NOMINEE and not m.is_excluded
    ]
    if not nominees and not competition.officials_only_reason:
        problems.append(
            gettext(
                "The committee has no person nominated by an NGO (art. 15 ust. 2b): "
                "appoint one, or record why the committee works without them "
                "(art. 15 ust. 2da)."
            )
        )
    return problems


@dataclass
class MissingWork:
    member: CommitteeMember
    undeclared: bool
    unscored: list[Any]


def committee_work_missing(competition: Competition) -> list[MissingWork]:
    """Voting members, not excluded, who have not declared impartiality or not scored
    every formally accepted offer they have no conflict with (3 queries)."""
    offers = list(competition.offers.filter(status=OfferStatus.FORMALLY_ACCEPTED))
    members = list(
        competition.committee.select_related("user").prefetch_related("conflicts")
    )
    scored = set(
        Score.objects.filter(member__competition=competition)
        .values_list("member_id", "offer_id")
        .distinct()
    )
    missing = []
    for member in members:
        if not member.votes or member.is_excluded:
            continue
        conflicts = {c.offer_id for c in member.conflicts.all()}
        unscored = [
            o
            for o in offers
            if o.pk not in conflicts and (member.pk, o.pk) not in scored
        ]
        if not member.declared_at or unscored:
            missing.append(MissingWork(member, not member.declared_at, unscored))
    return missing


def describe_missing(missing: list[MissingWork]) -> str:
    parts = []
    for m in missing:
        name = m.member.user.document_name
        if m.undeclared:
            parts.append(
                gettext("%(member)s has not signed the declaration of impartiality")
                % {"member": name}
            )
        else:
            parts.append(
                gettext("%(member)s has not scored %(offers)s")
                % {"member": name, "offers": ", ".join(o.number for o in m.unscored)}
            )
    return "; ".join(parts)
