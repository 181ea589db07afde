"""Details of the programme that mutation testing found unguarded: the order sessions and
people are listed in, what the exports carry, and what a tenant's profile says they taught."""
from datetime import date, time

from db.engine import reading
from hub.partners import links
from hub.programme import enrolments, exports, views
from hub.programme import items
from hub.tenants import directory
from tests.worlds import TUESDAY, add, new_partner, read, write


def test_an_items_sessions_are_listed_by_day_then_time(plan):
    add(plan, day=date(2026, 6, 16), start=time(9), end=time(10))
    add(plan, day=TUESDAY, start=time(18), end=time(19))
    add(plan, day=date(2026, 6, 9), start=time(8), end=time(9))
    with reading() as session:
        rows = views.item_sessions(session, plan["wheel"])
    assert [(row.day, row.start_minute) for row in rows] == [
        (TUESDAY, 18 * 60), (date(2026, 6, 9), 8 * 60), (date(2026, 6, 16), 9 * 60)]


def test_people_are_listed_seated_then_waitlisted_then_cancelled(plan):
    def enrol(name):
        return write(enrolments.enrol, actor=plan["manager"], item_id=plan["wheel"],
                     participant_name=name)
    first = enrol("Anna")       # seat 1, queued first: cancelled below
    enrol("Bruno")              # seat 2
    enrol("Chiara")             # waitlisted, moves up when Anna cancels
    enrol("Dario")              # waitlisted
    write(enrolments.cancel_enrolment, actor=plan["manager"], enrolment_id=first.id,
          version=None)
    enrol("Elena")              # waitlisted after Dario
    with reading() as session:
        rows = views.enrolment_rows(session, plan["wheel"])
        listed = exports.enrolment_list(session, plan["wheel"], with_contacts=False)
    assert [(row.name, row.status) for row in rows] == [
        ("Bruno", "enrolled"), ("Chiara", "enrolled"), ("Dario", "waitlisted"),
        ("Elena", "waitlisted"), ("Anna", "cancelled")]
    assert [(row["name"], row["status"]) for row in listed] == [
        ("Bruno", "enrolled"), ("Chiara", "enrolled"), ("Dario", "waitlisted"),
        ("Elena", "waitlisted")]


def test_the_enrolment_list_names_the_tenant_of_a_participant(plan):
    write(enrolments.enrol, actor=plan["manager"], item_id=plan["wheel"],
          participant_name="Giulia Neri", tenant_id=plan["giulia"])
    write(enrolments.enrol, actor=plan["manager"], item_id=plan["wheel"],
          participant_name="Outside Person")
    with reading() as session:
        listed = exports.enrolment_list(session, plan["wheel"], with_contacts=True)
    assert [(row["name"], row["tenant"], row["email"]) for row in listed] == [
        ("Giulia Neri", "Giulia Neri", ""), ("Outside Person", "", "")]


def test_published_sessions_carry_the_items_description(plan):
    write(items.edit_item, actor=plan["manager"], item_id=plan["wheel"], version=None,
          description="Clay, wheel and patience", status="published")
    add(plan, day=TUESDAY)
    rows = read(exports.published_sessions)
    assert [(row["title"], row["description"], row["location"]) for row in rows] == [
        ("Wheel throwing for beginners", "Clay, wheel and patience",
         "Pottery, Test Hub, Florence")]


def test_a_profile_lists_what_the_tenant_taught_and_their_partners(plan):
    add(plan, day=TUESDAY, instructor="teacher")
    add(plan, item_key="glaze", day=date(2026, 6, 3), start=time(9), end=time(11),
        instructor="teacher")
    partner = new_partner(plan, name="Artex", kind="trade_association", city="Firenze")
    write(links.link_tenant, actor=plan["manager"], partner_id=partner.id,
          tenant_id=plan["giulia"], kind="sells_work")
    with reading() as session:
        shown = directory.profile(session, actor=plan["viewer"], tenant_id=plan["giulia"])
    # newest first
    assert shown.taught == [("Glazes and firing", "workshop", date(2026, 6, 3)),
                            ("Wheel throwing for beginners", "course", TUESDAY)]
    assert shown.partners == [("Artex", "trade_association", "sells_work")]
