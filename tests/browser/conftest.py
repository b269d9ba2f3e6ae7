import os

import pytest

# Playwright's sync API runs an event loop in the test thread; the Django ORM
# refuses to run there unless told that this is safe (it is: one thread per test).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A browser set up as most of the portal's visitors have it: Polish."""
    return {**browser_context_args, "locale": "pl-PL"}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth counts log-in attempts in the cache; each test starts with none."""
    from django.core.cache import cache

    cache.clear()
