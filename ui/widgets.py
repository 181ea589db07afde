"""Small widgets shared by pages: the site picker, a KPI row, CSV downloads, the addresses of a
site's live feeds."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from hub import sheets
from hub.cells import FORMULA_STARTS  # noqa: F401  (kept importable)
from hub.i18n import N_, _, language, speaking
from hub.sites import list_sites, site_by_code
from ui import url_params
from ui.database import cached, reading
from ui.format import as_text
from web.settings import feed_url, feeds_on


# The earliest day a date picker offers: Streamlit's default is ten years before the value,
# which would keep a 2016 course or tenant out of reach from 2027 on.
EARLIEST_DAY = date(2000, 1, 1)


@dataclass(frozen=True)
class SiteChoice:
    id: int | None      # None: all sites
    name: str


@cached(ttl=300)
def _sites() -> list[tuple[int, str]]:
    with reading() as session:
        return [(site.id, site.name) for site in list_sites(session)]


@cached(ttl=300)
def _site_codes() -> dict[int, str]:
    """Each site's code, for the URL (?site=ON)."""
    with reading() as session:
        return {site.id: site.code for site in list_sites(session)}


def site_link(choices: list[SiteChoice], name: str = "site") -> url_params.Param:
    """?site=ON (the site's code, any case); "all" or nothing: the first choice (All sites
    where the picker offers it). A site not in use falls back to the first choice."""
    def read(text: str) -> SiteChoice:
        if text.strip().lower() == "all" and choices[0].id is None:
            return choices[0]
        with reading() as session:
            found = site_by_code(session, text)
        choice = next((choice for choice in choices if found and choice.id == found.id), None)
        if choice is None:
            raise url_params.Unusable(_("is not a site in use"))
        return choice

    def write(choice: SiteChoice) -> tuple[str | None]:
        return ("all" if choice.id is None else _site_codes().get(choice.id),)

    fallback = _("all sites") if choices[0].id is None else choices[0].name
    return url_params.Param((name,), read, write, choices[0], fallback)


def site_picker(key: str, *, allow_all: bool = True, container=st,
                link: str | None = "site") -> SiteChoice:
    """A select box of sites ("All sites" first when allowed), in the URL as ?site=<code>
    unless `link` is None."""
    choices = ([SiteChoice(None, _("All sites"))] if allow_all else []) + \
        [SiteChoice(site_id, name) for site_id, name in _sites()]
    if not choices:
        st.info(_("There is no site yet."))
        st.stop()
    if link is None:
        return container.selectbox(_("Site"), choices, key=key,
                                   format_func=lambda choice: choice.name)
    return url_params.linked(container.selectbox, _("Site"), choices, key=key,
                        link=site_link(choices, link), format_func=lambda choice: choice.name)


def choice_box(label: str, choices: dict, *, key: str, container=st, **options: Any):
    """A select box of `choices` ({value: label}, values hashable: record ids), and the value
    chosen. The browser names a choice by its label: when that label changed meanwhile (another
    person renamed the record), Streamlit would lose the choice, or fall back to the first one
    — a save would land on another record. So the choice is pinned by its value before the box
    is drawn. A choice gone from `choices` (removed meanwhile) is said, and None returned."""
    if st.session_state.get(key) is not None:
        kept = st.session_state[key]       # read with the labels the browser saw
        if kept not in choices:
            container.warning(_("What you chose here is no longer there (someone changed or "
                                "removed it meanwhile); choose again."), icon=":material/info:")
            kept = None
        st.session_state[key] = kept
        options.pop("index", None)         # the box shows what is pinned, not a default
    return container.selectbox(label, list(choices), key=key,
                               format_func=lambda value: choices.get(value, str(value)),
                               **options)


def choice_boxes(label: str, choices: dict, *, key: str, default: list | None = None,
                 container=st, **options: Any) -> list:
    """A multiselect of `choices` ({value: label}), pinned by value as choice_box is: a choice
    renamed meanwhile stays chosen; one removed meanwhile is said and dropped."""
    if st.session_state.get(key):
        kept = list(st.session_state[key])       # read with the labels the browser saw
        if any(value not in choices for value in kept):
            container.warning(_("What you chose here is no longer there (someone changed or "
                                "removed it meanwhile); choose again."), icon=":material/info:")
        st.session_state[key] = [value for value in kept if value in choices]
        default = None
    return container.multiselect(label, list(choices), default=default, key=key,
                                 format_func=lambda value: choices.get(value, str(value)),
                                 **options)


def record_picker(label: str, rows: list, *, key: str, name_of: Callable[[Any], str],
                  container=st, **options: Any):
    """A select box of records (rows with an `id`), chosen by id (see choice_box). Returns the
    row chosen, or None."""
    by_id = {row.id: row for row in rows}
    chosen = choice_box(label, {row_id: name_of(row) for row_id, row in by_id.items()},
                        key=key, container=container, **options)
    return by_id.get(chosen)


def labels_of(names: dict | list) -> Callable[[Any], str]:
    """A format_func reading the labels worked out in this run (a dict by option, or a list by
    index): AppTest formats a value again outside the run, where the reader's language is not
    known. An option with no label formats as itself."""
    if isinstance(names, dict):
        return lambda key: names.get(key, str(key))
    return lambda index: names[index] if isinstance(index, int) and 0 <= index < len(names) \
        else str(index)


def kpi_row(metrics: list[tuple[str, str, str | None]]) -> None:
    """Metrics side by side: (label, value, help). They wrap, two to a row on a phone, where
    columns would stack into one long column."""
    row = st.container(horizontal=True, gap="medium")
    for label, value, help_text in metrics:
        row.metric(label, value, help=help_text)


def frame_rows(frame: pd.DataFrame) -> tuple[list[str], list[list]]:
    """The frame's column names and its rows as Python values, a missing one as None."""
    rows = frame.astype(object).where(frame.notna(), None).values.tolist()
    return [str(column) for column in frame.columns], rows


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as the CSV file every download is (hub.sheets: UTF-8 with a byte-order mark,
    CRLF rows, formula-like cells neutralised)."""
    return sheets.csv_bytes(*frame_rows(frame))


def in_this_language(build: Callable[[], Any]) -> Callable[[], Any]:
    """A download's builder, run when the button is pressed (outside the page's run, where the
    reader's language is not known) in the language of the run that drew the button."""
    code = language()

    def built() -> Any:
        with speaking(code):
            return build()
    return built


def csv_download(label: str, frame: pd.DataFrame, file_name: str, key: str) -> None:
    """The file is built when the button is pressed, not on every run of the page."""
    st.download_button(label, in_this_language(lambda: csv_bytes(frame)), file_name=file_name,
                       mime="text/csv",
                       key=key, icon=":material/download:", disabled=frame.empty,
                       on_click="ignore")


def flash(message: str) -> None:
    """A confirmation to show after the rerun that a save triggers: plain text (the names in
    it are shown as typed, never as Markdown)."""
    st.session_state["flash"] = message


def show_flash() -> None:
    if message := st.session_state.pop("flash", None):
        st.toast(as_text(message), icon=":material/check_circle:")


def site_choices() -> list[SiteChoice]:
    """Every site, by name (no "All sites"): for forms that need one."""
    return [SiteChoice(site_id, name) for site_id, name in _sites()]


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    """An Excel workbook of `frame`, with typed cells (hub.sheets), like every other one."""
    columns, rows = frame_rows(frame)
    return sheets.xlsx_bytes(columns, rows, sheet=sheet)


def xlsx_download(label: str, frame: pd.DataFrame, file_name: str, key: str) -> None:
    """The workbook is built when the button is pressed, like csv_download's file."""
    st.download_button(label, in_this_language(lambda: xlsx_bytes(frame)), file_name=file_name,
                       key=key,
                       icon=":material/download:",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       disabled=frame.empty, on_click="ignore")


# --- the feeds' addresses ---------------------------------------------------------------------

# The labels are English words, shown translated (feed_addresses)
PROGRAMME_FEEDS = (("programme.ics", N_("Calendar to subscribe to (Google, Apple, Outlook)")),
                   ("programme.json", N_("Programme as JSON")),
                   ("public.html", N_("Public page (to link to or embed)")))
LISTING_FEEDS = (("listings.json", N_("Listings as JSON")),
                 ("listings.csv", N_("Listings as CSV")),
                 ("public.html", N_("Public page (to link to or embed)")))


def _browser_origin() -> str | None:
    url = st.context.url
    if not url:
        return None
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def feed_addresses(site_id: int | None, feeds: tuple[tuple[str, str], ...]) -> None:
    """The live feeds of the chosen site, each address in a box with a copy button."""
    if not feeds_on():
        st.caption(_("The public feeds are turned off on this server (BOTTEGA_FEEDS=0)."))
        return
    if site_id is None:
        st.caption(_("Choose a site to see the addresses of its live public feeds."))
        return
    code = _site_codes().get(site_id)
    if code is None:
        return
    with st.expander(_("Live feeds for the website and calendar apps"),
                     icon=":material/rss_feed:"):
        st.caption(_("Published data only, no sign-in needed; they follow every change. Add "
                     "?lang=it or ?lang=en to an address to choose its language."))
        for name, title in feeds:
            st.markdown(f"**{_(title)}**")
            st.code(feed_url(code, name, _browser_origin()), language=None)
