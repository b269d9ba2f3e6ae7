from django.urls import path

from cooperation.cache import public_cache

from . import views

urlpatterns = [
    path(
        "program-wspolpracy/", public_cache(views.programme_list), name="programme-list"
    ),
    path(
        "program-wspolpracy/<int:year>/",
        public_cache(views.programme_detail),
        name="programme-detail",
    ),
    path(
        "program-wspolpracy/<int:year>/program.pdf",
        views.programme_pdf,
        name="programme-pdf",
    ),
]
