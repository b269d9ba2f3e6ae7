from django.urls import path

from cooperation.core.cache import public_cache

from . import views

# The areas a workshops page shows (``cooperation.core.cache``).
AREAS = ("workshops", "ngos", "programme", "consultations", "people")

app_name = "workshops"

urlpatterns = [
    path("warsztaty/", public_cache(views.event_list, areas=AREAS), name="event-list"),
    path(
        "warsztaty/kalendarz/",
        public_cache(views.event_calendar, areas=AREAS),
        name="event-calendar",
    ),
    path(
        "warsztaty/kalendarz/<int:year>/<int:month>/",
        public_cache(views.event_calendar, areas=AREAS),
        name="event-calendar-month",
    ),
    path("warsztaty/moje-zapisy/", views.my_registrations, name="my-registrations"),
    path(
        "warsztaty/grupy/",
        public_cache(views.group_list, areas=AREAS),
        name="group-list",
    ),
    path(
        "warsztaty/grupy/<slug:slug>/",
        public_cache(views.group_detail, areas=AREAS),
        name="group-detail",
    ),
    path(
        "warsztaty/<int:pk>/",
        public_cache(views.event_detail, areas=AREAS),
        name="event-detail",
    ),
    path("warsztaty/<int:pk>/zapisy/", views.event_register, name="event-register"),
    path(
        "warsztaty/<int:pk>/rezygnacja/",
        views.registration_cancel,
        name="registration-cancel",
    ),
    path(
        "warsztaty/<int:pk>/lista-obecnosci.pdf",
        views.attendance_list_pdf,
        name="attendance-list-pdf",
    ),
    path(
        "warsztaty/zapisy/<int:pk>/zaswiadczenie.pdf",
        views.certificate_pdf,
        name="certificate-pdf",
    ),
]
