from datetime import timedelta

import factory
from django.utils import timezone

from consultations.models import (
    Comment,
    Consultation,
    DraftVersion,
    Meeting,
    Question,
    Survey,
    Unit,
)
from consultations.parsing import split_units

DRAFT = """UCHWAŁA NR XX/150/2026
RADY MIEJSKIEJ W RADLINIE

w sprawie zasad udostępniania lokali organizacjom pozarządowym

Na podstawie art. 18 ust. 2 pkt 15 ustawy o samorządzie gminnym Rada Miejska w Radlinie uchwala, co następuje:

§ 1. 1. Lokale udostępnia się organizacjom nieodpłatnie.
2. Pierwszeństwo mają organizacje pożytku publicznego.
§ 2. Wniosek zawiera:
1) nazwę organizacji;
2) cel i termin korzystania z lokalu.
§ 3. Uchwała wchodzi w życie po upływie 14 dni od dnia ogłoszenia.
"""


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation
        skip_postgeneration_save = True

    title = factory.Sequence(
        lambda n: f"Projekt uchwały nr {n} w sprawie zasad współpracy"
    )
    act_kind = Consultation.ActKind.RESOLUTION
    status = Consultation.Status.DRAFT
    start_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    end_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    invite_all_ngos = True
    invite_residents = True
    department = "Wydział Spraw Społecznych"
    legal_basis = "Uchwała nr XLV/400/2010 Rady Miejskiej w Radlinie"

    class Params:
        published = factory.Trait(
            status=Consultation.Status.PUBLISHED,
            published_at=factory.LazyFunction(timezone.now),
        )
        ended = factory.Trait(
            status=Consultation.Status.PUBLISHED,
            start_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=20)),
            end_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=1)),
        )

    @factory.post_generation
    def with_text(self, create, extracted, **kwargs):
        if create and extracted:
            version = DraftVersion.objects.create(
                consultation=self, number=1, source_text=DRAFT
            )
            Unit.objects.bulk_create(
                Unit(
                    version=version,
                    position=i,
                    kind=p.kind,
                    number=p.number,
                    label=p.label,
                    depth=p.depth,
                    text=p.text,
                )
                for i, p in enumerate(split_units(DRAFT))
            )


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    consultation = factory.SubFactory(ConsultationFactory, published=True)
    author_name = factory.Sequence(lambda n: f"Mieszkaniec {n}")
    channel = Comment.Channel.ONLINE
    proposed_wording = "Lokale udostępnia się organizacjom nieodpłatnie w dni robocze."
    justification = factory.Sequence(
        lambda n: f"Uzasadnienie uwagi nr {n}: zażółć gęślą jaźń."
    )

    class Params:
        hidden = factory.Trait(
            hidden_at=factory.LazyFunction(timezone.now),
            hidden_reason="Treść obraźliwa.",
        )
        rejected = factory.Trait(
            decision="rejected", decision_justification="Niezgodne z ustawą."
        )


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    consultation = factory.SubFactory(ConsultationFactory, published=True)
    held_at = factory.LazyFunction(timezone.now)
    place = "Urząd Miasta Radlin, sala sesyjna"
    participants = 12


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    title = "Ocena konsultacji"
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    is_published = True


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    survey = factory.SubFactory(SurveyFactory)
    kind = Question.Kind.SCALE
    text = factory.Sequence(lambda n: f"Pytanie {n}")
