"""Colour contrast of the theme (.streamlit/config.toml) and the chart palette (ui/charts/palette.py),
WCAG 2.1 AA: text 4.5:1 (1.4.3), graphical objects 3:1 (1.4.11)."""
from __future__ import annotations

import re
import tomllib

import pytest

from tests.conftest import ROOT
from ui.charts import palette

THEME = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["theme"]
BACKGROUNDS = {"background": THEME["backgroundColor"],
               "secondary background (sidebar, widgets)": THEME["secondaryBackgroundColor"]}
# Streamlit draws captions, help text, widget help and the sidebar's section names in the
# text colour at 60% opacity (its theme's fadedText60).
CAPTION_OPACITY = 0.6
CHART_SOURCES = sorted((ROOT / "ui").glob("*/charts.py")) + [ROOT / "ui" / "partners" / "map.py"]


def rgb(colour: str) -> tuple[int, int, int]:
    match = re.fullmatch(r"#([0-9a-fA-F]{6})", colour)
    assert match, f"{colour!r} is not a #RRGGBB colour"
    return tuple(int(match[1][i:i + 2], 16) for i in (0, 2, 4))


def luminance(colour: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (channel(value) for value in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: str | tuple, other: str | tuple) -> float:
    one, other = (rgb(c) if isinstance(c, str) else c for c in (one, other))
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def over(colour: str, background: str, opacity: float) -> tuple[int, int, int]:
    """`colour` drawn at `opacity` on `background`, as the browser composites it."""
    return tuple(round(opacity * c + (1 - opacity) * b)
                 for c, b in zip(rgb(colour), rgb(background)))


def test_the_contrast_formula_matches_wcags_worked_values():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    assert contrast("#FFFFFF", "#FFFFFF") == pytest.approx(1)


@pytest.mark.parametrize("where", BACKGROUNDS)
def test_text_and_caption_text_reach_4_5_to_1_on_both_backgrounds(where):
    background = BACKGROUNDS[where]
    assert contrast(THEME["textColor"], background) >= 4.5
    caption = over(THEME["textColor"], background, CAPTION_OPACITY)
    assert contrast(caption, background) >= 4.5, (
        f"caption and help text: {contrast(caption, background):.2f}:1 on the {where}")


@pytest.mark.parametrize("where", BACKGROUNDS)
def test_the_primary_and_link_colours_read_as_text(where):
    for key in ("primaryColor", "linkColor"):
        assert contrast(THEME[key], BACKGROUNDS[where]) >= 4.5, f"{key} on the {where}"
    # A primary button's label is white on the primary colour.
    assert contrast("#FFFFFF", THEME["primaryColor"]) >= 4.5


@pytest.mark.parametrize("state", ["green", "red"])
def test_both_states_of_a_kpi_delta_read_on_their_pill(state):
    """st.metric draws a delta in <state>TextColor on a <state>BackgroundColor pill; the pill
    must be set too (unset, Streamlit derives a translucent one), and stand out as a shape."""
    text, pill = THEME[f"{state}TextColor"], THEME[f"{state}BackgroundColor"]
    assert contrast(text, pill) >= 4.5
    for background in BACKGROUNDS.values():
        assert contrast(text, background) >= 4.5


@pytest.mark.parametrize("name", palette.CHART_COLOURS)
def test_every_chart_colour_reaches_3_to_1_on_the_background(name):
    colour = palette.CHART_COLOURS[name]
    assert contrast(colour, THEME["backgroundColor"]) >= 3, (
        f"{name} {colour}: {contrast(colour, THEME['backgroundColor']):.2f}:1")
    assert contrast(colour, "#FFFFFF") >= 3, f"{name} on a white export (the report)"


def test_the_palettes_lists_hold_chart_colours_only_and_the_separator_is_the_page():
    allowed = set(palette.CHART_COLOURS.values())
    assert set(palette.CATEGORICAL) <= allowed and set(palette.SEQUENTIAL) <= allowed
    assert len(set(palette.CATEGORICAL)) == len(palette.CATEGORICAL)
    assert palette.SEPARATOR.lower() == THEME["backgroundColor"].lower()
    assert palette.SAND not in allowed  # land on the map, never data


@pytest.mark.parametrize("source", CHART_SOURCES, ids=lambda path: str(path.relative_to(ROOT)))
def test_charts_take_their_colours_from_the_palette(source):
    """A colour written into a chart module, or a named Vega scheme, escapes the checks above."""
    text = source.read_text()
    assert not re.findall(r"#[0-9a-fA-F]{3,8}\b", text), f"{source.name}: use ui.charts.palette"
    assert "scheme=" not in text, f"{source.name}: a Vega colour scheme; use ui.charts.palette"
