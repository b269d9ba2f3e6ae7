"""``/api/``: the documentation page, ``/api/v1/`` the endpoints and their schema."""

from __future__ import annotations

from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import DefaultRouter

from consultations import api as consultations_api
from cooperation.programme import api as programme_api
from grants import api as grants_api
from ngos import api as ngos_api
from workshops import api as workshops_api

from . import feeds, initiatives, reports, small_grants, views

# The apps whose records the API shows, in the order of the documentation; small
# grants, local initiatives and the annual reports are described here, beside them.
APIS = [
    ngos_api,
    grants_api,
    small_grants,
    initiatives,
    consultations_api,
    workshops_api,
    programme_api,
    reports,
]

router = DefaultRouter()
for module in APIS:
    for prefix, viewset, basename in module.ROUTES:
        router.register(prefix, viewset, basename=basename)

api_patterns = [
    path("api/v1/", include((router.urls, "api"), namespace="api")),
]

urlpatterns = [
    path("api/", views.documentation, name="api-documentation"),
    path(
        "api/v1/schema/",
        SpectacularJSONAPIView.as_view(
            patterns=api_patterns, authentication_classes=[], throttle_classes=[]
        ),
        name="api-schema",
    ),
    *api_patterns,
    path("dane/", views.dataset_list, name="datasets"),
    path("dane/katalog.jsonld", views.dataset_catalogue, name="dataset-catalogue"),
    path(
        "dane/<slug:slug>/slownik.csv",
        views.dataset_dictionary,
        name="dataset-dictionary",
    ),
    path("dane/<slug:slug>.<str:format>", views.dataset_file, name="dataset-file"),
    path("kanaly/konkursy.xml", feeds.NewCompetitions(), name="feed-competitions"),
    path("kanaly/wyniki.xml", feeds.CompetitionResults(), name="feed-results"),
    path("kanaly/konsultacje.xml", feeds.NewConsultations(), name="feed-consultations"),
    path("kanaly/sprawozdania.xml", feeds.ConsultationReports(), name="feed-reports"),
    path("kanaly/male-granty.xml", feeds.SmallGrantsOpen(), name="feed-small-grants"),
    path(
        "kanaly/sprawozdania-z-programu.xml",
        feeds.ProgrammeReports(),
        name="feed-programme-reports",
    ),
]
