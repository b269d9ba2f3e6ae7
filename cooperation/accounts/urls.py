from django.urls import path

from . import views as account_views

# Mounted at /konto/ before django-allauth's URLs, which share the prefix.
urlpatterns = [
    path("", account_views.overview, name="account-overview"),
    path("imie/", account_views.name, name="account-name"),
    path("jezyk/", account_views.language, name="account-language"),
    path(
        "powiadomienia/",
        account_views.notification_settings,
        name="account-notification-settings",
    ),
    path(
        "obserwuj/<slug:kind>/<int:pk>/",
        account_views.follow,
        name="account-follow",
    ),
    path("sprawy/", account_views.cases, name="account-cases"),
    path("wiadomosci/", account_views.messages_inbox, name="account-inbox"),
    path(
        "wiadomosci/<int:pk>/otworz/",
        account_views.messages_open,
        name="account-inbox-open",
    ),
    path(
        "wiadomosci/przeczytane/",
        account_views.messages_read_all,
        name="account-inbox-read-all",
    ),
    path("moje-dane/", account_views.export, name="account-export"),
    path("usun/", account_views.delete, name="account-delete"),
]
