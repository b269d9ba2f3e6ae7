"""Public pages of the cooperation area: programme, annual report, non-financial forms."""

from django.urls import path

from .ical import calendar_feed
from .programme.urls import urlpatterns as programme_urls

app_name = "cooperation"

urlpatterns: list = [
    *programme_urls,
    path("kalendarz.ics", calendar_feed, name="calendar-feed"),
]
