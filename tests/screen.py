"""Every string a screen drawn under AppTest shows, sorted by how Streamlit shows it: read as
Markdown (headings, captions, alerts, toasts, labels, help tooltips, tab, expander and dialog
titles, radio and pill options, metric values) or as plain text (st.text, select box and
multiselect options, placeholders, table cells, chart specs and chart data)."""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

# Proto fields Streamlit's frontend reads as Markdown, whatever the element (checked in
# Chromium for Streamlit 1.67: headings, alerts, toasts, captions, widget and tab labels,
# expander labels, dialog titles, help tooltips, metric labels and values).
MARKDOWN_FIELDS = {"body", "label", "help", "title"}
# Options are Markdown in radios and pills/segmented controls, plain in select boxes.
MARKDOWN_OPTIONS = {"radio", "button_group"}
# Elements whose `body` is shown as it is.
PLAIN_ELEMENTS = {"text", "code", "json", "html", "exception"}
CHARTS = {"vega_lite_chart", "arrow_vega_lite_chart"}
# Vega-Lite keys whose string is an expression Vega runs: typed text never belongs there.
EXPRESSIONS = {"expr", "labelExpr", "calculate", "filter", "test", "signal"}


@dataclass(frozen=True)
class Shown:
    element: str       # the element's type: "subheader", "selectbox", "tab", …
    field: str         # the proto field: "body", "label", "options.content", …
    text: str
    markdown: bool     # read as Markdown by the browser


def _strings(message, path: str = "") -> Iterator[tuple[str, str]]:
    for field, value in message.ListFields():
        name = f"{path}.{field.name}" if path else field.name
        repeated = hasattr(value, "__len__") and not isinstance(value, (str, bytes))
        for item in (value if repeated else [value]):
            if hasattr(item, "ListFields"):
                yield from _strings(item, name)
            elif isinstance(item, str):
                yield name, item


def _is_markdown(element: str, field: str) -> bool:
    last = field.rsplit(".", 1)[-1]
    if field.startswith("options"):
        return element in MARKDOWN_OPTIONS
    return last in MARKDOWN_FIELDS and element not in PLAIN_ELEMENTS


def _chart_strings(spec: str) -> Iterator[tuple[str, str]]:
    """(key, text) of every string in a Vega-Lite spec, however nested."""
    def walk(value, key: str) -> Iterator[tuple[str, str]]:
        if isinstance(value, dict):
            for name, item in value.items():
                yield from walk(item, name)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item, key)
        elif isinstance(value, str):
            yield key, value
    yield from walk(json.loads(spec), "")


def _cells(frame) -> Iterator[str]:
    for column in frame.columns:
        yield str(column)
    for value in frame.to_numpy().ravel():
        yield str(value)


def shown_strings(at: AppTest) -> list[Shown]:
    """Every string of the last run, each with how the browser reads it."""
    found: list[Shown] = []
    for node in at._tree:
        proto, kind = getattr(node, "proto", None), getattr(node, "type", "")
        if kind == "dataframe":
            found += [Shown(kind, "cell", cell, False) for cell in _cells(node.value)]
            continue
        if kind in CHARTS:
            found += [Shown(kind, f"spec.{key}", text, False)
                      for key, text in _chart_strings(proto.spec)]
            for dataset in proto.datasets:
                frame = convert_arrow_bytes_to_pandas_df(dataset.data.data)
                found += [Shown(kind, "data", cell, False) for cell in _cells(frame)]
            continue
        if proto is None or not hasattr(proto, "ListFields"):
            continue
        found += [Shown(kind, field, text, _is_markdown(kind, field))
                  for field, text in _strings(proto) if field not in ("id", "form_id")]
    return found


def tab_keys(at: AppTest) -> dict[str, list[str]]:
    """The keyed tab sets of the last run (only their open tab is drawn): key → labels."""
    keys: dict[str, list[str]] = {}
    for node in at._tree:
        if getattr(node, "type", "") == "tab_container":
            key = node.proto.tab_container.id.rsplit("-", 1)[-1]
            if key != "None":     # without a key every tab is drawn
                keys[key] = [child.label for child in node.children.values()]
    return keys
