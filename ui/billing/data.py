"""Cached reads of the Billing screen's figures (hub/billing/figures.py), and the tables it
shows. Sums only, except the loaders that take a user: those name payers, and hub/ refuses
them to anyone but a manager."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pandas as pd

from hub.billing import figures
from hub.dates import month_end, month_starts
from hub.i18n import _
from ui.database import cached, reading
from ui.format import day_text, money, month as month_name

MONTHS = 12     # the months the summary shows, ending with this one


@dataclass(frozen=True)
class Summary:
    billed_this_month: Decimal
    collected_this_month: Decimal
    collection: figures.Collection          # of invoices due in the last MONTHS months
    days_to_collect: float | None           # of payments received in those months
    overdue: Decimal                        # past the due day, today
    months: pd.DataFrame                    # month (its name), start, stream, billed, collected
    arrears: pd.DataFrame                   # site, age, due
    income: pd.DataFrame                    # site, collected, budget (this calendar year)

    @property
    def anything(self) -> bool:
        """Anything billed or collected in the months shown, or still due."""
        return bool(self.months[["billed", "collected"]].abs().to_numpy().sum() > 0
                    or not self.arrears.empty)


@cached(ttl=300)
def load_summary(site_id: int | None, today: date) -> Summary:
    starts = month_starts(today, MONTHS)
    this_month = starts[-1]
    with reading() as session:
        rows = figures.by_month_and_stream(session, site_id=site_id, month=today, months=MONTHS)
        billed = figures.billed_in(session, site_id=site_id, first=this_month,
                                   last=month_end(this_month))
        collected = figures.collected_in(session, site_id=site_id, first=this_month,
                                         last=today)
        collection = figures.collection(session, site_id=site_id, first=starts[0],
                                        last=today, today=today)
        days = figures.days_to_collect(session, site_id=site_id, first=starts[0], last=today)
        arrears = figures.arrears(session, site_id=site_id, today=today)
        income = figures.income_against_budget(session, site_id=site_id, year=today.year)
    return Summary(
        billed_this_month=billed, collected_this_month=collected, collection=collection,
        days_to_collect=days, overdue=figures.overdue(arrears),
        months=pd.DataFrame([{"month": month_name(row.month), "start": row.month,
                              "stream": row.stream, "billed": float(row.billed),
                              "collected": float(row.collected)} for row in rows],
                            columns=["month", "start", "stream", "billed", "collected"]),
        arrears=fewest_sites(pd.DataFrame(
            [{"site": row.site, "age": row.age, "due": float(row.due)} for row in arrears],
            columns=["site", "age", "due"]), "due"),
        income=pd.DataFrame([{"site": row.site, "collected": float(row.collected),
                              "budget": float(row.budget) if row.budget is not None else None}
                             for row in income], columns=["site", "collected", "budget"])
        .pipe(lambda frame: frame if len(frame) <= SITES_CHARTED
              else frame.loc[frame["collected"].nlargest(SITES_CHARTED).index.sort_values()]))


# A network's charts name the sites that weigh most; the arrears of the rest are summed as
# "Other sites", the income chart shows the SITES_CHARTED that collected most.
SITES_CHARTED = 8


def fewest_sites(frame: pd.DataFrame, value: str) -> pd.DataFrame:
    """`frame` (site, …, value) with the sites beyond the SITES_CHARTED largest as one."""
    if frame["site"].nunique() <= SITES_CHARTED:
        return frame
    largest = frame.groupby("site")[value].sum().nlargest(SITES_CHARTED).index
    frame = frame.assign(site=frame["site"].where(frame["site"].isin(largest),
                                                  _("Other sites")))
    return frame.groupby([column for column in frame.columns if column != value],
                         as_index=False, sort=False)[value].sum()


@cached(ttl=300)
def load_late_payers(site_id: int | None, today: date, role: str, _user) -> list:
    """`role` keys the cache: hub/ refuses anyone but a manager."""
    with reading() as session:
        return figures.late_payers(session, actor=_user, site_id=site_id, today=today)


@cached(ttl=300)
def load_aging(site_id: int | None, today: date, role: str, _user) -> tuple[list, dict]:
    """Each payer's open invoices by age, and their accounts ({payer id: Account})."""
    with reading() as session:
        aging = figures.aging_by_payer(session, actor=_user, site_id=site_id, today=today)
        accounts = figures.accounts(session, actor=_user,
                                    payer_ids=[row.payer_id for row in aging])
    return aging, accounts


@cached(ttl=300)
def load_arrears_tables(site_id: int | None, today: date, role: str, _user
                        ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The Arrears tab's two tables, shaped once per data version (thousands of payers in a
    network: formatting their amounts on every rerun cost more than reading them)."""
    aging, accounts = load_aging(site_id, today, role, _user)
    return aging_table(aging, accounts), late_table(load_late_payers(site_id, today, role, _user))


@cached(ttl=300)
def load_account_of_tenant(tenant_id: int, role: str, _user) -> figures.Account | None:
    with reading() as session:
        return figures.account_of_tenant(session, actor=_user, tenant_id=tenant_id)


# --- the tables the screen shows --------------------------------------------------------------

def age_name(age: str) -> str:
    return _(age)


def aging_table(rows: list, accounts: dict) -> pd.DataFrame:
    """Per payer: what their open invoices still need by age, the total, and their credit."""
    return pd.DataFrame([{
        _("Payer"): row.name,
        **{age_name(age): money(row.ages[age]) for age in figures.AGES},
        _("Total"): money(row.total),
        _("Credit"): money(accounts[row.payer_id].credit) if row.payer_id in accounts else "",
    } for row in rows], columns=[_("Payer"), *map(age_name, figures.AGES), _("Total"),
                                 _("Credit")])


def late_table(rows: list) -> pd.DataFrame:
    """The late payers: how much is overdue, since when, on how many invoices."""
    return pd.DataFrame([{
        _("Payer"): row.name, _("Overdue"): money(row.overdue),
        _("Oldest due day"): day_text(row.oldest_due_on), _("Days late"): row.days_late,
        _("Invoices"): row.invoices,
    } for row in rows], columns=[_("Payer"), _("Overdue"), _("Oldest due day"), _("Days late"),
                                 _("Invoices")])
