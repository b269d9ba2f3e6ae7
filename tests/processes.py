"""Processes that fault tests start, stop and kill: Redis, Celery workers, a mail sink.

A test starts its own ``redis-server`` on a free port (no persistence, so a
restart is an emptied Redis), Celery workers as subprocesses pointed at it and at
the test database, and :class:`SmtpSink`, an SMTP server in a thread of the test
process that keeps every message it accepts.
"""

from __future__ import annotations

import email
import email.policy
import os
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

T = TypeVar("T")

REDIS_SERVER = shutil.which("redis-server")
BASE_DIR = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(
    predicate: Callable[[], T], timeout: float = 60, interval: float = 0.2
) -> T:
    """``predicate()`` once it is true, or its last value after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return predicate()


def database_url(settings_dict: dict[str, Any]) -> str:
    """A ``DATABASE_URL`` for a worker, from a PostgreSQL connection's settings."""
    auth = quote(settings_dict["USER"] or "")
    if settings_dict["PASSWORD"]:
        auth += ":" + quote(settings_dict["PASSWORD"])
    host = settings_dict["HOST"] or "127.0.0.1"
    port = settings_dict["PORT"] or "5432"
    return f"postgres://{auth}@{host}:{port}/{settings_dict['NAME']}"


def celery_available() -> bool:
    try:
        import celery  # noqa: F401
    except ImportError:
        return False
    return True


class RedisServer:
    """A ``redis-server`` of the test's own, on its own port; stopped, it forgets all."""

    def __init__(self, port: int, directory: Path) -> None:
        self.port = port
        self.directory = directory
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        import redis

        assert REDIS_SERVER is not None, "redis-server is not installed"
        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

        def up() -> bool:
            try:
                return bool(
                    redis.Redis.from_url(self.url, socket_connect_timeout=0.5).ping()
                )
            except redis.RedisError:
                return False

        assert wait_until(up, timeout=10, interval=0.1), "redis-server did not start"

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None


class Worker:
    """A Celery worker subprocess (``--pool=solo``: the task runs in this process)."""

    def __init__(
        self,
        *,
        app: str,
        env: dict[str, str],
        log: Path,
    ) -> None:
        self.log = log
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                app,
                "worker",
                "--pool=solo",
                "--without-mingle",
                "--without-gossip",
                "--without-heartbeat",
                "--loglevel=INFO",
            ],
            cwd=BASE_DIR,
            env={**os.environ, **env},
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_ready(self) -> None:
        ready = wait_until(lambda: "ready." in self.output(), timeout=60)
        assert ready, self.output()

    def wait_dead(self, timeout: float = 60) -> int:
        """The worker's exit status once it has died (by itself or killed)."""
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError("the worker did not die\n" + self.output()) from None

    def kill(self) -> None:
        """SIGKILL: no shutdown, no acknowledgement, no commit."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.kill()


class _SmtpHandler(socketserver.StreamRequestHandler):
    """Just enough of SMTP (RFC 5321) for Django's backend: no extensions, no auth."""

    server: _SmtpServer

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")
        self.wfile.flush()

    def handle(self) -> None:
        self.reply("220 sink.test ESMTP")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode(errors="replace").strip().upper()
            if command.startswith(("EHLO", "HELO")):
                self.reply("250 sink.test")
            elif command.startswith(("MAIL", "RCPT", "RSET", "NOOP")):
                self.reply("250 OK")
            elif command == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                self.server.sink.accept(self._data())
                self.reply("250 OK: queued")
            elif command == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")

    def _data(self) -> bytes:
        lines = []
        while True:
            line = self.rfile.readline()
            if not line or line in (b".\r\n", b".\n"):
                break
            # Dot-stuffing: a line starting with a dot was sent with one more.
            lines.append(line[1:] if line.startswith(b"..") else line)
        return b"".join(lines)


class _SmtpServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    sink: SmtpSink


class SmtpSink:
    """An SMTP server in a thread of the test process keeping every accepted message."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._messages: list[email.message.EmailMessage] = []
        self._server = _SmtpServer(("127.0.0.1", 0), _SmtpHandler)
        self._server.sink = self
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """An ``EMAIL_URL`` pointing at the sink."""
        return f"smtp://127.0.0.1:{self.port}"

    def start(self) -> SmtpSink:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def accept(self, data: bytes) -> None:
        message = email.message_from_bytes(data, policy=email.policy.default)
        with self._lock:
            self._messages.append(message)  # type: ignore[arg-type]

    @property
    def messages(self) -> list[email.message.EmailMessage]:
        with self._lock:
            return list(self._messages)

    def message_ids(self) -> Counter[str]:
        """How many times each ``Message-ID`` arrived."""
        return Counter(str(m["Message-ID"]) for m in self.messages)
