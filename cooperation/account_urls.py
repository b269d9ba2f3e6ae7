from django.urls import path

from . import account_views

urlpatterns = [
    path("", account_views.overview, name="account-overview"),
]
