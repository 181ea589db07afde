"""Cached reads of the Courses screen: small lists and aggregated frames from hub/."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd

from db.models import ProgrammeItem
from hub.dates import clock
from hub.programme import exports as programme_exports
from hub.programme import figures as programme_figures
from hub.programme import views as programme_views
from ui.database import cached, reading
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
