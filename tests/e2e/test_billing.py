"""Billing in a real browser: the manager bills this month at Officina Creativa, records a
payment against one of its invoices, and sees what is still due fall by what was paid.
Runs on SQLite and on PostgreSQL, on the demo hub. The demo follows the calendar and may have
billed the month already, so the test reads the invoice to pay from the screen."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout, expect

from tests.e2e.servers import TIMEOUT_MS, click_to_send, only_form, wait_idle
from tests.e2e.test_occupancy import choose, grid_rows
from tests.e2e.test_shell import expect_no_exception, go_to, sign_in

pytestmark = pytest.mark.e2e

MAIN = "[data-testid='stMain']"
ALERT = "[data-testid='stAlert']"
# The Invoices tab's caption below its list: "12 invoices: €3,000.00 billed, €2,000.00 still due."
SUMS = re.compile(r"(\d[\d,]*) invoices?: (€[\d,.]+) billed, (€[\d,.]+) still due\.")


def euros(shown: str) -> Decimal:
    """€1,250.50 (English, as the screen writes it) as a number."""
    return Decimal(shown.replace("€", "").replace(",", ""))


def still_due_in_all(page) -> Decimal:
    """What the Invoices tab says its invoices still need, all of them together."""
    caption = page.get_by_text(SUMS)
    expect(caption).to_have_count(1)
    return euros(SUMS.search(caption.inner_text()).group(3))


def invoice_list(page):
    return page.locator("[data-testid='stDataFrame']").filter(has_text="Still due").first


def invoice_rows(page) -> list[dict[str, str]]:
    return grid_rows(invoice_list(page))


def choose_exactly(page, container, label: str, option: str, *, tries: int = 3) -> None:
    """Pick the option that reads exactly `option` (payers' names can begin alike)."""
    box = container.get_by_label(label, exact=True)
    wanted = page.get_by_role("option", name=re.compile(rf"^{re.escape(option)}$")).first
    for attempt in range(tries):
        wait_idle(page)
        box.click()
        page.keyboard.type(option)
        try:
            wanted.click(timeout=5000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")      # the list went with a rerun: open it again
            if attempt + 1 == tries:
                raise
    wait_idle(page)


def search_invoices(page, text: str) -> None:
    box = page.get_by_label("Payer or number", exact=True)
    box.fill(text)
    box.press("Enter")
    wait_idle(page)


def test_a_manager_bills_the_month_and_a_payment_settles_an_invoice(app_server, page):
    sign_in(page, app_server.url, "manager")
    go_to(page, "Billing")
    main = page.locator(MAIN)
    choose(page, main, "Site", "Officina Creativa")
    page.get_by_role("tab", name="Invoices").click()

    # Bill this month (the first month offered): what it issued, or that it had been billed.
    form = only_form(page, "Bill the month")
    click_to_send(page, form.get_by_role("button", name="Bill the month"))
    expect(page.locator(ALERT).filter(has_text=re.compile(
        r"billed: \d+ invoices? for|Nothing new to bill for"))).to_be_visible(
        timeout=TIMEOUT_MS)
    wait_idle(page)
    expect_no_exception(page)
    owed_before = still_due_in_all(page)
    assert owed_before > 0, "no invoice of Officina Creativa needs anything after billing"

    # An invoice that still needs something: its number, payer and what it needs.
    invoice = next(row for row in invoice_rows(page) if euros(row["Still due"]) > 0)
    number, payer, due = invoice["Number"], invoice["Payer"], invoice["Still due"]

    # Its payer pays exactly that, on this invoice.
    page.get_by_role("tab", name="Payments").click()
    choose_exactly(page, main, "Payer", payer)
    form = only_form(page, "Record payment")
    form.get_by_label("Amount €", exact=True).fill(due)
    choose(page, form, "Pay these invoices, in this order (none chosen: the oldest first)",
           number)
    page.keyboard.press("Escape")
    click_to_send(page, form.get_by_role("button", name="Record payment"))
    expect(page.locator(ALERT).filter(has_text=f"{due} from {payer} recorded. It paid {number} "
                                               f"({due}).")).to_be_visible(timeout=TIMEOUT_MS)
    wait_idle(page)
    expect_no_exception(page)

    # On the Invoices tab: paid, and what all of them still need fell by as much.
    page.get_by_role("tab", name="Invoices").click()
    assert still_due_in_all(page) == owed_before - euros(due)
    search_invoices(page, number)
    expect(page.get_by_text(SUMS)).to_contain_text("1 invoice:")
    # the grid is redrawn after the caption: wait for it to hold the one invoice found
    expect(invoice_list(page).locator("table[role='grid'] tbody tr")).to_have_count(1)
    paid = invoice_rows(page)
    assert [(row["Number"], row["Still due"], row["Status"]) for row in paid] == [
        (number, "€0.00", "paid")], paid


def arrears_shown(page) -> Decimal:
    """The Summary tab's "Arrears" figure: what is past its due day, today."""
    page.get_by_role("tab", name="Summary").click()
    metric = page.locator("[data-testid='stMetric']").filter(
        has=page.get_by_text(re.compile(r"^Arrears$")))
    expect(metric).to_have_count(1, timeout=TIMEOUT_MS)
    return euros(metric.locator("[data-testid='stMetricValue']").inner_text())


def test_a_manager_prints_a_reminder_and_a_late_payer_pays_the_arrears_fall(app_server, page):
    sign_in(page, app_server.url, "manager")
    go_to(page, "Billing")
    main = page.locator(MAIN)
    choose(page, main, "Site", "Officina Creativa")
    late_before = arrears_shown(page)
    assert late_before > 0, "the demo has late payers at Officina Creativa"

    # The reminders due: send the first one offered and print its letter.
    page.get_by_role("tab", name="Arrears").click()
    form = only_form(page, "Send reminder")
    click_to_send(page, form.get_by_role("button", name="Send reminder"))
    expect(page.get_by_text("Reminder recorded on")).to_be_visible(timeout=TIMEOUT_MS)
    wait_idle(page)
    expect_no_exception(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Letter (PDF)").click()
    letter = open(download.value.path(), "rb").read()
    assert letter.startswith(b"%PDF-") and letter.rstrip().endswith(b"%%EOF"), letter[:40]

    # The latest late payer pays what is overdue; paid oldest first, it settles exactly that.
    late = grid_rows(main.locator("[data-testid='stDataFrame']").filter(
        has_text="Oldest due day").first)
    payer, overdue = late[0]["Payer"], late[0]["Overdue"]
    page.get_by_role("tab", name="Payments").click()
    choose_exactly(page, main, "Payer", payer)
    form = only_form(page, "Record payment")
    form.get_by_label("Amount €", exact=True).fill(overdue)
    click_to_send(page, form.get_by_role("button", name="Record payment"))
    expect(page.locator(ALERT).filter(has_text=f"{overdue} from {payer} recorded.")
           ).to_be_visible(timeout=TIMEOUT_MS)
    wait_idle(page)
    expect_no_exception(page)
    assert arrears_shown(page) == late_before - euros(overdue)
