"""Cached reads of the Lab occupancy screen (rates, leases, bookings and choices from hub/) and
the tables it shows them in: on screen with dates and money formatted, in the CSV plain."""
from __future__ import annotations

from datetime import date

import pandas as pd

from hub.dates import month_starts, week_starts
from hub.dates import clock
from hub.i18n import N_, _
from hub.occupancy.bookings import weekday_name
from hub.occupancy import leases
from hub.occupancy import figures
from hub.occupancy.bookings import week_bookings
from ui.database import cached, reading
from ui.format import day_text, label, money
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


# --- the tables: English column names in the CSV downloads, translated on screen ------------

COLUMNS = (N_("Site"), N_("Space"), N_("Name"), N_("Kind"), N_("Floor"), N_("Area m²"),
           N_("Monthly rent"), N_("Vacant since"), N_("Next lease starts"), N_("Works"),
           N_("Tenant"), N_("From"), N_("Until"), N_("Deposit"), N_("Ends"), N_("Days left"))


def on_screen(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with its column names in the reader's language."""
    return frame.rename(columns=_)


def vacancy_table(free, *, rents: bool) -> pd.DataFrame:
    """The spaces vacant on the day; the monthly rent only for whoever sees rents."""
    return pd.DataFrame([{
        "Site": v.site, "Space": v.space, "Name": v.name, "Kind": label("space kind", v.kind),
        "Floor": v.floor or "", "Area m²": v.area_m2,
        **({"Monthly rent": money(v.monthly_rent)} if rents else {}),
        "Vacant since": day_text(v.vacant_since) if v.vacant_since else _("never leased"),
        "Next lease starts": day_text(v.next_lease_starts) if v.next_lease_starts else "",
        "Works": _("closed for works until {day}").format(day=day_text(v.closed_until))
        if v.closed_until else "",
    } for v in free])


def ending_table(ending, on: date) -> pd.DataFrame:
    return pd.DataFrame([{"Site": r.site, "Space": r.space, "Tenant": r.tenant,
                          "Ends": day_text(r.ends_on), "Days left": (r.ends_on - on).days}
                         for r in ending])


def lease_table(running, *, rents: bool, for_screen: bool = False) -> pd.DataFrame:
    """The leases running on the day: formatted for the screen, plain dates and amounts in the
    CSV; rent and deposit only for whoever sees rents."""
    def shown(value, formatted):
        return formatted(value) if for_screen else value
    return pd.DataFrame([{
        "Site": r.site, "Space": r.space, "Tenant": r.tenant,
        "From": shown(r.starts_on, day_text),
        "Until": shown(r.ends_on, day_text) if r.ends_on else _("open end"),
        "Works": r.works or "",
        **({"Monthly rent": shown(r.monthly_rent, money),
            "Deposit": shown(r.deposit, money)} if rents else {}),
    } for r in running])


def week_frame(week, *, contacts: bool) -> pd.DataFrame:
    """A week's bookings for the timeline; a guest's name only for whoever sees contacts."""
    guest = None if contacts else _("Guest")
    return pd.DataFrame([{
        "day": b.day, "day_label": f"{weekday_name(b.day.weekday(), 'abbreviated')} {b.day.day}",
        "space": b.space, "start": b.start_minute / 60, "end": b.end_minute / 60,
        "places": b.places, "time": f"{clock(b.start_minute)}–{clock(b.end_minute)}",
        "who": b.tenant or guest or b.guest_name, "purpose": b.purpose} for b in week])
