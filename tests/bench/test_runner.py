import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from bench import runner as bench
from bench.jobs import JOBS
from bench.middleware import QueryCountMiddleware
from bench.pages import PAGES
from bench.views import baseline
from cooperation.core.models import User

WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:8000/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    18.93ms    5.01ms  60.02ms   76.50%
  4232 requests in 5.01s, 40.12MB read
Requests/sec:    844.16
WRK_JSON {"requests": 4232, "duration_us": 5010000, "p50_us": 18170, "p95_us": 27400, "p99_us": 35860, "non2xx": 0, "socket_errors": 2}
"""


def test_parse_wrk_reads_the_summary():
    numbers = bench.parse_wrk(WRK_OUTPUT)
    assert numbers == {
        "requests": 4232,
        "rps": 844.7,
        "p50_ms": 18.17,
        "p95_ms": 27.4,
        "p99_ms": 35.86,
        "errors": 2,
    }


def test_parse_wrk_refuses_output_without_summary():
    with pytest.raises(ValueError, match="no summary"):
        bench.parse_wrk("unable to connect to 127.0.0.1:8000 Connection refused")


def test_table_has_a_row_per_page_with_the_ratio():
    rows = [
        {
            "page": "baseline",
            "scale": 1,
            "queries": 0,
            "rps": 800.0,
            "p50_ms": 10.0,
            "p95_ms": 15.0,
            "ratio": 1.0,
            "errors": 0,
            "status": 200,
        },
        {
            "page": "clerk: desk",
            "scale": 10,
            "queries": 3,
            "rps": 400.0,
            "p50_ms": 20.0,
            "p95_ms": 31.0,
            "ratio": 0.5,
            "errors": 0,
            "status": 500,
            "logged_in": True,
        },
    ]
    table = bench.format_table(rows).splitlines()
    assert table[0].split() == [
        "page",
        "(rendered",
        "fresh)",
        "scale",
        "SQL",
        "req/s",
        "p50",
        "ms",
        "p95",
        "ms",
        "÷",
        "baseline",
        "errors",
    ]
    assert table[2].split() == [
        "baseline",
        "1",
        "0",
        "800",
        "10.0",
        "15.0",
        "1.00",
        "0",
    ]
    assert table[3].split()[:4] == ["clerk:", "desk", "(logged", "in)"]
    assert table[3].split()[-8:] == [
        "3",
        "400",
        "20.0",
        "31.0",
        "0.50",
        "0",
        "(HTTP",
        "500)",
    ]


def test_cached_table_shows_the_cache_answer():
    rows = [{"page": "home", "scale": 1, "cache": "hit", "rps": 3000.0, "p95_ms": 6.0}]
    table = bench.format_cached(rows).splitlines()
    assert table[2].split() == ["home", "1", "hit", "3000", "6.0"]


def test_mixed_script_counts_the_cache_hits_of_every_thread():
    script = bench.MIXED_SCRIPT % '"/", "/konkursy/"'
    assert 'paths = {"/", "/konkursy/"}' in script
    assert 'headers["X-Public-Cache"] == "hit"' in script
    assert 'thread:get("hits")' in script


@pytest.mark.django_db
def test_baseline_page_needs_no_database(django_assert_num_queries):
    request = RequestFactory().get(bench.BASELINE_PATH)
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        response = baseline(request)
    assert response.status_code == 200
    assert response.content.decode().count("<tr>") == 51


@pytest.mark.django_db
def test_query_count_header():
    def view(request):
        list(User.objects.all())
        User.objects.exists()
        return HttpResponse("ok")

    response = QueryCountMiddleware(view)(RequestFactory().get("/"))
    assert response["X-Queries"] == "2"


def test_home_and_accessibility_pages_and_jobs_are_listed():
    pages = PAGES["site"]()
    assert ("home", "/") in pages
    assert ("accessibility statement", "/deklaracja-dostepnosci/") in pages
    names = list(JOBS)
    assert "reminder sweep over 10,000 due items" in names
    assert any(name.startswith("pdf:") for name in names)


@pytest.mark.django_db
def test_reminder_sweep_job_leaves_no_rows():
    from cooperation.core.models import Notification

    User.objects.create(username="b", email="b@example.org")
    JOBS["reminder sweep over 10,000 due items"]()
    assert not Notification.objects.exists()


def test_sqlite_database_lives_in_the_bench_folder(monkeypatch):
    monkeypatch.delenv("BENCH_DATABASE_URL", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    db = bench.Database()
    assert not db.postgres
    assert db.url.endswith(".bench/bench.sqlite3")


def test_postgres_database_is_a_separate_one(monkeypatch):
    monkeypatch.delenv("BENCH_DATABASE_URL", raising=False)
    monkeypatch.setenv("DATABASE_URL", "postgres://portal:pw@db:5432/portal")
    db = bench.Database()
    assert db.postgres
    assert db.url == "postgres://portal:pw@db:5432/portal_bench"
    assert db.template == "portal_bench_template"


@pytest.mark.django_db
def test_deadline_rush_prepares_complete_offers_and_reports_their_numbers():
    from bench.rush import _prepare, _report

    plan = _prepare(3, 60.0)
    assert len(plan["offers"]) == 3
    assert all(entry["session"] and entry["path"] for entry in plan["offers"])
    report = _report(plan["competition"])
    assert set(report["offers"].values()) == {"draft"}
    assert report["numbers_ok"]


@pytest.mark.django_db
def test_report_reminder_sweep_job_reminds_of_each_report_and_leaves_no_rows():
    from decimal import Decimal

    from bench.jobs import _report_reminder_sweep
    from cooperation.core.models import Notification
    from grants.models import Contract, Report
    from tests.grants.factories import CompetitionFactory, complete_offer
    from tests.grants.worlds import freeze

    assert "reminder sweep over 10,000 due reports" in JOBS
    freeze(
        complete_offer(competition=CompetitionFactory()),
        status="selected",
        sequence=1,
        granted_amount=Decimal("1000"),
    )
    result = _report_reminder_sweep(count=25)
    assert result is not None and result["offered"] >= 25
    assert not Report.objects.exists() and not Contract.objects.exists()
    assert not Notification.objects.exists()
