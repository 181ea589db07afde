"""Sites: named by their code in import files (every kind but partners names one), and
imported and exported themselves, first, so the other files have a site to name."""
from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from db.models import Site, User
from hub.admin.transfer.kind import Kind, Lookup
from hub.admin.transfer.values import also_the_rules, cell, required, text
from hub.checks import FieldChecks
from hub.errors import Invalid
from hub.i18n import N_, _
from hub import sites


SITE_PLACEHOLDER = "SITE"   # a template's site column before the hub has a site


def example_site(session: Session) -> str | None:
    """The code a template's example row names: the hub's first site in use, if any."""
    return session.exec(select(Site.code).where(Site.archived_at.is_(None))
                        .order_by(Site.id).limit(1)).first()


def site_codes(session: Session) -> dict[int, str]:
    return dict(session.exec(select(Site.id, Site.code)).all())


def site_id(session: Session, lookup: Lookup, value: str | None) -> int:
    codes = lookup.cache.get("sites")
    if codes is None:
        # The Site rows are kept referenced, so the rules' session.get(Site, id) finds them
        # in the identity map instead of asking the database once per imported row.
        lookup.cache["site_rows"] = list(session.exec(select(Site)))
        codes = lookup.cache["sites"] = {site.code.lower(): site.id
                                         for site in lookup.cache["site_rows"]}
    code = required(value, "site")
    if code.lower() not in codes:
        known = ", ".join(sorted(code.upper() for code in codes)[:10])
        raise Invalid("site", _("there is no site with code '{code}' (known: {known})").format(
            code=code, known=known))
    return codes[code.lower()]


# --- the sites themselves: import and export ------------------------------------------------

COLUMNS = ("code", "name", "city", "country", "total_area_m2", "address", "timezone",
           "opens_at", "closes_at", "open_days", "building_budget")


def export_rows(session: Session):
    """The sites in use (an archived one is not brought back by an import of this file)."""
    for site in sites.list_sites(session):
        yield [site.code, site.name, site.city, site.country, cell(site.total_area_m2),
               site.address or "", site.timezone, f"{site.opens_at:%H:%M}",
               f"{site.closes_at:%H:%M}", sites.days_text(site.open_weekdays),
               cell(site.building_budget)]


def _values(values: dict, existing: Site | None, found: FieldChecks) -> dict:
    """The site's fields: the file's cells, and the record's own for columns left out. A
    refused cell is kept in `found` and left None."""
    def given(column, default):
        if column in values and text(values.get(column)) is not None:
            return text(values[column])
        return default
    clean = {"code": text(values.get("code")), "name": text(values.get("name")),
             "city": text(values.get("city")),
             "country": given("country", existing.country if existing else "IT"),
             "total_area_m2": given("total_area_m2", existing.total_area_m2 if existing else 0),
             "address": text(values.get("address")) if "address" in values
             else (existing.address if existing else None),
             "timezone": given("timezone", existing.timezone if existing else None),
             "opens_at": found.run(sites.parse_clock, given("opens_at", "08:00"), "opens_at")
             if "opens_at" in values or not existing else existing.opens_at,
             "closes_at": found.run(sites.parse_clock, given("closes_at", "20:00"), "closes_at")
             if "closes_at" in values or not existing else existing.closes_at,
             "weekdays": found.run(sites.parse_days, given("open_days", "Mon-Sat"), "open_days")
             if "open_days" in values or not existing
             else [int(day) for day in existing.open_weekdays]}
    if "building_budget" in values:  # an empty cell: no budget; no such column: kept as it is
        clean["building_budget"] = text(values["building_budget"])
    return clean


def import_row(session: Session, actor: User, values: dict, lookup: Lookup) -> str:
    found = FieldChecks()     # every bad cell of the row, and the rules' word on the others
    code = found.run(required, values.get("code"), "code")
    existing = session.exec(select(Site).where(func.upper(Site.code) == code.upper())
                            ).first() if code else None
    clean = _values(values, existing, found)
    also_the_rules(found, sites.check_site, clean)
    found.done()
    if existing is None:
        sites.add_site(session, actor=actor, **clean)
        return "created"
    if existing.archived_at is not None:
        raise Invalid("code", _("site {code} is archived; restore it in Admin › Sites before "
                                "importing changes to it").format(code=existing.code))
    before = existing.version
    sites.edit_site(session, actor=actor, site_id=existing.id, version=None, **clean)
    session.flush()
    return "updated" if existing.version != before else "unchanged"


KIND = Kind(
    name="sites", title=N_("Sites"), columns=COLUMNS, required=("code", "name", "city"),
    key=("code",),
    example=("HUB2", "Second workshop building", "Florence", "IT", "420",
             "Via Example 1, Firenze", "Europe/Rome", "09:00", "19:00", "Mon-Fri", "6000"),
    export_rows=export_rows, import_row=import_row,
    notes=N_("code: 1 to 12 letters, digits or dashes, used by the other files' site column. "
             "country: ISO code (IT) or name; timezone: like Europe/Rome (the default); "
             "opens_at / closes_at like 08:30 (default 08:00–20:00); open_days like Mon-Sat or "
             "Mon Tue Thu (default Mon-Sat); building_budget: the yearly building budget in "
             "euros (empty: none). Archived sites are not exported."))

