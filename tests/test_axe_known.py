"""The axe allow-list (tests/e2e/axe_known.json) without a browser: every entry is well formed
and justified, an entry covers only its rule and element, and one that no screen shows any
more is reported, so the list can only shrink."""
from __future__ import annotations

import json

from tests.e2e.axe import Found, Known, known_entries, sort_out

NAV_ITEM = Found("en manager Overview", "listitem", "serious", "li:nth-child(2)",
                 '<li class="st-emotion-cache-1ag8dug e1o1t1hb4">', "")
CAPTION = Found("en manager Overview", "color-contrast", "serious", ".ef3bkur > p",
                "<p>How is the hub doing?</p>", "")
STREAMLIT_NAV = Known("listitem", r'<li class="[^"]*e1o1t1hb4"', "Streamlit's navigation",
                      "https://github.com/streamlit/streamlit/issues/8399")


def test_the_shipped_list_parses_and_every_entry_says_why(tmp_path):
    for entry in known_entries():
        assert entry.rule and entry.element and entry.reason.strip()
    bad = tmp_path / "known.json"
    bad.write_text(json.dumps([{"rule": "list", "element": "ul", "reason": " "}]))
    try:
        known_entries(bad)
    except AssertionError as refusal:
        assert "no reason" in str(refusal)
    else:
        raise AssertionError("an entry without a reason was accepted")


def test_an_entry_covers_its_rule_and_element_only():
    ours, gone = sort_out([NAV_ITEM, CAPTION], [STREAMLIT_NAV])
    assert ours == [CAPTION] and gone == []
    other_rule = Found(**{**vars(NAV_ITEM), "rule": "list"})
    assert sort_out([other_rule], [STREAMLIT_NAV])[0] == [other_rule]


def test_an_entry_no_screen_shows_any_more_is_reported():
    ours, gone = sort_out([CAPTION], [STREAMLIT_NAV])
    assert ours == [CAPTION] and gone == [STREAMLIT_NAV]
