"""The arrival stamp of a request: the moment deadlines are checked against."""

import time

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from cooperation.core.middleware import RequestArrivalMiddleware, proxy_request_start


def stamped(**headers):
    request = RequestFactory().post("/", **headers)
    RequestArrivalMiddleware(lambda r: HttpResponse())(request)
    return request.arrived_at


def test_arrival_is_stamped_first_in_the_middleware(settings):
    assert (
        settings.MIDDLEWARE[0] == "cooperation.core.middleware.RequestArrivalMiddleware"
    )
    before = time.time()
    arrived = stamped().timestamp()
    assert before <= arrived <= time.time()


def test_proxy_header_is_ignored_unless_configured(settings):
    settings.REQUEST_START_HEADER = ""
    forged = time.time() - 60
    assert stamped(HTTP_X_REQUEST_START=f"t={forged}").timestamp() > forged + 59


def test_configured_proxy_header_gives_the_arrival(settings):
    settings.REQUEST_START_HEADER = "X-Request-Start"
    sent = time.time() - 2.5
    assert stamped(HTTP_X_REQUEST_START=f"t={sent:.3f}").timestamp() == pytest.approx(
        sent, abs=1e-3
    )


@pytest.mark.parametrize(
    "value",
    ["t=1700000000.250", "1700000000250", "t=1700000000250000", "1700000000.25"],
)
def test_request_start_in_seconds_milliseconds_or_microseconds(value):
    assert proxy_request_start(value, now=1700000001, max_age=300) == pytest.approx(
        1700000000.25
    )


@pytest.mark.parametrize("value", ["", "t=", "abc", "t=nan", "-5", "t=1600000000"])
def test_unusable_or_stale_request_start_is_ignored(value):
    assert proxy_request_start(value, now=1700000000, max_age=300) is None


def test_request_start_from_a_clock_ahead_counts_as_now():
    assert proxy_request_start("t=1700000009", now=1700000000, max_age=300) == (
        1700000000
    )
