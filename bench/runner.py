"""``make bench``: load the portal's pages with wrk and time its jobs.

``python -m bench.runner [--scales 1,10] [--duration 5] [--connections 16]``

For each scale the runner gives the benchmark its own database (PostgreSQL
``BENCH_DATABASE_URL``, or ``portal_bench`` on the server of a PostgreSQL
``DATABASE_URL``, otherwise SQLite in ``.bench/``; migrated once into a template
database that each scale clones), seeds it with ``manage.py seed_bench --scale N``,
times the ``bench.jobs.JOBS`` and loads the pages with ``wrk -t2 -c16 --latency``
against gunicorn with two workers (DEBUG off), in three runs:

* **fresh**: every public page of ``bench.pages.PAGES`` and the main logged-in pages
  (``bench.people``: an NGO's offers and offer steps, the committee's pages, the
  clerk's desk and busiest admin lists) on a server without the page cache
  (``PUBLIC_CACHE_SECONDS=0``), each request rendered, between two loads of a
  baseline page (a 50-row table in the portal's layout, no database); the SQL
  queries of a render come from the ``X-Queries`` header;
* **cached**: the public pages as anonymous visitors get them, from the page cache;
* **mixed**: the public pages in turn while log-ins and offer autosaves go on in the
  background; it reports the page cache's hit rate.

At the largest scale it measures the resident memory of the gunicorn workers. It
prints the tables and writes ``bench-results.json`` (git-ignored). The server and
the jobs run with ``bench.settings``: the portal's settings with
``bench.middleware.QueryCountMiddleware`` and the baseline page at
``/_bench/baseline/``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = BASE_DIR / ".bench"
BASELINE_PATH = "/_bench/baseline/"
BASELINE_LABEL = "baseline: 50-row table, no database"
BASELINE_AGAIN_LABEL = "baseline again, after the pages"


def _inspect(run_jobs: bool) -> dict[str, Any]:
    """In a configured Django process: the pages to load and the jobs' timings."""
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .jobs import JOBS
    from .pages import PAGES

    pages: list[tuple[str, str]] = [(BASELINE_LABEL, BASELINE_PATH)]
    for name, provider in PAGES.items():
        try:
            pages += [(str(label), str(path)) for label, path in provider()]
        except Exception as exc:  # noqa: BLE001 - one broken app must not stop the run
            print(f"  ! pages of {name}: {exc}", file=sys.stderr)
    from .people import logged_in_pages

    logged_in = [list(page) for page in logged_in_pages()]
    jobs = []
    if run_jobs:
        for name, job in JOBS.items():
            started = time.perf_counter()
            error = ""
            reported = None
            with CaptureQueriesContext(connection) as queries:
                try:
                    reported = job()
                except Exception as exc:  # noqa: BLE001
                    error = f"{type(exc).__name__}: {exc}"
            seconds = time.perf_counter() - started
            if isinstance(reported, dict) and "seconds" in reported:
                seconds = reported["seconds"]  # the job timed the part that matters
            jobs.append(
                {
                    "job": name,
                    "seconds": round(seconds, 3),
                    "queries": len(queries),
                    "error": error,
                }
            )
    return {"pages": pages, "logged_in": logged_in, "jobs": jobs}


# --- The runner ---------------------------------------------------------------------

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK_JSON {\\"requests\\": %d, \\"duration_us\\": %d, \\"p50_us\\": %d, " ..
    "\\"p95_us\\": %d, \\"p99_us\\": %d, \\"non2xx\\": %d, \\"socket_errors\\": %d}\\n",
    summary.requests, summary.duration, latency:percentile(50),
    latency:percentile(95), latency:percentile(99), e.status,
    e.connect + e.read + e.write + e.timeout))
end
"""


def parse_wrk(output: str) -> dict[str, Any]:
    """The numbers of one wrk run (printed by :data:`WRK_SCRIPT`)."""
    for line in output.splitlines():
        if line.startswith("WRK_JSON "):
            data = json.loads(line[len("WRK_JSON ") :])
            seconds = data["duration_us"] / 1e6 or 1
            return {
                "requests": data["requests"],
                "rps": round(data["requests"] / seconds, 1),
                "p50_ms": round(data["p50_us"] / 1000, 2),
                "p95_ms": round(data["p95_us"] / 1000, 2),
                "p99_ms": round(data["p99_us"] / 1000, 2),
                "errors": data["non2xx"] + data["socket_errors"],
            }
    raise ValueError("wrk printed no summary:\n" + output)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run(cmd: list[str], env: dict[str, str], *, quiet: bool = True) -> str:
    result = subprocess.run(
        cmd, cwd=BASE_DIR, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"Command failed: {' '.join(cmd)}")
    if not quiet:
        sys.stdout.write(result.stdout)
    return result.stdout


class Database:
    """The benchmark's own database: created empty, migrated once, cloned per scale."""

    def __init__(self) -> None:
        url = os.environ.get("BENCH_DATABASE_URL", "")
        default = os.environ.get("DATABASE_URL", "")
        if not url and default.startswith(("postgres://", "postgresql://", "pgsql://")):
            parts = urlsplit(default)
            url = urlunsplit(parts._replace(path="/portal_bench"))
        self.url = url
        self.postgres = url.startswith(("postgres://", "postgresql://", "pgsql://"))
        if self.postgres:
            self.name = urlsplit(url).path.lstrip("/")
            self.template = f"{self.name}_template"
        else:
            self.path = BENCH_DIR / "bench.sqlite3"
            self.template_path = BENCH_DIR / "template.sqlite3"
            self.url = f"sqlite:///{self.path}"

    @property
    def label(self) -> str:
        if self.postgres:
            return f"PostgreSQL {self.name}"
        return f"SQLite {self.path.relative_to(BASE_DIR)}"

    def _admin(self, *statements: str) -> None:
        import psycopg

        parts = urlsplit(self.url)
        with psycopg.connect(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 5432,
            user=parts.username,
            password=parts.password,
            dbname="postgres",
            autocommit=True,
        ) as conn:
            for statement in statements:
                conn.execute(statement)

    def migrated_template(self, env: dict[str, str]) -> None:
        if self.postgres:
            self._admin(
                f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)',
                f'CREATE DATABASE "{self.template}"',
            )
            template_url = urlunsplit(
                urlsplit(self.url)._replace(path=f"/{self.template}")
            )
        else:
            BENCH_DIR.mkdir(exist_ok=True)
            self.template_path.unlink(missing_ok=True)
            template_url = f"sqlite:///{self.template_path}"
        _run(
            [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
            {**env, "DATABASE_URL": template_url},
        )

    def fresh(self) -> None:
        if self.postgres:
            self._admin(
                f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)',
                f'CREATE DATABASE "{self.name}" TEMPLATE "{self.template}"',
            )
        else:
            shutil.copyfile(self.template_path, self.path)

    def analyze(self) -> None:
        """Planner statistics of the freshly seeded data, as a live database has them."""
        if self.postgres:
            import psycopg

            parts = urlsplit(self.url)
            with psycopg.connect(
                host=parts.hostname or "127.0.0.1",
                port=parts.port or 5432,
                user=parts.username,
                password=parts.password,
                dbname=self.name,
                autocommit=True,
            ) as conn:
                conn.execute("VACUUM ANALYZE")
        else:
            import sqlite3

            with sqlite3.connect(self.path) as conn:
                conn.execute("ANALYZE")

    def drop_template(self) -> None:
        if self.postgres:
            self._admin(f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)')
        else:
            self.template_path.unlink(missing_ok=True)


class Server:
    def __init__(self, env: dict[str, str], port: int, workers: int) -> None:
        BENCH_DIR.mkdir(exist_ok=True)
        self.port = port
        self.log = (BENCH_DIR / "gunicorn.log").open("ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "cooperation.wsgi:application",
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
                "--timeout",
                "60",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=self.log,
            stderr=self.log,
        )

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def wait(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit("gunicorn exited; see .bench/gunicorn.log")
            try:
                urllib.request.urlopen(self.url("/healthz/"), timeout=2).read()
                return
            except OSError:
                time.sleep(0.2)
        raise SystemExit("gunicorn did not answer; see .bench/gunicorn.log")

    def _get(self, path: str, headers: dict[str, str]) -> tuple[int, Any]:
        request = urllib.request.Request(self.url(path), headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.headers

    def probe(self, path: str, headers: dict[str, str]) -> tuple[int, int | None, str]:
        """Status, SQL queries and the page cache's answer, after warming up.

        The queries are those of the last request, when both workers have served the
        page before (a worker's first request fills its per-process caches). The
        cache's answer is the best one seen.
        """
        status, queries, states = 0, None, set()
        for _ in range(6):
            status, answer = self._get(path, headers)
            header = answer.get("X-Queries")
            queries = int(header) if header is not None else None
            states.add(answer.get("X-Public-Cache") or "-")
        cache_state = next(s for s in ("hit", "stored", "-") if s in states or s == "-")
        return status, queries, cache_state

    def worker_rss_mb(self) -> list[float]:
        import psutil

        children = psutil.Process(self.process.pid).children()
        return [round(child.memory_info().rss / 2**20, 1) for child in children]

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def _wrk(
    url: str,
    args: argparse.Namespace,
    script: Path,
    *,
    duration: int | None = None,
    headers: tuple[str, ...] = (),
) -> dict[str, Any]:
    extra = [arg for header in headers for arg in ("-H", header)]
    result = subprocess.run(
        [
            "wrk",
            f"-t{args.threads}",
            f"-c{args.connections}",
            f"-d{duration or args.duration}s",
            "--latency",
            "--timeout",
            "10s",
            *extra,
            "-s",
            str(script),
            url,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    return parse_wrk(result.stdout + result.stderr)


def _environment(db: Database, port: int) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "DATABASE_URL", "DEBUG"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": db.url,
            "DEBUG": "false",
            "SECRET_KEY": "bench-only-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": f"http://127.0.0.1:{port}",
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "EMAIL_URL": "dummymail://",
            # The load comes from one address; the API's rate limit is not measured.
            "API_RATE_ANONYMOUS": "10000000/min",
            "LOG_LEVEL": "WARNING",
            # The deadline rush stamps its requests as a reverse proxy would.
            "REQUEST_START_HEADER": "X-Request-Start",
        }
    )
    if os.environ.get("BENCH_REDIS_URL"):
        env["REDIS_URL"] = os.environ["BENCH_REDIS_URL"]
    return env


def _load(
    server: Server,
    args: argparse.Namespace,
    script: Path,
    scale: int,
    label: str,
    path: str,
    cookie: str,
) -> dict[str, Any]:
    """One page under load: wrk's numbers and the SQL queries of a render."""
    headers = dict([cookie.split(": ", 1)]) if cookie else {}
    status, queries, _cache = server.probe(path, headers)
    numbers = _wrk(server.url(path), args, script, headers=(cookie,) if cookie else ())
    # Requests wrk left queued are still being rendered: let the workers drain them.
    time.sleep(1.0)
    row = {
        "page": label,
        "path": path,
        "scale": scale,
        "status": status,
        "queries": queries,
        "logged_in": bool(cookie),
        **numbers,
    }
    print(
        f"  {label:<45} {row['rps']:>8.0f} req/s p95 {row['p95_ms']:>7.1f} ms"
        f"  {queries} queries",
        flush=True,
    )
    return row


MIXED_SCRIPT = """
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end
paths = {%s}
local i = 0
hits = 0
total = 0
function request()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
function response(status, headers, body)
  total = total + 1
  if headers["X-Public-Cache"] == "hit" then hits = hits + 1 end
end
function done(summary, latency, requests)
  local h, t = 0, 0
  for _, thread in ipairs(threads) do
    h = h + thread:get("hits")
    t = t + thread:get("total")
  end
  io.write(string.format("MIXED_JSON {\\"hits\\": %%d, \\"total\\": %%d, " ..
    "\\"p95_us\\": %%d}\\n", h, t, latency:percentile(95)))
end
"""


def _mixed(
    server: Server,
    args: argparse.Namespace,
    env: dict[str, str],
    pages: list[tuple[str, str]],
) -> dict[str, Any]:
    """The public pages in turn while log-ins and autosaves go on: the hit rate."""
    script = Path(tempfile.mkstemp(prefix="mixed-", suffix=".lua", dir=BENCH_DIR)[1])
    script.write_text(MIXED_SCRIPT % ", ".join(json.dumps(path) for _, path in pages))
    writer = subprocess.Popen(
        [sys.executable, "-m", "bench.runner", "--writes", str(args.mixed_duration)],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        result = subprocess.run(
            [
                "wrk",
                f"-t{args.threads}",
                f"-c{args.connections}",
                f"-d{args.mixed_duration}s",
                "--latency",
                "-s",
                str(script),
                server.url("/"),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        out, _ = writer.communicate(timeout=args.mixed_duration + 60)
    finally:
        script.unlink(missing_ok=True)
        if writer.poll() is None:
            writer.kill()
    line = next(
        (x for x in result.stdout.splitlines() if x.startswith("MIXED_JSON ")), None
    )
    reads = json.loads(line[len("MIXED_JSON ") :]) if line else {"hits": 0, "total": 0}
    written = next(
        (
            json.loads(x[len("BENCH_JSON ") :])
            for x in out.splitlines()
            if x.startswith("BENCH_JSON ")
        ),
        {"log_ins": 0, "autosaves": 0},
    )
    total = reads.get("total") or 0
    return {
        "hits": reads.get("hits", 0),
        "total": total,
        "hit_rate": (reads.get("hits", 0) / total) if total else 0.0,
        "p95_ms": round(reads.get("p95_us", 0) / 1000, 1),
        **written,
    }


def format_cached(rows: list[dict[str, Any]]) -> str:
    header = ["page (from the page cache)", "scale", "cache", "req/s", "p95 ms"]
    lines = [
        [
            r["page"],
            str(r["scale"]),
            r["cache"],
            f"{r['rps']:.0f}",
            f"{r['p95_ms']:.1f}",
        ]
        for r in rows
    ]
    return _columns(header, lines)


def _columns(header: list[str], lines: list[list[str]]) -> str:
    widths = [max(len(x) for x in col) for col in zip(header, *lines, strict=False)]
    out = []
    for i, line in enumerate([header, *lines]):
        cells = [
            cell.ljust(w) if j == 0 else cell.rjust(w)
            for j, (cell, w) in enumerate(zip(line, widths, strict=True))
        ]
        out.append("  ".join(cells))
        if i == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def format_table(rows: list[dict[str, Any]]) -> str:
    header = [
        "page (rendered fresh)",
        "scale",
        "SQL",
        "req/s",
        "p50 ms",
        "p95 ms",
        "÷ baseline",
        "errors",
    ]
    lines = [
        [
            r["page"] + (" (logged in)" if r.get("logged_in") else ""),
            str(r["scale"]),
            "?" if r["queries"] is None else str(r["queries"]),
            f"{r['rps']:.0f}",
            f"{r['p50_ms']:.1f}",
            f"{r['p95_ms']:.1f}",
            f"{r['ratio']:.2f}",
            str(r["errors"])
            if r["status"] == 200
            else f"{r['errors']} (HTTP {r['status']})",
        ]
        for r in rows
    ]
    return _columns(header, lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.runner", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--scales", default="1,10", help="comma-separated scales (default 1,10)"
    )
    parser.add_argument(
        "--duration", type=int, default=5, help="seconds of wrk per page"
    )
    parser.add_argument(
        "--mixed-duration", type=int, default=10, help="seconds of the mixed run"
    )
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--output", default=str(BASE_DIR / "bench-results.json"))
    parser.add_argument("--no-jobs", action="store_true", help="skip the timed jobs")
    parser.add_argument(
        "--no-rush", action="store_true", help="skip the deadline rush of offers"
    )
    parser.add_argument("--inspect", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--writes", type=float, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.inspect:
        print("BENCH_JSON " + json.dumps(_inspect(run_jobs=not args.no_jobs)))
        return 0
    if args.writes:
        import django

        django.setup()
        from .people import background_writes

        print("BENCH_JSON " + json.dumps(background_writes(args.writes)))
        return 0

    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk).")
    scales = [int(s) for s in args.scales.split(",") if s.strip()]
    started = time.monotonic()
    port = _free_port()
    db = Database()
    env = _environment(db, port)

    def step(text: str) -> None:
        print(f"· {text} ({time.monotonic() - started:.0f} s)", flush=True)

    print(
        f"Benchmark database: {db.label}; scales {scales}; {args.duration} s per page"
    )
    step("migrating and collecting static files")
    BENCH_DIR.mkdir(exist_ok=True)
    with (BENCH_DIR / "collectstatic.log").open("wb") as log:
        collect = subprocess.Popen(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        db.migrated_template(env)
        if collect.wait() != 0:
            raise SystemExit("collectstatic failed; see .bench/collectstatic.log")
    script = Path(tempfile.mkstemp(prefix="wrk-", suffix=".lua", dir=BENCH_DIR)[1])
    script.write_text(WRK_SCRIPT)

    results: list[dict[str, Any]] = []
    cached: list[dict[str, Any]] = []
    mixed: list[dict[str, Any]] = []
    jobs: list[dict[str, Any]] = []
    seeds: dict[int, float] = {}
    memory: dict[str, Any] = {}
    rush: list[dict[str, Any]] = []
    try:
        for scale in scales:
            db.fresh()
            step(f"seeding scale {scale}")
            t0 = time.monotonic()
            _run(
                [sys.executable, "manage.py", "seed_bench", "--scale", str(scale)], env
            )
            seeds[scale] = round(time.monotonic() - t0, 1)
            db.analyze()
            # Jobs are timed at every scale (the PDF target is at scale 1).
            timed = not args.no_jobs
            cmd = [sys.executable, "-m", "bench.runner", "--inspect"]
            if not timed:
                cmd.append("--no-jobs")
            step("timing jobs" if timed else "listing pages")
            output = _run(cmd, env)
            inspected = json.loads(
                next(
                    line
                    for line in output.splitlines()
                    if line.startswith("BENCH_JSON ")
                )[len("BENCH_JSON ") :]
            )
            for job in inspected["jobs"]:
                jobs.append({**job, "scale": scale})
            if timed:
                # The jobs' bulk writes (10,000 due reminders, the outbox) are vacuumed
                # now, not by autovacuum while the pages are loaded.
                step("vacuuming after the jobs")
                db.analyze()
            fresh_env = {**env, "PUBLIC_CACHE_SECONDS": "0"}
            server = Server(fresh_env, port, args.workers)
            try:
                server.wait()
                step(f"loading pages rendered fresh at scale {scale}")
                # The baseline is loaded first and again last: its mean is the
                # reference, so a machine that gets busier meanwhile shows up.
                pages = [
                    *[(label, path, "") for label, path in inspected["pages"]],
                    *[tuple(page) for page in inspected["logged_in"]],
                    (BASELINE_AGAIN_LABEL, BASELINE_PATH, ""),
                ]
                rows = [_load(server, args, script, scale, *page) for page in pages]
                baseline_rps = (rows[0]["rps"] + rows[-1]["rps"]) / 2 or 1
                for row in rows:
                    row["ratio"] = round(row["rps"] / baseline_rps, 3)
                results += rows
                if scale == scales[-1]:
                    memory = {"scale": scale, "worker_rss_mb": server.worker_rss_mb()}
                    if not args.no_rush:
                        step("deadline rush")
                        from bench.rush import deadline_rush

                        rush += [
                            {**r, "scale": scale}
                            for r in deadline_rush(server.url(""), env)
                        ]
            finally:
                server.stop()
            server = Server(env, port, args.workers)
            try:
                server.wait()
                step(f"loading pages from the page cache at scale {scale}")
                public = [(label, path) for label, path in inspected["pages"][1:]]
                # The pages the page cache serves; the API keeps its answers under
                # their ETags instead and sends no page-cache state.
                paged: list[tuple[str, str]] = []
                for label, path in public:
                    status, _queries, cache_state = server.probe(path, {})
                    numbers = _wrk(server.url(path), args, script)
                    cached.append(
                        {"page": label, "scale": scale, "cache": cache_state, **numbers}
                    )
                    if cache_state != "-":
                        paged.append((label, path))
                step(f"mixed reads and writes at scale {scale}")
                mixed.append({"scale": scale, **_mixed(server, args, env, paged)})
                print(
                    "  page cache hit rate {hit_rate:.1%} over {total} requests "
                    "({log_ins} log-ins, {autosaves} autosaves meanwhile)".format(
                        **mixed[-1]
                    ),
                    flush=True,
                )
            finally:
                server.stop()
    finally:
        db.drop_template()
        script.unlink(missing_ok=True)

    print()
    print(format_table(results))
    if cached:
        print()
        print(format_cached(cached))
    for run in mixed:
        print(
            f"\nmixed run at scale {run['scale']}: page cache hit rate "
            f"{run['hit_rate']:.1%} ({run['hits']} of {run['total']} requests; "
            f"{run['log_ins']} log-ins and {run['autosaves']} offer autosaves meanwhile)"
        )
    if jobs:
        print()
        width = max(len(j["job"]) for j in jobs)
        print(f"{'job'.ljust(width)}  scale  seconds  queries")
        for j in jobs:
            note = f"  {j['error']}" if j["error"] else ""
            print(
                f"{j['job'].ljust(width)}  {j['scale']:>5}  {j['seconds']:>7.2f}"
                f"  {j['queries']:>7}{note}"
            )
    if rush:
        print()
        print(
            "deadline rush (scale, round): sent / on time / accepted / refused / "
            "refused on time / late-accepted / p95 ms"
        )
        for r in rush:
            print(
                f"  {r['job']:<28} {r['scale']:>3}  {r['sent']:>3} / "
                f"{r['sent_on_time']:>3} / {r['accepted']:>3} / {r['refused']:>3} / "
                f"{r['on_time_refused']:>3} / {r['late_accepted']:>3} / "
                f"{r['p95_ms']:.0f}"
                + ("" if r["numbers_gapless_unique"] else "  numbers NOT gapless")
            )
    if memory:
        print()
        print(
            f"gunicorn workers at scale {memory['scale']}: "
            + ", ".join(f"{mb:.0f} MB" for mb in memory["worker_rss_mb"])
            + " resident"
        )
    elapsed = round(time.monotonic() - started, 1)
    Path(args.output).write_text(
        json.dumps(
            {
                "database": db.label,
                "settings": {
                    "duration_s": args.duration,
                    "connections": args.connections,
                    "threads": args.threads,
                    "workers": args.workers,
                },
                "seed_seconds": seeds,
                "pages": results,
                "cached": cached,
                "mixed": mixed,
                "jobs": jobs,
                "memory": memory,
                "rush": rush,
                "elapsed_s": elapsed,
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )
    print(f"\nResults written to {args.output} ({elapsed} s in all).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
