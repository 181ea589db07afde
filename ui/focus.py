"""A visible focus ring on whatever the keyboard reaches (WCAG 2.4.7). Streamlit marks a
focused navigation link, tab or expander with a faint tint only; this draws the same ring
everywhere, in the theme's primary colour (3:1 and more on both backgrounds)."""
from __future__ import annotations

import streamlit as st

RING = """<style>
:focus-visible {{ outline: 2px solid {colour} !important; outline-offset: 2px; }}
[data-testid="stButtonGroup"] button[aria-checked="true"] [data-testid="stMarkdownContainer"] p
  {{ color: {selected}; }}
</style>"""
# A chosen segment (the sign-in page's language switch) draws the primary colour on a tint
# that darkens while it has the focus: 4.0:1. A darker shade of it keeps 5.5:1 (WCAG 1.4.3).
SELECTED_SEGMENT = "#8A3A28"


def focus_ring() -> None:
    """Style only: Streamlit puts it where it takes no room on the page."""
    st.html(RING.format(colour=st.get_option("theme.primaryColor"), selected=SELECTED_SEGMENT))
