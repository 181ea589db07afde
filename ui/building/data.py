"""Cached reads of the Building screen: works, issues and the figures from hub/."""
from __future__ import annotations

from datetime import date

import pandas as pd

from hub.building import figures, issues

from hub.occupancy import works
from ui.database import cached, reading

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
