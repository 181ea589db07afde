"""What a failed browser test says of its page (tests/e2e/report.py): the texts it looked for
are read out of Playwright's and pytest's messages, and the page's nearest lines are shown."""
from tests.e2e.report import nearest_lines, wanted_texts

PLAYWRIGHT = """AssertionError: Locator expected to be visible
Actual value: None
Error: element(s) not found
Call log:
  - Expect "to_be_visible" with timeout 30000ms
  - waiting for get_by_text("Lease of L07 created.")"""

ROLE = """playwright._impl._errors.TimeoutError: Locator.click: Timeout 60000ms exceeded.
Call log:
  - waiting for get_by_role("button", name="Import 26 row(s)")"""

PAGE = """Lab occupancy
Unit occupancy
4%
Vacant units
25
The lease of L07 could not be created: space L07 is already leased from 1 Mar 2027
Manage"""


def test_the_texts_a_failure_waited_for_are_read_out_of_its_message():
    assert wanted_texts(PLAYWRIGHT) == ["Lease of L07 created."]
    assert wanted_texts(ROLE) == ["Import 26 row(s)"]
    url_check = ("AssertionError: assert 'on=2026-12-07' in "
                 "'http://127.0.0.1:40021/calendar?site=OC&view=day'")
    assert wanted_texts(url_check) == ["on=2026-12-07"]
    assert wanted_texts("AssertionError: 3 clicks on <Locator frame=…> sent nothing") == []


def test_the_nearest_line_is_shown_with_its_neighbours():
    near = nearest_lines(PAGE, "Lease of L07 created.")
    assert "could not be created: space L07 is already leased" in near
    assert "25" in near and "Manage" in near           # two lines either side
    assert "Lab occupancy" not in near
    assert nearest_lines(PAGE, "Waitlist — 1 waiting") == "    (nothing like it)"
