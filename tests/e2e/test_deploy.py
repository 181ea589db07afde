"""The production setup of deploy/ for real: PostgreSQL, two `streamlit run app.py`
processes and Debian's nginx in front (tests/e2e/deployment.py), driven in Chromium.

- signing in works through nginx (WebSocket upgrade, the sticky cookie);
- a lease made in a session on one process shows, at the next rerun, in a session on the
  other (the data version; each process has its own caches);
- the feeds and /healthz answer through nginx, with their headers and 304s."""
from __future__ import annotations

import os

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from tests.conftest import new_database
from tests.e2e.deployment import deployment, nginx_binary, node_cookies
from tests.e2e.servers import TIMEOUT_MS, click_to_send, count_sent, only_form, wait_idle
from tests.e2e.test_occupancy import choose, grid_rows, metric, metric_value
from tests.e2e.test_shell import expect_no_exception, go_to, sign_in

pytestmark = pytest.mark.e2e
SITE = "Officina Creativa"


@pytest.fixture(scope="module")
def deployed(request, tmp_path_factory, browser):
    if nginx_binary() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("nginx is required in CI (.ci/run installs it)")
        pytest.skip("nginx is not installed (apt-get install nginx): deployment test skipped")
    folder = tmp_path_factory.mktemp("deploy")
    with new_database(request, "postgresql", folder, prefix="deploy") as url, \
            deployment(url, folder) as running:
        yield running


def context_on(browser, deployed, node: str):
    """A browser whose sticky cookie sends it to the process `node` ("127.0.0.1:port")."""
    cookies = node_cookies(browser, deployed.url)
    assert len(cookies) == 2, f"nginx sent every request to one process: {cookies}"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    context.add_cookies([{"name": "bottega_node", "value": cookies[node],
                          "url": deployed.url}])
    return context


def open_occupancy(page) -> int:
    go_to(page, "Lab occupancy")
    choose(page, page.locator("[data-testid='stMain']"), "Site", SITE)
    return int(metric(page, "Vacant units"))


def test_a_lease_made_on_one_process_shows_on_the_other(deployed, browser):
    first, second = sorted(deployed.upstreams)
    manager_context, viewer_context = (context_on(browser, deployed, first),
                                       context_on(browser, deployed, second))
    try:
        viewer = viewer_context.new_page()
        count_sent(viewer)
        sign_in(viewer, deployed.url, "viewer")
        answer = viewer_context.request.get(deployed.url + "/healthz")
        assert answer.headers["x-bottega-upstream"] == second
        vacant_before = open_occupancy(viewer)

        manager = manager_context.new_page()
        count_sent(manager)
        sign_in(manager, deployed.url, "manager")
        assert manager_context.request.get(deployed.url + "/healthz") \
            .headers["x-bottega-upstream"] == first
        assert open_occupancy(manager) == vacant_before

        manager.get_by_role("tab", name="Vacancies and leases").click()
        vacant = grid_rows(manager.locator("[data-testid='stDataFrame']").first)
        lab = next(row["Space"] for row in vacant if row["Kind"] == "laboratory")
        manager.get_by_role("tab", name="Manage").click()
        form = only_form(manager, "New lease")
        choose(manager, form, "Space", f"{lab} —")
        form.get_by_text("Open-ended").click()
        click_to_send(manager, form.get_by_role("button", name="Create lease"))
        wait_idle(manager)
        expect(manager.get_by_text(f"Lease of {lab} created.")).to_be_visible()
        expect(metric_value(manager, "Vacant units")).to_have_text(str(vacant_before - 1))

        # The viewer's session lives in the other process, whose caches hold the old
        # figures: its next rerun (another site chosen, then this one again) reads the new.
        main = viewer.locator("[data-testid='stMain']")
        choose(viewer, main, "Site", "Officine Nora")
        choose(viewer, main, "Site", SITE)
        box = viewer.locator("[data-testid='stMetric']").filter(has_text="Vacant units").first
        expect(box.locator("[data-testid='stMetricValue']")).to_have_text(
            str(vacant_before - 1))
        expect_no_exception(viewer)
    finally:
        manager_context.close()
        viewer_context.close()


def test_the_feeds_and_health_answer_through_nginx(deployed, browser):
    context = browser.new_context()
    try:
        request = context.request
        health = request.get(deployed.url + "/healthz")
        assert health.status == 200 and health.json()["status"] == "ok"
        # a first request gets the sticky cookie; with it, every later one the same process
        assert "bottega_node=" in health.headers.get("set-cookie", "")
        process = health.headers["x-bottega-upstream"]
        calendar = request.get(deployed.url + "/feeds/OC/programme.ics")
        assert calendar.status == 200
        assert calendar.headers["content-type"].startswith("text/calendar")
        assert calendar.headers["x-content-type-options"] == "nosniff"
        assert "default-src 'none'" in calendar.headers["content-security-policy"]
        parsed = Calendar.from_ical(calendar.body())
        assert parsed.walk("VEVENT") and parsed.walk("VTIMEZONE")
        again = request.get(deployed.url + "/feeds/OC/programme.ics",
                            headers={"If-None-Match": calendar.headers["etag"]})
        assert again.status == 304
        for name in ("programme.json", "listings.json", "listings.csv", "public.html"):
            assert request.get(deployed.url + f"/feeds/OC/{name}").status == 200, name
        assert request.get(deployed.url + "/feeds/NOPE/programme.ics").status == 404
        # the app's own page gets the frame denial through nginx too
        start = request.get(deployed.url + "/")
        assert start.headers["x-frame-options"] == "DENY"
        assert "set-cookie" not in start.headers
        assert start.headers["x-bottega-upstream"] == again.headers["x-bottega-upstream"] == process
        page = context.new_page()
        page.goto(deployed.url + "/feeds/OC/public.html")
        expect(page.locator("h1")).to_have_text(SITE)
        expect(page.get_by_role("heading", name="Tenants")).to_be_visible()
    finally:
        context.close()
