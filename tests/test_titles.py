"""Chart titles fit a phone: a long title or subtitle goes to Vega as lines, and every chart
of ours takes its title through ui.charts.titles (a bare alt.Title would be cut on a 390 px screen)."""
from __future__ import annotations

import re

from tests.conftest import ROOT
from ui.charts.titles import SUBTITLE_WIDTH, TITLE_WIDTH, chart_title, lines


def test_a_short_text_stays_one_string():
    assert lines("Running total since 2016", 52) == "Running total since 2016"


def test_a_long_subtitle_becomes_lines_that_fit_and_keep_every_word():
    text = ("Occupied = leased every day of the month; partly = some days; "
            "works = out of use for works some days")
    wrapped = chart_title("Who held each space, month by month", text).to_dict()["subtitle"]
    assert isinstance(wrapped, list) and len(wrapped) == 2
    assert all(len(line) <= SUBTITLE_WIDTH for line in wrapped)
    assert " ".join(wrapped) == text


def test_a_long_title_becomes_lines_too_and_other_options_pass_through():
    title = chart_title("Resident and visiting artists, year by year, since the hub opened",
                        anchor="start").to_dict()
    assert all(len(line) <= TITLE_WIDTH for line in title["text"]) and len(title["text"]) == 2
    assert title["anchor"] == "start" and "subtitle" not in title


def test_every_chart_title_in_ui_goes_through_chart_title():
    bare = [f"{path.relative_to(ROOT)}:{number}"
            for path in sorted((ROOT / "ui").rglob("*.py")) if path.name != "titles.py"
            for number, line in enumerate(path.read_text().splitlines(), 1)
            if re.search(r"\balt\.Title\(|\btitle=\"[^\"]{%d,}\"" % (TITLE_WIDTH + 1), line)
            and "axis" not in line.lower() and "alt.X" not in line and "alt.Y" not in line]
    assert not bare, f"chart titles that a phone would cut: {bare}"
