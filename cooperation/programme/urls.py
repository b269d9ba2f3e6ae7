from django.urls import path

from cooperation.core.cache import public_cache

from . import views

# The areas a programme page shows (``cooperation.core.cache``).
AREAS = ("programme", "ngos", "workshops", "consultations", "evaluation", "council")

app_name = "programme"

urlpatterns = [
    path(
        "program-wspolpracy/",
        public_cache(views.programme_list, areas=AREAS),
        name="list",
    ),
    path(
        "program-wspolpracy/<int:year>/",
        public_cache(views.programme_detail, areas=AREAS),
        name="detail",
    ),
    path(
        "program-wspolpracy/<int:year>/program.pdf",
        views.programme_pdf,
        name="pdf",
    ),
]
