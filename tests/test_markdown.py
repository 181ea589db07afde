"""hub.markdown.as_text, the one way typed text reaches Streamlit's Markdown: it reads exactly
as typed, nothing in it is live, and what Streamlit's browser side replaces after parsing
(shortcodes, arrows) is kept as typed. Then the shared places that show it: toasts, the
confirmation dialog, and the refusals of a save.

The rendering itself was checked in Chromium against Streamlit 1.67 (every element kind, the
escaped and the raw text side by side); tests/e2e/test_tenants.py keeps one such check in
the suite. The frontend's patterns below are copied from its StreamlitMarkdown bundle."""
from __future__ import annotations

import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st_
from streamlit.testing.v1 import AppTest

from hub.markdown import NO_BREAK_SPACE, WORD_JOINER, as_text
from tests.screen import shown_strings

# What Streamlit's frontend replaces in the text after Markdown is parsed (text nodes):
EMOJI = re.compile(r":\+1:|:-1:|:[A-Za-z0-9_-]+:")                 # remark-emoji
LOGO = re.compile(r":streamlit:")
ICON = re.compile(r":material/")                                    # replaced in the source
ARROWS = re.compile(r"(^|\s)(<->|->|<-|--|>=|<=|~=)(\s|$)")         # its typography plugin
ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")

TYPED = st_.text(st_.characters(blacklist_categories=("Cs",),
                                blacklist_characters="\r\t" + NO_BREAK_SPACE + WORD_JOINER),
                 max_size=80)


def read(markdown: str) -> str:
    """The text a reader gets: escapes resolved, word joiners invisible, line breaks kept,
    indentation as spaces."""
    text = markdown.replace("  \n", "\n").replace(WORD_JOINER, "")
    return ESCAPE.sub(r"\1", text).replace(NO_BREAK_SPACE, " ")


def text_nodes(markdown: str) -> str:
    """What the frontend's replacements see: escapes resolved, word joiners still there."""
    return ESCAPE.sub(r"\1", markdown)


def live(markdown: str) -> list[str]:
    """ASCII punctuation without a backslash before it: Markdown syntax, not text."""
    found, at = [], 0
    while at < len(markdown):
        if markdown[at] == "\\" and at + 1 < len(markdown) and \
                markdown[at + 1] in string.punctuation:
            at += 2
            continue
        if markdown[at] in string.punctuation:
            found.append(markdown[at])
        at += 1
    return found


@settings(max_examples=400, deadline=None)
@given(TYPED)
def test_typed_text_reads_back_exactly_as_typed(typed):
    assert read(as_text(typed)) == typed


@settings(max_examples=400, deadline=None)
@given(TYPED)
def test_no_markdown_in_typed_text_is_live(typed):
    assert live(as_text(typed)) == []


@settings(max_examples=400, deadline=None)
@given(st_.lists(st_.sampled_from([":", "smile", "streamlit", "material/", "-", ">", "<",
                                   "=", "~", " ", "\n", "+1", "a"]), max_size=12).map("".join))
def test_nothing_is_left_for_the_frontend_to_replace(typed):
    nodes = text_nodes(as_text(typed))
    assert not EMOJI.search(nodes) and not LOGO.search(nodes) and not ICON.search(as_text(typed))
    assert not ARROWS.search(nodes.replace("  \n", "\n"))


@pytest.mark.parametrize("typed, markdown", [
    ("**Studio** Rossi", "\\*\\*Studio\\*\\* Rossi"),
    ("[z](http://e.org)", "\\[z\\]\\(http\\:\\/\\/e\\.org\\)"),
    ("<b>x</b> & Tom &amp; Jerry", "\\<b\\>x\\<\\/b\\> \\& Tom \\&amp\\; Jerry"),
    (":red[w] $x$", "\\:red\\[w\\] \\$x\\$"),
    (":smile: :material/home:", f"\\:{WORD_JOINER}smile\\: \\:{WORD_JOINER}material\\/home\\:"),
    ("a -> b -- c", f"a \\-{WORD_JOINER}\\> b \\-{WORD_JOINER}\\- c"),
    ("# 1. - > not blocks", "\\# 1\\. \\- \\> not blocks"),
    ("first\nsecond", "first  \nsecond"),
    ("a\n\n    b", f"a  \n  \n{NO_BREAK_SPACE * 4}b"),
    ("Città d’arte — 陶芸", "Città d’arte — 陶芸"),
    (None, ""),
])
def test_examples(typed, markdown):
    assert as_text(typed) == markdown


def test_a_piece_inside_a_line_keeps_its_leading_space():
    assert as_text(" and *x*", inline=True) == " and \\*x\\*"
    assert as_text(" and\n  more", inline=True) == f" and  \n{NO_BREAK_SPACE * 2}more"


# --- the shared places that show it ---------------------------------------------------------

def toast_page() -> None:
    from ui.widgets import flash, show_flash

    flash("**Studio** _Rossi_ :red[x] $y$ <b>z</b> saved")   # the page runs on its own
    show_flash()


def test_a_toast_shows_the_names_in_it_as_typed():
    at = AppTest.from_function(toast_page, default_timeout=30).run()
    assert not at.exception
    assert [toast.value for toast in at.toast] == [
        as_text("**Studio** _Rossi_ :red[x] $y$ <b>z</b> saved")]


def dialog_page() -> None:
    import streamlit as st

    from ui.confirm import ask, confirm

    if st.button("Delete"):
        ask("demo", "Delete **Studio** — its links go with it.", tenant_id=7)
    confirm("demo", title="Delete **Studio**", action="Delete _it_", keep="Keep [it]",
            run=lambda tenant_id: True)


def test_the_confirmation_dialog_shows_its_words_as_typed():
    at = AppTest.from_function(dialog_page, default_timeout=30).run()
    at = at.button[0].click().run()
    assert not at.exception
    titles = [s.text for s in shown_strings(at) if s.field == "dialog.title"]
    assert titles == [as_text("Delete **Studio**")]
    assert [t.value for t in at.text] == ["Delete **Studio** — its links go with it."]
    assert [b.label for b in at.button][1:] == [as_text("Delete _it_"), as_text("Keep [it]")]


def refused_page() -> None:
    from hub.errors import Invalid
    from ui.database import save

    def refuse(session):
        raise Invalid("name", "**Studio** is already a tenant")
    save(refuse)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_refusal_names_what_was_typed_as_typed(db_url):
    at = AppTest.from_function(refused_page, default_timeout=30).run()
    assert not at.exception
    assert [e.value for e in at.error] == [as_text("name: **Studio** is already a tenant")]
