"""Chart titles that fit a phone: Vega draws a title on one line and cuts what does not fit,
so a long title or subtitle is handed over as lines (Vega draws a list of strings as lines).
Vega draws titles, labels and tooltips as plain text: a typed name goes in as typed, never
through as_text (whose escapes would show)."""
from __future__ import annotations

import textwrap

import altair as alt

# Characters per line that fit a chart 340 px wide (a 390 px phone less the page's padding):
# the title is bold and larger than the subtitle.
TITLE_WIDTH = 40
SUBTITLE_WIDTH = 52


def lines(text: str, width: int) -> str | list[str]:
    """`text` as it is when it fits, else as lines of at most `width` characters."""
    wrapped = textwrap.wrap(text, width, break_on_hyphens=False)
    return text if len(wrapped) <= 1 else wrapped


def chart_title(text: str, subtitle: str | None = None, **options) -> alt.Title:
    if subtitle is not None:
        options["subtitle"] = lines(subtitle, SUBTITLE_WIDTH)
    return alt.Title(lines(text, TITLE_WIDTH), **options)
