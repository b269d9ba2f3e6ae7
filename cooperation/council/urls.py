from django.urls import path

from cooperation.core.cache import public_cache

from . import views

# The areas the council's page shows (``cooperation.core.cache``): its own records,
# the organisations' names and the linked consultations, programmes and competitions.
AREAS = ("council", "ngos", "consultations", "programme", "grants")

app_name = "council"

urlpatterns = [
    path("wspolpraca/rada/", public_cache(views.council, areas=AREAS), name="index"),
    path("wspolpraca/rada/udzial/", views.take_part, name="take-part"),
    path("wspolpraca/rada/wniosek/", views.request_start, name="request-start"),
    path(
        "wspolpraca/rada/wniosek/<int:pk>/podpis/",
        views.request_sign,
        name="request-sign",
    ),
    path(
        "wspolpraca/rada/wniosek/<int:pk>/zloz/",
        views.request_submit,
        name="request-submit",
    ),
    path(
        "wspolpraca/rada/wybory/<int:pk>/zgloszenie/",
        views.nominate,
        name="nominate",
    ),
    path("wspolpraca/rada/wybory/<int:pk>/glos/", views.vote, name="vote"),
]
