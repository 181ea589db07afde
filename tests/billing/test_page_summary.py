"""The Billing screen's summary and arrears, the Overview's two figures of money and a tenant's
account, through AppTest, per role. A viewer gets the sums and never a payer's name; the
communication team gets no money at all.

The world, on any day (m0 is this month's first day, m2 and m4 two and four months before):
Giulia leases L1 at 100 (122.00 a month with VAT), Aiko L2 at 200 (244.00).
- m4 billed on m4 (30 days' terms): Giulia pays on m4 + 5 days; Aiko's debit of 244.00 on
  m4 + 10 comes back two days later, so her m4 invoice is over 60 days late on any day.
- m2 billed on m2: Giulia pays on m2 + 5; Aiko's invoice is credited on m2 + 1.
- Terms become 45 days; m0 billed on m0 (due after today), Giulia pays on m0.
"""
from datetime import date, timedelta

import pytest
from sqlmodel import select

from db.engine import reading
from db.models import Invoice, Payer
from hub.billing import invoices, payers, payments
from hub.dates import month_starts
from streamlit.testing.v1 import AppTest

from db.models import utcnow
from tests.apptest import ROOT, navigation, open_page, signed_in_app, text_of, type_address
from ui.sign_in import auth
from tests.worlds import lease, write
from ui.format import day_text

TODAY = date.today()
M4, _M3, M2, _M1, M0 = month_starts(TODAY, 5)
NAMES = ("Giulia", "Aiko", "Neri", "Tanaka")


def payer_id(base, who):
    with reading() as session:
        return session.exec(select(Payer.id).where(Payer.tenant_id == base[who])).one()


def pay(base, who, amount, on, method="transfer"):
    return write(payments.record_payment, actor=base["manager"], payer_id=payer_id(base, who),
                 received_on=on, amount=amount, method=method)


def bill(base, month, issued_on):
    return write(invoices.bill_month, actor=base["manager"], month=month, issued_on=issued_on)


@pytest.fixture
def billed(base):
    boss = base["manager"]
    lease(base, space="L1", starts_on=M4, rent="100")
    lease(base, space="L2", tenant="aiko", starts_on=M4, rent="200")
    bill(base, M4, M4)
    pay(base, "giulia", "122", M4 + timedelta(days=5))
    debit = pay(base, "aiko", "244", M4 + timedelta(days=10), method="direct_debit")
    write(payments.return_payment, actor=boss, payment_id=debit.id, version=debit.version,
          returned_on=M4 + timedelta(days=12), reason="AM04: insufficient funds")
    run = bill(base, M2, M2)
    pay(base, "giulia", "122", M2 + timedelta(days=5))
    with reading() as session:
        aikos = session.exec(select(Invoice.id).where(
            Invoice.number.in_(run.invoices), Invoice.payer_id == payer_id(base, "aiko"))).one()
    write(invoices.credit_note, actor=boss, invoice_id=aikos, reason="Lab closed",
          issued_on=M2 + timedelta(days=1))
    for who in ("giulia", "aiko"):
        with reading() as session:
            payer = session.get(Payer, payer_id(base, who))
        write(payers.edit_payer, actor=boss, payer_id=payer.id, version=payer.version,
              name=payer.name, email=None, language="en", terms_days="45")
    bill(base, M0, M0)
    pay(base, "giulia", "122", M0)
    return base


def billing_page(username):
    return open_page(signed_in_app(username), "billing")


def metrics(at) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def everything_shown(at) -> str:
    """The page's words, its tables and its charts' data."""
    return " ".join([text_of(at), *(frame.value.to_csv() for frame in at.dataframe),
                     *(str(chart.proto.spec) + str(chart.proto.datasets)
                       for chart in at.get("vega_lite_chart"))])


def test_manager_sees_the_figures_and_who_is_late(billed):
    at = billing_page("boss")
    assert not at.exception
    assert metrics(at) == {
        "Billed this month": "€366.00",
        "Collected this month": "€122.00",
        "Collection rate": "50%",             # 244.00 of 488.00 due in the last 12 months
        "Arrears": "€244.00",                 # Aiko's m4 invoice, its debit returned
        "Days to collect": "3.3"}             # (122 × 5 + 122 × 5 + 122 × 0) ÷ 366
    assert len(at.get("vega_lite_chart")) == 3
    aging = next(frame.value for frame in at.dataframe
                 if {"Credit", "Total"} <= set(frame.value.columns))     # the Arrears tab's
    assert list(aging["Payer"]) == ["Aiko Tanaka"]
    assert list(aging["Total"]) == ["€488.00"]     # m4's 244.00 late, m0's not yet due
    late = next(frame.value for frame in at.dataframe
                if {"Days late", "Oldest due day"} <= set(frame.value.columns))
    assert list(late["Payer"]) == ["Aiko Tanaka"] and list(late["Overdue"]) == ["€244.00"]
    assert list(late["Oldest due day"]) == [day_text(M4 + timedelta(days=30))]


def test_a_viewer_gets_the_sums_and_never_a_payers_name(billed):
    at = billing_page("vera")
    assert not at.exception
    assert metrics(at)["Arrears"] == "€244.00" and metrics(at)["Collection rate"] == "50%"
    assert not at.tabs                         # the summary only: no invoices, no arrears
    assert len(at.get("vega_lite_chart")) == 3
    shown = everything_shown(at)
    assert "Billed and collected" in shown
    assert not [name for name in NAMES if name in shown]


def test_the_communication_team_typing_billing_lands_on_the_overview(billed, monkeypatch):
    at = type_address(signed_in_app("carla"), "billing", monkeypatch)
    assert not at.exception and at.title[0].value == "Overview"
    assert "Billing" not in navigation(at)
    assert [w.value for w in at.warning] == [
        "Billing is for the project manager and viewer role; you are signed in as Carla with "
        "the communication team role, so Bottega opened the Overview instead."]
    assert "€" not in everything_shown(at)


def test_the_billing_page_run_directly_refuses_the_communication_team(billed):
    """Reached without the navigation, the page still checks, and shows no money."""
    at = AppTest.from_file(str(ROOT / "pages" / "billing.py"), default_timeout=30)
    at.session_state[auth.SIGNED_IN] = "carla"
    at.session_state[auth.SIGNED_IN_AT] = utcnow()
    at.run()
    assert not at.exception and not at.title and not at.metric
    assert [error.value for error in at.error] == [
        "The Billing screen is not available to the communication team role."]


@pytest.mark.parametrize("username", ["boss", "vera"])
def test_nothing_billed_yet_says_so_instead_of_empty_charts(base, username):
    at = billing_page(username)
    assert not at.exception
    assert any(info.value.startswith("Nothing billed yet") for info in at.info)
    assert not at.metric and not at.get("vega_lite_chart")


# --- the Overview ---------------------------------------------------------------------------

def test_the_overview_shows_a_manager_what_came_in_and_what_is_long_late(billed):
    at = signed_in_app("boss")
    assert not at.exception
    shown = metrics(at)
    assert shown["Collected this month"] == "€122.00"
    assert shown["Arrears over 60 days"] == "€244.00"


@pytest.mark.parametrize("username", ["carla", "vera"])
def test_the_overview_shows_no_money_to_anyone_else(billed, username):
    at = signed_in_app(username)
    assert not at.exception and "Unit occupancy" in metrics(at)
    assert not {"Collected this month", "Arrears over 60 days"} & set(metrics(at))


# --- a tenant's account on the Tenants screen ----------------------------------------------

def profile_of(username, name):
    at = open_page(signed_in_app(username), "tenants")
    at.session_state["tenants_tab"] = "Profile"
    at = at.run()
    box = at.selectbox(key="tenants_profile")
    return box.select_index(next(i for i, option in enumerate(box.options)
                                 if name in option)).run()


def test_a_manager_sees_a_tenants_balance_and_last_payment(billed):
    at = profile_of("boss", "Giulia Neri")
    assert not at.exception
    assert "Still owed: €0.00\nLast payment: €122.00 on " + day_text(M0) in text_of(at)
    at = profile_of("boss", "Aiko Tanaka")
    assert "Still owed: €488.00\nNo payment yet" in text_of(at)   # her debit came back


@pytest.mark.parametrize("username", ["carla", "vera"])
def test_no_one_else_sees_a_tenants_account(billed, username):
    at = profile_of(username, "Aiko Tanaka")
    assert not at.exception
    assert "Still owed" not in text_of(at) and "€" not in text_of(at)


def test_retiring_a_tenant_says_what_they_still_owe(billed):
    at = profile_of("boss", "Aiko Tanaka")
    at.date_input(key=f"tenants_retire_day_{billed['aiko']}").set_value(TODAY)
    at = next(b for b in at.button if b.label == "Retire tenant").click().run()
    assert not at.exception
    assert [t.value for t in at.text][1:] == ["• They still owe €488.00."]


def test_ending_a_lease_early_says_what_the_tenant_still_owes(billed):
    at = open_page(signed_in_app("boss"), "occupancy")
    picker = next(s for s in at.selectbox if s.label == "Site")
    at = picker.select(next(o for o in picker.options if "Test Hub" in o)).run()
    pick = at.selectbox(key="occupancy_lease_pick")
    pick.select_index(next(i for i, label in enumerate(pick.options) if label.startswith("L2")))
    at = at.run()
    next(d for d in at.date_input if d.label == "Last day").set_value(TODAY + timedelta(days=3))
    at = next(b for b in at.button if b.label == "End early").click().run()
    assert not at.exception
    assert [t.value for t in at.text][1:] == ["• They still owe €488.00."]
