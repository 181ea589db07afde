"""Refusals of occupancy writes made from a stale screen (hub/occupancy/bookings.py, leases.py
and hub/records.py): the second of two saves is refused with the STALE sentence, the first
save is what stays, and the refused save logs nothing. tests/registry/test_writes.py checks
that every versioned write refuses a made-up version at load; here two real saves meet, at
load and, for the race the load check cannot see, at the write itself (the flush)."""
import re
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, update
from sqlmodel import select

from db.engine import get_engine, reading
from db.models import AuditEntry, Booking, Lease
from hub.errors import Invalid, Stale
from hub.occupancy import bookings, leases
from tests.worlds import SOMEONE_ELSE, book, lease, stale, write


def audit_count(**where) -> int:
    with reading() as session:
        query = select(func.count()).select_from(AuditEntry)
        for column, value in where.items():
            query = query.where(getattr(AuditEntry, column) == value)
        return session.exec(query).one()


def on_postgres() -> bool:
    return get_engine().dialect.name == "postgresql"


def saved_meanwhile(monkeypatch, module, **values) -> None:
    """Someone else saves the record between this save's read and its write, so the version
    check at load passes and only the write (the flush) can notice. On PostgreSQL the other
    save commits from its own connection and stays; SQLite lets one writer in at a time
    (BEGIN IMMEDIATE), so there it runs in the same transaction, which the refusal rolls
    back. Either way the ORM still holds the version it read."""
    real = module.load_for_edit

    def load_then_someone_saves(session, model, row_id, version, what, named=None):
        row = real(session, model, row_id, version, what, named)
        change = (update(model).where(model.id == row_id)
                  .values(version=model.version + 1, **values))
        if on_postgres():
            with get_engine().begin() as other:
                other.execute(change)
        else:
            session.execute(change.execution_options(synchronize_session=False))
        return row

    monkeypatch.setattr(module, "load_for_edit", load_then_someone_saves)


# --- cancelling a booking -------------------------------------------------------------------

def test_the_second_of_two_cancellations_from_one_screen_is_refused_and_the_first_kept(
        base, make_user):
    other_manager = make_user("ada", "manager")
    seen = book(base, places=2)                      # both managers see this version
    write(bookings.cancel_booking, actor=base["manager"], booking_id=seen.id,
          version=seen.version)
    with pytest.raises(Stale) as refused:
        write(bookings.cancel_booking, actor=other_manager, booking_id=seen.id,
              version=seen.version)
    assert re.fullmatch(stale("This booking", by="Boss (boss)"), str(refused.value))
    with reading() as session:
        kept = session.get(Booking, seen.id)
    assert (kept.status, kept.cancelled_by, kept.version) == ("cancelled", "boss",
                                                              seen.version + 1)
    assert audit_count(action="cancel", entity="bookings") == 1
    assert audit_count(username="ada") == 0


def test_a_reloaded_cancellation_of_a_cancelled_booking_is_refused_and_writes_nothing(base):
    seen = book(base)
    cancelled = write(bookings.cancel_booking, actor=base["manager"], booking_id=seen.id,
                      version=seen.version)
    before = audit_count()
    with pytest.raises(Invalid) as refused:
        write(bookings.cancel_booking, actor=base["manager"], booking_id=seen.id,
              version=cancelled.version)
    assert (refused.value.field, refused.value.message) == (
        "status", "this booking is already cancelled")
    with reading() as session:
        assert session.get(Booking, seen.id).version == cancelled.version
    assert audit_count() == before


def test_a_cancellation_meeting_another_save_at_the_write_is_refused(base, monkeypatch):
    seen = book(base)
    saved_meanwhile(monkeypatch, bookings, status="cancelled", cancelled_by="ada")
    before = audit_count()
    with pytest.raises(Stale) as refused:
        write(bookings.cancel_booking, actor=base["manager"], booking_id=seen.id,
              version=seen.version)
    assert re.fullmatch(stale("This booking", by=SOMEONE_ELSE), str(refused.value))
    with reading() as session:
        stored = session.get(Booking, seen.id)
    if on_postgres():       # the other save landed and is kept
        assert (stored.status, stored.cancelled_by) == ("cancelled", "ada")
    else:                   # the transaction holding both was refused whole
        assert (stored.status, stored.cancelled_by) == ("booked", None)
    assert stored.cancelled_by != "boss"
    assert audit_count() == before


# --- editing a lease ------------------------------------------------------------------------

def test_the_second_of_two_lease_edits_is_refused_and_the_first_kept(base):
    seen = lease(base, ends_on=date(2026, 12, 31), rent="100")
    write(leases.edit_lease, actor=base["manager"], lease_id=seen.id, version=seen.version,
          starts_on=seen.starts_on, ends_on=date(2026, 12, 31), monthly_rent="120")
    with pytest.raises(Stale) as refused:
        write(leases.edit_lease, actor=base["manager"], lease_id=seen.id, version=seen.version,
              starts_on=seen.starts_on, ends_on=date(2027, 6, 30), monthly_rent="90")
    assert re.fullmatch(stale("This lease"), str(refused.value))
    with reading() as session:
        kept = session.get(Lease, seen.id)
    assert (kept.ends_on, kept.monthly_rent) == (date(2026, 12, 31), Decimal("120.00"))
    assert audit_count(action="update", entity="leases") == 1


def test_a_lease_edit_meeting_another_save_at_the_write_is_refused(base, monkeypatch):
    seen = lease(base, ends_on=date(2026, 12, 31), rent="100")
    saved_meanwhile(monkeypatch, leases, monthly_rent=Decimal("150.00"))
    before = audit_count()
    with pytest.raises(Stale) as refused:
        write(leases.edit_lease, actor=base["manager"], lease_id=seen.id, version=seen.version,
              starts_on=seen.starts_on, ends_on=date(2026, 12, 31), monthly_rent="90")
    assert re.fullmatch(stale("The lease of L1", by=SOMEONE_ELSE), str(refused.value))
    with reading() as session:
        rent = session.get(Lease, seen.id).monthly_rent
    assert rent == (Decimal("150.00") if on_postgres() else Decimal("100.00"))
    assert audit_count() == before

