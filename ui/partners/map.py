"""The world view of the network: an Altair geoshape map from the world outline shipped in
ui/partners/assets (Natural Earth 1:110m via world-atlas, see LICENSE-world-atlas.txt), and a ranked
chart beside it for the countries too small to see (Malta, Hong Kong, Singapore)."""
from __future__ import annotations

import functools
import json
from pathlib import Path

import altair as alt
import pandas as pd

from hub.i18n import _, ngettext
from ui.format import listed, number
from ui.charts.palette import SAND, SEPARATOR, SEQUENTIAL
from ui.charts.titles import chart_title

OUTLINE = Path(__file__).resolve().parent / "assets" / "countries-110m.json"
# ISO 3166-1 alpha-2 (the hub's country list) -> numeric, the outline's country ids.
ISO_NUMERIC = {
    "AL": "008", "AT": "040", "BA": "070", "BE": "056", "BG": "100", "CH": "756", "CY": "196",
    "CZ": "203", "DE": "276", "DK": "208", "EE": "233", "ES": "724", "FI": "246", "FR": "250",
    "GB": "826", "GR": "300", "HR": "191", "HU": "348", "IE": "372", "IS": "352", "IT": "380",
    "LT": "440", "LU": "442", "LV": "428", "MD": "498", "ME": "499", "MK": "807", "MT": "470",
    "NL": "528", "NO": "578", "PL": "616", "PT": "620", "RO": "642", "RS": "688", "SE": "752",
    "SI": "705", "SK": "703", "UA": "804", "AR": "032", "AU": "036", "BR": "076", "CA": "124",
    "CL": "152", "CN": "156", "CO": "170", "EG": "818", "ET": "231", "GH": "288", "HK": "344",
    "ID": "360", "IL": "376", "IN": "356", "IR": "364", "JP": "392", "KE": "404", "KR": "410",
    "LB": "422", "MA": "504", "MX": "484", "NG": "566", "NZ": "554", "PE": "604", "PH": "608",
    "SN": "686", "SG": "702", "TH": "764", "TN": "788", "TR": "792", "TW": "158", "US": "840",
    "VN": "704", "ZA": "710",
}


@functools.cache
def world_outline() -> dict:
    """The countries of the shipped TopoJSON (the land layer is not needed)."""
    topology = json.loads(OUTLINE.read_text())
    topology["objects"] = {"countries": topology["objects"]["countries"]}
    return topology


def world_map(countries: pd.DataFrame) -> dict:
    """Partners per country on an Equal Earth map. Columns: country (ISO alpha-2), name,
    partners, active. Returns a Vega-Lite spec (the outline is inlined, no network needed)."""
    frame = countries.assign(id=countries["country"].map(ISO_NUMERIC))
    # A named data source, filled in after to_dict(): Altair need not validate and hash the
    # 100 kB outline on every build.
    outline = alt.Data(name="world_outline",
                       format=alt.DataFormat(type="topojson", feature="countries"))
    # The land is the map's paper, not data: no role of its own for a screen reader.
    base = alt.Chart(outline).mark_geoshape(fill=SAND, stroke=SEPARATOR, strokeWidth=0.4,
                                            aria=False)
    reached = alt.Chart(outline).mark_geoshape(stroke=SEPARATOR, strokeWidth=0.4).encode(
        color=alt.Color("partners:Q", title=_("Partners"),
                        scale=alt.Scale(type="log", range=SEQUENTIAL)),
        tooltip=[alt.Tooltip("name:N", title=_("Country")),
                 alt.Tooltip("partners:Q", title=_("Partners")),
                 alt.Tooltip("active:Q", title=_("Active"))],
    ).transform_lookup(lookup="id", from_=alt.LookupData(
        frame, "id", ["name", "partners", "active"])).transform_filter("datum.partners > 0")
    ranked = countries[countries["partners"] > 0].nlargest(5, "partners")
    countries_reached = int((countries["partners"] > 0).sum())
    chart = (base + reached).project("equalEarth").properties(
        height=420, description=ngettext(
            "World map of partners per country, darker for more: {count} country reached; "
            "most in {countries}.",
            "World map of partners per country, darker for more: {count} countries reached; "
            "most in {countries}.", countries_reached).format(
            count=number(countries_reached),
            countries=listed([f"{row.name} ({number(row.partners)})"
                              for row in ranked.itertuples()])),
        title=chart_title(_("Where the network reaches"),
                          subtitle=_("Partners per country (colour on a log scale)")))
    spec = chart.to_dict()
    spec.setdefault("datasets", {})["world_outline"] = world_outline()
    return spec
