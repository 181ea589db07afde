"""Shareable views (ui/url_params.py): a screen's site, dates and main filters in its URL.

The parsing helpers are tested as plain functions; the screens through AppTest on the demo
hub (Officina Creativa, OC, and Officine Nora, ON), signing in through the form. Dates are
worked out from today and the bounds the date pickers offer, never a day the demo data only
makes true near one date."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from db.engine import writing
from db.models import Site, utcnow
from db.seed.driver import seed_demo
from tests.apptest import new_app, open_page, sign_in, signed_in_app, text_of
from ui import url_params
from ui.format import day_text

TODAY = date.today()
EARLIER = TODAY - timedelta(days=45)       # inside the As of picker's range, whatever the data


# --- the parsing helpers, without Streamlit -------------------------------------------------

def test_one_of_reads_any_case_and_leaves_the_default_out():
    status = url_params.one_of("status", ["current", "former", "all"], what="a status",
                          fallback="current tenants")
    assert status.parse({"status": "FORMER"}) == "former"
    assert status.parse({"status": None}) == status.parse({"status": ""}) == "current"
    assert status.query("former") == {"status": "former"}
    assert status.query("current") == {"status": None}         # the default: left out
    with pytest.raises(url_params.Unusable, match="is not a status"):
        status.parse({"status": "gone"})


def test_one_of_writes_codes_not_labels():
    period = url_params.one_of("period", ["This year so far", "Year 2024"], what="a period",
                          fallback="this year", code=lambda name: name.split()[-1])
    assert period.parse({"period": "2024"}) == "Year 2024"
    assert period.query("Year 2024") == {"period": "2024"}


def test_some_of_is_comma_separated_and_falls_back_whole_on_an_unknown_code():
    kinds = url_params.some_of("kind", ["course", "workshop", "event"], what="a kind",
                          fallback="every kind")
    assert kinds.parse({"kind": "Course, workshop,course"}) == ["course", "workshop"]
    assert kinds.query(["workshop", "event"]) == {"kind": "workshop,event"}
    assert kinds.query([]) == {"kind": None}
    with pytest.raises(url_params.Unusable) as refused:
        kinds.parse({"kind": "course,dance"})
    assert refused.value.problem == "names 'dance', which is not a kind"


@pytest.mark.parametrize("text", ["2026-13-45", "2026-02-30", "20260630", "30/06/2026", "soon"])
def test_a_day_must_be_an_iso_date(text):
    on = url_params.day("on", default=TODAY, fallback="today")
    with pytest.raises(url_params.Unusable, match="is not a day written YYYY-MM-DD"):
        on.parse({"on": text})


def test_a_day_within_bounds_and_today_left_out():
    on = url_params.day("on", default=TODAY, fallback="today", earliest=date(2000, 1, 1),
                   latest=TODAY + timedelta(days=30))
    assert on.parse({"on": " 2016-03-01 "}) == date(2016, 3, 1)
    assert on.query(date(2016, 3, 1)) == {"on": "2016-03-01"}
    assert on.query(TODAY) == {"on": None}
    with pytest.raises(url_params.Unusable, match="is outside 2000-01-01"):
        on.parse({"on": "1999-12-31"})


def test_a_period_is_two_days_either_left_out():
    default = (TODAY - timedelta(days=365), TODAY + timedelta(days=180))
    span = url_params.period("from", "to", default=default, fallback="the default period")
    assert span.parse({"from": "2020-01-01"}) == (date(2020, 1, 1), default[1])
    assert span.parse({"to": "2030-01-01"}) == (default[0], date(2030, 1, 1))
    assert span.query((date(2020, 1, 1), default[1])) == {"from": "2020-01-01", "to": None}
    assert span.query((date(2020, 1, 1),)) is None      # half chosen: the URL stays
    with pytest.raises(url_params.Unusable) as refused:
        span.parse({"from": "2020-06-01", "to": "2020-01-01"})
    assert refused.value.name == "to"
    with pytest.raises(url_params.Unusable) as refused:
        span.parse({"from": "2020-13-01"})
    assert refused.value.name == "from"


def test_the_notice_names_the_parameter_and_the_value_shown_as_text():
    status = url_params.one_of("status", ["current"], what="a status", fallback="current tenants")
    texts = {"status": "*gone*"}
    with pytest.raises(url_params.Unusable) as refused:
        status.parse(texts)
    assert status.notice(texts, refused.value) == (
        r"The link's status '\*gone\*' is not a status; showing current tenants.")
    long = {"status": "x" * 200}
    assert "x" * 40 + "…'" in status.notice(long, refused.value)


def test_a_search_is_taken_as_typed_up_to_its_length():
    search = url_params.text("q", max_chars=5)
    assert search.parse({"q": "Rossi"}) == "Rossi"
    assert search.query("") == {"q": None}
    with pytest.raises(url_params.Unusable, match="longer than 5"):
        search.parse({"q": "Rossini"})


# --- the screens on the demo hub ------------------------------------------------------------

@pytest.fixture
def demo(db_url, make_user):
    """The demo hub, an archived third site (code ZZ), and one account per role."""
    with writing() as session, session.begin():
        seed_demo(session, billing=False)   # billing is tests/billing/'s
        session.add(Site(code="ZZ", name="Closed Hub", city="Prato", archived_at=utcnow()))
    for username, role in (("boss", "manager"), ("vera", "viewer")):
        make_user(username, role)


def picker(at):
    return next(box for box in at.selectbox if box.label == "Site")


def as_of(at):
    return next(box for box in at.date_input if box.label == "As of")


def linked_app(key: str, username: str = "boss", **query: str):
    """The browser at /<key>?<query>, signed out; then signed in through the form."""
    at = new_app()
    at.query_params.update(query)
    at.switch_page(f"../../pages/{key}.py").run()
    return sign_in(at, username)


def test_a_link_opened_signed_out_shows_its_view_after_sign_in(demo):
    at = new_app()
    at.query_params.update(site="on", on=EARLIER.isoformat(), months="24")
    at.switch_page("../../pages/occupancy.py").run()    # the browser at /occupancy?site=on&…
    assert not at.exception
    assert [button.label for button in at.button] == ["Login"]    # the sign-in form
    sign_in(at, "boss")
    assert not at.exception
    assert [title.value for title in at.title] == ["Lab occupancy"]
    assert picker(at).value.name == "Officine Nora"
    assert as_of(at).value == EARLIER
    assert at.select_slider(key="occupancy_months").value == 24
    assert f"Vacant on {day_text(EARLIER)}" in text_of(at)
    # The URL says what the screen shows, the site by its code as stored.
    assert at.query_params == {"site": "ON", "on": EARLIER.isoformat(), "months": "24"}
    assert "The link's" not in text_of(at)


def test_the_url_follows_the_widgets_and_defaults_are_left_out(demo):
    at = linked_app("occupancy", site="ON", on=EARLIER.isoformat())
    picker(at).select("Officina Creativa").run()
    assert at.query_params["site"] == "OC"
    as_of(at).set_value(TODAY).run()
    assert at.query_params == {"site": "OC"}
    picker(at).select("All sites").run()
    assert at.query_params == {}
    assert not at.exception


def test_bad_occupancy_values_fall_back_with_a_notice(demo):
    at = linked_app("occupancy", site="XX", on="2026-13-45", months="7")
    assert not at.exception
    assert picker(at).value.name == "All sites"
    assert as_of(at).value == TODAY
    assert at.select_slider(key="occupancy_months").value == 12
    notices = [caption.value for caption in at.caption if caption.value.startswith("The link's")]
    assert notices == [
        "The link's site 'XX' is not a site in use; showing all sites.",
        "The link's on '2026\\-13\\-45' is not a day written YYYY-MM-DD; showing today.",
        "The link's months '7' is not 12, 24 or 36; showing 12 months."]
    assert at.query_params == {}                    # the bad values left the URL
    at.run()                                        # any rerun (a component's report, say)
    assert "The link's site 'XX'" in text_of(at)    # keeps the notice ...
    picker(at).select("Officine Nora").run()
    assert "The link's site 'XX'" not in text_of(at)   # ... until the widget is changed
    assert "The link's months '7'" in text_of(at)
    assert not at.exception


def test_an_archived_site_is_not_in_use(demo):
    at = linked_app("occupancy", site="zz")
    assert picker(at).value.name == "All sites"
    assert "The link's site 'zz' is not a site in use; showing all sites." in text_of(at)
    assert not at.exception


def test_courses_take_site_kinds_statuses_and_period_from_the_link(demo):
    at = open_page(signed_in_app("boss"), "courses")
    period = at.date_input(key="courses_period")
    start, end = period.value[0] + timedelta(days=30), period.value[1] - timedelta(days=30)
    at = linked_app("courses", site="OC", kind="course,Workshop", status="published",
                    **{"from": start.isoformat(), "to": end.isoformat()})
    assert not at.exception
    assert picker(at).value.name == "Officina Creativa"
    assert at.multiselect(key="courses_kinds").value == ["course", "workshop"]
    assert at.multiselect(key="courses_statuses").value == ["published"]
    assert at.date_input(key="courses_period").value == (start, end)
    assert "The link's" not in text_of(at)
    assert at.query_params == {"site": "OC", "kind": "course,workshop", "status": "published",
                               "from": start.isoformat(), "to": end.isoformat()}
    at.multiselect(key="courses_statuses").unselect("published").run()
    assert "status" not in at.query_params


def test_bad_course_values_fall_back_with_a_notice(demo):
    at = linked_app("courses", site="OC", kind="course,dance", sector="ceramics",
                    **{"from": "2026-02-30"}, weeks="5")
    assert not at.exception
    assert picker(at).value.name == "Officina Creativa"            # the good ones stay
    assert at.multiselect(key="courses_sectors").value == ["ceramics"]
    assert at.multiselect(key="courses_kinds").value == []
    assert at.select_slider(key="courses_weeks").value == 4
    default = (TODAY - timedelta(days=365), TODAY + timedelta(days=180))
    assert at.date_input(key="courses_period").value == default
    shown = text_of(at)
    assert "The link's kind 'course,dance' names 'dance', which is not a kind of item; " \
           "showing every kind." in shown
    assert "The link's from '2026-02-30' is not a day written YYYY-MM-DD" in shown
    assert "The link's weeks '5' is not 2, 4, 8 or 12; showing 4 weeks." in shown
    assert at.query_params == {"site": "OC", "sector": "ceramics"}


def test_tenants_take_their_directory_filters_from_the_link(demo):
    at = open_page(signed_in_app("boss"), "tenants")
    sector = at.multiselect(key="tenants_filter_sectors").options[0]
    at = linked_app("tenants", site="on", status="former", sector=sector, sort="since",
                    q="a")
    assert not at.exception
    assert picker(at).value.name == "Officine Nora"
    assert at.selectbox(key="tenants_filter_status").value == "former"
    assert at.selectbox(key="tenants_filter_sort").value == "since"
    assert at.multiselect(key="tenants_filter_sectors").value == [sector]
    assert at.text_input(key="tenants_filter_search").value == "a"
    assert at.query_params == {"site": "ON", "status": "former", "sector": sector,
                               "sort": "since", "q": "a"}


def test_bad_tenant_values_fall_back_with_a_notice(demo):
    at = linked_app("tenants", status="gone", country="ZZ", residency="visiting")
    assert not at.exception
    assert at.selectbox(key="tenants_filter_status").value == "current"
    assert at.selectbox(key="tenants_filter_residency").value == "visiting"
    assert at.multiselect(key="tenants_filter_countries").value == []
    shown = text_of(at)
    assert "The link's status 'gone' is not current, former or all; showing current " \
           "tenants." in shown
    assert "The link's country 'ZZ' names 'ZZ', which is not a tenant's origin country; " \
           "showing every country." in shown
    assert at.query_params == {"residency": "visiting"}


def test_partners_take_their_filters_from_the_link(demo):
    at = linked_app("partners", region="china", status="active", kind="alien", username="vera")
    assert not at.exception
    assert at.selectbox(key="partners_region").value == "China"
    assert at.selectbox(key="partners_status").value == "active"
    assert at.selectbox(key="partners_kind").value == "Any"
    assert "The link's kind 'alien' is not a kind of partner; showing any kind." in text_of(at)
    assert at.query_params == {"region": "China", "status": "active"}


def test_the_overview_takes_site_and_period_from_the_link(demo):
    at = open_page(signed_in_app("boss"), "overview")
    year = at.selectbox(key="overview_period").options[-1]          # the earliest year
    at = linked_app("overview", site="OC", period=year.removeprefix("Year "))
    assert not at.exception
    assert picker(at).value.name == "Officina Creativa"
    assert at.selectbox(key="overview_period").value == year
    at = linked_app("overview", period="1999", site="all")
    assert at.selectbox(key="overview_period").value == "This year so far"
    assert picker(at).value.name == "All sites"
    assert "The link's period '1999' is not ytd, 12m or a year; showing this year so far." \
        in text_of(at)
    assert at.query_params == {}
    assert not at.exception
