"""Admin in a real browser: a manager downloads the spaces template, fills in rows, sees a
bad row refused by its line in the preview, imports the corrected CSV and sees the rows;
a viewer cannot reach Admin by URL. Runs on SQLite and on PostgreSQL, on the demo hub."""
from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import expect

from tests.e2e.servers import click_to_send, wait_idle
from tests.e2e.test_occupancy import choose
from tests.e2e.test_shell import expect_no_exception, go_to, sign_in, wait_cookie_sign_in

pytestmark = pytest.mark.e2e

UPLOAD = "[data-testid='stFileUploaderDropzoneInput']"
IMPORT_TAB = "Import / export"


def filled_template(template: bytes, rows: list[list[str]]) -> bytes:
    header = next(csv.reader(io.StringIO(template.decode("utf-8-sig"))))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def lab(code: str, kind: str = "laboratory") -> list[str]:
    return ["OC", code, f"Browser lab {code}", kind, "2", "21", "2", "", "380.00", "", "",
            "yes", "no", "yes"]


def upload(page, name: str, data: bytes) -> None:
    """Into the import's uploader: the Backup tab has one too (to restore, on an empty hub),
    and every tab's widgets are on the page, hidden or not."""
    panel = page.get_by_role("tabpanel", name=IMPORT_TAB)
    panel.locator(UPLOAD).set_input_files({"name": name, "mimeType": "text/csv",
                                           "buffer": data})
    wait_idle(page)


def test_a_manager_imports_a_filled_template_and_sees_the_rows(app_server, page, tmp_path):
    sign_in(page, app_server.url, "manager")
    go_to(page, "Admin")
    page.get_by_role("tab", name="Import / export").click()
    choose(page, page.locator("[data-testid='stMain']"), "What to import", "Spaces")
    with page.expect_download() as download:
        page.get_by_role("button", name="Template (CSV)").click()
    template = (tmp_path / "template.csv")
    download.value.save_as(template)
    assert template.read_bytes().startswith("\ufeffsite,code,name,kind".encode())  # Excel reads UTF-8

    upload(page, "new-labs.csv", filled_template(template.read_bytes(),
                                                 [lab("E2E1"), lab("E2E2", "spaceship")]))
    expect(page.get_by_text("1 of 2 row(s) cannot be imported")).to_be_visible()
    expect(page.get_by_role("button", name="Import 2 row(s)")).to_have_count(0)
    problems = page.locator("[data-testid='stDataFrame']").last
    expect(problems).to_contain_text("kind must be one of")

    upload(page, "new-labs-fixed.csv", filled_template(template.read_bytes(),
                                                       [lab("E2E1"), lab("E2E2")]))
    expect(page.get_by_text("Ready to import: 2 row(s): 2 new")).to_be_visible()
    click_to_send(page, page.get_by_role("button", name="Import 2 row(s)"))
    wait_idle(page)
    expect(page.get_by_text("Imported spaces from new-labs-fixed.csv")).to_be_visible()
    expect_no_exception(page)

    page.get_by_role("tab", name="Audit log").click()
    log = page.get_by_role("tabpanel", name="Audit log").locator("[data-testid='stDataFrame']")
    expect(log).to_contain_text("E2E2")
    expect(log).to_contain_text("maria")
    expect_no_exception(page)


def test_a_viewer_cannot_open_admin_by_url(app_server, page):
    sign_in(page, app_server.url, "viewer")
    page.goto(app_server.url + "/admin")
    wait_cookie_sign_in(page)
    # Still signed in (else the checks below would pass on the sign-in form alone).
    expect(page.locator("[data-testid='stSidebarNavLink']").first).to_be_visible()
    expect(page.get_by_role("tab", name="Import / export")).to_have_count(0)
    expect(page.get_by_role("heading", name="Admin", exact=True)).to_have_count(0)
    expect_no_exception(page)
