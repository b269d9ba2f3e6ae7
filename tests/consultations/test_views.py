from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultations.models import Comment
from consultations.selectors import GENERAL_COMMENTS_SHOWN, UNIT_COMMENTS_SHOWN
from tests.consultations.factories import (
    CommentFactory,
    ConsultationFactory,
    QuestionFactory,
    SurveyFactory,
)
from tests.permissions import assert_matrix

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(roles):
    roles.open = ConsultationFactory(
        published=True, with_text=True, title="Otwarta konsultacja"
    )
    roles.draft = ConsultationFactory(with_text=True, title="Projekt w przygotowaniu")
    roles.reported = ConsultationFactory(
        ended=True, with_text=True, status="report_published"
    )
    roles.own = CommentFactory(
        consultation=roles.open, author=roles.member_a, organisation=roles.org_a
    )
    roles.hidden = CommentFactory(
        consultation=roles.open, hidden=True, justification="Ukryta obelga XYZ."
    )
    roles.survey = SurveyFactory(consultation=roles.open)
    QuestionFactory(survey=roles.survey)
    return roles


MATRIX = [
    (
        "/konsultacje/",
        dict.fromkeys(("anonymous", "resident", "member_a", "clerk"), 200),
    ),
    (
        lambda w: w.open.get_absolute_url(),
        {"anonymous": 200, "resident": 200, "member_b": 200, "clerk": 200},
    ),
    (
        lambda w: w.draft.get_absolute_url(),
        {"anonymous": 404, "resident": 404, "member_a": 404, "clerk": 200},
    ),
    (
        lambda w: f"/konsultacje/{w.open.pk}/uwagi/nowa/",
        {
            "anonymous": 302,
            "resident": 200,
            "member_a": 200,
            "editor_a": 200,
            "clerk": 200,
        },
    ),
    (
        lambda w: f"/konsultacje/{w.draft.pk}/uwagi/nowa/",
        {"resident": 404, "member_a": 404},
    ),
    (
        lambda w: f"/konsultacje/{w.reported.pk}/uwagi/nowa/",
        {"resident": 403, "member_a": 403},
    ),
    (
        lambda w: f"/konsultacje/{w.open.pk}/uwagi/{w.own.pk}/edytuj/",
        {
            "anonymous": 302,
            "resident": 403,
            "member_a": 200,
            "editor_a": 403,
            "member_b": 403,
            "clerk": 403,
        },
    ),
    (
        lambda w: f"/konsultacje/{w.open.pk}/uwagi/{w.own.pk}/edytuj/",
        {"anonymous": 302, "resident": 403, "member_b": 403, "clerk": 403},
        "post",
    ),
    (
        lambda w: f"/konsultacje/{w.open.pk}/uwagi.csv",
        {
            "anonymous": 302,
            "resident": 403,
            "member_a": 403,
            "committee": 403,
            "clerk": 200,
        },
    ),
    (
        lambda w: f"/konsultacje/{w.open.pk}/uwagi.xlsx",
        {"anonymous": 302, "resident": 403, "member_a": 403, "clerk": 200},
    ),
    (
        lambda w: f"/konsultacje/{w.open.pk}/raport.pdf",
        {"anonymous": 404, "clerk": 404},
    ),
    (lambda w: f"/konsultacje/{w.open.pk}/zmiany/", {"anonymous": 404}),
    (
        lambda w: f"/konsultacje/ankiety/{w.survey.pk}/",
        {"anonymous": 200, "resident": 200, "clerk": 200},
    ),
    (
        lambda w: f"/konsultacje/ankiety/{w.survey.pk}/wyniki/",
        {"anonymous": 200, "clerk": 200},
    ),
    (
        lambda w: "/admin/consultations/consultation/",
        {"anonymous": 302, "resident": 302},
    ),
]


def test_consultations_permission_matrix(world, client):
    assert_matrix(client, world, MATRIX)


def test_hidden_comments_are_invisible_to_the_public(world, client):
    page = client.get(world.open.get_absolute_url()).content.decode()
    assert "Ukryta obelga XYZ." not in page
    assert world.own.justification in page
    client.force_login(world.clerk)
    assert (
        "Ukryta obelga XYZ."
        in client.get(world.open.get_absolute_url()).content.decode()
    )


def test_comment_through_the_form_and_edit(world, client):
    client.force_login(world.member_a)
    unit = world.open.versions.get().units.get(label="§ 2")
    response = client.post(
        f"/konsultacje/{world.open.pk}/uwagi/nowa/",
        {
            "speaker": str(world.org_a.pk),
            "unit": unit.pk,
            "justification": "Zażółć gęślą jaźń.",
            "proposed_wording": "Nowe brzmienie",
        },
    )
    assert response.status_code == 302
    comment = Comment.objects.get(justification="Zażółć gęślą jaźń.")
    assert comment.organisation == world.org_a and comment.unit == unit
    response = client.post(
        f"/konsultacje/{world.open.pk}/uwagi/{comment.pk}/edytuj/",
        {"unit": unit.pk, "justification": "Poprawione uzasadnienie."},
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.justification == "Poprawione uzasadnienie."


def test_invalid_comment_keeps_what_was_typed(world, client):
    client.force_login(world.resident)
    response = client.post(
        f"/konsultacje/{world.open.pk}/uwagi/nowa/",
        {
            "speaker": "",
            "proposed_wording": "Moje brzmienie do zachowania",
            "justification": "",
        },
    )
    assert response.status_code == 400
    assert "Moje brzmienie do zachowania" in response.content.decode()


def test_comment_after_the_end_is_refused_by_the_server(world, client, settings):
    settings.SESSION_COOKIE_AGE = 60 * 60 * 24 * 365
    client.force_login(world.member_a)
    with time_machine.travel(world.open.end_at + timedelta(seconds=1)):
        response = client.post(
            f"/konsultacje/{world.open.pk}/uwagi/nowa/",
            {"speaker": str(world.org_a.pk), "justification": "Spóźniona uwaga."},
        )
        assert response.status_code == 403
        response = client.post(
            f"/konsultacje/{world.open.pk}/uwagi/{world.own.pk}/edytuj/",
            {"justification": "Spóźniona zmiana."},
        )
        assert response.status_code == 403
    assert not Comment.objects.filter(justification__startswith="Spóźnion").exists()


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_consultation_page_query_count_is_constant(client, django_assert_num_queries):
    consultation = ConsultationFactory(
        published=True, with_text=True, status="report_published"
    )
    units = list(consultation.versions.get().units.all())
    CommentFactory.create_batch(
        5, consultation=consultation, unit=units[2], decision="accepted"
    )
    # Queries: session-less anonymous request: consultation (1), documents, meetings,
    # invited spheres (3), versions (1), units (1), the first comments of each unit
    # and of the whole draft with unit, organisation, author and their numbers (1),
    # surveys (1), the report's figures (1).
    with django_assert_num_queries(9):
        client.get(consultation.get_absolute_url())
    Comment.objects.bulk_create(
        Comment(
            consultation=consultation,
            unit=units[i % len(units)] if i % 5 else None,
            author_name=f"Osoba {i}",
            justification="Uzasadnienie",
            decision="accepted",
        )
        for i in range(495)
    )
    cache.clear()  # bulk_create, like the benchmark's data, sends no signals
    with django_assert_num_queries(9):
        response = client.get(consultation.get_absolute_url())
    html = response.content.decode()
    shown = len(units) * UNIT_COMMENTS_SHOWN + GENERAL_COMMENTS_SHOWN
    assert html.count("<article") <= shown
    assert "Wszystkie uwagi do całego projektu (99)" in html
    assert f"?jednostka={units[2].pk}" in html
    # Served again, the consultation, its draft and its comments come from the
    # cache: no query.
    with django_assert_num_queries(0):
        again = client.get(consultation.get_absolute_url())
    assert again.content == response.content


def test_consultation_page_shows_a_new_comment_at_once(world, client):
    url = world.open.get_absolute_url()
    assert "Nowa uwaga do projektu" not in client.get(url).content.decode()
    client.force_login(world.member_a)
    response = client.post(
        f"/konsultacje/{world.open.pk}/uwagi/nowa/",
        {
            "speaker": str(world.org_a.pk),
            "justification": "Nowa uwaga do projektu",
            "proposed_wording": "Inne brzmienie",
        },
    )
    assert response.status_code == 302
    client.logout()
    assert "Nowa uwaga do projektu" in client.get(url).content.decode()


def test_comment_list_pages_the_comments_of_one_provision(client):
    consultation = ConsultationFactory(published=True, with_text=True)
    unit = consultation.versions.get().units.all()[2]
    CommentFactory.create_batch(25, consultation=consultation, unit=unit)
    CommentFactory(consultation=consultation, justification="Uwaga do całości XYZ")
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert page.count("<article") == UNIT_COMMENTS_SHOWN + 1
    url = f"/konsultacje/{consultation.pk}/uwagi/"
    first = client.get(url, {"jednostka": unit.pk}).content.decode()
    assert first.count("<article") == 20
    assert "Uwaga do całości XYZ" not in first
    second = client.get(url, {"jednostka": unit.pk, "strona": 2}).content.decode()
    assert second.count("<article") == 5
    general = client.get(url).content.decode()
    assert general.count("<article") == 1
    assert "Uwaga do całości XYZ" in general
    assert client.get(url, {"jednostka": "x"}).status_code == 404


def test_comment_body_shows_an_edit_at_once(world, client):
    url = f"/konsultacje/{world.open.pk}/uwagi/"
    assert world.own.justification in client.get(url).content.decode()
    client.force_login(world.member_a)
    response = client.post(
        f"/konsultacje/{world.open.pk}/uwagi/{world.own.pk}/edytuj/",
        {"justification": "Poprawione uzasadnienie ABC"},
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Poprawione uzasadnienie ABC" in page
    assert world.own.justification not in page


def test_list_query_count_is_constant(client, django_assert_num_queries):
    ConsultationFactory.create_batch(3, published=True)
    # Queries: years for the filter (1), count for the paginator (1), the page with
    # comment counts (1).
    with django_assert_num_queries(3):
        client.get("/konsultacje/")
    ConsultationFactory.create_batch(30, published=True)
    with django_assert_num_queries(3):
        client.get("/konsultacje/?phase=open&strona=2")


def test_list_filters(client):
    ConsultationFactory(published=True, title="Otwarta A")
    ConsultationFactory(ended=True, title="Zamknięta B")
    page = client.get("/konsultacje/?phase=open").content.decode()
    assert "Otwarta A" in page and "Zamknięta B" not in page
    page = client.get("/konsultacje/?phase=closed").content.decode()
    assert "Zamknięta B" in page and "Otwarta A" not in page


def test_exports_hold_every_comment(world, client):
    import io

    from openpyxl import load_workbook

    client.force_login(world.clerk)
    exported = client.get(f"/konsultacje/{world.open.pk}/uwagi.csv")
    assert exported["Cache-Control"] == "private, no-store"
    csv_text = exported.content.decode("utf-8-sig")
    assert "Ukryta obelga XYZ." in csv_text and world.own.justification in csv_text
    exported = client.get(f"/konsultacje/{world.open.pk}/uwagi.xlsx")
    assert exported["Cache-Control"] == "private, no-store"
    sheet = load_workbook(io.BytesIO(exported.content)).active
    assert sheet.max_row == 3


def test_diff_page(client, clerk):
    from consultations import services
    from tests.consultations.factories import DRAFT

    consultation = ConsultationFactory(published=True, with_text=True)
    services.version_create(
        consultation=consultation,
        text=DRAFT.replace("nieodpłatnie", "za opłatą"),
        actor=clerk,
    )
    page = client.get(f"/konsultacje/{consultation.pk}/zmiany/").content.decode()
    assert "<del>" in page and "za opłatą" in page


def test_survey_answer_and_results(world, client):
    question = world.survey.questions.get()
    client.force_login(world.resident)
    response = client.post(
        f"/konsultacje/ankiety/{world.survey.pk}/", {f"q{question.pk}": "4"}
    )
    assert response.status_code == 302
    page = client.get(
        f"/konsultacje/ankiety/{world.survey.pk}/wyniki/"
    ).content.decode()
    assert "<svg" in page and "<table" in page


@pytest.fixture
def clerk_with_2fa(clerk):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.get_or_create(
        user=clerk, type=Authenticator.Type.TOTP, defaults={"data": {}}
    )
    return clerk


def test_admin_draft_upload_splits_the_text(client, clerk_with_2fa):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.consultations.factories import DRAFT

    consultation = ConsultationFactory()
    client.force_login(clerk_with_2fa)
    url = f"/admin/consultations/consultation/{consultation.pk}/draft/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"source_file": SimpleUploadedFile("p.txt", DRAFT.encode()), "note": "v1"}
    )
    assert response.status_code == 302
    version = consultation.versions.get()
    assert version.units.filter(label="§ 2 pkt 1").exists()
    assert (
        client.get(
            f"/admin/consultations/draftversion/{version.pk}/change/"
        ).status_code
        == 200
    )


def test_admin_pages_render(client, clerk_with_2fa):
    consultation = ConsultationFactory(published=True, with_text=True)
    comment = CommentFactory(consultation=consultation)
    client.force_login(clerk_with_2fa)
    for url in (
        "/admin/consultations/consultation/",
        f"/admin/consultations/consultation/{consultation.pk}/change/",
        "/admin/consultations/consultation/add/",
        "/admin/consultations/comment/",
        "/admin/consultations/comment/?decision=none",
        "/admin/consultations/comment/add/",
        f"/admin/consultations/comment/{comment.pk}/change/",
        "/admin/consultations/survey/add/",
    ):
        assert client.get(url).status_code == 200, url


AUDIT = {
    "cooperation-statuschange-content_type-object_id-TOTAL_FORMS": "0",
    "cooperation-statuschange-content_type-object_id-INITIAL_FORMS": "0",
}


def test_admin_enters_a_paper_comment_and_hides_one(client, clerk_with_2fa):
    from django.utils import timezone

    consultation = ConsultationFactory(published=True)
    client.force_login(clerk_with_2fa)
    response = client.post(
        "/admin/consultations/comment/add/",
        {
            "consultation": consultation.pk,
            "author_name": "Jan Kowalski",
            "channel": "paper",
            "received_on": timezone.localdate().isoformat(),
            "justification": "Uwaga złożona na piśmie.",
            "_save": "1",
            **AUDIT,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    comment = Comment.objects.get(justification="Uwaga złożona na piśmie.")
    assert comment.channel == "paper" and comment.entered_by == clerk_with_2fa
    response = client.post(
        f"/admin/consultations/comment/{comment.pk}/change/",
        {"hide": "on", "hidden_reason": "", "_save": "1", **AUDIT},
    )
    assert response.status_code == 200  # the form says the reason is missing
    response = client.post(
        f"/admin/consultations/comment/{comment.pk}/change/",
        {
            "hide": "on",
            "hidden_reason": "Dane osobowe osób trzecich.",
            "_save": "1",
            **AUDIT,
        },
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.is_hidden


def test_survey_list_query_count_is_constant(client, django_assert_num_queries):
    SurveyFactory.create_batch(2)
    # Queries: surveys with consultation, programme and response counts (1).
    with django_assert_num_queries(1):
        assert client.get("/konsultacje/ankiety/").status_code == 200
    SurveyFactory.create_batch(20, consultation=ConsultationFactory(published=True))
    with django_assert_num_queries(1):
        assert client.get("/konsultacje/ankiety/").status_code == 200


def test_exports_do_not_run_formulas(client, clerk):
    import io

    from openpyxl import load_workbook

    consultation = ConsultationFactory(published=True)
    CommentFactory(
        consultation=consultation, justification='=HYPERLINK("http://x","y")'
    )
    client.force_login(clerk)
    csv_text = client.get(f"/konsultacje/{consultation.pk}/uwagi.csv").content.decode(
        "utf-8-sig"
    )
    assert "'=HYPERLINK" in csv_text
    data = client.get(f"/konsultacje/{consultation.pk}/uwagi.xlsx").content
    cell = load_workbook(io.BytesIO(data)).active.cell(row=2, column=10)
    assert cell.data_type == "s" and cell.value.startswith("'=")


def test_consultation_page_for_a_member_keeps_its_query_count(world, client):
    client.force_login(world.member_a)
    units = list(world.open.versions.get().units.all())
    url = world.open.get_absolute_url()
    client.get(url)  # warm the session
    cache.clear()  # count a render, not the cached fragment
    few = _count_queries(client, url)
    Comment.objects.bulk_create(
        Comment(
            consultation=world.open,
            unit=units[i % len(units)],
            author=world.member_a if i % 2 else None,
            organisation=world.org_a if i % 3 else None,
            author_name=f"Osoba {i}",
            justification="Uzasadnienie",
        )
        for i in range(500)
    )
    cache.clear()  # bulk_create sends no signals
    # The cache emptied, the session, the person and their unread messages are read
    # too, and whether the person follows the consultation (its button).
    assert _count_queries(client, url) == few <= 14


def _comment(client, world, justification):
    return client.post(
        f"/konsultacje/{world.open.pk}/uwagi/nowa/",
        {"speaker": str(world.org_a.pk), "justification": justification},
    )


def test_overlong_comment_is_refused_with_a_message_and_kept(world, client, settings):
    settings.COMMENT_MAX_LENGTH = 1000
    client.force_login(world.member_a)
    text = "Uzasadnienie " + "y" * 1000
    response = _comment(client, world, text)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ten tekst jest za długi" in page and text in page
    assert not Comment.objects.filter(justification=text).exists()


def test_comments_over_the_rate_limit_are_refused_and_the_text_kept(
    world, client, settings
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "comment": "2/10m"}
    client.force_login(world.member_a)
    assert _comment(client, world, "Pierwsza uwaga.").status_code == 302
    assert _comment(client, world, "Druga uwaga.").status_code == 302
    response = _comment(client, world, "Trzecia uwaga, zbyt szybko.")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Nic nie zapisano" in page and "Trzecia uwaga, zbyt szybko." in page
    assert not Comment.objects.filter(justification__startswith="Trzecia").exists()


def test_rate_limit_lets_comments_through_when_the_cache_is_down(
    world, client, settings, monkeypatch
):
    class DownCache:
        def add(self, *args, **kwargs):
            raise ConnectionError("cache down")

        incr = add

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "comment": "1/10m"}
    client.force_login(world.member_a)
    monkeypatch.setattr("cooperation.core.limits.cache", DownCache())
    assert _comment(client, world, "Pierwsza uwaga.").status_code == 302
    assert _comment(client, world, "Druga uwaga.").status_code == 302


def _upload(client, clerk, name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    consultation = ConsultationFactory()
    client.force_login(clerk)
    response = client.post(
        f"/admin/consultations/consultation/{consultation.pk}/draft/",
        {"source_file": SimpleUploadedFile(name, content), "note": "v1"},
    )
    return consultation, response


def test_docx_that_expands_beyond_the_limit_is_refused_before_parsing(
    client, clerk_with_2fa, settings, tmp_path
):
    import zipfile

    import docx

    settings.DOCX_MAX_UNCOMPRESSED_MB = 1
    document = docx.Document()
    document.add_paragraph("§ 1. Uchwała wchodzi w życie.")
    path = tmp_path / "bomba.docx"
    document.save(path)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/zera.bin", b"\0" * (3 * 1024 * 1024))
    assert path.stat().st_size < 100_000
    consultation, response = _upload(
        client, clerk_with_2fa, "bomba.docx", path.read_bytes()
    )
    assert response.status_code == 200
    assert "po otwarciu" in response.content.decode()
    assert not consultation.versions.exists()


def test_text_file_over_the_upload_limit_is_refused(client, clerk_with_2fa, settings):
    settings.UPLOAD_MAX_MB = 1
    consultation, response = _upload(
        client, clerk_with_2fa, "duzy.txt", b"\xc2\xa7 1. Tekst.\n" * 200_000
    )
    assert response.status_code == 200
    assert "Plik jest za duży" in response.content.decode()
    assert not consultation.versions.exists()


def test_draft_text_over_the_limit_is_refused(client, clerk_with_2fa, settings):
    settings.DRAFT_MAX_LENGTH = 1000
    consultation, response = _upload(
        client, clerk_with_2fa, "projekt.txt", ("§ 1. Tekst.\n" * 200).encode()
    )
    assert response.status_code == 200
    assert "Sprawdź, czy to właściwy plik" in response.content.decode()
    assert not consultation.versions.exists()


def test_draft_file_with_nul_characters_gets_a_message(client, clerk_with_2fa):
    consultation, response = _upload(
        client, clerk_with_2fa, "projekt.txt", "§ 1. Tekst\x00 ukryty.".encode()
    )
    assert response.status_code == 200
    assert "znaki NUL" in response.content.decode()
    assert not consultation.versions.exists()


def test_exports_name_people_and_never_show_an_e_mail(client, clerk, user_factory):
    nameless = user_factory(
        email="bez.imienia@example.org", first_name="", last_name=""
    )
    decider = user_factory(
        email="decyzja@example.org", first_name="", last_name="", clerk=True
    )
    consultation = ConsultationFactory(published=True, with_text=True)
    CommentFactory(
        consultation=consultation,
        author=nameless,
        author_name="",
        rejected=True,
        decided_by=decider,
    )
    client.force_login(clerk)
    exported = client.get(f"/konsultacje/{consultation.pk}/uwagi.csv")
    text = exported.content.decode("utf-8-sig")
    assert "@example.org" not in text
    assert "nie podano" in text


@pytest.mark.parametrize("language", ["pl", "en"])
def test_a_provision_chosen_by_its_link_fills_in_the_wording_concerned(
    world, client, language
):
    from django.utils.html import escape

    client.force_login(world.resident)
    unit = world.open.versions.get().units.get(label="§ 2")
    url = f"/konsultacje/{world.open.pk}/uwagi/nowa/"
    html = client.get(
        url, {"jednostka": unit.pk}, headers={"accept-language": language}
    ).content.decode()
    assert f'<option value="{unit.pk}" selected>' in html
    assert f'id="id_current_wording">\n{escape(unit.text)}</textarea>' in html
    label = "Dotychczasowe brzmienie" if language == "pl" else "Wording concerned"
    assert f'<label for="id_current_wording">{label}' in html
    # The texts of the other provisions for the script, which is served locally.
    assert '<script id="unit-texts" type="application/json">' in html
    assert 'src="/static/consultations/comment-form.js"' in html
    # Without a provision, or with one of another draft, the field stays empty.
    for query in ({}, {"jednostka": "999999"}, {"jednostka": "§2"}):
        html = client.get(url, query).content.decode()
        assert 'id="id_current_wording">\n</textarea>' in html


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("pl", "Zaloguj się, aby zgłosić uwagę do tego przepisu"),
        ("en", "Log in to comment on this provision"),
    ],
)
def test_anonymous_visitors_see_each_provision_open_to_comments_with_a_log_in_link(
    world, client, language, text
):
    from urllib.parse import quote

    units = [u for u in world.open.versions.get().units.all() if u.kind != "preamble"]
    html = client.get(
        world.open.get_absolute_url(), headers={"accept-language": language}
    ).content.decode()
    for unit in units:
        back = quote(world.open.get_absolute_url()) + f"%23jednostka-{unit.pk}"
        assert f'href="/konto/login/?next={back}">{text}' in html
    # A closed consultation offers no such link.
    closed = client.get(world.reported.get_absolute_url()).content.decode()
    assert "Zaloguj się, aby zgłosić uwagę do tego przepisu" not in closed


def test_the_split_check_is_for_clerks_and_private(client, clerk):
    from consultations import services

    consultation = ConsultationFactory(with_text=True)
    url = f"/konsultacje/{consultation.pk}/podzial/"
    assert client.get(url).status_code == 302
    client.force_login(clerk)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "§ 2" in response.content.decode()
    services.version_check(version=consultation.versions.get(), actor=clerk)
