"""The portal's settings for the benchmark: the ``bench`` app, its middleware and URLs."""

from cooperation.settings import *  # noqa: F403
from cooperation.settings import INSTALLED_APPS, MIDDLEWARE

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]
ROOT_URLCONF = "bench.urls"
