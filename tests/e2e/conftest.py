"""End-to-end fixtures: `streamlit run app.py` in a real process, driven by Debian's Chromium.

- `app_server` (session scope, once per backend): a server on a fresh SQLite file or a fresh
  PostgreSQL database (from the session cluster's bottega_template), BOTTEGA_DEMO=1, the
  ACCOUNTS below created with `python -m db add-user`.
- `empty_server` (function scope, per backend): a server of its own on an empty database,
  BOTTEGA_DEMO=0, no accounts, for the first-manager form.
- `browser` (session): one Chromium; `page` / `new_page`: a new browser context per test.

All the servers the selected tests need are started together when the first one is asked
for (`Servers`), so their boots overlap. Playwright never downloads a browser: without
/usr/bin/chromium the tests are skipped locally and fail when CI=true. A failing test leaves
a screenshot of its pages in tests/e2e/artifacts/, what each page showed (tests/e2e/report.py)
and the server's log in the report.
"""
from __future__ import annotations

import os
import re

import pytest

from tests.conftest import BACKENDS, ROOT

from tests.e2e.report import describe
from tests.e2e.servers import (ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, EXPECT_MS, TIMEOUT_MS,
                               Servers, count_sent)


def pytest_configure(config):
    # Playwright's expect() waits 5 s by default; a busy 2-core machine needs more headroom.
    from playwright.sync_api import expect
    expect.set_options(timeout=EXPECT_MS)


# --- the browser ----------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        reason = (f"Debian's Chromium is required at {CHROMIUM} for the end-to-end tests "
                  "(apt-get install chromium); Playwright never downloads a browser")
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " and CI=true")
        pytest.skip(reason + ": end-to-end tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser):
    """new_page() -> a page in a new browser context (no cookies); all closed after the test.
    The pages are kept on the function (new_page.pages) for the failure screenshot."""
    contexts = []

    def make():
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        count_sent(page)
        make.pages.append(page)
        return page

    make.pages = []
    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed and report.when in ("setup", "call"):
        pages = []
        if item.funcargs.get("page") is not None:
            pages.append(item.funcargs["page"])
        maker = item.funcargs.get("new_page")
        pages += [p for p in getattr(maker, "pages", []) if p not in pages]
        pages += [p for p in item.funcargs.get("managers", ()) if p not in pages]
        stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", item.nodeid.split("::", 1)[-1]).strip("_")
        message = call.excinfo.exconly() if call.excinfo is not None else ""
        saved, showed = [], []
        for number, page in enumerate(pages):
            if page.is_closed():
                continue
            showed.append((f"page {number + 1}:\n" if len(pages) > 1 else "")
                          + describe(page, message))
            path = ARTIFACTS / (f"{stem}.png" if number == 0 else f"{stem}-{number}.png")
            try:
                ARTIFACTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(path), full_page=True, timeout=10_000)
                saved.append(str(path.relative_to(ROOT)))
            except Exception as error:  # a screenshot must never hide the real failure
                saved.append(f"(screenshot failed: {error})")
        if showed:
            report.sections.append(("what the page showed", "\n".join(showed)))
        if saved:
            report.sections.append(("e2e screenshots", "\n".join(saved)))
        server = item.funcargs.get("app_server") or item.funcargs.get("empty_server")
        if server is not None:
            report.sections.append((f"streamlit server log ({server.backend})", server.log_tail()))
    return report


@pytest.fixture(scope="session")
def e2e_servers(request, tmp_path_factory, browser):
    launcher = Servers(request, tmp_path_factory, browser)
    yield launcher
    launcher.close()


@pytest.fixture(scope="session", params=BACKENDS)
def app_server(request, e2e_servers):
    """`streamlit run app.py` on a fresh database with the demo hub and ACCOUNTS: one per
    backend for the whole run. Tests that change data read what the screen offers, and the
    log-out and wrong-password tests use accounts of their own, so they share it."""
    if request.param == "postgresql":
        request.getfixturevalue("pg_cluster")  # skips (or fails in CI) without PostgreSQL
    with e2e_servers.get("app_server", request.param) as server:
        yield server


@pytest.fixture(params=BACKENDS)
def empty_server(request, e2e_servers):
    """A server of its own on an EMPTY database: no demo data (BOTTEGA_DEMO=0), no accounts."""
    if request.param == "postgresql":
        request.getfixturevalue("pg_cluster")
    with e2e_servers.get("empty_server", request.param) as server:
        yield server
