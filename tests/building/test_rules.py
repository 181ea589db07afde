"""Building rules (hub/building/issues.py, works.py): who may do what, the issue's steps,
validation naming the field, the collision listing and the confirmation that cancels, and
the audit log of each write."""
from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func
from sqlmodel import select

from db.engine import reading
from db.models import AuditEntry, Booking, BuildingIssue, WorksPeriod
from hub.building import issues
from hub.occupancy import works
from hub.errors import Forbidden, Invalid, Stale
from tests.worlds import add, book, lease, write

START, END = date(2027, 1, 11), date(2027, 1, 17)      # a Monday to a Sunday


def audit(entity=None):
    with reading() as session:
        query = select(AuditEntry.action, AuditEntry.entity, AuditEntry.username)
        if entity:
            query = query.where(AuditEntry.entity == entity)
        return list(session.exec(query.order_by(AuditEntry.id)))


def report(base, role="communication", **values):
    values = {"site_id": base["site"], "title": "Leak above the kiln", "space_id": base["POT"],
              "priority": "high", **values}
    return write(issues.report_issue, actor=base[role], **values)


def plan(base, codes=("POT",), starts_on=START, ends_on=END, **extra):
    return write(works.plan_works, actor=base["manager"], site_id=base["site"],
                 space_ids=[base[code] for code in codes], title="Kiln service",
                 starts_on=starts_on, ends_on=ends_on, **extra)


# --- issues ---------------------------------------------------------------------------------

def test_communication_reports_an_issue_and_a_viewer_cannot(base):
    issue = report(base)
    assert (issue.status, issue.reported_on, issue.reported_by) == (
        "reported", date.today(), base["communication"].id)
    assert audit("building_issues") == [("create", "building_issues", "carla")]
    with pytest.raises(Forbidden):
        report(base, role="viewer")
    common = report(base, role="manager", space_id=None, title="Roof tiles")
    assert common.space_id is None                                 # the common parts


def test_only_the_manager_edits_and_moves_an_issue(base):
    issue = report(base)
    for action, values in ((issues.edit_issue, dict(title="Leak", priority="urgent")),
                           (issues.move_issue, dict(status="planned"))):
        with pytest.raises(Forbidden):
            write(action, actor=base["communication"], issue_id=issue.id, version=None,
                  **values)
    edited = write(issues.edit_issue, actor=base["manager"], issue_id=issue.id, version=None,
                   title="Leak", priority="urgent", space_id=base["POT"],
                   contractor="Idraulica Rossi", cost_estimate="1200")
    assert (edited.priority, edited.cost_estimate) == ("urgent", Decimal("1200.00"))
    with pytest.raises(Stale):
        write(issues.edit_issue, actor=base["manager"], issue_id=issue.id,
              version=issue.version, title="Stale", priority="low")


def test_an_issue_goes_step_by_step_to_done_with_its_final_cost(base):
    issue = report(base)
    m = base["manager"]
    with pytest.raises(Invalid) as error:
        write(issues.move_issue, actor=m, issue_id=issue.id, version=None, status="done")
    assert (error.value.field, error.value.message) == (
        "status", "an issue that is reported can go to planned or dropped, not to done")
    for status in ("planned", "in_progress"):
        write(issues.move_issue, actor=m, issue_id=issue.id, version=None, status=status)
    done = write(issues.move_issue, actor=m, issue_id=issue.id, version=None, status="done",
                 final_cost="980.50")
    assert (done.status, done.closed_on, done.final_cost) == (
        "done", date.today(), Decimal("980.50"))
    with pytest.raises(Invalid) as error:
        write(issues.move_issue, actor=m, issue_id=issue.id, version=None, status="dropped")
    assert error.value.message == ("an issue that is done can go to nothing: it is closed, "
                                   "not to dropped")
    assert [action for action, *_ in audit("building_issues")] == [
        "create", "planned", "in_progress", "done"]


@pytest.mark.parametrize("values, field, message", [
    (dict(title="  "), "title", "title is required"),
    (dict(title="x" * 161), "title", "title is longer than 160 characters"),
    (dict(priority="soon"), "priority",
     "priority 'soon' is unknown; choose one of low, normal, high, urgent"),
    (dict(reported_on=date.today() + timedelta(days=1)), "reported on",
     "an issue cannot be reported on a day still to come"),
])
def test_a_bad_issue_is_refused_naming_the_field_and_writes_nothing(base, values, field,
                                                                     message):
    with pytest.raises(Invalid) as error:
        report(base, **values)
    assert (error.value.field, error.value.message) == (field, message)
    with reading() as session:
        assert session.exec(select(func.count()).select_from(BuildingIssue)).one() == 0
    assert audit("building_issues") == []


def test_a_negative_cost_is_refused(base):
    issue = report(base)
    with pytest.raises(Invalid) as error:
        write(issues.edit_issue, actor=base["manager"], issue_id=issue.id, version=None,
              title="Leak", final_cost="-5")
    assert (error.value.field, error.value.message) == ("final cost", "final cost cannot be negative")


def test_a_viewer_sees_issues_without_names_notes_or_contractor(base):
    issue = report(base)
    write(issues.edit_issue, actor=base["manager"], issue_id=issue.id, version=None,
          title="Leak", priority="high", space_id=base["POT"], contractor="Idraulica Rossi",
          notes="Call Mario first")
    with reading() as session:
        staff, = issues.issue_rows(session, actor=base["manager"], site_id=base["site"])
        shown, = issues.issue_rows(session, actor=base["viewer"], site_id=base["site"])
    assert (staff.reported_by, staff.contractor, staff.notes) == (
        "Carla", "Idraulica Rossi", "Call Mario first")
    assert (shown.reported_by, shown.contractor, shown.notes) == (None, None, None)
    assert (shown.space, shown.title, shown.priority) == ("POT", "Leak", "high")


# --- works ----------------------------------------------------------------------------------

def test_only_the_manager_plans_works(base):
    for role in ("communication", "viewer"):
        with pytest.raises(Forbidden):
            write(works.plan_works, actor=base[role], site_id=base["site"],
                  space_ids=[base["POT"]], title="Kiln", starts_on=START, ends_on=END)


@pytest.mark.parametrize("values, field, message", [
    (dict(title=""), "title", "title is required"),
    (dict(ends_on=START - timedelta(days=1)), "end", "end date is before start date"),
    (dict(starts_on=None), "start", "the first day of the works is required"),
    (dict(space_ids=[]), "spaces", "choose at least one space the works take out of use"),
    (dict(ends_on=START + timedelta(days=1200)), "end",
     "works can last at most three years; plan a longer closure in parts"),
])
def test_bad_works_are_refused_naming_the_field_and_write_nothing(base, values, field, message):
    arguments = dict(site_id=base["site"], space_ids=[base["POT"]], title="Kiln service",
                     starts_on=START, ends_on=END) | values
    with pytest.raises(Invalid) as error:
        write(works.plan_works, actor=base["manager"], **arguments)
    assert (error.value.field, error.value.message) == (field, message)
    assert audit("works_periods") == []


def test_a_space_of_another_site_is_refused(second_site):
    with pytest.raises(Invalid) as error:
        write(works.plan_works, actor=second_site["manager"], site_id=second_site["S"],
              space_ids=[second_site["POT"]], title="Kiln", starts_on=START, ends_on=END)
    assert (error.value.field, error.value.message) == (
        "spaces", "every space must be an active space of this site")


def test_two_works_never_close_one_space_on_the_same_day(base):
    plan(base)
    with pytest.raises(Invalid) as error:
        plan(base, codes=("L1", "POT"), starts_on=END, ends_on=END + timedelta(days=3))
    assert (error.value.field, error.value.message) == (
        "spaces", "POT is closed for kiln service from 11 Jan 2027 to 17 Jan 2027 already; "
                  "change those works instead")
    plan(base, starts_on=END + timedelta(days=1), ends_on=END + timedelta(days=3))   # touching


def test_bookings_in_the_works_are_listed_then_cancelled_only_on_confirmation(base):
    first = book(base, day=START + timedelta(days=2), start=time(10), end=time(12))
    second = book(base, day=END - timedelta(days=1), start=time(9), end=time(11), who="aiko")
    book(base, day=END + timedelta(days=1))                       # after the works: stays
    with reading() as session:
        found = works.works_collisions(session, space_ids=[base["POT"]], starts_on=START,
                                       ends_on=END)
    assert [(row.id, row.who) for row in found.bookings] == [(first.id, "Giulia Neri"),
                                                             (second.id, "Aiko Tanaka")]
    assert found.sessions == [] and found.any
    with pytest.raises(Invalid) as error:
        plan(base)
    assert (error.value.field, error.value.message) == (
        "confirm", "2 booking(s) would be cancelled — confirm to cancel them: "
                   "POT 13 Jan 2027 10:00–12:00 booked by Giulia Neri; "
                   "POT 16 Jan 2027 09:00–11:00 booked by Aiko Tanaka")
    assert audit() and all(entity != "works_periods" for _, entity, _ in audit())
    before = len(audit())
    result = plan(base, confirm=True)
    assert result.tell == ["Giulia Neri", "Aiko Tanaka"]
    assert [row.id for row in result.cancelled] == [first.id, second.id]
    with reading() as session:
        statuses = dict(session.exec(select(Booking.id, Booking.status)).all())
        kept = session.get(Booking, first.id)
    assert [statuses[first.id], statuses[second.id]] == ["cancelled", "cancelled"]
    assert list(statuses.values()).count("booked") == 1
    assert (kept.cancelled_by, kept.places) == ("boss", 1)       # the record is kept
    assert [(a, e) for a, e, _ in audit()[before:]] == [
        ("cancel", "bookings"), ("cancel", "bookings"), ("create", "works_periods")]
    assert "booking(s) cancelled; tell Giulia Neri, Aiko Tanaka" in result.summary()


def test_sessions_in_the_works_refuse_them_until_moved(plan):
    session_row = add(plan, day=START + timedelta(days=1), instructor="outsider")
    with pytest.raises(Invalid) as error:
        write(works.plan_works, actor=plan["manager"], site_id=plan["site"],
              space_ids=[plan["POT"]], title="Kiln service", starts_on=START, ends_on=END,
              confirm=True)
    assert (error.value.field, error.value.message) == (
        "spaces", "programme sessions lie in these days — move them to another room or day "
                  "first: “Wheel throwing for beginners” in POT on 12 Jan 2027 18:00–21:00, "
                  "taught by Paolo Conti")
    with reading() as session:
        assert session.exec(select(func.count()).select_from(WorksPeriod)).one() == 0
    write(__import__("hub.programme.items", fromlist=["edit_session"]).edit_session,
          actor=plan["manager"], session_id=session_row.id, version=None,
          day=END + timedelta(days=2), start=time(18), end=time(21), space_id=plan["POT"])
    assert write(works.plan_works, actor=plan["manager"], site_id=plan["site"],
                 space_ids=[plan["POT"]], title="Kiln service", starts_on=START,
                 ends_on=END).cancelled == []


def test_a_running_lease_stays_and_its_tenant_is_told(base):
    held = lease(base, space="L1", starts_on=date(2026, 1, 1), ends_on=None)
    result = plan(base, codes=("L1",))
    assert result.tell == ["Giulia Neri"]
    with reading() as session:
        assert session.get(type(held), held.id).ends_on is None


def test_editing_works_moves_their_days_and_spaces_and_cancelling_reopens(base):
    planned = plan(base).works
    booking = book(base, space="B1", day=START + timedelta(days=14), start=time(9),
                   end=time(10))
    m = base["manager"]
    with pytest.raises(Invalid) as error:
        write(works.edit_works, actor=m, works_id=planned.id, version=None,
              space_ids=[base["POT"], base["B1"]], title="Kiln service", starts_on=START,
              ends_on=END + timedelta(days=14))
    assert error.value.field == "confirm"
    result = write(works.edit_works, actor=m, works_id=planned.id, version=None,
                   space_ids=[base["POT"], base["B1"]], title="Kiln service",
                   starts_on=START, ends_on=END + timedelta(days=14), confirm=True)
    assert [row.id for row in result.cancelled] == [booking.id]
    with reading() as session:
        row, = works.works_rows(session, actor=m, site_id=base["site"])
    assert (row.spaces, row.ends_on) == ("B1, POT", END + timedelta(days=14))
    with pytest.raises(Stale):
        write(works.cancel_works, actor=m, works_id=planned.id, version=planned.version)
    write(works.cancel_works, actor=m, works_id=planned.id, version=row.version)
    with pytest.raises(Invalid) as error:
        write(works.cancel_works, actor=m, works_id=planned.id, version=None)
    assert error.value.message == "these works are already cancelled"
    book(base, day=START)                                          # POT is open again
    assert [(a, e) for a, e, _ in audit("works_periods")] == [
        ("create", "works_periods"), ("update", "works_periods"), ("update", "works_periods"),
        ("cancel", "works_periods")]
