"""The site's own pages."""

from django.urls import path

from cooperation.core.cache import public_cache

from . import views
from .ical import calendar_feed

urlpatterns = [
    path(
        "",
        public_cache(
            views.home,
            areas=[
                "grants",
                "consultations",
                "workshops",
                "nonfinancial",
                "ngos",
                "programme",
            ],
        ),
        name="home",
    ),
    path(
        "deklaracja-dostepnosci/",
        public_cache(views.accessibility_statement, areas=()),
        name="accessibility",
    ),
    path("ochrona-danych/", public_cache(views.privacy, areas=()), name="privacy"),
    path("healthz/", views.healthz, name="healthz"),
    path("readyz/", views.readyz, name="readyz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("kalendarz.ics", calendar_feed, name="calendar-feed"),
]
