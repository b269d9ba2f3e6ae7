from django.urls import path

from cooperation.core.cache import public_cache

from . import views

# The areas a directory page shows: a profile lists what the organisation did.
AREAS = ("ngos", "grants", "consultations", "workshops", "people")

app_name = "ngos"

urlpatterns = [
    path(
        "organizacje/",
        public_cache(views.organisation_list, areas=AREAS),
        name="organisation-list",
    ),
    path("organizacje/nowa/", views.organisation_create, name="organisation-create"),
    path(
        "organizacje/partnerzy/",
        public_cache(views.partner_search_list, areas=AREAS),
        name="partner-search-list",
    ),
    path(
        "organizacje/partnerzy/nowe/",
        views.partner_search_create,
        name="partner-search-create",
    ),
    path(
        "organizacje/partnerzy/<int:pk>/",
        public_cache(views.partner_search_detail, areas=AREAS),
        name="partner-search-detail",
    ),
    path(
        "organizacje/<slug:slug>/",
        public_cache(views.organisation_detail, areas=AREAS),
        name="organisation-detail",
    ),
    path(
        "organizacje/<slug:slug>/panel/",
        views.organisation_panel,
        name="organisation-panel",
    ),
    path(
        "organizacje/<slug:slug>/edytuj/",
        views.organisation_edit,
        name="organisation-edit",
    ),
    path(
        "organizacje/<slug:slug>/dolacz/",
        views.membership_request,
        name="membership-request",
    ),
    path(
        "organizacje/<slug:slug>/czlonkowie/<int:pk>/zatwierdz/",
        views.membership_approve,
        name="membership-approve",
    ),
    path(
        "organizacje/<slug:slug>/czlonkowie/<int:pk>/odmow/",
        views.membership_refuse,
        name="membership-refuse",
    ),
    path(
        "organizacje/<slug:slug>/czlonkowie/<int:pk>/zakoncz/",
        views.membership_end,
        name="membership-end",
    ),
]
