from django.urls import path

from cooperation.core.cache import public_cache

from . import views
from .views import AREAS

app_name = "quality"

urlpatterns = [
    path(
        "program-wspolpracy/indeks/",
        public_cache(views.index, areas=AREAS),
        name="index",
    ),
    path(
        "program-wspolpracy/indeks/<int:year>/",
        public_cache(views.year, areas=AREAS),
        name="year",
    ),
    path(
        "program-wspolpracy/indeks/<int:year>/ankieta/",
        views.answer,
        name="answer",
    ),
]
