from django.urls import path

from cooperation.core.cache import public_cache

from . import views

# The areas the council's page shows (``cooperation.core.cache``): its own records,
# the organisations' names and the linked consultations, programmes and competitions.
AREAS = ("council", "ngos", "consultations", "programme", "grants")

app_name = "council"

urlpatterns = [
    path("wspolpraca/rada/", public_cache(views.council, areas=AREAS), name="index"),
]
