from django.urls import path

from cooperation.core.cache import public_cache

from . import views

# The areas a consultation page shows (``cooperation.core.cache``).
AREAS = ("consultations", "programme", "ngos", "people")

app_name = "consultations"

urlpatterns = [
    path(
        "konsultacje/",
        public_cache(views.consultation_list, areas=AREAS),
        name="consultation-list",
    ),
    path(
        "konsultacje/<int:pk>/",
        public_cache(views.consultation_detail, areas=AREAS),
        name="consultation-detail",
    ),
    path(
        "konsultacje/<int:pk>/uwagi/",
        public_cache(views.comment_list, areas=AREAS),
        name="comment-list",
    ),
    path(
        "konsultacje/<int:pk>/uwagi/nowa/", views.comment_create, name="comment-create"
    ),
    path(
        "konsultacje/<int:pk>/uwagi/<int:comment_pk>/edytuj/",
        views.comment_edit,
        name="comment-edit",
    ),
    path("konsultacje/<int:pk>/zmiany/", views.version_diff, name="version-diff"),
    path(
        "konsultacje/<int:pk>/podzial/", views.version_preview, name="version-preview"
    ),
    path("konsultacje/<int:pk>/raport.pdf", views.report_pdf, name="report-pdf"),
    path("konsultacje/<int:pk>/uwagi.csv", views.comments_csv, name="comments-csv"),
    path("konsultacje/<int:pk>/uwagi.xlsx", views.comments_xlsx, name="comments-xlsx"),
    path(
        "konsultacje/ankiety/",
        public_cache(views.survey_list, areas=AREAS),
        name="survey-list",
    ),
    path("konsultacje/ankiety/<int:pk>/", views.survey_detail, name="survey-detail"),
    path(
        "konsultacje/ankiety/<int:pk>/wyniki/",
        views.survey_results,
        name="survey-results",
    ),
]
