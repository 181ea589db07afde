"""Lab occupancy in a real browser: a manager leases a vacant lab and sees the screen change.
Runs on SQLite and on PostgreSQL, on the demo hub."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout, expect

from tests.e2e.servers import wait_idle
from tests.e2e.test_shell import expect_no_exception, nav_link, sign_in

pytestmark = pytest.mark.e2e

CHART = "[data-testid='stVegaLiteChart']"
METRIC = "[data-testid='stMetric']"


def metric(page, label: str) -> str:
    box = page.locator(METRIC).filter(has_text=label).first
    return box.locator("[data-testid='stMetricValue']").inner_text().strip()


def choose(page, container, label: str, option: str) -> None:
    """Pick `option` in the select box labelled `label` inside `container`."""
    container.get_by_label(label, exact=True).click()
    page.keyboard.type(option)  # the list is long and virtualised: filter it first
    wanted = page.get_by_role("option", name=re.compile(rf"^{re.escape(option)}")).first
    try:
        wanted.click(timeout=5000)
    except PlaywrightTimeout:
        # A long page can leave the list's popover partly below the viewport; the filtered
        # option is then the focused one, and Enter picks it as a person would.
        expect(wanted).to_have_attribute("data-focused", "true")
        page.keyboard.press("Enter")
    wait_idle(page)


def test_a_manager_leases_a_vacant_lab_and_the_heatmap_changes(app_server, page):
    sign_in(page, app_server.url, "manager")
    nav_link(page, "Lab occupancy").click()
    wait_idle(page)
    choose(page, page.locator("[data-testid='stMain']"), "Site", "Officina Creativa")
    vacant_before = int(metric(page, "Vacant units"))
    heatmap = page.locator(CHART).first
    expect(heatmap).to_be_visible()
    page.wait_for_timeout(500)  # let Vega finish drawing
    before = heatmap.screenshot()

    vacancies = page.get_by_role("tab", name="Vacancies and leases")
    vacancies.click()
    free_lab = page.locator("[data-testid='stDataFrame']").first
    expect(free_lab).to_be_visible()

    page.get_by_role("tab", name="Manage").click()
    form = page.locator("[data-testid='stForm']").filter(has_text="New lease")
    choose(page, form, "Space", "L16")
    form.get_by_text("Open-ended").click()
    form.get_by_role("button", name="Create lease").click()
    wait_idle(page)
    expect(page.get_by_text("Lease of L16 created.")).to_be_visible()
    expect_no_exception(page)

    assert int(metric(page, "Vacant units")) == vacant_before - 1
    page.get_by_role("tab", name="Occupancy").click()
    heatmap = page.locator(CHART).first
    expect(heatmap).to_be_visible()
    page.wait_for_timeout(500)
    assert heatmap.screenshot() != before, "the heatmap looks the same after the new lease"


def test_a_viewer_sees_occupancy_without_rents_or_forms(app_server, page):
    sign_in(page, app_server.url, "viewer")
    nav_link(page, "Lab occupancy").click()
    wait_idle(page)
    expect(page.locator("h1")).to_have_text(["Lab occupancy"])
    expect(page.locator(METRIC).filter(has_text="Unit occupancy")).to_have_count(1)
    expect(page.locator(METRIC).filter(has_text="rent roll")).to_have_count(0)
    expect(page.get_by_role("tab", name="Manage")).to_have_count(0)
    expect(page.get_by_role("button", name="Create lease")).to_have_count(0)
    expect_no_exception(page)
