from django.urls import path

from . import views

urlpatterns = [
    path("program-wspolpracy/", views.programme_list, name="programme-list"),
    path(
        "program-wspolpracy/<int:year>/",
        views.programme_detail,
        name="programme-detail",
    ),
    path(
        "program-wspolpracy/<int:year>/program.pdf",
        views.programme_pdf,
        name="programme-pdf",
    ),
]
