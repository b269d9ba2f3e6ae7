"""Dates are written one way per language (``cooperation/formats``): "13 grudnia
2026, 15:00" and "13 December 2026, 15:00", on pages, in e-mails and in PDFs, and a
Polish weekday is capitalised only where it opens a line."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import formats, timezone, translation

from tests.consultations.factories import ConsultationFactory
from tests.grants.factories import CompetitionFactory
from tests.workshops.factories import EventFactory

MOMENT = datetime(2026, 12, 13, 15, 0, tzinfo=ZoneInfo("Europe/Warsaw"))
# Django's own English formats, and its Polish short date: none may appear.
FOREIGN = {
    "en": re.compile(
        r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\. \d"
        r"|\b[ap]\.m\.|\bnoon\b|\bmidnight\b|\b\d{2}/\d{2}/\d{4}\b"
    ),
    "pl": re.compile(r"\b\d{2}-\d{2}-\d{4}\b|\b[ap]\.m\."),
}
WEEKDAYS_PL = (
    "Poniedziałek",
    "Wtorek",
    "Środa",
    "Czwartek",
    "Piątek",
    "Sobota",
    "Niedziela",
)


@pytest.mark.parametrize(
    ("language", "date", "datetime_", "short"),
    [
        ("pl", "13 grudnia 2026", "13 grudnia 2026, 15:00", "13.12.2026"),
        ("en", "13 December 2026", "13 December 2026, 15:00", "13 Dec 2026"),
    ],
)
def test_each_language_has_one_way_of_writing_a_date(language, date, datetime_, short):
    with translation.override(language):
        assert formats.date_format(MOMENT, "DATE_FORMAT") == date
        assert formats.date_format(timezone.localtime(MOMENT), "DATETIME_FORMAT") == (
            datetime_
        )
        assert formats.date_format(MOMENT, "SHORT_DATE_FORMAT") == short
        rendered = Template("{{ moment }}|{{ moment|date }}").render(
            Context({"moment": MOMENT})
        )
        assert rendered == f"{datetime_}|{date}"


def test_polish_weekdays_are_written_in_lower_case_inside_a_sentence():
    with translation.override("pl"):
        text = Template(
            '{{ moment|date:"l" }}, {{ moment|date:"DATE_FORMAT" }}'
        ).render(Context({"moment": MOMENT}))
    assert text == "niedziela, 13 grudnia 2026"
    with translation.override("en"):
        assert Template('{{ moment|date:"l" }}').render(
            Context({"moment": MOMENT})
        ) == ("Sunday")


def _pages():
    event = EventFactory(starts_at=MOMENT.replace(year=timezone.now().year + 1))
    competition = CompetitionFactory(announced=True)
    consultation = ConsultationFactory(published=True)
    return event, [
        event.get_absolute_url(),
        reverse("workshops:event-list"),
        competition.get_absolute_url(),
        reverse("grants:competition-list"),
        consultation.get_absolute_url(),
        reverse("consultations:consultation-list"),
        reverse("home"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["pl", "en"])
def test_pages_write_dates_in_the_languages_format(client, language):
    event, urls = _pages()
    for url in urls:
        response = client.get(url, headers={"accept-language": language})
        assert response.status_code == 200, url
        text = response.content.decode()
        found = FOREIGN[language].search(text)
        assert found is None, (url, text[found.start() - 60 : found.end() + 60])
    page = client.get(event.get_absolute_url(), headers={"accept-language": language})
    start = timezone.localtime(event.starts_at)
    with translation.override(language):
        expected = formats.date_format(start, "l, j E Y, H:i")
    expected = expected[0].upper() + expected[1:]
    # The date opens the line of the event's time, so its weekday is capitalised.
    assert f">{expected}</time>" in page.content.decode()


@pytest.mark.django_db
def test_the_calendar_heads_its_columns_with_capitalised_weekdays(client):
    page = client.get(reverse("workshops:event-calendar"))
    text = page.content.decode()
    for day in WEEKDAYS_PL:
        assert f'<th scope="col">{day}</th>' in text
    english = client.get(
        reverse("workshops:event-calendar"), headers={"accept-language": "en"}
    ).content.decode()
    assert '<th scope="col">Sunday</th>' in english


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "subject", "body"),
    [
        (
            "pl",
            "Komisja: oferty do oceny do 13 grudnia 2026",
            "ocenia je do 13 grudnia 2026.",
        ),
        (
            "en",
            "Committee: offers to score by 13 December 2026",
            "scores them by 13 December 2026.",
        ),
    ],
)
def test_e_mails_write_dates_in_the_recipients_format(language, subject, body):
    from cooperation.core.notifications import notify, render_email
    from tests.cooperation.factories import UserFactory

    notification = notify(
        UserFactory(language=language),
        "grants.scoring_due",
        occasion="dates-test",
        context={"competition": "Dni Radlina", "date": MOMENT.date()},
    )
    message = render_email(notification)
    assert message.subject == subject
    assert body in message.body


@pytest.mark.parametrize(
    ("language", "issued"),
    [
        ("pl", "Data wystawienia: 13 grudnia 2026"),
        ("en", "Issued on: 13 December 2026"),
    ],
)
def test_pdfs_write_dates_in_the_documents_language(language, issued):
    from io import BytesIO
    from types import SimpleNamespace

    from pypdf import PdfReader

    from cooperation.core.pdf import render_pdf

    event = SimpleNamespace(
        starts_at=MOMENT,
        ends_at=MOMENT.replace(hour=17),
        place="Radlin",
        online_url="",
        title="Dni Radlina",
        organiser="Urząd Miasta Radlin",
        get_kind_display=lambda: "warsztaty",
        get_topic_display=lambda: "konsultacje",
    )
    registration = SimpleNamespace(
        user=SimpleNamespace(document_name="Ewa Nowak"), organisation=""
    )
    data = render_pdf(
        "workshops/pdf/certificate.html",
        {"event": event, "registration": registration, "issued_on": MOMENT.date()},
        title="Zaświadczenie",
        lang=language,
    )
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(BytesIO(data)).pages
    )
    assert issued in text
    assert (
        "13 grudnia 2026, 15:00" if language == "pl" else "13 December 2026, 15:00"
    ) in text
