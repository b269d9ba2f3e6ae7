from django.urls import path

from cooperation.core.cache import public_cache

from . import views

app_name = "programme"

urlpatterns = [
    path("program-wspolpracy/", public_cache(views.programme_list), name="list"),
    path(
        "program-wspolpracy/<int:year>/",
        public_cache(views.programme_detail),
        name="detail",
    ),
    path(
        "program-wspolpracy/<int:year>/program.pdf",
        views.programme_pdf,
        name="pdf",
    ),
]
