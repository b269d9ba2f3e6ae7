"""The grammatical forms of the names of the models the administration shows.

Django's administration puts a model's name (``verbose_name``) into sentences such
as "Add %s" or "The %s was added", and its Polish catalogue covers every gender at
once ("został(a)(-ło) dodany(-na)(-ne)", "Dodaj członek komisji"). Here each model
the administration lists declares its Polish grammar: the gender of its name, its
accusative singular ("Dodaj członka komisji", "Wybierz ofertę do zmiany") and its
genitive plural ("Usunięto 5 ofert"). The forms are messages like any other: the
msgid is the English name, the context the case (``accusative``, ``genitive
plural``), so the English administration reads its usual names. The gender picks
the form of a message (``pgettext`` with the gender as its context).

The mapping is kept here, by model label, because it covers the models of Django
and of the packages the administration shows as well as the portal's own; a test
walks every registered ModelAdmin and asks for its forms.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import pgettext_lazy

# The gender of a name, as the context of the message forms that agree with it.
MASCULINE_PERSONAL = "masculine personal"  # członek komisji: kolejnego, wybranych
MASCULINE = "masculine"  # konkurs: został dodany, kolejny, wybrane
FEMININE = "feminine"  # oferta: została dodana, kolejną
NEUTER = "neuter"  # sprawozdanie: zostało dodane, kolejne
PLURAL = "plural"  # wybory (a name with no singular): zostały dodane

GENDERS = (MASCULINE_PERSONAL, MASCULINE, FEMININE, NEUTER, PLURAL)


@dataclass(frozen=True)
class Noun:
    """The forms of one model's name besides its ``verbose_name(_plural)``."""

    gender: str
    accusative: str | Promise
    genitive_plural: str | Promise


def plural_form(count: int) -> int:
    """Polish plural rule: 0 for one, 1 for 2–4 (not 12–14), 2 for the rest."""
    if count == 1:
        return 0
    if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        return 1
    return 2


class Names:
    """A model's name in the form a sentence of the administration needs."""

    def __init__(self, opts: Any) -> None:
        self.opts = opts
        self.noun = NOUNS.get(opts.label_lower)

    @property
    def declared(self) -> bool:
        return self.noun is not None

    @property
    def gender(self) -> str:
        return self.noun.gender if self.noun else NEUTER

    @property
    def nominative(self) -> str:
        return str(self.opts.verbose_name)

    @property
    def nominative_plural(self) -> str:
        return str(self.opts.verbose_name_plural)

    @property
    def accusative(self) -> str:
        return str(self.noun.accusative) if self.noun else self.nominative

    @property
    def genitive_plural(self) -> str:
        return str(self.noun.genitive_plural) if self.noun else self.nominative_plural

    @property
    def accusative_plural(self) -> str:
        # Names of men take the genitive in the plural ("wybranych członków").
        if self.gender == MASCULINE_PERSONAL:
            return self.genitive_plural
        return self.nominative_plural

    def counted(self, count: int, *, accusative: bool = False) -> str:
        """The name after a number: "1 oferta", "3 oferty", "5 ofert"."""
        form = plural_form(count)
        if form == 0:
            return self.accusative if accusative else self.nominative
        if form == 1:
            return self.accusative_plural if accusative else self.nominative_plural
        return self.genitive_plural

    def say(self, which: str, /, **params: Any) -> str:
        """The message ``which`` of :data:`MESSAGES` in the form agreeing with the
        name's gender, filled in with the name, its accusative and ``params``."""
        text = str(MESSAGES[which][self.gender]) % {
            "name": self.nominative,
            "accusative": self.accusative,
            "accusative_plural": self.accusative_plural,
            **params,
        }
        return capfirst(text)


def names(model_or_opts: type[models.Model] | Any) -> Names:
    opts = getattr(model_or_opts, "_meta", model_or_opts)
    return Names(opts)


NOUNS: dict[str, Noun] = {
    "auth.group": Noun(
        FEMININE,
        pgettext_lazy("accusative", "group"),
        pgettext_lazy("genitive plural", "groups"),
    ),
    "account.emailaddress": Noun(
        MASCULINE,
        pgettext_lazy("accusative", "email address"),
        pgettext_lazy("genitive plural", "email addresses"),
    ),
    "mfa.authenticator": Noun(
        FEMININE,
        pgettext_lazy("accusative", "authenticator"),
        pgettext_lazy("genitive plural", "authenticators"),
    ),
    "django_celery_beat.periodictask": Noun(
        NEUTER,
        pgettext_lazy("accusative", "periodic task"),
        pgettext_lazy("genitive plural", "periodic tasks"),
    ),
    "django_celery_beat.clockedschedule": Noun(
        MASCULINE,
        pgettext_lazy("accusative", "clocked"),
        pgettext_lazy("genitive plural", "clocked"),
    ),
    "django_celery_beat.crontabschedule": Noun(
        MASCULINE,
        pgettext_lazy("accusative", "crontab"),
        pgettext_lazy("genitive plural", "crontabs"),
    ),
    "django_celery_beat.solarschedule": Noun(
        NEUTER,
        pgettext_lazy("accusative", "solar event"),
        pgettext_lazy("genitive plural", "solar events"),
    ),
    "django_celery_beat.intervalschedule": Noun(
        MASCULINE,
        pgettext_lazy("accusative", "interval"),
        pgettext_lazy("genitive plural", "intervals"),
    ),
    "authtoken.tokenproxy": Noun(
        MASCULINE,
        pgettext_lazy("accusative", "Token"),
        pgettext_lazy("genitive plural", "Tokens"),
    ),
    "cooperation.user": Noun(
        MASCULINE_PERSONAL,
        pgettext_lazy("accusative", "user"),
        pgettext_lazy("genitive plural", "users"),
    ),
    "cooperation.statuschange": Noun(
        FEMININE,
        pgettext_lazy("accusative", "status change"),
        pgettext_lazy("genitive plural", "status changes"),
    ),
    "cooperation.notification": Noun(
        NEUTER,
        pgettext_lazy("accusative", "notification"),
        pgettext_lazy("genitive plural", "notifications"),
    ),
    "cooperation.generateddocument": Noun(
        MASCULINE,
        pgettext_lazy("accusative", "generated document"),
        pgettext_lazy("genitive plural", "generated documents"),
    ),
    "ngos.representation": Noun(
        FEMININE,
        pgettext_lazy("accusative", "representation"),
        pgettext_lazy("genitive plural", "representations"),
    ),
    "ngos.organisation": Noun(
        FEMININE,
        pgettext_lazy("accusative", "organisation"),
        pgettext_lazy("genitive plural", "organisations"),
    ),
    "ngos.membership": Noun(
        NEUTER,
        pgettext_lazy("accusative", "membership"),
        pgettext_lazy("genitive plural", "memberships"),
    ),
    "ngos.publicbenefitsphere": Noun(
        FEMININE,
        pgettext_lazy("accusative", "public-benefit sphere"),
        pgettext_lazy("genitive plural", "public-benefit spheres"),
    ),
    "ngos.area": Noun(
        MASCULINE,
        pgettext_lazy("accusative", "area of the municipality"),
        pgettext_lazy("genitive plural", "areas of the municipality"),
    ),
    "ngos.partnersearch": Noun(
        NEUTER,
        pgettext_lazy("accusative", "partner search"),
        pgettext_lazy("genitive plural", "partner searches"),
    ),
    "programme.programme": Noun(
        MASCULINE,
        pgettext_lazy("accusative", "cooperation programme"),
        pgettext_lazy("genitive plural", "cooperation programmes"),
    ),
    "nonfinancial.patronage": Noun(
        MASCULINE,
        pgettext_lazy("accusative", "patronage request"),
        pgettext_lazy("genitive plural", "patronage requests"),
    ),
    "nonfinancial.resource": Noun(
        MASCULINE,
        pgettext_lazy("accusative", "room or equipment"),
        pgettext_lazy("genitive plural", "rooms and equipment"),
    ),
    "nonfinancial.booking": Noun(
        MASCULINE,
        pgettext_lazy("accusative", "lending request"),
        pgettext_lazy("genitive plural", "lending requests"),
    ),
    "nonfinancial.promotion": Noun(
        MASCULINE,
        pgettext_lazy("accusative", "promotion request"),
        pgettext_lazy("genitive plural", "promotion requests"),
    ),
    "nonfinancial.plannedactivity": Noun(
        NEUTER,
        pgettext_lazy("accusative", "planned activity of an organisation"),
        pgettext_lazy("genitive plural", "planned activities of organisations"),
    ),
    "nonfinancial.annualplan": Noun(
        MASCULINE,
        pgettext_lazy("accusative", "annual plan of the municipality"),
        pgettext_lazy("genitive plural", "annual plans of the municipality"),
    ),
    "nonfinancial.recommendationletter": Noun(
        MASCULINE,
        pgettext_lazy("accusative", "request for a letter of recommendation"),
        pgettext_lazy("genitive plural", "requests for letters of recommendation"),
    ),
    "nonfinancial.taskproposal": Noun(
        MASCULINE,
        pgettext_lazy("accusative", "own-initiative proposal (art. 12)"),
        pgettext_lazy("genitive plural", "own-initiative proposals (art. 12)"),
    ),
    "nonfinancial.jointteam": Noun(
        MASCULINE,
        pgettext_lazy("accusative", "joint advisory and initiative team"),
        pgettext_lazy("genitive plural", "joint advisory and initiative teams"),
    ),
    "nonfinancial.teammeeting": Noun(
        NEUTER,
        pgettext_lazy("accusative", "meeting of a team"),
        pgettext_lazy("genitive plural", "meetings of teams"),
    ),
    "nonfinancial.teamrecommendation": Noun(
        FEMININE,
        pgettext_lazy("accusative", "recommendation of a team"),
        pgettext_lazy("genitive plural", "recommendations of teams"),
    ),
    "council.creationrequest": Noun(
        MASCULINE,
        pgettext_lazy("accusative", "request to create the council"),
        pgettext_lazy("genitive plural", "requests to create the council"),
    ),
    "council.council": Noun(
        FEMININE,
        pgettext_lazy("accusative", "public benefit council"),
        pgettext_lazy("genitive plural", "public benefit councils"),
    ),
    "council.term": Noun(
        FEMININE,
        pgettext_lazy("accusative", "term of the council"),
        pgettext_lazy("genitive plural", "terms of the council"),
    ),
    "council.member": Noun(
        MASCULINE_PERSONAL,
        pgettext_lazy("accusative", "member of the council"),
        pgettext_lazy("genitive plural", "members of the council"),
    ),
    "council.candidate": Noun(
        MASCULINE_PERSONAL,
        pgettext_lazy("accusative", "candidate"),
        pgettext_lazy("genitive plural", "candidates"),
    ),
    "council.election": Noun(
        PLURAL,
        pgettext_lazy("accusative", "election of the organisations' members"),
        pgettext_lazy("genitive plural", "elections of the organisations' members"),
    ),
    "council.meeting": Noun(
        NEUTER,
        pgettext_lazy("accusative", "meeting of the council"),
        pgettext_lazy("genitive plural", "meetings of the council"),
    ),
    "council.resolution": Noun(
        FEMININE,
        pgettext_lazy("accusative", "resolution of the council"),
        pgettext_lazy("genitive plural", "resolutions of the council"),
    ),
    "council.opinion": Noun(
        FEMININE,
        pgettext_lazy("accusative", "opinion of the council"),
        pgettext_lazy("genitive plural", "opinions of the council"),
    ),
    "grants.competition": Noun(
        MASCULINE,
        pgettext_lazy("accusative", "open competition"),
        pgettext_lazy("genitive plural", "open competitions"),
    ),
    "grants.offer": Noun(
        FEMININE,
        pgettext_lazy("accusative", "offer"),
        pgettext_lazy("genitive plural", "offers"),
    ),
    "grants.committeemember": Noun(
        MASCULINE_PERSONAL,
        pgettext_lazy("accusative", "committee member"),
        pgettext_lazy("genitive plural", "committee members"),
    ),
    "grants.reasonsrequest": Noun(
        NEUTER,
        pgettext_lazy("accusative", "request for reasons"),
        pgettext_lazy("genitive plural", "requests for reasons"),
    ),
    "grants.offerupdate": Noun(
        FEMININE,
        pgettext_lazy("accusative", "offer update"),
        pgettext_lazy("genitive plural", "offer updates"),
    ),
    "grants.documenttemplate": Noun(
        MASCULINE,
        pgettext_lazy("accusative", "document template"),
        pgettext_lazy("genitive plural", "document templates"),
    ),
    "grants.contract": Noun(
        FEMININE,
        pgettext_lazy("accusative", "contract"),
        pgettext_lazy("genitive plural", "contracts"),
    ),
    "grants.contractannex": Noun(
        MASCULINE,
        pgettext_lazy("accusative", "annex"),
        pgettext_lazy("genitive plural", "annexes"),
    ),
    "grants.payment": Noun(
        FEMININE,
        pgettext_lazy("accusative", "payment"),
        pgettext_lazy("genitive plural", "payments"),
    ),
    "grants.initiativeresolution": Noun(
        FEMININE,
        pgettext_lazy("accusative", "local initiative resolution"),
        pgettext_lazy("genitive plural", "local initiative resolutions"),
    ),
    "grants.initiativeapplication": Noun(
        MASCULINE,
        pgettext_lazy("accusative", "local initiative application"),
        pgettext_lazy("genitive plural", "local initiative applications"),
    ),
    "grants.initiativecontribution": Noun(
        MASCULINE,
        pgettext_lazy("accusative", "contribution delivered"),
        pgettext_lazy("genitive plural", "contributions delivered"),
    ),
    "grants.report": Noun(
        NEUTER,
        pgettext_lazy("accusative", "report"),
        pgettext_lazy("genitive plural", "reports"),
    ),
    "grants.refund": Noun(
        MASCULINE,
        pgettext_lazy("accusative", "refund"),
        pgettext_lazy("genitive plural", "refunds"),
    ),
    "grants.taxinterestrate": Noun(
        FEMININE,
        pgettext_lazy("accusative", "tax arrears interest rate"),
        pgettext_lazy("genitive plural", "tax arrears interest rates"),
    ),
    "grants.smallgrantpool": Noun(
        FEMININE,
        pgettext_lazy("accusative", "small-grant pool of a year"),
        pgettext_lazy("genitive plural", "small-grant pools"),
    ),
    "grants.smallgrantoffer": Noun(
        FEMININE,
        pgettext_lazy("accusative", "small-grant offer"),
        pgettext_lazy("genitive plural", "small-grant offers"),
    ),
    "grants.smallgrantcomment": Noun(
        FEMININE,
        pgettext_lazy("accusative", "comment on a small-grant offer"),
        pgettext_lazy("genitive plural", "comments on small-grant offers"),
    ),
    "consultations.consultation": Noun(
        FEMININE,
        pgettext_lazy("accusative", "consultation"),
        pgettext_lazy("genitive plural", "consultations"),
    ),
    "consultations.draftversion": Noun(
        FEMININE,
        pgettext_lazy("accusative", "draft version"),
        pgettext_lazy("genitive plural", "draft versions"),
    ),
    "consultations.comment": Noun(
        FEMININE,
        pgettext_lazy("accusative", "consultation comment"),
        pgettext_lazy("genitive plural", "consultation comments"),
    ),
    "consultations.survey": Noun(
        FEMININE,
        pgettext_lazy("accusative", "evaluation survey"),
        pgettext_lazy("genitive plural", "evaluation surveys"),
    ),
    "workshops.event": Noun(
        NEUTER,
        pgettext_lazy("accusative", "event"),
        pgettext_lazy("genitive plural", "events"),
    ),
    "workshops.registration": Noun(
        MASCULINE,
        pgettext_lazy("accusative", "registration"),
        pgettext_lazy("genitive plural", "registrations"),
    ),
    "workshops.workinggroup": Noun(
        FEMININE,
        pgettext_lazy("accusative", "working group"),
        pgettext_lazy("genitive plural", "working groups"),
    ),
    "workshops.recommendation": Noun(
        FEMININE,
        pgettext_lazy("accusative", "recommendation"),
        pgettext_lazy("genitive plural", "recommendations"),
    ),
    "evaluation.indexversion": Noun(
        FEMININE,
        pgettext_lazy("accusative", "version of the quality index"),
        pgettext_lazy("genitive plural", "versions of the quality index"),
    ),
    "evaluation.indicator": Noun(
        MASCULINE,
        pgettext_lazy("accusative", "indicator of the index"),
        pgettext_lazy("genitive plural", "indicators of the index"),
    ),
    "evaluation.assessment": Noun(
        FEMININE,
        pgettext_lazy("accusative", "quality assessment"),
        pgettext_lazy("genitive plural", "quality assessments"),
    ),
    "evaluation.annualreport": Noun(
        NEUTER,
        pgettext_lazy("accusative", "report on the programme"),
        pgettext_lazy("genitive plural", "reports on the programme"),
    ),
    "evaluation.reportfigure": Noun(
        FEMININE,
        pgettext_lazy("accusative", "corrected figure"),
        pgettext_lazy("genitive plural", "corrected figures"),
    ),
    "evaluation.programmeindicator": Noun(
        MASCULINE,
        pgettext_lazy("accusative", "indicator of the programme"),
        pgettext_lazy("genitive plural", "indicators of the programme"),
    ),
    "api.datasetfile": Noun(
        MASCULINE,
        pgettext_lazy("accusative", "dataset file"),
        pgettext_lazy("genitive plural", "dataset files"),
    ),
}


# Every message that agrees with a name, once for each gender (each is a msgid
# of its own in the catalogue, its context the gender).
MESSAGES: dict[str, dict[str, Promise]] = {
    "added": {
        MASCULINE_PERSONAL: pgettext_lazy(
            "masculine personal", "The %(name)s %(obj)s was added."
        ),
        MASCULINE: pgettext_lazy("masculine", "The %(name)s %(obj)s was added."),
        FEMININE: pgettext_lazy("feminine", "The %(name)s %(obj)s was added."),
        NEUTER: pgettext_lazy("neuter", "The %(name)s %(obj)s was added."),
        PLURAL: pgettext_lazy("plural", "The %(name)s %(obj)s was added."),
    },
    "added_continue": {
        MASCULINE_PERSONAL: pgettext_lazy(
            "masculine personal",
            "The %(name)s %(obj)s was added. You may edit it again below.",
        ),
        MASCULINE: pgettext_lazy(
            "masculine",
            "The %(name)s %(obj)s was added. You may edit it again below.",
        ),
        FEMININE: pgettext_lazy(
            "feminine", "The %(name)s %(obj)s was added. You may edit it again below."
        ),
        NEUTER: pgettext_lazy(
            "neuter", "The %(name)s %(obj)s was added. You may edit it again below."
        ),
        PLURAL: pgettext_lazy(
            "plural", "The %(name)s %(obj)s was added. You may edit it again below."
        ),
    },
    "added_another": {
        MASCULINE_PERSONAL: pgettext_lazy(
            "masculine personal",
            "The %(name)s %(obj)s was added. You may add another %(accusative)s below.",
        ),
        MASCULINE: pgettext_lazy(
            "masculine",
            "The %(name)s %(obj)s was added. You may add another %(accusative)s below.",
        ),
        FEMININE: pgettext_lazy(
            "feminine",
            "The %(name)s %(obj)s was added. You may add another %(accusative)s below.",
        ),
        NEUTER: pgettext_lazy(
            "neuter",
            "The %(name)s %(obj)s was added. You may add another %(accusative)s below.",
        ),
        PLURAL: pgettext_lazy(
            "plural",
            "The %(name)s %(obj)s was added. You may add another %(accusative)s below.",
        ),
    },
    "changed": {
        MASCULINE_PERSONAL: pgettext_lazy(
            "masculine personal", "The %(name)s %(obj)s was changed."
        ),
        MASCULINE: pgettext_lazy("masculine", "The %(name)s %(obj)s was changed."),
        FEMININE: pgettext_lazy("feminine", "The %(name)s %(obj)s was changed."),
        NEUTER: pgettext_lazy("neuter", "The %(name)s %(obj)s was changed."),
        PLURAL: pgettext_lazy("plural", "The %(name)s %(obj)s was changed."),
    },
    "changed_continue": {
        MASCULINE_PERSONAL: pgettext_lazy(
            "masculine personal",
            "The %(name)s %(obj)s was changed. You may edit it again below.",
        ),
        MASCULINE: pgettext_lazy(
            "masculine",
            "The %(name)s %(obj)s was changed. You may edit it again below.",
        ),
        FEMININE: pgettext_lazy(
            "feminine",
            "The %(name)s %(obj)s was changed. You may edit it again below.",
        ),
        NEUTER: pgettext_lazy(
            "neuter", "The %(name)s %(obj)s was changed. You may edit it again below."
        ),
        PLURAL: pgettext_lazy(
            "plural", "The %(name)s %(obj)s was changed. You may edit it again below."
        ),
    },
    "changed_another": {
        MASCULINE_PERSONAL: pgettext_lazy(
            "masculine personal",
            "The %(name)s %(obj)s was changed. You may add another %(accusative)s below.",
        ),
        MASCULINE: pgettext_lazy(
            "masculine",
            "The %(name)s %(obj)s was changed. You may add another %(accusative)s below.",
        ),
        FEMININE: pgettext_lazy(
            "feminine",
            "The %(name)s %(obj)s was changed. You may add another %(accusative)s below.",
        ),
        NEUTER: pgettext_lazy(
            "neuter",
            "The %(name)s %(obj)s was changed. You may add another %(accusative)s below.",
        ),
        PLURAL: pgettext_lazy(
            "plural",
            "The %(name)s %(obj)s was changed. You may add another %(accusative)s below.",
        ),
    },
    "deleted": {
        MASCULINE_PERSONAL: pgettext_lazy(
            "masculine personal", "The %(name)s %(obj)s was deleted."
        ),
        MASCULINE: pgettext_lazy("masculine", "The %(name)s %(obj)s was deleted."),
        FEMININE: pgettext_lazy("feminine", "The %(name)s %(obj)s was deleted."),
        NEUTER: pgettext_lazy("neuter", "The %(name)s %(obj)s was deleted."),
        PLURAL: pgettext_lazy("plural", "The %(name)s %(obj)s was deleted."),
    },
    "missing": {
        MASCULINE_PERSONAL: pgettext_lazy(
            "masculine personal",
            "%(name)s with ID “%(key)s” does not exist. Perhaps it was deleted?",
        ),
        MASCULINE: pgettext_lazy(
            "masculine",
            "%(name)s with ID “%(key)s” does not exist. Perhaps it was deleted?",
        ),
        FEMININE: pgettext_lazy(
            "feminine",
            "%(name)s with ID “%(key)s” does not exist. Perhaps it was deleted?",
        ),
        NEUTER: pgettext_lazy(
            "neuter",
            "%(name)s with ID “%(key)s” does not exist. Perhaps it was deleted?",
        ),
        PLURAL: pgettext_lazy(
            "plural",
            "%(name)s with ID “%(key)s” does not exist. Perhaps it was deleted?",
        ),
    },
    "delete_selected": {
        MASCULINE_PERSONAL: pgettext_lazy(
            "masculine personal", "Delete the selected %(accusative_plural)s"
        ),
        MASCULINE: pgettext_lazy(
            "masculine", "Delete the selected %(accusative_plural)s"
        ),
        FEMININE: pgettext_lazy(
            "feminine", "Delete the selected %(accusative_plural)s"
        ),
        NEUTER: pgettext_lazy("neuter", "Delete the selected %(accusative_plural)s"),
        PLURAL: pgettext_lazy("plural", "Delete the selected %(accusative_plural)s"),
    },
    "add_another": {
        MASCULINE_PERSONAL: pgettext_lazy(
            "masculine personal", "Add another %(accusative)s"
        ),
        MASCULINE: pgettext_lazy("masculine", "Add another %(accusative)s"),
        FEMININE: pgettext_lazy("feminine", "Add another %(accusative)s"),
        NEUTER: pgettext_lazy("neuter", "Add another %(accusative)s"),
        PLURAL: pgettext_lazy("plural", "Add another %(accusative)s"),
    },
    "change_related": {
        MASCULINE_PERSONAL: pgettext_lazy(
            "masculine personal", "Change the selected %(accusative)s"
        ),
        MASCULINE: pgettext_lazy("masculine", "Change the selected %(accusative)s"),
        FEMININE: pgettext_lazy("feminine", "Change the selected %(accusative)s"),
        NEUTER: pgettext_lazy("neuter", "Change the selected %(accusative)s"),
        PLURAL: pgettext_lazy("plural", "Change the selected %(accusative)s"),
    },
    "delete_related": {
        MASCULINE_PERSONAL: pgettext_lazy(
            "masculine personal", "Delete the selected %(accusative)s"
        ),
        MASCULINE: pgettext_lazy("masculine", "Delete the selected %(accusative)s"),
        FEMININE: pgettext_lazy("feminine", "Delete the selected %(accusative)s"),
        NEUTER: pgettext_lazy("neuter", "Delete the selected %(accusative)s"),
        PLURAL: pgettext_lazy("plural", "Delete the selected %(accusative)s"),
    },
    "view_related": {
        MASCULINE_PERSONAL: pgettext_lazy(
            "masculine personal", "View the selected %(accusative)s"
        ),
        MASCULINE: pgettext_lazy("masculine", "View the selected %(accusative)s"),
        FEMININE: pgettext_lazy("feminine", "View the selected %(accusative)s"),
        NEUTER: pgettext_lazy("neuter", "View the selected %(accusative)s"),
        PLURAL: pgettext_lazy("plural", "View the selected %(accusative)s"),
    },
}
