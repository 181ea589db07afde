"""spaces: a site's labs, benches and rooms. Key: site code + space code."""
from __future__ import annotations

from sqlmodel import Session, select

from db.models import Site, Space, User
from hub.admin.transfer.kind import Kind, Lookup
from hub.admin.transfer.sites import site_id
from hub.admin.transfer.values import also_the_rules, cell, day, number, text
from hub.admin.transfer.values import flag as flag_of
from hub.checks import FieldChecks
from hub.errors import Invalid
from hub.i18n import N_, _
from hub.occupancy import spaces

COLUMNS = ("site", "code", "name", "kind", "floor", "area_m2", "capacity", "equipment",
           "monthly_rent", "hourly_rate", "daily_rate", "leasable", "bookable", "active",
           "opened_on")
FLAGS = ("leasable", "bookable", "active")


def export_rows(session: Session):
    # By site code, not id: a hub that imported its sites numbers them its own way.
    query = select(Site.code, Space).join(Site, Site.id == Space.site_id).order_by(
        Site.code, Space.code)
    for code, space in session.exec(query):
        yield [code] + [cell(getattr(space, column)) for column in COLUMNS[1:]]


def find_space(session: Session, site: int, code: str, *, column: str = "space") -> int:
    """The space of `site` a row names by its code."""
    found = session.exec(select(Space.id).where(Space.site_id == site,
                                                Space.code == code.strip().upper())).first()
    if found is None:
        raise Invalid(column, _("there is no space '{code}' at this site (import spaces "
                                "first)").format(code=code))
    return found


def _values(values: dict, existing: Space | None, found: FieldChecks) -> dict:
    """The space's fields: the file's cells, and the record's own for columns left out. A
    refused cell is kept in `found` and left None."""
    parsed = {"code": text(values.get("code")), "name": text(values.get("name")),
              "kind": (text(values.get("kind")) or "").lower(), "floor": text(values.get("floor")),
              "area_m2": found.run(number, values.get("area_m2"), "area_m2"),
              "capacity": found.run(number, values.get("capacity"), "capacity", whole=True),
              "equipment": text(values.get("equipment")),
              "monthly_rent": text(values.get("monthly_rent")),
              "hourly_rate": text(values.get("hourly_rate")),
              "daily_rate": text(values.get("daily_rate"))}
    parsed |= {flag: found.run(flag_of, values.get(flag), flag) for flag in FLAGS}
    if text(values.get("opened_on")):   # empty: kept as it is; a new space opens today
        parsed["opened_on"] = found.run(day, values["opened_on"], N_("opened_on"))
    defaults = {"area_m2": 0, "capacity": 1, "leasable": False, "bookable": False, "active": True}
    for column in [column for column in parsed if column != "opened_on"]:
        if column not in values:
            parsed[column] = getattr(existing, column) if existing else defaults.get(column)
        elif parsed[column] is None and column in defaults and not found.failed(column):
            parsed[column] = defaults[column]
    return parsed


def import_row(session: Session, actor: User, values: dict, lookup: Lookup) -> str:
    found = FieldChecks()     # every bad cell of the row, and the rules' word on the others
    site = found.run(site_id, session, lookup, values.get("site"))
    code = (text(values.get("code")) or "").upper()
    existing = session.exec(select(Space).where(Space.site_id == site, Space.code == code)
                            ).first() if site is not None else None
    clean = _values(values, existing, found)
    also_the_rules(found, spaces.check_space, clean)
    found.done()
    if existing is None:
        spaces.add_space(session, actor=actor, site_id=site, **clean)
        return "created"
    before = existing.version
    spaces.edit_space(session, actor=actor, space_id=existing.id, version=None, **clean)
    session.flush()
    return "updated" if existing.version != before else "unchanged"


KIND = Kind(
    name="spaces", title=N_("Spaces"), columns=COLUMNS, required=("site", "code", "name", "kind"),
    key=("site", "code"),
    example=("OC", "L27", "Laboratory 27", "laboratory", "1", "32", "2", "kiln, sink", "450.00",
             "", "", "yes", "no", "yes", ""),
    export_rows=export_rows, import_row=import_row,
    notes=N_("kind: one of laboratory, bench, workshop, conference_room, coffee_shop, shop, "
             "exhibition, office, storage. Amounts in euros with a dot (450.00); yes/no "
             "flags. opened_on: the first day the space was part of the hub, like 2019-03-01 "
             "(empty: as it is, or today for a new space); occupancy counts it from then on."))

