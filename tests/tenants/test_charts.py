"""The sector chart of Tenants › Indicators keeps its bars when there are few sectors.

Streamlit sizes a chart drawn at the container's width with Vega's "fit": a fixed height is
the whole chart's, titles and axes included, so two sectors under a two-line title and
Streamlit's roomy axis spacing became slivers. The chart is drawn here as Streamlit sends it
(the spec the page hands the browser), with the spacing of Streamlit's chart theme."""
from __future__ import annotations

import json
import re

import pandas as pd
import pyarrow
import vl_convert

from tests.apptest import open_page, signed_in_app
from tests.tenants.test_rules import new_tenant
from ui.tenants.charts import sector_bars

# Streamlit's Vega theme (its frontend's chart config): what it adds around the plot.
STREAMLIT_SPACING = {
    "title": {"offset": 26, "fontSize": 16, "subtitleFontSize": 14, "anchor": "start"},
    "axis": {"titlePadding": 16, "labelPadding": 16, "labelFontSize": 12, "titleFontSize": 14,
             "ticks": False, "domain": False}}
MIN_BAR = 20   # pixels: a bar a reader sees and can point at


def bar_thickness(spec: dict, width: int = 450) -> list[float]:
    """The height of each bar as Vega draws the spec at `width` with Streamlit's spacing."""
    spec = spec | {"width": width, "config": spec.get("config", {}) | STREAMLIT_SPACING}
    svg = vl_convert.vegalite_to_svg(spec)
    return [float(h) for h in re.findall(r'aria-roledescription="bar"[^>]*d="M[^v]*v([\d.]+)',
                                         svg)]


def as_sent(chart) -> dict:
    """The spec Streamlit sent for an st.altair_chart, with its data (sent beside it) put back."""
    spec = json.loads(chart.proto.spec)
    rows = {dataset.name: json.loads(pyarrow.ipc.open_stream(dataset.data.data).read_all()
                                     .to_pandas().to_json(orient="records"))
            for dataset in chart.proto.datasets}
    return spec | {"data": {"values": rows[spec["data"]["name"]]}}


def test_two_sectors_keep_their_bars_on_the_indicators_tab(base):
    new_tenant(base, name="Nora Bianchi", business="Bianchi Gioielli", sector="jewellery")
    at = open_page(signed_in_app("boss"), "tenants")
    at.session_state["tenants_tab"] = "Indicators"
    at.run()
    assert not at.exception
    specs = [as_sent(chart) for chart in at.get("vega_lite_chart")]
    sectors = next(spec for spec in specs if "craft sector" in json.dumps(spec["title"]))
    assert sectors["autosize"]["type"] == "fit"          # as Streamlit draws it
    bars = bar_thickness(sectors)
    assert len(bars) == 2 and min(bars) >= MIN_BAR, bars


def test_one_to_many_sectors_keep_the_same_bars():
    for count in (1, 2, 5, 16):
        frame = pd.DataFrame({"sector": ["ceramics", "jewellery", "leather", "textile", "wood",
                                         "glass", "paper", "restoration", "design", "metalwork",
                                         "stone", "bookbinding", "fashion",
                                         "musical instruments", "printmaking",
                                         "other"][:count],
                              "tenants": range(count, 0, -1)})
        spec = sector_bars(frame).to_dict() | {"autosize": {"type": "fit",
                                                            "contains": "padding"}}
        bars = bar_thickness(spec)
        assert len(bars) == count and min(bars) >= MIN_BAR, (count, bars)


def test_a_tie_names_every_sector_in_first_place():
    frame = pd.DataFrame({"sector": ["ceramics", "jewellery"], "tenants": [2, 2]})
    assert " ".join(sector_bars(frame).to_dict()["title"]["text"]) == (
        "Ceramics and jewellery are the largest crafts here")
    frame = pd.DataFrame({"sector": ["jewellery", "ceramics"], "tenants": [3, 2]})
    assert sector_bars(frame).to_dict()["title"]["text"] == "Jewellery is the largest craft here"
