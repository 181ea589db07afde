"""Axes and legends of counts: people, items, partners and days are whole numbers, so are
their ticks. Vega's own ticks split a small domain (0 to 2 seats) into 0.5 or 0.2 steps, and
`tickMinStep` alone does not stop it on a domain of 1 or 2, so the ticks are given: whole
numbers from 0 to the highest value shown, at most nine of them."""
from __future__ import annotations

from math import ceil, isfinite

import altair as alt
import pandas as pd

MOST_TICKS = 8          # steps between 0 and the top, at most
STEPS = (1, 2, 5)       # times a power of ten: 1, 2, 5, 10, 20, 50, 100 …


def count_ticks(top: float | None) -> list[int]:
    """0, 1, 2 for a top of 2; 0, 5, 10 … 35 for 37: whole numbers from 0 to `top`."""
    top = max(1, ceil(top)) if top is not None and isfinite(top) else 1
    power = 1
    while True:
        for step in STEPS:
            if top / (step * power) <= MOST_TICKS:
                return list(range(0, top + 1, step * power))
        power *= 10


def count_axis(top: float | None, **options) -> alt.Axis:
    """The axis of a count whose highest value shown (a bar, a stack) is `top`."""
    return alt.Axis(values=count_ticks(top), format=",d", tickMinStep=1, **options)


def count_legend(top: float | None, *, lowest: int = 0, **options) -> alt.Legend:
    """The legend of a count shown as colour or size, whose values start at `lowest`."""
    return alt.Legend(values=[tick for tick in count_ticks(top) if tick >= lowest] or [lowest],
                      format=",d", tickMinStep=1, **options)


def stacked_top(frame: pd.DataFrame, by: str | list[str], value: str) -> float:
    """The highest stack: `value` summed per `by` (the bars' position), 0 for no rows."""
    return float(frame.groupby(by)[value].sum().max()) if not frame.empty else 0.0
