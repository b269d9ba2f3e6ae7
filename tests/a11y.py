"""Shared helpers for browser tests: axe-core scans and a keyboard-only log-in.

A browser test opens a page with ``page.goto(live_server.url + path)`` and calls
``assert_accessible(page)``; ``login(page, live_server, user, password)`` logs in
through the form with the Tab, typing and Enter keys only.
"""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

_axe = Axe()


def assert_accessible(page, *, context: str | None = None) -> None:
    """Run axe-core on the page as it is now; fail with axe's report on any violation."""
    results = _axe.run(page, context=context) if context else _axe.run(page)
    if results.violations_count:
        raise AssertionError(
            f"axe-core found {results.violations_count} violation(s) on {page.url}:\n"
            + results.generate_report()
        )


def tab_to(page, selector: str, *, limit: int = 80) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    target = page.locator(selector).first
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key on {page.url}")


def login(page, live_server, user, password: str, *, next_url: str = "") -> None:
    """Log in through the log-in form with the keyboard alone (Tab, typing, Enter)."""
    url = f"{live_server.url}/konto/login/"
    if next_url:
        url += f"?next={next_url}"
    page.goto(url)
    tab_to(page, "#id_login")
    page.keyboard.type(user.email)
    tab_to(page, "#id_password")
    page.keyboard.type(password)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    if "/konto/login/" in page.url:
        raise AssertionError(f"log-in as {user.email} failed: {page.url}")
