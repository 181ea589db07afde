"""Cached reads of the Lab occupancy screen: rates, leases, bookings and choices from hub/."""
from __future__ import annotations

from datetime import date

import pandas as pd

from hub.dates import month_starts, week_starts
from hub.i18n import _
from hub.occupancy import leases
from hub.occupancy import figures
from hub.occupancy.bookings import week_bookings
from ui.database import cached, reading
from ui.occupancy import charts

ENDING_WITHIN_DAYS = 90   # a lease ending this soon is listed as ending


@cached(ttl=300)
def load_kpis(site_id, on: date):
    with reading() as session:
        return (figures.occupancy_on(session, site_id=site_id, day=on),
                figures.rent_roll(session, site_id=site_id, day=on))


@cached(ttl=300)
def load_trend(site_id, on: date, months: int) -> pd.DataFrame:
    with reading() as session:
        rows = figures.occupancy_by_month(session, site_id=site_id,
                                            months=month_starts(on, months))
    return pd.DataFrame([{"month": r.month, "rate": rate, "value": value}
                         for r in rows for rate, value in
                         ((charts.UNIT_RATE, r.unit_rate), (charts.AREA_RATE, r.area_rate))])


@cached(ttl=300)
def load_heatmap(site_id, on: date, months: int) -> pd.DataFrame:
    starts = month_starts(on, months)
    with reading() as session:
        if site_id is None:
            return pd.DataFrame([vars(c) for c in figures.site_months(session, months=starts)])
        cells = figures.space_months(session, site_id=site_id, months=starts)
    frame = pd.DataFrame([vars(c) for c in cells])
    if not frame.empty:
        frame["share"] = frame["occupied_days"] / frame["days"]
        frame["status"] = pd.cut(frame["share"], [-1, 0, 0.999, 2],
                                 labels=["vacant", "partly", "occupied"]).astype(str)
        frame.loc[frame["works_days"] > 0, "status"] = "works"
        frame["works"] = frame["works"].replace("", _("none"))
    return frame


@cached(ttl=300)
def load_utilisation(site_id, on: date, weeks: int) -> pd.DataFrame:
    with reading() as session:
        rows = figures.utilisation_by_week(session, site_id=site_id,
                                             weeks=week_starts(on, weeks))
    return pd.DataFrame([{"week": r.week, "rate": r.rate or 0, "booked_hours": r.booked_hours,
                          "open_hours": r.open_hours} for r in rows])


@cached(ttl=300)
def load_lists(site_id, on: date):
    """Vacancies, running leases, and those of them ending soon (first to end first)."""
    with reading() as session:
        return (leases.vacancies(session, site_id=site_id, day=on),
                leases.lease_rows(session, site_id=site_id, day=on),
                leases.lease_rows(session, site_id=site_id, day=on,
                                  ending_within=ENDING_WITHIN_DAYS))


@cached(ttl=120)
def load_week(site_id, monday: date):
    with reading() as session:
        return week_bookings(session, site_id=site_id, monday=monday)
