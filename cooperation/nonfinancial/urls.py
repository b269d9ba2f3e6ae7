from django.urls import path

from cooperation.core.cache import public_cache

from . import feeds, views

# The areas a non-financial cooperation page shows (``cooperation.core.cache``).
AREAS = ("nonfinancial", "ngos")

app_name = "nonfinancial"

urlpatterns = [
    path("wspolpraca/", public_cache(views.index, areas=AREAS), name="index"),
    path(
        "wspolpraca/informacja/",
        public_cache(views.information, areas=AREAS),
        name="information",
    ),
    path(
        "wspolpraca/informacja/kanal.xml",
        feeds.MutualInformation(),
        name="information-feed",
    ),
    path(
        "wspolpraca/informacja/zglos/",
        views.planned_activity_submit,
        name="planned-activity-submit",
    ),
    path(
        "wspolpraca/zespoly/",
        public_cache(views.team_list, areas=AREAS),
        name="team-list",
    ),
    path(
        "wspolpraca/zespoly/propozycja/",
        views.team_propose,
        name="team-propose",
    ),
    path(
        "wspolpraca/patronaty/",
        public_cache(views.patronage_list, areas=AREAS),
        name="patronage-list",
    ),
    path(
        "wspolpraca/patronaty/wniosek/",
        views.patronage_request,
        name="patronage-request",
    ),
    path(
        "wspolpraca/lokale/",
        public_cache(views.resource_list, areas=AREAS),
        name="resource-list",
    ),
    path(
        "wspolpraca/lokale/<slug:slug>/",
        public_cache(views.resource_detail, areas=AREAS),
        name="resource-detail",
    ),
    path(
        "wspolpraca/lokale/<slug:slug>/rezerwacja/",
        views.booking_request,
        name="booking-request",
    ),
    path(
        "wspolpraca/rezerwacje/<int:pk>/umowa-uzyczenia.pdf",
        views.agreement_pdf,
        name="agreement-pdf",
    ),
    path(
        "wspolpraca/promocja/",
        public_cache(views.promotion_list, areas=AREAS),
        name="promotion-list",
    ),
    path(
        "wspolpraca/promocja/wniosek/",
        views.promotion_request,
        name="promotion-request",
    ),
    path(
        "wspolpraca/rekomendacje/wniosek/",
        views.letter_request,
        name="letter-request",
    ),
    path(
        "wspolpraca/rekomendacje/<int:pk>/list.pdf",
        views.letter_pdf,
        name="letter-pdf",
    ),
    path(
        "wspolpraca/wnioski-wlasne/",
        public_cache(views.proposal_list, areas=AREAS),
        name="proposal-list",
    ),
    path(
        "wspolpraca/wnioski-wlasne/nowy/",
        views.proposal_submit,
        name="proposal-submit",
    ),
    path(
        "wspolpraca/wnioski-wlasne/<int:pk>/",
        public_cache(views.proposal_detail, areas=AREAS),
        name="proposal-detail",
    ),
    path("wspolpraca/moje-wnioski/", views.my_requests, name="my-requests"),
]
