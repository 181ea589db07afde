"""What a page shows a person, as strings, and the catalog's English words that have an Italian
one: together they find a word the Italian screen still shows in English."""
from __future__ import annotations

import json

from babel.messages.pofile import read_po
from streamlit.testing.v1 import AppTest

from hub.i18n import catalog_path
from tests.apptest import shown as unescaped

LABELLED = ("button", "text_input", "text_area", "number_input", "date_input", "time_input",
            "selectbox", "multiselect", "radio", "checkbox", "toggle", "slider",
            "select_slider", "tabs", "expander", "metric", "color_picker")
WRITTEN = ("title", "header", "subheader", "markdown", "caption", "text", "info", "success",
           "warning", "error", "toast")


def english_words() -> dict[str, str]:
    """msgid → Italian, for every word whose Italian differs from it in every context it has
    (a "workshop" course stays "workshop" in Italian, so "workshop" is not listed)."""
    with catalog_path("it").open("rb") as file:
        catalog = read_po(file, locale="it")
    italian: dict[str, set[str]] = {}
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for english in ids:
            italian.setdefault(english, set()).update(strings)
    return {english: sorted(words)[0] for english, words in italian.items()
            if english not in words and len(english) > 1}


def _chart_texts(spec) -> list[str]:
    """Titles, subtitles, axis and legend titles of a Vega-Lite spec, however nested."""
    found = []
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key in ("title", "subtitle", "text") and isinstance(value, (str, list)):
                found += [value] if isinstance(value, str) else [v for v in value
                                                                 if isinstance(v, str)]
            else:
                found += _chart_texts(value)
    elif isinstance(spec, list):
        for value in spec:
            found += _chart_texts(value)
    return found


def shown_strings(at: AppTest) -> set[str]:
    """Every label, text, option, column name and chart title the last run drew."""
    shown: set[str] = set()
    for kind in WRITTEN:
        for element in getattr(at, kind, []):
            shown.add(str(element.value))
    for kind in LABELLED:
        for element in getattr(at, kind, []):
            shown.add(str(getattr(element, "label", "")))
            shown.add(str(getattr(element, "help", "") or ""))
            shown.add(str(getattr(element, "placeholder", "") or ""))
            for option in getattr(element, "options", None) or []:
                shown.add(str(option))
    for frame in at.dataframe:
        shown.update(str(column) for column in frame.value.columns)
    for chart in at.get("arrow_vega_lite_chart"):
        shown.update(_chart_texts(json.loads(chart.proto.spec)))
    shown.update(page["page_name"] for page in at._registered_pages.values())
    # Read as a person reads it: text written with as_text without its escapes.
    return {unescaped(text).strip() for text in shown if text and text.strip()}


def still_english(at: AppTest, words: dict[str, str]) -> dict[str, str]:
    """Strings on screen that are an English msgid with a different Italian translation."""
    return {text: words[text] for text in shown_strings(at) if text in words}
