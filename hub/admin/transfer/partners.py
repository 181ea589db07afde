"""partners: organisations of the network. Key: name (case-insensitive)."""
from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from db.models import Partner, User
from hub.admin.transfer.kind import Kind, Lookup
from hub.admin.transfer.values import also_the_rules, cell, day, required, text
from hub.checks import FieldChecks
from hub.errors import Invalid
from hub.i18n import N_, _
from hub.partners import organisations

COLUMNS = ("name", "kind", "country", "city", "website", "status", "since", "tags", "notes")
DEFAULTS = {"status": "prospect", "tags": ""}


def _hub(name: str):
    """hub/partners/organisations.py's function `name`."""
    return getattr(organisations, name)


def available() -> bool:
    return all(_hub(name) for name in ("add_partner", "edit_partner"))


def export_rows(session: Session):
    for partner in session.exec(select(Partner).order_by(func.lower(Partner.name), Partner.id)):
        yield [cell(getattr(partner, column)) for column in COLUMNS]


def find_partner(session: Session, lookup: Lookup, value: str | None,
                 *, column: str = "partner") -> int:
    """The partner a row names (by name, ignoring case), for contacts, interactions, links."""
    name = required(value, column)
    ids = lookup.cache.get("partners")
    if ids is None:
        ids = lookup.cache["partners"] = {}
        for partner_id, other in session.exec(select(Partner.id, Partner.name)
                                              .order_by(Partner.id)):
            ids.setdefault(" ".join(other.casefold().split()), partner_id)
    found = ids.get(" ".join(name.casefold().split()))
    if found is None:
        raise Invalid(column, _("there is no partner '{name}' (import partners first)").format(
            name=name))
    return found


def _values(values: dict, existing: Partner | None, found: FieldChecks | None = None) -> dict:
    """The partner's fields; a refused cell is kept in `found` (when given) and left None."""
    found = found or FieldChecks()
    parsed = {}
    for column in COLUMNS:
        if column not in values:
            parsed[column] = getattr(existing, column) if existing else DEFAULTS.get(column)
            continue
        parsed[column] = found.run(day, values[column], column) if column == "since" \
            else text(values[column])
        if parsed[column] is None and column in DEFAULTS:
            # An empty cell keeps what the partner has (an active one never turns prospect).
            parsed[column] = getattr(existing, column) if existing else DEFAULTS[column]
    for column, case in (("kind", str.lower), ("status", str.lower), ("country", str.upper)):
        if isinstance(parsed[column], str):
            parsed[column] = case(parsed[column])
    return parsed


def import_row(session: Session, actor: User, values: dict, lookup: Lookup) -> str:
    found = FieldChecks()     # every bad cell of the row, and the rules' word on the others
    name = found.run(required, values.get("name"), "name")
    also_the_rules(found, organisations.check_partner, _values(values, None, found))
    found.done()
    existing = session.exec(select(Partner).where(func.lower(Partner.name) == name.lower())
                            .order_by(Partner.id)).first()
    if existing is None:
        _hub("add_partner")(session, actor=actor, **_values(values, None))
        return "created"
    before = existing.version
    _hub("edit_partner")(session, actor=actor, partner_id=existing.id, version=None,
                          **_values(values, existing))
    session.flush()
    return "updated" if existing.version != before else "unchanged"


KIND = Kind(
    name="partners", title=N_("Partners"), columns=COLUMNS, required=("name", "kind", "country"),
    key=("name",),
    example=("Jingdezhen Ceramic Institute", "school_academy", "CN", "Jingdezhen",
             "https://example.org", "prospect", "2025-05-01", "ceramics,exchange", ""),
    export_rows=export_rows, import_row=import_row, available=available,
    notes=N_("kind: institution, trade_association, b2b_buyer, gallery_retailer, "
             "school_academy, eu_project_partner, media or supplier; country as a two-letter "
             "code; tags comma-separated."))

