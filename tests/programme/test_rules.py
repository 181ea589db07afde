"""Programme rules (hub/programme/items.py): items, sessions, clashes of rooms and instructors, on
the small hand-built hub of tests/worlds.py."""
from datetime import date, time

import pytest
from sqlmodel import select

from db.engine import reading
from db.models import AuditEntry, Booking, Enrolment, Instructor, ProgrammeItem, ProgrammeSession
from hub.errors import Forbidden, Invalid, Stale
from hub.occupancy import bookings
from hub.programme import items
from hub.programme import views
from hub.programme.enrolments import cancel_enrolment, enrol
from tests.worlds import add, book, item, lease, MONDAY, TUESDAY, write

def sessions_of(item_id):
    with reading() as session:
        return session.exec(select(ProgrammeSession).where(
            ProgrammeSession.item_id == item_id).order_by(ProgrammeSession.day)).all()


# --- items ----------------------------------------------------------------------------------

def test_an_item_is_validated_field_by_field_and_nothing_is_written(base):  # noqa: F811
    cases = [({"kind": "party"}, "kind"), ({"title": "  "}, "title"),
             ({"sector": "cooking"}, "sector"), ({"format": "radio"}, "format"),
             ({"capacity": 0}, "capacity"), ({"capacity": "many"}, "capacity"),
             ({"price": "-5"}, "price"), ({"price": "abc"}, "price"),
             ({"status": "maybe"}, "status"), ({"funding": "x" * 201}, "funding"),
             ({"description": "x" * 4001}, "description")]
    for values, field in cases:
        with pytest.raises(Invalid) as refused:
            item(base, **values)
        assert refused.value.field == field, values
    with reading() as session:
        assert session.exec(select(ProgrammeItem)).all() == []


def test_free_items_are_allowed_and_the_creation_is_audited(base):  # noqa: F811
    free = item(base, price="0", kind="event", title="Open day", format="hybrid", capacity=60,
                funding="Comune di Firenze", target_group="young entrepreneurs", role="communication")
    assert (free.price, free.status, free.format) == (0, "draft", "hybrid")
    with reading() as session:
        entry = session.exec(select(AuditEntry).where(AuditEntry.entity == "programme_items")).one()
    assert entry.username == "carla" and entry.changes["title"] == [None, "Open day"]


def test_a_viewer_cannot_touch_the_programme(plan):
    with pytest.raises(Forbidden):
        item(plan, role="viewer")
    with pytest.raises(Forbidden):
        add(plan, role="viewer")
    with pytest.raises(Forbidden):
        write(items.edit_item, actor=plan["viewer"], item_id=plan["wheel"], version=None,
              status="published")
    with pytest.raises(Forbidden):
        write(items.add_instructor, actor=plan["viewer"], name="Someone")


def test_status_follows_draft_published_done_or_cancelled(plan):
    edit = lambda status, version=None: write(  # noqa: E731
        items.edit_item, actor=plan["communication"], item_id=plan["wheel"],
        version=version, status=status)
    with pytest.raises(Invalid, match="a draft item cannot become done"):
        edit("done")
    assert edit("published").status == "published"
    assert edit("done").status == "done"
    with pytest.raises(Invalid, match="a done item cannot become published"):
        edit("published")


def test_a_stale_item_edit_is_refused(plan):
    with reading() as session:
        version = session.get(ProgrammeItem, plan["wheel"]).version
    write(items.edit_item, actor=plan["manager"], item_id=plan["wheel"], version=version,
          title="Wheel throwing I")
    with pytest.raises(Stale):
        write(items.edit_item, actor=plan["communication"], item_id=plan["wheel"],
              version=version, title="Wheel throwing 1")


# --- sessions -------------------------------------------------------------------------------

def test_end_before_start_refused(plan):
    with pytest.raises(Invalid, match="end time 17:00 is before start time 18:00") as refused:
        add(plan, start=time(18), end=time(17))
    assert refused.value.field == "end"
    with pytest.raises(Invalid, match="at least a minute"):
        add(plan, start=time(18), end=time(18))
    assert sessions_of(plan["wheel"]) == []


def test_room_clash_with_another_session_is_refused_naming_the_item(plan):
    add(plan)
    with pytest.raises(Invalid, match="POT is taken at 20:00–22:00 on 2 Jun 2026 by "
                                      "“Wheel throwing for beginners” \\(18:00–21:00\\)"):
        add(plan, item_key="glaze", start=time(20), end=time(22))
    add(plan, item_key="glaze", start=time(21), end=time(22))  # touching is fine
    assert len(sessions_of(plan["glaze"])) == 1


def test_room_clash_with_a_booking_is_refused(plan):
    book(plan, space="POT", day=MONDAY, start=time(10), end=time(12))
    with pytest.raises(Invalid, match="POT is taken at 11:00–13:00 on 1 Jun 2026 by a booking"):
        add(plan, day=MONDAY, start=time(11), end=time(13))
    assert sessions_of(plan["wheel"]) == []


def test_a_booking_that_clashes_with_a_session_is_refused_naming_the_item(plan):
    add(plan, day=MONDAY, start=time(14), end=time(17))
    with pytest.raises(Invalid, match="by the programme session “Wheel throwing for beginners”"):
        book(plan, space="POT", day=MONDAY, start=time(16), end=time(18))
    book(plan, space="POT", day=MONDAY, start=time(17), end=time(18))
    with reading() as session:
        assert len(session.exec(select(Booking)).all()) == 1


def test_a_leased_bench_takes_no_session(plan):
    lease(plan, space="B1", starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31))
    with pytest.raises(Invalid, match="B1 is leased on 2 Jun 2026"):
        add(plan, space="B1")


def test_instructor_double_booking_refused(plan):
    add(plan, instructor="teacher")
    with pytest.raises(Invalid, match="the instructor already teaches “Wheel throwing for "
                                      "beginners” \\(18:00–21:00\\)") as refused:
        add(plan, item_key="glaze", space=None, location="Online",
            start=time(19), end=time(20), instructor="teacher")
    assert refused.value.field == "instructor"
    add(plan, item_key="glaze", space=None, location="Online", start=time(19), end=time(20),
        instructor="outsider")


def test_a_cancelled_item_frees_its_rooms_and_instructors(plan):
    add(plan, instructor="teacher")
    with pytest.raises(Invalid):
        add(plan, item_key="glaze", space=None, location="Online", instructor="teacher")
    with pytest.raises(Invalid, match="by the programme session"):
        book(plan, space="POT", day=TUESDAY, start=time(18), end=time(20))
    write(items.edit_item, actor=plan["manager"], item_id=plan["wheel"], version=None,
          status="cancelled")
    book(plan, space="POT", day=TUESDAY, start=time(18), end=time(20))
    add(plan, item_key="glaze", space=None, location="Online", instructor="teacher")
    with pytest.raises(Invalid, match="is cancelled: it takes no sessions"):
        add(plan, day=MONDAY)


def test_a_weekly_series_is_one_action_and_all_or_nothing(plan):
    series = write(items.add_weekly_series, actor=plan["communication"],
                   item_id=plan["wheel"], first_day=TUESDAY, weeks=8, start=time(18),
                   end=time(21), space_id=plan["POT"], instructor_id=plan["teacher"])
    assert [s.day.isoformat() for s in series][::7] == ["2026-06-02", "2026-07-21"]
    assert len(series) == 8 and {s.day.weekday() for s in series} == {1}
    with reading() as session:
        wheel = session.get(ProgrammeItem, plan["wheel"])
    assert (wheel.starts_on, wheel.ends_on) == (date(2026, 6, 2), date(2026, 7, 21))
    # a clash in week 5 of another series refuses all of it
    with pytest.raises(Invalid, match="20:00–22:00 on 2 Jun 2026"):
        write(items.add_weekly_series, actor=plan["manager"], item_id=plan["glaze"],
              first_day=date(2026, 6, 2) - date.resolution * 28, weeks=10, start=time(20),
              end=time(22), space_id=plan["POT"])
    assert sessions_of(plan["glaze"]) == []
    with pytest.raises(Invalid, match="weeks must be between 1 and 52"):
        write(items.add_weekly_series, actor=plan["manager"], item_id=plan["glaze"],
              first_day=TUESDAY, weeks=0, start=time(9), end=time(10), space_id=plan["POT"])


def test_item_dates_follow_edits_and_removals_of_sessions(plan):
    first = add(plan, day=MONDAY)
    last = add(plan, day=date(2026, 6, 20), space=None, location="Museo Bardini")
    write(items.remove_session, actor=plan["manager"], session_id=last.id,
          version=last.version)
    moved = write(items.edit_session, actor=plan["manager"], session_id=first.id,
                  version=first.version, day=date(2026, 6, 9), start=time(9), end=time(12),
                  space_id=plan["POT"])
    with reading() as session:
        wheel = session.get(ProgrammeItem, plan["wheel"])
    assert moved.start_minute == 540
    assert (wheel.starts_on, wheel.ends_on) == (date(2026, 6, 9), date(2026, 6, 9))


def test_an_in_situ_session_needs_a_place_and_a_space_of_the_same_site(plan):
    with pytest.raises(Invalid, match="choose a space, or write where") as refused:
        add(plan, space=None)
    assert refused.value.field == "space"
    online = item(plan, title="Webinar", format="online", kind="seminar")
    write(items.add_session, actor=plan["manager"], item_id=online.id, day=TUESDAY,
          start=time(10), end=time(11))


def test_an_instructor_is_a_tenant_once_or_an_outsider_with_a_valid_email(plan):
    with pytest.raises(Invalid, match="Giulia Neri is already an instructor"):
        write(items.add_instructor, actor=plan["manager"], tenant_id=plan["giulia"])
    with pytest.raises(Invalid, match="email must be an address"):
        write(items.add_instructor, actor=plan["manager"], name="X", email="not-an-email")
    with pytest.raises(Invalid, match="name is required"):
        write(items.add_instructor, actor=plan["manager"], name=" ")


def instructor(instructor_id) -> Instructor:
    with reading() as session:
        return session.get(Instructor, instructor_id)


def test_an_instructor_edit_is_saved_and_audited_with_what_changed(plan):
    before = instructor(plan["outsider"])
    saved = write(items.edit_instructor, actor=plan["communication"],
                  instructor_id=before.id, version=before.version, name=" Paolo Conti Jr ",
                  phone="+39 055 999")
    after = instructor(before.id)
    assert (after.name, after.email, after.phone) == ("Paolo Conti Jr", "paolo@example.org",
                                                      "+39 055 999")
    assert saved.version == after.version == before.version + 1
    with reading() as session:
        entry = session.exec(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (entry.action, entry.entity, entry.entity_id, entry.username) == (
        "update", "instructors", str(before.id), "carla")
    assert entry.changes == {"name": ["Paolo Conti", "Paolo Conti Jr"],
                             "phone": ["+39 055 123", "+39 055 999"]}


def test_an_instructor_edit_from_a_stale_screen_or_a_viewer_is_refused(plan):
    seen = instructor(plan["outsider"])
    write(items.edit_instructor, actor=plan["manager"], instructor_id=seen.id,
          version=seen.version, email="conti@example.org")
    with pytest.raises(Stale, match="^This instructor was changed by "):
        write(items.edit_instructor, actor=plan["communication"], instructor_id=seen.id,
              version=seen.version, name="Paolo")
    with pytest.raises(Forbidden):
        write(items.edit_instructor, actor=plan["viewer"], instructor_id=seen.id,
              version=None, name="Paolo")
    assert instructor(seen.id).name == "Paolo Conti"


@pytest.mark.parametrize("values, field, rule", [
    ({"name": "  "}, "name", "name is required"),
    ({"name": "x" * 121}, "name", "name is longer than 120 characters"),
    ({"email": "not-an-email"}, "email", "email must be an address like name@example.org"),
    ({"phone": "1" * 41}, "phone", "phone is longer than 40 characters"),
    ({"tenant_id": 1}, "tenant_id", "tenant_id cannot be changed here"),
])
def test_a_bad_instructor_edit_names_the_field_and_writes_nothing(plan, values, field, rule):
    before = instructor(plan["outsider"])
    with pytest.raises(Invalid, match=rule) as refused:
        write(items.edit_instructor, actor=plan["manager"], instructor_id=before.id,
              version=before.version, **values)
    assert refused.value.field == field
    after = instructor(before.id)
    assert (after.name, after.email, after.phone, after.version) == (
        before.name, before.email, before.phone, before.version)


def test_the_cancellation_preview_counts_people_and_coming_sessions(plan):
    write(items.edit_item, actor=plan["manager"], item_id=plan["wheel"], version=None,
          capacity=3)
    for name in ("Anna", "Bruno", "Chiara", "Dario", "Elena"):   # 3 seated, 2 waiting
        write(enrol, actor=plan["manager"], item_id=plan["wheel"], participant_name=name)
    first = enrolments_of(plan["wheel"])
    write(cancel_enrolment, actor=plan["manager"], enrolment_id=first[0].id, version=None)
    add(plan, day=date(2026, 6, 2))
    add(plan, day=date(2026, 6, 9))
    add(plan, day=date(2026, 6, 16))
    add(plan, item_key="glaze", day=date(2026, 6, 23))       # another item's
    with reading() as session:
        shown = views.cancellation(session, item_id=plan["wheel"], today=date(2026, 6, 9))
        empty = views.cancellation(session, item_id=plan["glaze"], today=date(2026, 7, 1))
    # Anna cancelled: Dario moved up, Elena still waits.
    assert shown == views.Cancellation(title="Wheel throwing for beginners", seated=3,
                                       waitlisted=1, sessions_ahead=2)
    assert empty == views.Cancellation(title="Glazes and firing", seated=0, waitlisted=0,
                                       sessions_ahead=0)
    with reading() as session, pytest.raises(Invalid, match="does not exist"):
        views.cancellation(session, item_id=999_999, today=date(2026, 6, 9))


def enrolments_of(item_id) -> list[Enrolment]:
    with reading() as session:
        return session.exec(select(Enrolment).where(Enrolment.item_id == item_id)
                            .order_by(Enrolment.id)).all()


def test_sessions_are_not_refused_by_bookings_of_another_space_or_day(plan):
    book(plan, space="POT", day=MONDAY, start=time(10), end=time(12))
    write(bookings.book, actor=plan["manager"], space_id=plan["B1"], day=TUESDAY,
          start=time(18), end=time(19), tenant_id=plan["aiko"])
    add(plan, day=TUESDAY, start=time(10), end=time(12))
    add(plan, item_key="glaze", day=MONDAY, start=time(12), end=time(14))
