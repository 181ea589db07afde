"""Cached reads of the Building screen: works, issues and the figures from hub/."""
from __future__ import annotations

from datetime import date

import pandas as pd

from hub.building import figures, issues

from hub.occupancy import works
from hub.i18n import N_, _
from ui.database import cached, reading
from ui.format import day_text, label, money

YEARS = 5   # the figures' span in years


@cached(ttl=300)
def load_issues(site_id: int, role: str, _user) -> list:
    """`role` keys the cache: what a row shows depends on it."""
    with reading() as session:
        return issues.issue_rows(session, actor=_user, site_id=site_id)


@cached(ttl=300)
def load_works(site_id: int, role: str, _user) -> list:
    with reading() as session:
        return works.works_rows(session, actor=_user, site_id=site_id)


@cached(ttl=300)
def load_figures(site_id: int, today: date):
    years = list(range(today.year - YEARS + 1, today.year + 1))
    with reading() as session:
        counts = figures.open_issues_by_priority(session, site_id=site_id, today=today)
        spending = figures.spending_by_year(session, site_id=site_id, years=years, today=today)
        days = figures.days_out_of_use(session, site_id=site_id,
                                       first=date(today.year, 1, 1), last=date(today.year, 12, 31))
    return (pd.DataFrame([vars(c) for c in counts]),
            pd.DataFrame([{"year": s.year, "spent": float(s.spent),
                           "committed": float(s.committed),
                           "budget": float(s.budget) if s.budget is not None else None}
                          for s in spending]),
            pd.DataFrame([vars(d) for d in days], columns=["space", "days"]))


# --- the tables the screen shows --------------------------------------------------------------

WORKS_STATES = {"cancelled": N_("cancelled"), "done": N_("done"), "running": N_("running"),
                "upcoming": N_("upcoming")}


def issue_table(rows, *, staff: bool) -> pd.DataFrame:
    """The issues of a site; who reported them, the contractor and notes for the staff only."""
    return pd.DataFrame([{
        "#": row.id, _("Where"): row.space, _("Issue"): row.title,
        _("Priority"): label("issue priority", row.priority),
        _("Status"): label("issue status", row.status),
        _("Reported"): day_text(row.reported_on),
        **({_("By"): row.reported_by or "", _("Contractor"): row.contractor or ""}
           if staff else {}),
        _("Estimate"): money(row.cost_estimate) if row.cost_estimate is not None else "",
        _("Final cost"): money(row.final_cost) if row.final_cost is not None else "",
        **({_("Notes"): row.notes or ""} if staff else {}),
    } for row in rows])


def works_table(periods, today: date, *, staff: bool) -> pd.DataFrame:
    """The works periods of a site and their state today; notes for the staff only."""
    return pd.DataFrame([{
        _("Works"): p.title, _("Spaces out of use"): p.spaces, _("From"): day_text(p.starts_on),
        _("To"): day_text(p.ends_on), _("State"): _(WORKS_STATES[p.state(today)]),
        _("Issue"): f"#{p.issue_id}" if p.issue_id else "",
        **({_("Notes"): p.notes or ""} if staff else {}),
    } for p in periods])
