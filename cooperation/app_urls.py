"""Public pages of the cooperation area: programme, annual report, non-financial forms."""

from django.urls import path  # noqa: F401

from .ical import calendar_feed

app_name = "cooperation"

urlpatterns: list = [
    path("kalendarz.ics", calendar_feed, name="calendar-feed"),
]
