"""Counts are whole numbers on every chart: no count axis (or count legend) reads 0.5 or 0.2.

Every chart builder of ui/<area>/charts.py is either a count chart, built here from a small
frame whose counts are 1 and 2 (where Vega's own ticks fall on 0.5 or 0.2) and drawn by
Vega (vl-convert), or listed as a chart of something else, with what it shows. A new builder
that is neither fails the last test until it is classified."""
from __future__ import annotations

import importlib
import inspect
import re
from datetime import date

import pandas as pd
import pytest
import vl_convert

from tests.conftest import ROOT
from ui.charts.axes import count_ticks
from ui.building import charts as building_charts
from ui.calendar import charts as calendar_charts
from ui.overview import charts as overview_charts
from ui.partners import charts as partners_charts
from ui.programme import charts as programme_charts
from ui.tenants import charts as tenants_charts

DAY = date(2026, 6, 1)
YEARS = (2024, 2025)


def frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows)


def _issues():
    return building_charts.issues_by_priority(frame([
        {"priority": "urgent", "age": "under a week", "issues": 1},
        {"priority": "high", "age": "under a week", "issues": 1},
        {"priority": "low", "age": "over a year", "issues": 1}]))


def _month_grid():
    totals = frame([{"place": "POT", "day": DAY, "kind": "booking", "label": "Booking",
                     "events": 2, "hours": 3.0},
                    {"place": "L1", "day": DAY, "kind": "session", "label": "Session",
                     "events": 1, "hours": 2.0}])
    return calendar_charts.month_grid(calendar_charts.month_cells(totals, set()), "June 2026", "room")


def _network():
    nodes = frame([{"label": "Artex", "kind": partners_charts.node_kind("partner"), "x": 0.0, "y": 0.2,
                    "links": 2},
                   {"label": "Giulia Neri", "kind": partners_charts.node_kind("tenant"), "x": 1.0,
                    "y": 0.5, "links": 1}])
    edges = frame([{"x": 0.0, "y": 0.2, "x2": 1.0, "y2": 0.5, "kind": "member"}])
    return partners_charts.network_graph(nodes, edges)


COUNT_CHARTS = {
    "ui.building.charts.issues_by_priority": _issues,
    "ui.building.charts.days_out_bars": lambda: building_charts.days_out_bars(
        frame([{"space": "L1", "days": 1}, {"space": "L2", "days": 2}]), "this year"),
    "ui.calendar.charts.month_grid": _month_grid,
    "ui.overview.charts.programme_growth": lambda: overview_charts.programme_growth(
        frame([{"year": year, "courses": n, "events": n} for year, n in zip(YEARS, (1, 2))])),
    "ui.overview.charts.running_total": lambda: overview_charts.running_total(
        frame([{"year": year, "people": n} for year, n in zip(YEARS, (1, 2))]), "people",
        lambda total: "{total} people", "People"),
    "ui.overview.charts.participants_total": lambda: overview_charts.participants_total(
        frame([{"year": year, "participants": n} for year, n in zip(YEARS, (1, 2))])),
    "ui.overview.charts.tenants_total": lambda: overview_charts.tenants_total(
        frame([{"year": year, "tenants": n} for year, n in zip(YEARS, (1, 2))])),
    "ui.overview.charts.partners_by_region": lambda: overview_charts.partners_by_region(
        frame([{"year": year, "region": "Tuscany", "partners": n}
               for year, n in zip(YEARS, (1, 2))])),
    "ui.partners.charts.by_region_and_kind": lambda: partners_charts.by_region_and_kind(
        frame([{"region": "Tuscany", "kind": "institution", "partners": 1},
               {"region": "China", "kind": "B2B buyer", "partners": 2}])),
    "ui.partners.charts.new_per_year": lambda: partners_charts.new_per_year(
        frame([{"year": year, "kind": "institution", "partners": n}
               for year, n in zip(YEARS, (1, 2))])),
    "ui.partners.charts.interactions_by_month": lambda: partners_charts.interactions_by_month(
        frame([{"month": pd.Timestamp(2026, m, 1), "kind": "meeting", "interactions": m}
               for m in (1, 2)])),
    "ui.partners.charts.country_ranking": lambda: partners_charts.country_ranking(
        frame([{"name": "Italy", "partners": 2, "active": 1},
               {"name": "Japan", "partners": 1, "active": 1}])),
    "ui.partners.charts.network_graph": _network,
    "ui.programme.charts.sessions_per_day": lambda: programme_charts.sessions_per_day(
        frame([{"starts": pd.Timestamp(2026, 6, d), "kind": "course", "sessions": d}
               for d in (1, 2)])),
    "ui.programme.charts.items_per_year": lambda: programme_charts.items_per_year(
        frame([{"year": year, "kind": "course", "items": n} for year, n in zip(YEARS, (1, 2))])),
    "ui.programme.charts.participants_per_year": lambda: programme_charts.participants_per_year(
        frame([{"year": year, "participants": n, "fill_rate": 0.5}
               for year, n in zip(YEARS, (1, 2))])),
    "ui.programme.charts.waitlist_pressure": lambda: programme_charts.waitlist_pressure(
        frame([{"year": year, "filled": n, "waitlisted": n} for year, n in zip(YEARS, (1, 2))])),
    "ui.programme.charts.seats_bar": lambda: programme_charts.seats_bar(
        programme_charts.fill_gauge_frame(1, 0, 2)),
    "ui.tenants.charts.sector_bars": lambda: tenants_charts.sector_bars(
        frame([{"sector": "ceramics", "tenants": 2}, {"sector": "jewellery", "tenants": 1}])),
    "ui.tenants.charts.origin_bars": lambda: tenants_charts.origin_bars(
        frame([{"origin": "Italy", "tenants": 2, "share": 2 / 3},
               {"origin": "outside Europe", "tenants": 1, "share": 1 / 3}])),
    "ui.tenants.charts.residency_over_time": lambda: tenants_charts.residency_over_time(
        frame([{"year": year, "residency": "resident", "tenants": n}
               for year, n in zip(YEARS, (1, 2))])),
}

# Builders of charts whose scales are no counts.
OTHER_CHARTS = {
    "ui.building.charts.spending_bars": "euros",
    "ui.calendar.charts.room_timeline": "hours of the day",
    "ui.occupancy.charts.occupancy_heatmap": "months by spaces, status colours",
    "ui.occupancy.charts.site_heatmap": "months by sites, a rate",
    "ui.occupancy.charts.rate_trend": "rates",
    "ui.occupancy.charts.utilisation_bars": "a rate",
    "ui.occupancy.charts.week_timeline": "hours of the day",
    "ui.overview.charts.innocrafts_bars": "shares",
    "ui.programme.charts.calendar_timeline": "days and times",
    "ui.programme.charts.hours_by_sector": "hours taught (decimals)",
    "ui.tenants.charts.target_group_bars": "shares",
    "ui.billing.charts.billed_and_collected": "euros",
    "ui.billing.charts.arrears_by_age": "euros",
    "ui.billing.charts.income_against_budget": "euros",
}


def drawn_scales(chart) -> list[tuple[str, list[str]]]:
    """(how Vega describes each linear axis or continuous legend, the labels it drew)."""
    svg = vl_convert.vegalite_to_svg(chart.to_json())
    drawn = []
    for part in re.split(r'<g class="mark-group role-(?=axis"|legend")', svg)[1:]:
        described = re.search(r'aria-label="([^"]*)"', part[:600])
        if described is None or not ("linear scale" in described.group(1)
                                     or "with values from" in described.group(1)):
            continue    # a discrete axis, a legend of kinds, or an axis hidden from readers
        groups = re.findall(r'role-(?:axis|legend)-label".*?</g>', part, re.S)
        drawn.append((described.group(1),
                       [label for group in groups for label in re.findall(r">([^<>]+)</text>",
                                                                            group)]))
    return drawn


@pytest.mark.parametrize("builder", sorted(COUNT_CHARTS))
def test_a_count_chart_ticks_whole_numbers_only(builder):
    scales = [(what, labels) for what, labels in drawn_scales(COUNT_CHARTS[builder]())
              if not any(label.endswith("%") for label in labels)]   # a rate beside a count
    assert scales, "no count axis or legend drawn"
    for what, labels in scales:
        assert labels and all(re.fullmatch(r"\d[\d,]*", label) for label in labels), (what,
                                                                                      labels)
        assert len(labels) == len(set(labels)), (what, labels)


def test_count_ticks_are_whole_steps_from_zero():
    assert count_ticks(1) == [0, 1] and count_ticks(2) == [0, 1, 2]
    assert count_ticks(8) == list(range(9)) and count_ticks(9) == [0, 2, 4, 6, 8]
    assert count_ticks(37) == list(range(0, 36, 5)) and count_ticks(1250)[:3] == [0, 200, 400]
    assert count_ticks(0) == count_ticks(None) == count_ticks(float("nan")) == [0, 1]


def test_every_chart_builder_is_classified():
    builders = set()
    for path in sorted((ROOT / "ui").glob("*/charts.py")):
        module = importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts))
        builders |= {f"{module.__name__}.{name}"
                     for name, function in inspect.getmembers(module, inspect.isfunction)
                     if function.__module__ == module.__name__
                     and "Chart" in str(inspect.signature(function).return_annotation)}
    assert builders == set(COUNT_CHARTS) | set(OTHER_CHARTS)
