from datetime import UTC, date, datetime

import pytest
import time_machine
from django.utils import timezone

from consultations.models import Consultation
from cooperation.core.exceptions import (
    DomainError,
    PermissionDeniedError,
    TransitionNotAllowed,
)
from cooperation.core.models import GeneratedDocument
from cooperation.core.workflow import history
from cooperation.programme import services
from cooperation.programme.demo import create_programme
from cooperation.programme.documents import programme_document
from cooperation.programme.models import Programme
from cooperation.programme.reminders import programme_not_submitted
from tests.conftest import pdf_text, without_cache_bumps
from tests.consultations.factories import ConsultationFactory
from tests.ngos.factories import SphereFactory
from tests.permissions import assert_matrix

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(db):
    SphereFactory(
        code="sport-test", name_pl="wspieranie i upowszechnianie kultury fizycznej"
    )
    return create_programme(2027)


def test_programme_workflow_to_closed(programme, clerk):
    with pytest.raises(DomainError):
        services.programme_start_consultation(programme=programme, actor=clerk)
    ConsultationFactory(
        act_kind=Consultation.ActKind.PROGRAMME, programme=programme, published=True
    )
    services.programme_start_consultation(programme=programme, actor=clerk)
    services.programme_record_opinion(
        programme=programme,
        actor=clerk,
        opinion="Opinia pozytywna.",
        given_on=date(2026, 10, 20),
    )
    services.programme_submit(
        programme=programme, actor=clerk, submitted_on=date(2026, 11, 2)
    )
    services.programme_adopt(
        programme=programme,
        actor=clerk,
        resolution_number="XX/150/2026",
        resolution_date=date(2026, 11, 26),
    )
    assert not programme.adopted_late
    with time_machine.travel(timezone.make_aware(timezone.datetime(2027, 1, 1, 8, 0))):
        services.programme_put_in_force(programme=programme, actor=clerk)
        services.programme_close(programme=programme, actor=clerk)
    programme.refresh_from_db()
    assert programme.status == Programme.Status.CLOSED
    assert [h.to_status for h in history(programme)] == [
        "in_consultation",
        "council_opinion",
        "submitted",
        "adopted",
        "in_force",
        "closed",
    ]


def test_council_opinion_is_optional_and_late_adoption_is_flagged(programme, clerk):
    ConsultationFactory(act_kind=Consultation.ActKind.PROGRAMME, programme=programme)
    services.programme_start_consultation(programme=programme, actor=clerk)
    services.programme_submit(programme=programme, actor=clerk)
    with time_machine.travel(
        timezone.make_aware(timezone.datetime(2026, 12, 11, 9, 0))
    ):
        services.programme_adopt(
            programme=programme,
            actor=clerk,
            resolution_number="XXI/160/2026",
            resolution_date=date(2026, 12, 10),
        )
    assert programme.adopted_late
    assert "art. 5a" in history(programme).last().note


def test_submit_needs_every_part(programme, clerk):
    ConsultationFactory(act_kind=Consultation.ActKind.PROGRAMME, programme=programme)
    services.programme_start_consultation(programme=programme, actor=clerk)
    Programme.objects.filter(pk=programme.pk).update(committees="")
    programme.refresh_from_db()
    with pytest.raises(DomainError) as error:
        services.programme_submit(programme=programme, actor=clerk)
    assert "11." in error.value.message


def test_only_clerks_move_the_programme(programme, roles):
    with pytest.raises(PermissionDeniedError):
        services.programme_close(programme=programme, actor=roles.member_a)
    with pytest.raises(TransitionNotAllowed):
        services.programme_close(programme=programme, actor=roles.clerk)


def test_october_reminder_when_next_year_is_not_submitted(clerk):
    with time_machine.travel(timezone.make_aware(timezone.datetime(2026, 10, 5, 9, 0))):
        messages = programme_not_submitted(timezone.now())
        assert [m.recipient_id for m in messages] == [clerk.pk]
        assert messages[0].occasion == "programme-not-submitted:2027"
    with time_machine.travel(timezone.make_aware(timezone.datetime(2026, 9, 5, 9, 0))):
        assert programme_not_submitted(timezone.now()) == []
    programme = create_programme(2027)
    Programme.objects.filter(pk=programme.pk).update(status="submitted")
    with time_machine.travel(timezone.make_aware(timezone.datetime(2026, 10, 5, 9, 0))):
        assert programme_not_submitted(timezone.now()) == []


def test_programme_pdf_has_the_header_and_eleven_parts(programme, tmp_path):
    Programme.objects.filter(pk=programme.pk).update(
        status="adopted",
        resolution_number="XX/150/2026",
        resolution_date=date(2026, 11, 26),
    )
    programme.refresh_from_db()
    doc = programme_document(programme, sync=True)
    path = tmp_path / "program.pdf"
    path.write_bytes(doc.file.read())
    text = " ".join(pdf_text(path).split())
    assert "Uchwała nr XX/150/2026" in text
    assert "26 listopada 2026" in text
    assert "art. 5a ust. 1 ustawy z dnia 24 kwietnia 2003 r." in text
    assert "Załącznik do uchwały nr XX/150/2026" in text
    for number in range(1, 12):
        assert f"§ {number}." in text
    assert "pomocniczości, suwerenności stron" in text
    assert "Upowszechnianie kultury" in text and "Razem" in text
    assert "180 000,00" in text or "180\xa0000,00" in text or "180000,00" in text
    assert "Przewodniczący Rady" in text
    from pypdf import PdfReader

    root = PdfReader(path).trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == "pl"


def _submitted(programme, clerk):
    ConsultationFactory(
        act_kind=Consultation.ActKind.PROGRAMME, programme=programme, published=True
    )
    services.programme_start_consultation(programme=programme, actor=clerk)
    services.programme_submit(
        programme=programme, actor=clerk, submitted_on=date(2026, 11, 2)
    )


@time_machine.travel(datetime(2026, 11, 27, 9, 0, tzinfo=UTC))
def test_adoption_stores_the_pdf_before_its_first_reader(
    programme, clerk, client, django_capture_on_commit_callbacks
):
    _submitted(programme, clerk)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.programme_adopt(
            programme=programme,
            actor=clerk,
            resolution_number="XX/150/2026",
            resolution_date=date(2026, 11, 26),
        )
    assert len(without_cache_bumps(callbacks)) == 1
    programme.refresh_from_db()
    stored = GeneratedDocument.objects.get(
        key="programme-2027", status=GeneratedDocument.Status.READY
    )
    assert stored.pk == programme_document(programme).pk

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.get("/program-wspolpracy/2027/program.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    # Served from storage: no render in the request and none queued after it.
    assert without_cache_bumps(callbacks) == []
    assert GeneratedDocument.objects.filter(key="programme-2027").count() == 1


def test_first_request_gets_the_pdf_when_tasks_run_in_process(programme, client):
    # Adopted behind the services' back: nothing was rendered beforehand.
    Programme.objects.filter(pk=programme.pk).update(
        status="adopted", resolution_number="XX/150/2026"
    )
    assert not GeneratedDocument.objects.exists()
    response = client.get("/program-wspolpracy/2027/program.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_with_a_worker_the_first_request_is_told_the_pdf_is_being_prepared(
    programme, client, tasks_on_a_worker, django_capture_on_commit_callbacks
):
    Programme.objects.filter(pk=programme.pk).update(status="submitted")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.get("/program-wspolpracy/2027/program.pdf")
    assert response.status_code == 202
    assert response["Retry-After"] == "5"
    assert (
        len(without_cache_bumps(callbacks)) == 1
    )  # the task, published after the commit


def test_back_to_drafting_renders_nothing(
    programme, clerk, django_capture_on_commit_callbacks
):
    Programme.objects.filter(pk=programme.pk).update(status="submitted")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.programme_return_to_drafting(
            programme=programme, actor=clerk, reason="Poprawki."
        )
    assert without_cache_bumps(callbacks) == []
    assert not GeneratedDocument.objects.exists()


def test_programme_pdf_is_rendered_once_until_the_programme_changes(programme, client):
    Programme.objects.filter(pk=programme.pk).update(status="submitted")
    url = "/program-wspolpracy/2027/program.pdf"
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    first = programme_document(programme)
    assert programme_document(programme).pk == first.pk
    programme.refresh_from_db()
    programme.goals = "Nowy cel główny."
    programme.save()
    assert programme_document(programme).pk != first.pk


MATRIX = [
    (
        "/program-wspolpracy/",
        {"anonymous": 200, "resident": 200, "member_a": 200, "clerk": 200},
    ),
    ("/program-wspolpracy/2027/", {"anonymous": 200, "resident": 200, "clerk": 200}),
    (
        "/program-wspolpracy/2028/",
        {"anonymous": 404, "resident": 404, "member_a": 404, "clerk": 200},
    ),
    ("/program-wspolpracy/2099/", {"anonymous": 404, "clerk": 404}),
    ("/program-wspolpracy/2028/program.pdf", {"anonymous": 404, "resident": 404}),
]


def test_programme_permission_matrix(roles, client):
    public = create_programme(2027)
    Programme.objects.filter(pk=public.pk).update(status="in_force")
    create_programme(2028)  # still drafting: the office's own
    assert_matrix(client, roles, MATRIX)


def test_programme_pages_query_counts(client, django_assert_num_queries):
    SphereFactory(code="q-sphere")
    for year in (2025, 2026):
        p = create_programme(year)
        Programme.objects.filter(pk=p.pk).update(status="in_force")
    # Queries: programmes with priority counts and sums (1), the published reports
    # on those years (1, ``cooperation.evaluation``).
    with django_assert_num_queries(2):
        assert client.get("/program-wspolpracy/").status_code == 200
    # Queries of a first visit: the programme (1), then for the page's fragment the
    # programme with its priorities and spheres (2), consultations (1), surveys (1),
    # accepted working-group recommendations (1), the public benefit council's
    # opinions (1); a second visit: none, the programme and the fragment are kept.
    with django_assert_num_queries(7):
        assert client.get("/program-wspolpracy/2026/").status_code == 200
    with django_assert_num_queries(0):
        assert client.get("/program-wspolpracy/2026/").status_code == 200
    with django_assert_num_queries(0):
        assert client.get("/program-wspolpracy/").status_code == 200
    for year in range(2010, 2020):
        p = create_programme(year, with_priorities=30)
        Programme.objects.filter(pk=p.pk).update(status="closed")
    with django_assert_num_queries(2):
        html = client.get("/program-wspolpracy/").content.decode()
    assert "2010" in html


def test_programme_detail_shows_every_part(client):
    SphereFactory(code="d-sphere")
    p = create_programme(2026)
    Programme.objects.filter(pk=p.pk).update(
        status="adopted",
        resolution_number="X/1/2025",
        resolution_date=date(2025, 12, 5),
    )
    page = client.get("/program-wspolpracy/2026/").content.decode()
    assert page.count('<section id="czesc-') == 11
    assert page.count("<h1") == 1


@pytest.fixture
def clerk_with_2fa(clerk):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.get_or_create(
        user=clerk, type=Authenticator.Type.TOTP, defaults={"data": {}}
    )
    return clerk


def test_admin_steps_move_the_programme(programme, client, clerk_with_2fa):
    client.force_login(clerk_with_2fa)
    assert (
        client.get(f"/admin/programme/programme/{programme.pk}/change/").status_code
        == 200
    )
    step = f"/admin/programme/programme/{programme.pk}/step/"
    # Refused without a linked consultation: the form shows the reason.
    response = client.post(step + "consult/", {})
    assert response.status_code == 200
    ConsultationFactory(act_kind=Consultation.ActKind.PROGRAMME, programme=programme)
    response = client.post(step + "consult/", {})
    assert response.status_code == 302, response.context["form"].errors
    assert (
        client.post(step + "submit/", {"submitted_on": "2026-11-02"}).status_code == 302
    )
    with time_machine.travel(timezone.make_aware(timezone.datetime(2026, 12, 4, 9, 0))):
        response = client.post(
            step + "adopt/",
            {"resolution_number": "XXI/160/2026", "resolution_date": "2026-12-03"},
        )
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.status == Programme.Status.ADOPTED and programme.adopted_late
    assert client.get("/admin/programme/programme/").status_code == 200


def test_adopted_programme_parts_are_read_only_in_the_admin(
    programme, client, clerk_with_2fa
):
    Programme.objects.filter(pk=programme.pk).update(status="adopted")
    client.force_login(clerk_with_2fa)
    page = client.get(
        f"/admin/programme/programme/{programme.pk}/change/"
    ).content.decode()
    assert 'name="goals"' not in page and "pomocniczości" in page


def test_how_it_was_made_lists_accepted_recommendations(client):
    from tests.workshops.factories import RecommendationFactory

    SphereFactory(code="r-sphere")
    year = timezone.localdate().year + 1
    p = create_programme(year)
    Programme.objects.filter(pk=p.pk).update(status="submitted")
    RecommendationFactory(accepted=True, title="Dłuższe konsultacje projektów uchwał")
    RecommendationFactory(submitted=True, title="Rekomendacja bez odpowiedzi")
    page = client.get(f"/program-wspolpracy/{year}/").content.decode()
    assert "Dłuższe konsultacje projektów uchwał" in page
    assert "Rekomendacja bez odpowiedzi" not in page
