"""Sites: the hub's buildings. Added, edited and archived by the manager; an archived site
drops out of the pickers and the figures of every site, and its history stays.

Opening hours bound what can be booked, so changing them is refused while live bookings
from today on would fall outside the new hours.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from zoneinfo import available_timezones

from babel.lists import format_list
from babel.numbers import format_decimal
from sqlalchemy import func
from sqlmodel import Session, select

from db.models import Booking, Lease, ProgrammeItem, ProgrammeSession, Site, Space, Tenant, User, utcnow
from hub.checks import FieldChecks, country, decimal_of, money, text, visible
from hub.errors import Invalid
from hub.i18n import N_, _, day_text, locale, ngettext
from hub.records import load_for_edit, record, save_changes
from hub.roles import SITE_KEEPERS, require_role

CODE_PATTERN = re.compile(r"[A-Z0-9][A-Z0-9-]{0,11}")
DEFAULT_TIMEZONE = "Europe/Rome"
MAX_AREA_M2 = 1_000_000
MAX_BUILDING_BUDGET = Decimal(10_000_000)
SITE_FIELDS = ("code", "name", "city", "country", "total_area_m2", "address", "timezone",
               "building_budget")


# --- reading --------------------------------------------------------------------------------

def list_sites(session: Session, *, archived: bool = False) -> list[Site]:
    """The sites in use, by name; with `archived`, the archived ones too."""
    query = select(Site).order_by(Site.name)
    if not archived:
        query = query.where(Site.archived_at.is_(None))
    return list(session.exec(query))


def get_site(session: Session, site_id: int) -> Site | None:
    return session.get(Site, site_id)


def site_by_code(session: Session, code: str | None) -> Site | None:
    """A site in use by its code, any case (as in a shared link: ?site=ON)."""
    if not code:
        return None
    return session.exec(select(Site).where(func.upper(Site.code) == code.strip().upper(),
                                           Site.archived_at.is_(None))).first()


@dataclass(frozen=True)
class SiteRow:
    """One line of the Sites table in Admin: the record and how many spaces it has."""
    site: Site
    spaces: int


def site_rows(session: Session) -> list[SiteRow]:
    """Every site, in use first, then archived; by name."""
    counts = dict(session.exec(select(Space.site_id, func.count(Space.id))
                               .group_by(Space.site_id)).all())
    return [SiteRow(site, counts.get(site.id, 0)) for site in sorted(
        list_sites(session, archived=True), key=lambda s: (s.archived_at is not None, s.name))]


@dataclass(frozen=True)
class SiteHolds:
    """What keeps a site from being archived, from `today` on."""
    running_leases: int
    future_sessions: int
    future_bookings: int

    @property
    def any(self) -> bool:
        return bool(self.running_leases or self.future_sessions or self.future_bookings)

    def sentence(self) -> str:
        leases, sessions, bookings = (self.running_leases, self.future_sessions,
                                      self.future_bookings)
        parts = [ngettext("{count} running lease", "{count} running leases", leases),
                 ngettext("{count} future programme session",
                          "{count} future programme sessions", sessions),
                 ngettext("{count} future booking", "{count} future bookings", bookings)]
        return format_list([part.format(count=count) for part, count
                            in zip(parts, (leases, sessions, bookings)) if count],
                           locale=locale())


def site_holds(session: Session, *, site_id: int, today: date | None = None) -> SiteHolds:
    today = today or date.today()
    leases = session.exec(
        select(func.count(Lease.id)).join(Space, Space.id == Lease.space_id)
        .where(Space.site_id == site_id, Lease.overlaps(today))
    ).one()
    sessions = session.exec(
        select(func.count(ProgrammeSession.id))
        .join(ProgrammeItem, ProgrammeItem.id == ProgrammeSession.item_id)
        .where(ProgrammeItem.site_id == site_id, ProgrammeSession.falls_between(today),
               ProgrammeItem.status.not_in(("cancelled", "done")))).one()
    bookings = session.exec(
        select(func.count(Booking.id)).join(Space, Space.id == Booking.space_id)
        .where(Space.site_id == site_id, Booking.status == "booked", Booking.falls_between(today))
    ).one()
    return SiteHolds(leases, sessions, bookings)


@dataclass(frozen=True)
class SiteContents:
    """What a site holds, for the sentence that asks before archiving it."""
    spaces: int
    tenants: int
    leases: int
    items: int


def site_contents(session: Session, *, site_id: int) -> SiteContents:
    def count(column, condition) -> int:
        return session.exec(select(func.count(column)).where(condition)).one()
    return SiteContents(
        spaces=count(Space.id, Space.site_id == site_id),
        tenants=count(Tenant.id, Tenant.site_id == site_id),
        leases=session.exec(select(func.count(Lease.id)).join(Space, Space.id == Lease.space_id)
                            .where(Space.site_id == site_id)).one(),
        items=count(ProgrammeItem.id, ProgrammeItem.site_id == site_id))


# --- opening hours as a person writes them -------------------------------------------------

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def days_text(open_weekdays: str) -> str:
    """"Mon Tue Wed Thu Fri Sat": what exports write and `parse_days` reads back."""
    return " ".join(WEEKDAYS[int(day)] for day in open_weekdays)


def parse_days(value: str | None, field: str = N_("open days")) -> list[int]:
    """Weekdays from "Mon Tue Fri", "Mon-Sat", "mon,tue" or digits "0,1,2" (Monday = 0)."""
    names = {name.lower(): n for n, name in enumerate(WEEKDAYS)}
    days: set[int] = set()
    for part in re.split(r"[\s,;]+", (value or "").strip()):
        if not part:
            continue
        ends = part.split("-") if "-" in part else [part, part]
        try:
            first, last = (names[end[:3].lower()] if end[:3].lower() in names else int(end)
                           for end in ends)
        except (ValueError, TypeError):
            raise Invalid(field, _("{field}: '{part}' is not a weekday (Mon … Sun, or "
                                   "Mon-Sat)").format(field=_(field), part=part)) from None
        if len(ends) != 2 or not (0 <= first <= 6 and 0 <= last <= 6) or first > last:
            raise Invalid(field, _("{field}: '{part}' is not a weekday (Mon … Sun, or "
                                   "Mon-Sat)").format(field=_(field), part=part))
        days.update(range(first, last + 1))
    if not days:
        raise Invalid(field, _("choose at least one open day (Monday = 0 to Sunday = 6)"))
    return sorted(days)


def parse_clock(value: str | None, field: str) -> time:
    """A time of day like 08:00 or 8.30."""
    text_value = (value or "").strip().replace(".", ":")
    try:
        return time.fromisoformat(text_value if len(text_value) != 4 else "0" + text_value)
    except ValueError:
        raise Invalid(field, _("{field} '{value}' is not a time of day like 08:30").format(
            field=_(field), value=value or "")) from None


# --- checks ---------------------------------------------------------------------------------

def _area(value) -> float:
    if value in (None, ""):
        return 0.0
    area = decimal_of(value, N_("total area"))   # 1.250,5 as an Italian writes it, or 1250.5
    try:
        area = float(area if area is not None else str(value))   # "nan": the range refuses it
    except ValueError:
        raise Invalid("total area", _("total area '{value}' is not a number of m²").format(
            value=value)) from None
    if not 0 <= area <= MAX_AREA_M2:  # also refuses NaN
        raise Invalid("total area", _("total area must be between 0 and {most} m²").format(
            most=format_decimal(MAX_AREA_M2, locale=locale())))
    return area


def _building_budget(value) -> Decimal | None:
    """The yearly building budget in euros, cents; None (left empty) is no budget."""
    try:
        budget = money(value, "building budget")
    except Invalid as refused:
        raise Invalid("building_budget", refused.message) from None
    if budget is not None and budget > MAX_BUILDING_BUDGET:
        raise Invalid("building_budget",
                      _("building budget must be at most {most} euros a year").format(
                          most=format_decimal(MAX_BUILDING_BUDGET, format="#,##0",
                                              locale=locale())))
    return budget


def _code(value) -> str:
    code = visible((value or "").strip().upper(), "code")
    if not CODE_PATTERN.fullmatch(code):
        raise Invalid("code", _("code must be 1 to 12 letters, digits or dashes (like OC or ON)"))
    return code


def _timezone(value) -> str:
    zone = (value or DEFAULT_TIMEZONE).strip()
    if zone not in available_timezones():
        raise Invalid("time zone", _("time zone '{zone}' is unknown (use a name like "
                                     "Europe/Rome)").format(zone=zone))
    return zone


def check_site(values: dict) -> dict:
    """Validate a site's fields; returns them cleaned. Every message names its field, and
    every bad field is reported at once. The building budget is checked only when given, so
    an edit that leaves it out keeps it."""
    checks = FieldChecks()
    clean = {"code": checks.run(_code, values.get("code")),
             "name": checks.run(text, values.get("name"), N_("name"), limit=120, required=True),
             "city": checks.run(text, values.get("city"), N_("city"), limit=80, required=True),
             "country": checks.run(country, values.get("country") or "IT"),
             "total_area_m2": checks.run(_area, values.get("total_area_m2")),
             "address": checks.run(text, values.get("address"), N_("address"), limit=200),
             "timezone": checks.run(_timezone, values.get("timezone"))}
    if "building_budget" in values:
        clean["building_budget"] = checks.run(_building_budget, values["building_budget"])
    checks.done()
    return clean


def check_hours(opens_at: time | None, closes_at: time | None, weekdays) -> str:
    """The open days as digits (Monday = 0); refused when closing is not after opening."""
    if opens_at is None or closes_at is None or opens_at >= closes_at:
        raise Invalid("closes at", _("closing time must be after opening time"))
    try:
        days = {int(day) for day in weekdays or []}
    except (TypeError, ValueError):
        raise Invalid("open days", _("open days must be weekdays, Monday = 0 to Sunday = "
                                     "6")) from None
    if not days or not days <= set(range(7)):
        raise Invalid("open days", _("choose at least one open day (Monday = 0 to Sunday = 6)"))
    return "".join(str(day) for day in sorted(days))


def _refuse_taken(session: Session, clean: dict, other_than: int | None) -> None:
    for field, column in ((N_("code"), Site.code), (N_("name"), Site.name)):
        query = select(Site.name).where(func.lower(column) == clean[field].lower())
        if other_than is not None:
            query = query.where(Site.id != other_than)
        if (taken := session.exec(query).first()) is not None:
            raise Invalid(field, _("{field} '{value}' is already used by {site}").format(
                field=_(field), value=clean[field], site=taken))


def _refuse_bookings_outside(session: Session, site: Site, opens_at: time, closes_at: time,
                             days: str) -> None:
    outside = [booking for booking in session.exec(
        select(Booking).join(Space, Space.id == Booking.space_id).where(
            Space.site_id == site.id, Booking.status == "booked", Booking.falls_between(date.today())))
        if str(booking.day.weekday()) not in days
        or booking.start_minute < opens_at.hour * 60 + opens_at.minute
        or booking.end_minute > closes_at.hour * 60 + closes_at.minute]
    if outside:
        first = min(outside, key=lambda booking: (booking.day, booking.start_minute))
        # The English reads "booking(s)" either way; the Italian has its two forms.
        raise Invalid("opens at", ngettext(
            "{count} booking(s) from today on fall outside these hours (the first on {day}); "
            "cancel or move them first",
            "{count} booking(s) from today on fall outside these hours (the first on {day}); "
            "cancel or move them first", len(outside)).format(count=len(outside),
                                                              day=day_text(first.day)))


# --- writes ---------------------------------------------------------------------------------

def add_site(session: Session, *, actor: User, opens_at: time = time(8, 0),
             closes_at: time = time(20, 0), weekdays=(0, 1, 2, 3, 4, 5), **values) -> Site:
    require_role(actor, *SITE_KEEPERS)
    checks = FieldChecks()      # the site's fields and its hours, every bad one at once
    clean = checks.run(check_site, values)
    days = checks.run(check_hours, opens_at, closes_at, weekdays)
    checks.done()
    _refuse_taken(session, clean, None)
    site = Site(**clean, opens_at=opens_at, closes_at=closes_at, open_weekdays=days)
    session.add(site)
    record(session, actor, "create", site)
    return site


def edit_site(session: Session, *, actor: User, site_id: int, version: int | None,
              opens_at: time | None = None, closes_at: time | None = None, weekdays=None,
              **values) -> Site:
    """Change a site's facts; opening hours too when given (all three)."""
    require_role(actor, *SITE_KEEPERS)
    site = load_for_edit(session, Site, site_id, version,
                         _("site {site}").format(site=site_id))
    checks = FieldChecks()
    clean = checks.run(check_site, values)
    hours = opens_at is not None or closes_at is not None or weekdays is not None
    days = checks.run(check_hours, opens_at, closes_at, weekdays) if hours else None
    checks.done()
    _refuse_taken(session, clean, site.id)
    if hours:
        if (opens_at, closes_at, days) != (site.opens_at, site.closes_at, site.open_weekdays):
            _refuse_bookings_outside(session, site, opens_at, closes_at, days)
        clean.update(opens_at=opens_at, closes_at=closes_at, open_weekdays=days)
    save_changes(session, actor=actor, row=site, values=clean,
                 what=_("site {site}").format(site=site.name))
    return site


def set_opening_hours(session: Session, *, actor: User, site_id: int, version: int | None,
                      opens_at: time, closes_at: time, weekdays: list[int]) -> Site:
    """Change when a site is open for bookings. Refused while live bookings from today on
    would fall outside the new hours (cancel or move them first)."""
    require_role(actor, *SITE_KEEPERS)
    site = load_for_edit(session, Site, site_id, version,
                         _("site {site}").format(site=site_id))
    days = check_hours(opens_at, closes_at, weekdays)
    _refuse_bookings_outside(session, site, opens_at, closes_at, days)
    save_changes(session, actor=actor, row=site, what=_("site {site}").format(site=site.name),
                 values={"opens_at": opens_at, "closes_at": closes_at, "open_weekdays": days})
    return site


def archive_site(session: Session, *, actor: User, site_id: int, version: int | None,
                 today: date | None = None) -> Site:
    """Take a site out of use. Refused while it has running leases, future programme
    sessions or future bookings, with how many of each."""
    require_role(actor, *SITE_KEEPERS)
    site = load_for_edit(session, Site, site_id, version,
                         _("site {site}").format(site=site_id))
    if site.archived_at is not None:
        raise Invalid("site", _("{site} is already archived").format(site=site.name))
    holds = site_holds(session, site_id=site.id, today=today)
    if holds.any:
        raise Invalid("site", _("{site} still has {holds}; end, cancel or move them before "
                                "archiving it").format(site=site.name, holds=holds.sentence()))
    save_changes(session, actor=actor, row=site, values={"archived_at": utcnow()},
                 what=_("site {site}").format(site=site.name), action="archive")
    return site


def restore_site(session: Session, *, actor: User, site_id: int, version: int | None) -> Site:
    """Bring an archived site back into the pickers and figures."""
    require_role(actor, *SITE_KEEPERS)
    site = load_for_edit(session, Site, site_id, version,
                         _("site {site}").format(site=site_id))
    if site.archived_at is None:
        raise Invalid("site", _("{site} is not archived").format(site=site.name))
    save_changes(session, actor=actor, row=site, values={"archived_at": None},
                 what=_("site {site}").format(site=site.name), action="restore")
    return site
