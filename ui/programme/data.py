"""Cached reads of the Courses screen: small lists and aggregated frames from hub/."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd

from db.models import ProgrammeItem
from hub.dates import clock
from hub.programme import exports as programme_exports
from hub.programme import figures as programme_figures
from hub.programme import views as programme_views
from hub.i18n import _
from ui.database import cached, reading
from ui.format import day_text, label, money, number, percent
from ui.programme.dates import weekday_day


@cached(ttl=300)
def item_list(site_id, kinds: tuple, statuses: tuple, sectors: tuple, start: date | None,
              end: date | None) -> list[programme_views.ItemRow]:
    with reading() as session:
        return programme_views.item_rows(session, site_id=site_id, kinds=kinds,
                                         statuses=statuses, sectors=sectors, start=start,
                                         end=end)


@cached(ttl=300)
def item_detail(item_id: int):
    """The item's row, sessions, enrolments and public text (the page leaves out for a viewer
    what a viewer may not see)."""
    with reading() as session:
        rows = programme_views.item_rows(session, item_id=item_id, limit=1)
        item = session.get(ProgrammeItem, item_id)
        return (rows[0] if rows else None, programme_views.item_sessions(session, item_id),
                programme_views.enrolment_rows(session, item_id),
                (item.description, item.funding, item.target_group) if item else ("", None, None))


@cached(ttl=300)
def sessions_per_day(site_id, first: date, weeks: int) -> pd.DataFrame:
    """Columns: starts (the day), kind, sessions."""
    with reading() as session:
        rows = programme_views.sessions_per_day(session, site_id=site_id, first=first,
                                                last=first + timedelta(weeks=weeks))
    frame = pd.DataFrame(rows, columns=["starts", "kind", "sessions"])
    frame["starts"] = pd.to_datetime(frame["starts"])
    return frame


@cached(ttl=300)
def calendar(site_id, first: date, weeks: int) -> pd.DataFrame:
    with reading() as session:
        rows = programme_views.sessions_between(session, site_id=site_id, first=first,
                                                last=first + timedelta(weeks=weeks))
    return pd.DataFrame([{
        "place": row.place, "item": row.item, "kind": row.kind,
        "starts": datetime.combine(row.day, datetime.min.time()) + timedelta(
            minutes=row.start_minute),
        "ends": datetime.combine(row.day, datetime.min.time()) + timedelta(
            minutes=row.end_minute),
        "day_label": weekday_day(row.day, year=False),
        "time": f"{clock(row.start_minute)}–{clock(row.end_minute)}",
        "instructor": row.instructor or ""} for row in rows])


@cached(ttl=300)
def published(site_id) -> pd.DataFrame:
    """The sessions of published items, as the CSV of the public programme has them."""
    with reading() as session:
        rows = programme_exports.published_sessions(session, site_id=site_id)
    return pd.DataFrame(programme_exports.programme_csv_rows(rows))


@cached(ttl=300)
def published_ics(site_id) -> bytes:
    """The same sessions as an iCalendar file: built only when someone downloads it."""
    with reading() as session:
        rows = programme_exports.published_sessions(session, site_id=site_id)
    return programme_exports.programme_ics(rows)


@cached(ttl=300)
def figures(site_id) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    with reading() as session:
        kinds = programme_figures.items_per_year(session, site_id=site_id)
        people = programme_figures.participants_per_year(session, site_id=site_id)
        hours = programme_figures.hours_by_sector(session, site_id=site_id)
    return (pd.DataFrame([vars(row) for row in kinds]),
            pd.DataFrame([vars(row) for row in people]),
            pd.DataFrame([vars(row) for row in hours]))


@cached(ttl=300)
def headline(site_id, year: int):
    """Courses run since 2016, and this year's items, participants and fill rate (or None)."""
    with reading() as session:
        this_year = programme_figures.participants_per_year(session, site_id=site_id,
                                                            year_of=year)
        return (programme_figures.courses_run(session, site_id=site_id),
                this_year[0] if this_year else None)


@cached(ttl=300)
def published_count(site_id) -> int:
    with reading() as session:
        return programme_exports.published_session_count(session, site_id=site_id)


@cached(ttl=300)
def published_csv(site_id) -> bytes:
    from ui.widgets import csv_bytes
    return csv_bytes(published(site_id))


@cached(ttl=300)
def choices(site_id: int | None) -> dict[str, list[tuple[int, str]]]:
    """Pickers of the forms: spaces of the site, instructors, tenants today."""
    from hub.tenants.roster import tenant_choices
    with reading() as session:
        return {"spaces": programme_views.space_choices(session, site_id) if site_id else [],
                "instructors": programme_views.instructor_choices(session),
                "tenants": tenant_choices(session, on=date.today())}


@cached(ttl=300)
def move_targets(site_id: int | None, item_id: int) -> list[tuple[int, str]]:
    with reading() as session:
        return programme_views.open_item_choices(session, site_id=site_id, other_than=item_id)


# --- the tables the screen shows --------------------------------------------------------------

def price_text(price) -> str:
    return money(price) if price else _("free")


def programme_table(rows, *, all_sites: bool) -> pd.DataFrame:
    """The items of the Programme tab, formatted; their site when all sites are shown."""
    return pd.DataFrame([{
        _("Title"): r.title, _("Kind"): label("programme kind", r.kind),
        _("Sector"): label("sector", r.sector), _("Status"): label("programme status", r.status),
        _("Format"): label("programme format", r.format), _("From"): day_text(r.starts_on),
        _("Until"): day_text(r.ends_on), _("Price"): price_text(r.price),
        _("Enrolled"): f"{number(r.seated)}/{number(r.capacity)}",
        _("Waitlist"): r.waitlisted, _("Fill rate"): percent(r.fill_rate),
        **({_("Site"): r.site} if all_sites else {}),
    } for r in rows])


def programme_file(rows) -> pd.DataFrame:
    """The same items for the CSV: English column names and the stored codes."""
    return pd.DataFrame([{
        "title": r.title, "kind": r.kind, "sector": r.sector, "status": r.status,
        "format": r.format, "starts_on": r.starts_on, "ends_on": r.ends_on, "price": r.price,
        "capacity": r.capacity, "enrolled": r.seated, "waitlisted": r.waitlisted}
        for r in rows])


def session_table(sessions, *, contacts: bool) -> pd.DataFrame:
    """An item's sessions; the instructor's e-mail and phone for whoever sees contacts."""
    return pd.DataFrame([{
        _("Day"): day_text(s.day),
        _("Time"): f"{clock(s.start_minute)}–{clock(s.end_minute)}",
        _("Where"): s.place, _("Instructor"): s.instructor or "",
        **({_("Instructor contact"): " · ".join(filter(None, (s.instructor_email,
                                                               s.instructor_phone)))}
           if contacts else {})} for s in sessions])
