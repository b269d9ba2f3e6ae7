"""The portal's URLs and the baseline page."""

from django.urls import path

from cooperation.urls import urlpatterns as portal_urlpatterns

from .runner import BASELINE_PATH
from .views import baseline

urlpatterns = [
    path(BASELINE_PATH.lstrip("/"), baseline, name="bench-baseline"),
    *portal_urlpatterns,
]
