"""Requests generated from the OpenAPI schema never meet a server error."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from cooperation.api.schema import openapi_schema

schema = schemathesis.openapi.from_dict(openapi_schema())
schema.app = get_wsgi_application()


@pytest.fixture(autouse=True)
def _as_the_test_client_does(settings):
    """No rate limit, and the test's database connection kept open between requests
    (Django's test client does the same)."""
    settings.API_RATE_ANONYMOUS = "100000/min"
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_generated_request_meets_a_server_error(case, published):
    case.call_and_validate(headers={"Host": "testserver"}, checks=[not_a_server_error])


def test_the_generated_requests_cover_every_list_and_record():
    covered = {result.ok().path for result in schema.get_all_operations()}
    assert covered == set(openapi_schema()["paths"])
    for name in ("small-grants", "local-initiatives", "annual-reports"):
        assert f"/api/v1/{name}/" in covered
