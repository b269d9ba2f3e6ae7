"""The cooperation quality index (LIJW): the set, the computation, the answers, the
transitions with their audit, the pages and their query budgets, and axe."""

import itertools
import os
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils.translation import gettext

from consultations.models import Consultation
from cooperation.core.exceptions import (
    DomainError,
    PermissionDeniedError,
    TransitionNotAllowed,
)
from cooperation.core.workflow import history
from cooperation.evaluation import measures
from cooperation.evaluation.models import (
    Answer,
    Area,
    Assessment,
    IndexVersion,
    Indicator,
    Plane,
    Respondent,
)
from cooperation.evaluation.quality import results_for, services, trend
from cooperation.evaluation.quality.services import Score
from grants.models.assessment import CommitteeMember
from grants.models.competition import CompetitionStatus
from grants.models.signing import OfferAttachment, OfferConfirmation
from tests.a11y import assert_accessible
from tests.consultations.factories import ConsultationFactory
from tests.cooperation.factories import UserFactory
from tests.grants.factories import CompetitionFactory, OfferFactory
from tests.ngos.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

DEFAULT = "model-2012-obszary"
CODES = itertools.count()


def _version(scale_max: int = 5) -> tuple[IndexVersion, dict[str, Indicator]]:
    """A small set: area 1 with a1, a2 (both sides), area 2 with b1 (NGOs only)."""
    version = IndexVersion.objects.create(
        code=f"test-{next(CODES)}", name="Test", source="Test", scale_max=scale_max
    )
    first = Area.objects.create(
        version=version, position=1, plane=Plane.POLICIES, name="Konsultacje"
    )
    second = Area.objects.create(
        version=version, position=2, plane=Plane.TASKS, name="Finanse"
    )
    indicators = {
        "a1": Indicator.objects.create(area=first, position=1, question="A1?"),
        "a2": Indicator.objects.create(
            area=first,
            position=2,
            question="A2?",
            measure="competitions_with_ngo_members_share",
        ),
        "b1": Indicator.objects.create(
            area=second,
            position=1,
            question="B1?",
            respondents=Indicator.Respondents.ORGANISATIONS,
        ),
    }
    return version, indicators


def _open(clerk, version, year=2025) -> Assessment:
    assessment = services.assessment_create(actor=clerk, year=year, version=version)
    return services.assessment_open(assessment=assessment, actor=clerk)


def _answered(clerk, year=2025):
    """The assessment of the computation test, answered by the office and two NGOs."""
    version, ind = _version()
    assessment = _open(clerk, version, year)
    first, second = MembershipFactory(), MembershipFactory()
    services.answers_submit_for_municipality(
        actor=clerk,
        assessment=assessment,
        scores={ind["a1"].pk: Score(4), ind["a2"].pk: Score(2)},
    )
    services.answers_submit_for_organisation(
        actor=first.user,
        assessment=assessment,
        organisation=first.organisation,
        scores={ind["a1"].pk: Score(3), ind["a2"].pk: Score(5), ind["b1"].pk: Score(1)},
    )
    services.answers_submit_for_organisation(
        actor=second.user,
        assessment=assessment,
        organisation=second.organisation,
        scores={ind["a1"].pk: Score(2, "Za mało czasu."), ind["b1"].pk: Score(4)},
    )
    return assessment, ind, first


def _published(clerk, year=2025):
    assessment, ind, first = _answered(clerk, year)
    services.assessment_close(assessment=assessment, actor=clerk)
    services.assessment_publish(assessment=assessment, actor=clerk, summary="Wnioski.")
    return assessment, ind, first


# The set of indicators ------------------------------------------------------------


def test_default_set_holds_the_models_three_planes_with_its_source():
    version = IndexVersion.objects.get(code=DEFAULT)
    areas = list(version.areas.order_by("position"))
    assert len(areas) == 7
    assert {a.plane for a in areas} == {1, 2, 3}
    assert areas[0].name.startswith("Konsultowanie założeń projektów")
    assert (version.scale_min, version.scale_max) == (0, 5)
    assert "Model współpracy administracji publicznej" in version.source
    assert "nie odnaleziono" in version.source
    bound = set(
        Indicator.objects.filter(area__version=version)
        .exclude(measure="")
        .values_list("measure", flat=True)
    )
    assert bound == set(measures.QUALITY_MEASURES)


# Computation ----------------------------------------------------------------------


def test_index_is_computed_per_indicator_area_and_overall(clerk):
    assessment, ind, _first = _published(clerk)
    result = results_for(2025)
    assert result is not None
    first_area, second_area = result.areas
    a1, a2 = first_area.indicators
    (b1,) = second_area.indicators
    # a1: office 4, NGOs (3 + 2) / 2 = 2.5, indicator (4 + 2.5) / 2 = 3.25
    assert (a1.municipality, a1.organisations, a1.score) == (
        4,
        Decimal("2.50"),
        Decimal("3.25"),
    )
    assert a1.organisations_count == 2
    # a2: office 2, NGOs 5: 3.5; area 1: (3.25 + 3.5) / 2 = 3.375, shown 3.38
    assert a2.score == Decimal("3.50")
    assert first_area.score == Decimal("3.38")
    # b1: NGOs only, (1 + 4) / 2 = 2.5
    assert (b1.municipality, b1.score) == (None, Decimal("2.50"))
    assert second_area.score == Decimal("2.50")
    # Overall from the exact areas: (3.375 + 2.5) / 2 = 2.9375, shown 2.94.
    assert result.overall == Decimal("2.94")
    assert result.organisations == 2


def test_an_unanswered_indicator_is_left_out_not_counted_as_zero(clerk):
    version, ind = _version()
    assessment = _open(clerk, version)
    services.answers_submit_for_municipality(
        actor=clerk, assessment=assessment, scores={ind["a1"].pk: Score(3)}
    )
    result = services_result(assessment)
    assert result.areas[0].score == Decimal("3.00")
    assert result.areas[1].score is None
    assert result.overall == Decimal("3.00")


def services_result(assessment):
    from cooperation.evaluation.quality.selectors import year_result

    return year_result(assessment.year, published_only=False)


def test_results_for_gives_only_a_published_year(clerk):
    assessment, _ind, _first = _answered(clerk)
    assert results_for(2025) is None
    services.assessment_close(assessment=assessment, actor=clerk)
    assert results_for(2025) is None
    services.assessment_publish(assessment=assessment, actor=clerk)
    assert results_for(2025).overall == Decimal("2.94")
    assert [r.year for r in trend()] == [2025]


# Answers --------------------------------------------------------------------------


def test_an_organisation_answers_once_per_indicator_and_may_change_it(clerk):
    assessment, ind, first = _answered(clerk)
    services.answers_submit_for_organisation(
        actor=first.user,
        assessment=assessment,
        organisation=first.organisation,
        scores={ind["a1"].pk: Score(5, "Poprawa.")},
    )
    rows = Answer.objects.filter(
        assessment=assessment, organisation=first.organisation, indicator=ind["a1"]
    )
    assert [(a.score, a.comment) for a in rows] == [(5, "Poprawa.")]


def test_the_database_refuses_a_second_answer_of_an_organisation(clerk):
    assessment, ind, first = _answered(clerk)
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(
            assessment=assessment,
            indicator=ind["a1"],
            respondent=Respondent.ORGANISATION,
            organisation=first.organisation,
            score=1,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(
            assessment=assessment,
            indicator=ind["a1"],
            respondent=Respondent.MUNICIPALITY,
            score=1,
        )


def test_only_a_representative_answers_for_an_organisation(clerk):
    version, ind = _version()
    assessment = _open(clerk, version)
    member, outsider = MembershipFactory(), MembershipFactory()
    editor = MembershipFactory(editor=True, organisation=member.organisation)
    for person in (outsider.user, editor.user):
        with pytest.raises(PermissionDeniedError):
            services.answers_submit_for_organisation(
                actor=person,
                assessment=assessment,
                organisation=member.organisation,
                scores={ind["a1"].pk: Score(3)},
            )
    with pytest.raises(PermissionDeniedError):
        services.answers_submit_for_municipality(
            actor=member.user, assessment=assessment, scores={ind["a1"].pk: Score(3)}
        )
    assert not Answer.objects.exists()


def test_answers_keep_to_the_scale_the_questions_and_the_open_period(clerk):
    version, ind = _version(scale_max=3)
    assessment = services.assessment_create(actor=clerk, year=2025, version=version)
    member = MembershipFactory()

    def send(scores):
        services.answers_submit_for_organisation(
            actor=member.user,
            assessment=assessment,
            organisation=member.organisation,
            scores=scores,
        )

    with pytest.raises(DomainError):
        send({ind["a1"].pk: Score(2)})  # in preparation: not open yet
    services.assessment_open(assessment=assessment, actor=clerk)
    with pytest.raises(DomainError):
        send({ind["a1"].pk: Score(4)})  # off the scale 0-3
    with pytest.raises(DomainError):
        send({ind["a1"].pk: Score(1, "x" * (settings.COMMENT_MAX_LENGTH + 1))})
    with pytest.raises(DomainError):
        services.answers_submit_for_municipality(
            actor=clerk, assessment=assessment, scores={ind["b1"].pk: Score(1)}
        )  # b1 is for organisations only
    send({ind["a1"].pk: Score(3)})
    services.assessment_close(assessment=assessment, actor=clerk)
    with pytest.raises(DomainError):
        send({ind["a1"].pk: Score(1)})
    assert list(Answer.objects.values_list("score", flat=True)) == [3]


# Transitions ----------------------------------------------------------------------


def test_every_transition_is_audited_and_the_table_refuses_the_rest(clerk):
    version, ind = _version()
    assessment = services.assessment_create(actor=clerk, year=2025, version=version)
    with pytest.raises(TransitionNotAllowed):
        services.assessment_publish(assessment=assessment, actor=clerk)
    services.assessment_open(assessment=assessment, actor=clerk)
    services.assessment_close(assessment=assessment, actor=clerk)
    with pytest.raises(DomainError):
        services.assessment_reopen(assessment=assessment, actor=clerk, reason=" ")
    services.assessment_reopen(assessment=assessment, actor=clerk, reason="Poprawka.")
    services.assessment_close(assessment=assessment, actor=clerk)
    services.assessment_publish(assessment=assessment, actor=clerk, summary="Wnioski.")
    trail = [(h.from_status, h.to_status, h.actor_id) for h in history(assessment)]
    assert trail == [
        ("", "draft", clerk.pk),
        ("draft", "open", clerk.pk),
        ("open", "closed", clerk.pk),
        ("closed", "open", clerk.pk),
        ("open", "closed", clerk.pk),
        ("closed", "published", clerk.pk),
    ]
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.PUBLISHED
    assert assessment.published_at is not None
    assert assessment.summary == "Wnioski."


def test_only_a_clerk_moves_an_assessment(clerk):
    version, _ind = _version()
    assessment = services.assessment_create(actor=clerk, year=2025, version=version)
    with pytest.raises(PermissionDeniedError):
        services.assessment_open(assessment=assessment, actor=UserFactory())
    with pytest.raises(DomainError):
        services.assessment_create(actor=clerk, year=2025, version=version)


def test_answers_are_audited_on_the_assessment(clerk):
    assessment, _ind, first = _answered(clerk)
    notes = [h.note for h in history(assessment) if h.to_status == "answered"]
    assert notes[0] == gettext("the municipality")
    assert str(first.organisation) in notes


# Computed figures -----------------------------------------------------------------


def _committee(competition, kind, excluded=False):
    nominee = kind == CommitteeMember.Kind.NOMINEE
    CommitteeMember.objects.create(
        competition=competition,
        user=UserFactory(),
        kind=kind,
        nominated_by=OrganisationFactory() if nominee else None,
        excluded_at=datetime(2025, 4, 1, tzinfo=UTC) if excluded else None,
    )


def test_share_of_competitions_with_ngo_nominees_on_the_committee():
    announced = {
        "status": CompetitionStatus.ANNOUNCED,
        "bip_published_on": date(2025, 3, 1),
    }
    with_nominee, only_officials, nominee_excluded, _none = (
        CompetitionFactory(**announced) for _ in range(4)
    )
    _committee(with_nominee, CommitteeMember.Kind.NOMINEE)
    _committee(with_nominee, CommitteeMember.Kind.OFFICIAL)
    _committee(only_officials, CommitteeMember.Kind.OFFICIAL)
    _committee(nominee_excluded, CommitteeMember.Kind.NOMINEE, excluded=True)
    CompetitionFactory(
        status=CompetitionStatus.DRAFT, bip_published_on=date(2025, 3, 1)
    )
    assert measures.competitions_with_ngo_members_share(2025) == Decimal("25.0")
    assert measures.competitions_with_ngo_members_share(2024) is None


def test_share_of_consultations_with_a_published_report():
    start = datetime(2025, 5, 1, 10, tzinfo=UTC)
    ConsultationFactory(status=Consultation.Status.REPORT_PUBLISHED, start_at=start)
    ConsultationFactory(status=Consultation.Status.PUBLISHED, start_at=start)
    ConsultationFactory(status=Consultation.Status.PUBLISHED, start_at=start)
    ConsultationFactory(status=Consultation.Status.DRAFT, start_at=start)
    assert measures.consultations_reported_share(2025) == Decimal("33.3")
    assert measures.consultations_reported_share(2026) is None


def test_share_of_offers_signed_electronically():
    competition = CompetitionFactory(
        status=CompetitionStatus.ANNOUNCED, bip_published_on=date(2025, 3, 1)
    )
    sent = datetime(2025, 3, 20, 12, tzinfo=UTC)
    confirmed, with_copy, unsigned = (
        OfferFactory(competition=competition, submitted_at=sent, checksum=c * 64)
        for c in "abc"
    )
    OfferFactory(competition=competition, submitted_at=None)
    OfferConfirmation.objects.create(
        offer=confirmed,
        organisation=confirmed.organisation,
        name="Maria Prezes",
        checksum="a" * 64,
        confirmed_at=sent,
    )
    OfferAttachment.objects.create(
        offer=with_copy,
        kind=OfferAttachment.Kind.SIGNED_COPY,
        name="oferta.pdf",
        file="grants/offers/2025/oferta.pdf",
        sha256="0" * 64,
    )
    assert measures.offers_signed_electronically_share(2025) == Decimal("66.7")


def test_closing_freezes_the_computed_figure_shown_beside_the_scores(clerk):
    assessment, ind, _first = _answered(clerk)
    competition = CompetitionFactory(
        status=CompetitionStatus.ANNOUNCED, bip_published_on=date(2025, 3, 1)
    )
    _committee(competition, CommitteeMember.Kind.NOMINEE)
    services.assessment_close(assessment=assessment, actor=clerk)
    services.assessment_publish(assessment=assessment, actor=clerk)
    CompetitionFactory(
        status=CompetitionStatus.ANNOUNCED, bip_published_on=date(2025, 6, 1)
    )
    a2 = results_for(2025).areas[0].indicators[1]
    assert a2.computed == Decimal("100.0")
    assert a2.score == Decimal("3.50")


# Pages ----------------------------------------------------------------------------


def _years(clerk, count):
    for offset in range(count):
        _published(clerk, year=2020 + offset)


@pytest.mark.parametrize("years", [1, 3])
def test_index_page_query_count_is_constant(
    client, clerk, django_assert_num_queries, years
):
    _years(clerk, years)
    # 1 published assessments with their versions, 2 areas, 3 indicators,
    # 4 answers summed by indicator, 5 organisations counted, 6 the open assessment.
    with django_assert_num_queries(6):
        response = client.get("/program-wspolpracy/indeks/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<svg" in body
    assert body.count("2,94") >= years


def test_the_index_is_kept_and_shows_a_newly_published_year_at_once(
    client, clerk, django_assert_num_queries
):
    from django.test import TestCase

    _years(clerk, 1)
    assert client.get("/program-wspolpracy/indeks/").status_code == 200
    with django_assert_num_queries(0):
        body = client.get("/program-wspolpracy/indeks/").content.decode()
    assert 'href="/program-wspolpracy/indeks/2020/"' in body
    with TestCase.captureOnCommitCallbacks(execute=True):
        _published(clerk, year=2021)
    body = client.get("/program-wspolpracy/indeks/").content.decode()
    assert 'href="/program-wspolpracy/indeks/2021/"' in body


@pytest.mark.parametrize("years", [1, 3])
def test_year_page_query_count_is_constant(
    client, clerk, django_assert_num_queries, years
):
    _years(clerk, years)
    # 1 the assessment with its version, 2 areas, 3 indicators, 4 answers summed,
    # 5 organisations counted.
    with django_assert_num_queries(5):
        response = client.get("/program-wspolpracy/indeks/2020/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "3,38" in body and "2,94" in body
    assert "Wnioski." in body


def test_a_year_not_published_is_only_for_clerks(client, clerk):
    _answered(clerk)
    assert client.get("/program-wspolpracy/indeks/2025/").status_code == 404
    client.force_login(clerk)
    assert client.get("/program-wspolpracy/indeks/2025/").status_code == 200


def test_programme_page_links_the_index(client):
    body = client.get("/program-wspolpracy/").content.decode()
    assert 'href="/program-wspolpracy/indeks/"' in body


def test_a_representative_answers_on_the_public_site(client, clerk):
    version, ind = _version()
    assessment = _open(clerk, version)
    member = MembershipFactory()
    client.force_login(member.user)
    url = "/program-wspolpracy/indeks/2025/ankieta/"
    page = client.get(url)
    assert page.status_code == 200
    assert f'name="score_{ind["b1"].pk}"' in page.content.decode()
    response = client.post(
        url,
        {
            f"score_{ind['a1'].pk}": "4",
            f"comment_{ind['a1'].pk}": "Dobrze.",
            f"score_{ind['b1'].pk}": "2",
        },
    )
    assert response.status_code == 302
    answers = Answer.objects.filter(assessment=assessment).order_by(
        "indicator__position"
    )
    assert {(a.indicator_id, a.score, a.organisation_id) for a in answers} == {
        (ind["a1"].pk, 4, member.organisation_id),
        (ind["b1"].pk, 2, member.organisation_id),
    }


@pytest.mark.parametrize("answered", [False, True])
def test_questionnaire_query_count_is_constant(
    client, clerk, django_assert_num_queries, answered
):
    version, ind = _version()
    assessment = _open(clerk, version)
    member = MembershipFactory()
    if answered:
        services.answers_submit_for_organisation(
            actor=member.user,
            assessment=assessment,
            organisation=member.organisation,
            scores={i.pk: Score(3, "Uwaga.") for i in ind.values()},
        )
    client.force_login(member.user)
    # 1 session, 2 user, 3 the open assessment with its version, 4 the person's
    # groups (clerk or not), 5 the organisations they represent, 6 areas,
    # 7 their questions, 8 the answers given so far, 9-10 the figure of a2
    # (competitions with a nominee, competitions).
    with django_assert_num_queries(10):
        response = client.get("/program-wspolpracy/indeks/2025/ankieta/")
    assert response.status_code == 200
    body = response.content.decode()
    assert ("Uwaga." in body) is answered
    assert "brak danych" in body or "no records" in body


def test_a_clerk_answers_for_the_municipality(client, clerk):
    version, ind = _version()
    assessment = _open(clerk, version)
    client.force_login(clerk)
    url = "/program-wspolpracy/indeks/2025/ankieta/?w=gmina"
    body = client.get(url).content.decode()
    # b1 is for organisations only.
    assert f'name="score_{ind["b1"].pk}"' not in body
    response = client.post(url, {f"score_{ind['a1'].pk}": "5"})
    assert response.status_code == 302
    answer = Answer.objects.get(assessment=assessment)
    assert (answer.respondent, answer.organisation_id, answer.score) == (
        Respondent.MUNICIPALITY,
        None,
        5,
    )


def test_the_questionnaire_is_refused_to_a_resident_and_when_closed(client, clerk):
    version, _ind = _version()
    assessment = _open(clerk, version)
    client.force_login(UserFactory())
    assert client.get("/program-wspolpracy/indeks/2025/ankieta/").status_code == 403
    services.assessment_close(assessment=assessment, actor=clerk)
    client.force_login(MembershipFactory().user)
    assert client.get("/program-wspolpracy/indeks/2025/ankieta/").status_code == 404


def test_demo_data_publishes_two_years_through_the_services(clerk):
    from io import StringIO

    from cooperation.core.demo import seed_people
    from cooperation.evaluation.quality import demo
    from ngos import demo as ngos_demo

    seed_people(StringIO())
    ngos_demo.seed_demo(StringIO())
    demo.seed_demo(StringIO())
    published = Assessment.objects.filter(status=Assessment.Status.PUBLISHED)
    assert published.count() == 2
    latest = published.order_by("-year").first()
    assert results_for(latest.year).organisations == 3
    assert [h.to_status for h in history(latest)][-1] == "published"


# Admin ----------------------------------------------------------------------------


@pytest.fixture
def clerk_client(client, clerk):
    from cooperation.core.signals import sync_clerk_permissions

    sync_clerk_permissions(sender=None)
    client.force_login(clerk)
    return client


def test_a_clerk_creates_and_opens_an_assessment_in_the_admin(clerk_client, clerk):
    version = IndexVersion.objects.get(code=DEFAULT)
    response = clerk_client.post(
        "/admin/evaluation/assessment/add/",
        {"year": "2026", "version": str(version.pk), "invitation": "", "summary": ""},
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get(year=2026)
    page = clerk_client.get(f"/admin/evaluation/assessment/{assessment.pk}/change/")
    assert (
        f"/admin/evaluation/assessment/{assessment.pk}/step/open/"
        in page.content.decode()
    )
    clerk_client.post(f"/admin/evaluation/assessment/{assessment.pk}/step/open/", {})
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.OPEN
    assert [h.to_status for h in history(assessment)] == ["draft", "open"]


def test_the_set_is_editable_until_a_year_is_answered_on_it(clerk_client, clerk):
    version, ind = _version()
    url = f"/admin/evaluation/indicator/{ind['a1'].pk}/change/"
    data = {
        "area": str(ind["a1"].area_id),
        "position": "1",
        "question": "Nowe pytanie?",
        "guidance": "",
        "respondents": "both",
        "measure": "consultations_reported_share",
    }
    assert clerk_client.post(url, data).status_code == 302
    ind["a1"].refresh_from_db()
    assert ind["a1"].measure == "consultations_reported_share"
    _open(clerk, version)
    clerk_client.post(url, {**data, "question": "Inne?"})
    ind["a1"].refresh_from_db()
    assert ind["a1"].question == "Nowe pytanie?"
    added = clerk_client.post(
        "/admin/evaluation/indicator/add/", {**data, "position": "9"}
    )
    assert added.status_code == 200
    assert not Indicator.objects.filter(position=9).exists()


def test_a_version_in_use_is_copied_to_change_it_for_next_years(clerk):
    version = IndexVersion.objects.get(code=DEFAULT)
    copy = services.index_version_copy(actor=clerk, version=version)
    assert copy.code == f"{DEFAULT}-2"
    original = list(
        Indicator.objects.filter(area__version=version)
        .order_by("area__position", "position")
        .values_list("area__position", "position", "question", "measure")
    )
    copied = list(
        Indicator.objects.filter(area__version=copy)
        .order_by("area__position", "position")
        .values_list("area__position", "position", "question", "measure")
    )
    assert copied == original
    assert [h.to_status for h in history(copy)] == ["created"]
    again = services.index_version_copy(actor=clerk, version=version)
    assert again.code == f"{DEFAULT}-3"
    with pytest.raises(PermissionDeniedError):
        services.index_version_copy(actor=UserFactory(), version=version)


# Accessibility --------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_index_pages_have_no_axe_violations(page, live_server):
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    clerk = UserFactory(clerk=True)
    _published(clerk, year=2024)
    assessment, ind, first = _answered(clerk, year=2025)
    client = Client()
    for path in ("/program-wspolpracy/indeks/", "/program-wspolpracy/indeks/2024/"):
        response = page.goto(live_server.url + path)
        assert response.status == 200
        assert page.locator("h1").count() == 1
        assert_accessible(page)
    client.force_login(first.user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    response = page.goto(live_server.url + "/program-wspolpracy/indeks/2025/ankieta/")
    assert response.status == 200
    assert page.locator("fieldset").count() == 3
    assert_accessible(page)
