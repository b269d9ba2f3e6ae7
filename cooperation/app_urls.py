"""Public pages of the cooperation area: programme, annual report, non-financial forms."""

from django.urls import path  # noqa: F401

app_name = "cooperation"

urlpatterns: list = []
