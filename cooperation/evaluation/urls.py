from django.urls import path

from cooperation.core.cache import public_cache

from . import views

# The report shows figures of every area of cooperation (``cooperation.core.cache``).
AREAS = (
    "evaluation",
    "programme",
    "grants",
    "consultations",
    "workshops",
    "nonfinancial",
    "ngos",
)

app_name = "evaluation"

urlpatterns = [
    path(
        "program-wspolpracy/sprawozdania/",
        public_cache(views.trend_page, areas=AREAS),
        name="trend",
    ),
    path(
        "program-wspolpracy/sprawozdania/zestawienie.<str:fmt>",
        views.trend_export,
        name="trend-export",
    ),
    path(
        "program-wspolpracy/<int:year>/sprawozdanie/",
        public_cache(views.report_page, areas=AREAS),
        name="report",
    ),
    path(
        "program-wspolpracy/<int:year>/sprawozdanie.pdf",
        views.report_pdf,
        name="report-pdf",
    ),
    path(
        "program-wspolpracy/<int:year>/sprawozdanie/<slug:table>.<str:fmt>",
        views.report_table,
        name="report-table",
    ),
]
