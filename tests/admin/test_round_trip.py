"""The round trip is the identity: every kind exported from a hub, imported into an empty one
in the order of transfer.KINDS (the README's), exports the same bytes; a second import of the
same files changes nothing. On the demo hub (its programme and bookings trimmed to recent
weeks, so it runs in seconds) and on small hubs Hypothesis builds through the hub's own
writes, on SQLite and PostgreSQL, as CSV and XLSX."""
from __future__ import annotations

import io
import zipfile
from datetime import date, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, delete, update
from sqlmodel import Session, select

from db.engine import engine_for
from db.models import (Booking, Contact, Enrolment, Instructor, Interaction, Lease, Partner,
                       PartnerItemLink, PartnerTenantLink, ProgrammeItem, ProgrammeSession, Site,
                       Space, Tenant, TenantListing, User)
from db.seed.driver import seed_demo
from hub.admin import transfer, users
from hub.errors import Refused
from hub.occupancy import bookings, leases
from hub.partners import interactions, links, organisations
from hub.programme import enrolments, items

SETTINGS = settings(max_examples=15, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])
RECORDS = (PartnerItemLink, PartnerTenantLink, Interaction, Contact, Partner, Enrolment,
           ProgrammeSession, ProgrammeItem, Instructor, Booking, Lease)


def contents(data: bytes) -> bytes | dict[str, bytes]:
    """A file's bytes; a workbook's, but for the moment it was written (docProps/core.xml)."""
    if not data.startswith(b"PK"):
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return {name: book.read(name) for name in book.namelist()
                if name != "docProps/core.xml"}


def export_all(engine: Engine, actor: User, file_format: str) -> dict[str, bytes]:
    with Session(engine) as session:
        return {name: transfer.export_file(session, actor=actor, kind=kind,
                                           file_format=file_format)
                for name, kind in transfer.KINDS.items()}


def same(one: dict[str, bytes], other: dict[str, bytes]) -> list[str]:
    """The kinds whose files differ."""
    return [name for name in one if contents(one[name]) != contents(other[name])]


def import_all(engine: Engine, actor: User, files: dict[str, bytes],
               file_format: str) -> dict[str, transfer.Outcome]:
    outcomes = {}
    for name, kind in transfer.KINDS.items():   # in the order a new hub imports them
        with Session(engine, expire_on_commit=False) as session, session.begin():
            outcomes[name] = transfer.import_file(session, actor=actor, kind=kind,
                                                  data=files[name],
                                                  file_name=f"{name}.{file_format}")
    return outcomes


def assert_round_trip(source: Engine, target: Engine, actor: User, file_format: str) -> dict:
    sent = export_all(source, actor, file_format)
    first = import_all(target, actor, sent, file_format)
    back = export_all(target, actor, file_format)
    assert same(sent, back) == [], "exports differ"
    again = import_all(target, actor, sent, file_format)
    assert {name: (outcome.created, outcome.updated) for name, outcome in again.items()} == \
        dict.fromkeys(sent, (0, 0)), "a second import changed something"
    assert same(sent, export_all(target, actor, file_format)) == []
    return {name: outcome.created for name, outcome in first.items()}


# --- the demo hub ---------------------------------------------------------------------------

def trim_demo(session: Session, today: date) -> None:
    """Keep the demo's shape, fewer rows: bookings of the last five weeks and the coming ones,
    the programme of the last 100 days and after."""
    session.exec(delete(Booking).where(Booking.day < today - timedelta(days=35)))
    old = select(ProgrammeItem.id).where(ProgrammeItem.starts_on < today - timedelta(days=100))
    for model in (PartnerItemLink, Enrolment, ProgrammeSession):
        session.exec(delete(model).where(model.item_id.in_(old)))
    session.exec(delete(ProgrammeItem).where(ProgrammeItem.id.in_(old)))


@pytest.mark.parametrize("file_format", transfer.FORMATS)
def test_the_demo_hub_exported_and_imported_into_an_empty_hub_exports_the_same_bytes(
        db_url, fresh, file_format):
    source = engine_for(db_url)
    with Session(source) as session, session.begin():
        seed_demo(session, billing=False)   # billing's files do not read back the same
        trim_demo(session, date.today())
    target, __ = fresh
    with Session(target) as session, session.begin():
        session.exec(delete(Site))          # an empty hub: the demo brings its own sites
    created = assert_round_trip(source, target, users.COMMAND_LINE, file_format)
    with Session(source) as session:
        cancelled = session.exec(select(ProgrammeItem.id).where(
            ProgrammeItem.status == "cancelled")).all()
    assert all(created[name] for name in created), created       # every kind has rows
    assert created["enrolments"] > 100 and created["sessions"] > 20, created
    assert cancelled or created["programme"] > 10


# --- small hubs built by Hypothesis ---------------------------------------------------------

WEEK = date(2025, 6, 2)         # a Monday, in the past (interactions are logged afterwards)
PEOPLE = ("Marco Bruni", "Sara Pini", "Élodie Roux", "marco bruni")
TITLES = ("Raku", "Wheel throwing", "raku")
days = st.integers(0, 12).map(lambda n: WEEK + timedelta(days=n))
hours = st.integers(8, 17)
STEPS = (
    st.tuples(st.just("book"), st.sampled_from(["POT", "B1"]), days, hours, st.integers(1, 3),
              st.integers(1, 2), st.sampled_from(["giulia", "aiko", *PEOPLE]), st.booleans()),
    st.tuples(st.just("instructor"), st.sampled_from(["Paolo Conti", "Lia Moro", "giulia"]),
              st.sampled_from([None, "paolo@example.org", "lia@example.org"])),
    st.tuples(st.just("item"), st.sampled_from(TITLES), st.integers(1, 3),
              st.sampled_from(["in_situ", "online"])),
    st.tuples(st.just("session"), st.integers(0, 5), days, hours,
              st.sampled_from(["POT", None]), st.integers(0, 3)),
    st.tuples(st.just("enrol"), st.integers(0, 5), st.sampled_from([*PEOPLE, "aiko"]),
              st.sampled_from([None, "enrolled", "cancelled", "attended"])),
    st.tuples(st.just("status"), st.integers(0, 5),
              st.sampled_from(["published", "cancelled", "done"])),
    st.tuples(st.just("partner"), st.sampled_from(["Artex", "Lantern Trading", "artex"])),
    st.tuples(st.just("contact"), st.integers(0, 2), st.sampled_from(PEOPLE),
              st.sampled_from([None, "Director"])),
    st.tuples(st.just("interaction"), st.integers(0, 2), days,
              st.sampled_from(["call", "meeting"]), st.sampled_from(["Met", "Called back"]),
              st.booleans(), st.booleans()),
    st.tuples(st.just("link"), st.integers(0, 2), st.sampled_from(["giulia", "aiko"]),
              st.sampled_from(["sells_work", "mentors"]), st.integers(0, 5),
              st.sampled_from(["funder", "venue"])),
    st.tuples(st.just("lease"), st.sampled_from(["L1", "L2"]), st.sampled_from(["giulia", "aiko"]),
              st.integers(0, 3)),
)
# A few writes of each kind, in an order that gives the later ones something to name: the
# programme before its sessions and people, partners before their contacts, logs and links.
ORDER = ("lease", "book", "instructor", "item", "session", "enrol", "status", "partner",
         "contact", "interaction", "link")

moves = st.tuples(*(st.lists(step, max_size=4) for step in STEPS)).map(
    lambda groups: sorted((move for group in groups for move in group),
                          key=lambda move: ORDER.index(move[0])))


class NothingToPick(Exception):
    pass


def _pick(session: Session, model, index: int) -> int:
    rows = session.exec(select(model.id).order_by(model.id)).all()
    if not rows:
        raise NothingToPick(model.__tablename__)
    return rows[index % len(rows)]


def _twin(session: Session, model, **values) -> bool:
    """Partners, and instructors of one name, the import tells apart by name (and email):
    the screens warn before such a twin is added, and so it is left out here."""
    return any(all((getattr(row, field) or "").casefold() == (value or "").casefold()
                   for field, value in values.items())
               for row in session.exec(select(model)))


def apply(session: Session, base: dict, boss: User, move: tuple) -> None:
    """One write of the hub, as a screen would make it; one the rules refuse is left out."""
    kind, *args = move
    if kind == "book":
        space, day, hour, length, places, who, cancel = args
        tenant = base.get(who)
        made = bookings.book(session, actor=boss, space_id=base[space], day=day,
                             start=time(hour), end=time(min(hour + length, 20)), places=places,
                             tenant_id=tenant, guest_name=None if tenant else who)
        if cancel:
            bookings.cancel_booking(session, actor=boss, booking_id=made.id, version=None)
    elif kind == "instructor":
        name, email = args
        if name == "giulia":
            items.add_instructor(session, actor=boss, tenant_id=base["giulia"])
        elif not _twin(session, Instructor, name=name, email=email):
            items.add_instructor(session, actor=boss, name=name, email=email)
    elif kind == "item":
        title, capacity, format_ = args
        items.add_item(session, actor=boss, site_id=base["site"], kind="course", title=title,
                       sector="ceramics", capacity=capacity, price="90.50", format=format_,
                       refund_deadline=date(2027, 3, 20) if capacity % 2 else None)
    elif kind == "session":
        index, day, hour, space, teacher = args
        item = _pick(session, ProgrammeItem, index)
        instructor = _pick(session, Instructor, teacher) if teacher else None
        items.add_session(session, actor=boss, item_id=item, day=day, start=time(hour),
                          end=time(hour + 2), space_id=base[space] if space else None,
                          location=None if space else "Sala civica", instructor_id=instructor)
    elif kind == "enrol":
        index, who, then = args
        item = _pick(session, ProgrammeItem, index)
        tenant = base.get(who)
        made = enrolments.enrol(session, actor=boss, item_id=item, participant_name=who,
                                email=None if tenant or who.startswith("É") else
                                f"{who.split()[0].lower()}@example.org", tenant_id=tenant)
        if then == "cancelled":
            enrolments.cancel_enrolment(session, actor=boss, enrolment_id=made.id,
                                        version=None)
        elif then == "attended" and made.status == "enrolled":
            seated = session.exec(select(Enrolment.id).where(
                Enrolment.item_id == item, Enrolment.status == "attended")).all()
            enrolments.mark_attendance(session, actor=boss, item_id=item,
                                       attended=[*seated, made.id])
    elif kind == "status":
        index, status = args
        items.edit_item(session, actor=boss, item_id=_pick(session, ProgrammeItem, index),
                        version=None, status=status)
    elif kind == "lease":
        space, who, years = args
        leases.lease_space(session, actor=boss, space_id=base[space], tenant_id=base[who],
                           starts_on=date(2020 + 2 * years, 1, 1),
                           ends_on=date(2021 + 2 * years, 6, 30), monthly_rent="310.50")
    elif kind == "partner" and not _twin(session, Partner, name=args[0]):
        organisations.add_partner(session, actor=boss, name=args[0], kind="b2b_buyer",
                                  country="CN")
    elif kind == "contact":
        index, name, role = args
        organisations.add_contact(session, actor=boss, partner_id=_pick(session, Partner, index),
                                  name=name, role=role)
    elif kind == "interaction":
        index, day, what, summary, follow_up, done = args
        logged = interactions.log_interaction(
            session, actor=boss, partner_id=_pick(session, Partner, index), day=day, kind=what,
            summary=summary, follow_up_on=day + timedelta(days=7) if follow_up else None)
        if follow_up and done:
            interactions.mark_follow_up_done(session, actor=boss, interaction_id=logged.id,
                                             version=None)
    elif kind == "link":
        index, who, what, item_index, role = args
        partner = _pick(session, Partner, index)
        links.link_tenant(session, actor=boss, partner_id=partner, tenant_id=base[who],
                          kind=what, starts_on=WEEK)
        links.link_item(session, actor=boss, partner_id=partner,
                        item_id=_pick(session, ProgrammeItem, item_index), role=role)


def build(engine: Engine, base: dict, moves: list[tuple]) -> None:
    boss = base["manager"]
    with Session(engine, expire_on_commit=False) as session, session.begin():
        for model in RECORDS:
            session.exec(delete(model))
        # A space of the hand-built world has no opening day; an import gives it one.
        session.exec(update(Space).values(opened_on=date(2016, 3, 1)))
        for move in moves:
            try:
                with session.begin_nested():
                    apply(session, base, boss, move)
            except (Refused, NothingToPick):        # refused by the rules
                pass


def empty(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        for model in (*RECORDS, TenantListing, Tenant, Space):
            session.exec(delete(model))


@pytest.fixture
def both(db_url, base, fresh):
    """The hand-built hub, and an empty one with the same site and the boss's account (the
    owner of the interactions the boss logs)."""
    engine, __ = fresh
    with Session(engine, expire_on_commit=False) as session, session.begin():
        users.add_user(session, actor=users.COMMAND_LINE, username="boss", role="manager",
                       name="Boss", email="boss@example.org", password="Correct-Horse-42")
    return base, engine_for(db_url), engine


@pytest.mark.parametrize("file_format", transfer.FORMATS)
@SETTINGS
@given(steps=moves)
def test_a_small_hub_exported_and_imported_into_an_empty_hub_exports_the_same_bytes(
        both, file_format, steps):
    base, source, target = both
    build(source, base, steps)
    empty(target)
    assert_round_trip(source, target, base["manager"], file_format)
