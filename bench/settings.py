"""The portal's settings for the benchmark: the ``bench`` app, its middleware and URLs."""

from cooperation.settings import *  # noqa: F403
from cooperation.settings import INSTALLED_APPS, MIDDLEWARE

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
# Queries are counted inside the arrival stamp, which stays first.
MIDDLEWARE = [MIDDLEWARE[0], "bench.middleware.QueryCountMiddleware", *MIDDLEWARE[1:]]
ROOT_URLCONF = "bench.urls"
