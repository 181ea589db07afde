"""The colours every chart uses: the building's terracotta, olive, clay, slate and ink.

Each colour that marks data (CHART_COLOURS) keeps a contrast of at least 3:1 against the page
background (WCAG 2.1 AA, 1.4.11 non-text contrast); tests/test_palette.py holds that. SAND is
the one light tint: the paper the world map's land is drawn on, never a data colour."""

TERRACOTTA = "#B5523B"
OLIVE = "#7A8450"
CLAY = "#A8733A"
INK = "#2F2A25"
SLATE = "#5B7B8C"
PLUM = "#8E5A7A"
TEAL = "#3F7F74"
STONE = "#857C6C"       # what is empty or other: vacant, seats free, prospects and dormant
BRICK = "#7E3324"       # the dark end of the sequential scales
SAND = "#E9DFC9"        # land on the map: background, not data

CHART_COLOURS = {"TERRACOTTA": TERRACOTTA, "OLIVE": OLIVE, "CLAY": CLAY, "INK": INK,
                 "SLATE": SLATE, "PLUM": PLUM, "TEAL": TEAL, "STONE": STONE, "BRICK": BRICK}
# Categories in the order charts hand them out (partner kinds, programme kinds, regions).
CATEGORICAL = [TERRACOTTA, OLIVE, SLATE, CLAY, PLUM, TEAL, INK, STONE]
# Low to high, for rates and counts.
SEQUENTIAL = [CLAY, BRICK]
# Between adjacent marks (stacked bars, heatmap cells), so each touches the background colour.
SEPARATOR = "#FBF8F3"
