"""The audit log says what each record is in the hub's words ("Tenant Nora Bianchi", "Space
L1", "Booking of POT on 1 Jun 2026") and times of day as 09:00, in the reader's language; a
record deleted since is named from what its entries kept. The CSV export keeps its stable
columns and the stored words (table, id, changes as stored)."""
from __future__ import annotations

import csv
import io
from datetime import date, time, timedelta

from db.engine import reading
from hub.admin import audit
from hub.i18n import speaking
from hub.occupancy import spaces
from hub import sites
from hub.partners import organisations
from tests.tenants.test_rules import new_tenant
from tests.worlds import book, write
from ui.admin.audit import COLUMNS, load_export
from ui.widgets import csv_bytes

MONDAY = date(2026, 6, 1)


def logged(base, language="en") -> dict[str, audit.AuditRow]:
    """The hub's log after a few changes, newest first, by action and table."""
    tenant = new_tenant(base, name="Nora Bianchi", business="Bianchi Gioielli")
    write(spaces.edit_space, actor=base["manager"], space_id=base["L1"], version=None,
          code="L1", name="Lab one", kind="laboratory", area_m2=10, capacity=1,
          monthly_rent="100", leasable=True)
    book(base, space="POT", day=MONDAY, start=time(9), end=time(10))
    write(sites.set_opening_hours, actor=base["manager"], site_id=base["site"], version=None,
          opens_at=time(9), closes_at=time(19), weekdays=[0, 1, 2, 3, 4])
    artex = write(organisations.add_partner, actor=base["manager"], name="Artex",
                  kind="institution", country="IT")
    write(organisations.delete_partner, actor=base["manager"], partner_id=artex.id, version=None)
    with speaking(language), reading() as session:
        rows, __ = audit.audit_entries(session, actor=base["manager"])
    base["nora"] = tenant.id
    return {f"{row.action} {row.entity}": row for row in reversed(rows)}


def test_each_record_is_named_in_the_hubs_words(base):
    rows = logged(base)
    assert {key: row.what for key, row in rows.items() if not key.endswith("users")} == {
        "create tenants": "Tenant Nora Bianchi", "update spaces": "Space L1",
        "create bookings": "Booking of POT on 1 Jun 2026", "update sites": "Site Test Hub",
        "create partners": "Partner Artex", "delete partners": "Partner Artex"}


def test_times_read_as_times_and_days_as_days(base):
    rows = logged(base)
    booking = rows["create bookings"].readable
    assert "start: 09:00" in booking and "end: 10:00" in booking and "minute" not in booking
    assert rows["update sites"].readable == (
        "opens at: 08:00 → 09:00; closes at: 20:00 → 19:00; "
        "open days: Mon Tue Wed Thu Fri Sat → Mon Tue Wed Thu Fri")
    assert rows["update spaces"].readable == "name: Lab 1 → Lab one"


def test_in_italian(base):
    rows = logged(base, "it")
    assert rows["create tenants"].what == "Artigiano Nora Bianchi"
    assert rows["create bookings"].what == "Prenotazione di POT del 1 giu 2026"
    assert rows["update sites"].readable.startswith(
        "apre alle: 08:00 → 09:00; chiude alle: 20:00 → 19:00; giorni di apertura: lun mar mer "
        "gio ven sab → lun mar mer gio ven")
    assert "inizio: 09:00" in rows["create bookings"].readable


def test_the_csv_export_keeps_its_columns_and_the_stored_words(base):
    logged(base)
    today = date.today()
    frame = load_export(base["manager"], "boss", None, None, today - timedelta(days=1),
                        today + timedelta(days=1))
    rows = list(csv.DictReader(io.StringIO(csv_bytes(frame).decode("utf-8-sig"))))
    assert list(rows[0]) == COLUMNS == ["When", "User", "Action", "Record", "Id",
                                        "Changes (old → new)"]
    tenant = next(row for row in rows if row["Record"] == "tenants")
    assert tenant["Id"] == str(base["nora"]) and "name: Nora Bianchi" in tenant["Changes (old → new)"]
    booking = next(row for row in rows if row["Record"] == "bookings")
    assert "start_minute: 540" in booking["Changes (old → new)"]
