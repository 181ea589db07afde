"""Text a person typed, written as Markdown that Streamlit shows exactly as typed.

Streamlit reads Markdown in headings, captions, alerts, toasts, dialog titles, tab, expander
and widget labels, radio and pill options and help tooltips. Escaping every ASCII
punctuation character with a backslash (CommonMark allows it for each one) leaves no
emphasis, link, HTML tag, heading, list, table, `:red[…]` directive or `$math$` to read.

A few replacements run on the text after Markdown is parsed, where a backslash no longer
counts: emoji and icon shortcodes (`:smile:`, `:streamlit:`) and typographic arrows and
dashes (`->` becomes →, `--` becomes —). A word joiner (U+2060, invisible, no width) inside
each such sequence keeps it as typed. Lines keep their breaks and their indentation.
"""
from __future__ import annotations

import re
import string

ESCAPED = frozenset(string.punctuation)
WORD_JOINER = "\u2060"
NO_BREAK_SPACE = "\u00a0"
# What Streamlit's Markdown replaces after parsing (frontend StreamlitMarkdown: remark-emoji,
# the :streamlit: logo, material icons, and the arrows of its typography plugin).
SHORTCODE = re.compile(r":(?=[A-Za-z0-9_+/-]+:)")
ARROW = re.compile(r"(?<!\S)(<->|->|<-|--|>=|<=|~=)(?!\S)")
INDENT = re.compile(r"^[ \t]+", re.MULTILINE)
INLINE_INDENT = re.compile(r"(?<=\n)[ \t]+")


def _escaped(line: str) -> str:
    return "".join("\\" + c if c in ESCAPED else c for c in line)


def as_text(text: object, *, inline: bool = False) -> str:
    """`text` as Markdown that reads exactly as typed (None reads as nothing). `inline`: a
    piece that goes on after other Markdown on its line (spaces it starts with are no
    indentation)."""
    text = "" if text is None else str(text)
    text = SHORTCODE.sub(":" + WORD_JOINER, text)
    text = ARROW.sub(lambda found: found[1][0] + WORD_JOINER + found[1][1:], text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = (INLINE_INDENT if inline else INDENT).sub(
        lambda found: NO_BREAK_SPACE * len(found[0].expandtabs(4)), text)
    lines = text.split("\n")
    return "  \n".join(_escaped(line) for line in lines)  # two spaces: a line break
