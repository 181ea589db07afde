"""Driving the real app with Streamlit's AppTest: sign in through the form, read the screen."""
from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest, local_script_runner
from streamlit.util import calc_hash

from hub.markdown import WORD_JOINER
from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[1]


def new_app() -> AppTest:
    return AppTest.from_file(str(ROOT / "tests" / "launcher" / "app.py"), default_timeout=30)


def open_page(at: AppTest, key: str) -> AppTest:
    """Go to pages/<key>.py as the navigation would."""
    return at.switch_page(f"../../pages/{key}.py").run()


def follow_link_to(at: AppTest, path: str) -> AppTest:
    """Before signing in: the browser at /<path> (a bookmark or a shared link), which Bottega
    answers with the sign-in form under that URL path."""
    at._page_hash = calc_hash(path)
    return at.run()


def type_address(at: AppTest, path: str, monkeypatch) -> AppTest:
    """A signed-in browser asking for /<path> by its address: the request names the URL path
    and no page hash (AppTest always sends a hash, so its request is patched for one run)."""
    real = local_script_runner.RerunData

    def by_address(**request):
        return real(**(request | {"page_script_hash": "", "page_name": path}))
    with monkeypatch.context() as patched:
        patched.setattr(local_script_runner, "RerunData", by_address)
        return at.run()


def field(at: AppTest, label: str):
    return next(widget for widget in at.text_input if widget.label == label)


def press(at: AppTest, label: str) -> AppTest:
    next(button for button in at.button if button.label == label).click()
    return at.run()


def sign_in(at: AppTest, username: str, password: str = PASSWORD) -> AppTest:
    if not at.text_input:
        at.run()
    field(at, "Username").input(username)
    field(at, "Password").input(password)
    return press(at, "Login")


def signed_in_app(username: str, password: str = PASSWORD) -> AppTest:
    return sign_in(new_app().run(), username, password)


def navigation(at: AppTest) -> list[str]:
    """The page titles st.navigation registered on the last run."""
    return [page["page_name"] for page in at._registered_pages.values()]


ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")   # a backslash before ASCII punctuation


def shown(markdown: str) -> str:
    """What a reader sees of Markdown written by hub.markdown.as_text (escapes, word joiners
    and the spaces of its line breaks taken out)."""
    return ESCAPE.sub(r"\1", markdown.replace("  \n", "\n").replace(WORD_JOINER, ""))


def text_of(at: AppTest) -> str:
    """Everything the page wrote, as one string (for 'is this shown?' checks), as a reader
    sees it (text written with as_text reads without its escapes)."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "text", "info",
                 "success", "warning", "error", "metric"):
        for element in getattr(at, kind):
            parts.append(str(getattr(element, "value", "")))
            parts.append(str(getattr(element, "label", "")))
    for element in at.sidebar.markdown:
        parts.append(element.value)
    return shown("\n".join(parts))


def said(at: AppTest) -> list[str]:
    """What the page said of a save (ui/forms.py), as a reader sees it: below its form, or in
    a toast when the form went with what it deleted."""
    return [shown(element.value) for element in [*at.success, *at.toast]]
