"""Shareable views: a screen's site, dates and main filters live in its URL.

`/occupancy?site=ON&on=2026-06-30` opens Lab occupancy on Officine Nora as of that day. A
widget drawn through `linked` takes its value from its query parameter(s) while the page has
no value for it yet, and the URL follows the widget from then on; a parameter at its default
is left out, so links stay short. A browser back or forward step reads the URL again.

Signing in keeps the link: before sign-in every screen's URL path shows the sign-in form
(ui/navigation.signed_out_navigation), and a page's identity is its URL path, so the rerun
that signs in stays on the same page and keeps its query string; the screen's first signed-in
run is where the link is read. The link's value is drawn as the widget's default (`index=`,
`default=`, `value=`) on every run rather than set once in st.session_state: the browser may
draw the first signed-in run's widgets afresh from the next run, and then showed the plain
default while the page worked with the link's value.

A value the link gets wrong — an unknown site, a malformed date, a kind that does not exist —
falls back to the widget's default, and a caption under the widget names the parameter and
the value ("The link's site 'XX' is not a site in use; showing all sites.") until the widget
is changed. Never an exception.

Why not Streamlit's own `bind="query-params"` (1.67): it names the parameter after the
widget's key (`?occupancy_site=`), stores the formatted label ("Officine Nora") rather than
the stored code, drops a bad value from the URL without a word, and a bound parameter can be
neither set nor removed through `st.query_params`. We want the same short names on every
screen (`site`, `on`, `from`, `to`), codes that survive a renamed label, and a notice; so
this small module does it by hand with `st.query_params` and `st.session_state`. It reads
one private flag, the script run context's `is_history_navigation`, to know a back or
forward step (the public binding uses the same flag).

The parsing is plain functions on `Param` (tested without Streamlit); `linked` is the only
part that touches the session.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui.format import as_text
from hub.i18n import _, ngettext

T = TypeVar("T")
NOTICES = "links_notices"         # in st.session_state: widget key -> (notice, value shown)
SEEDED = "links_seeded"           # in st.session_state: widget key -> the link's value
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
SHOWN_CHARACTERS = 40             # of a bad value, in the notice


class Unusable(ValueError):
    """The link's value cannot be shown; `problem` completes "The link's site 'XX' …"
    (e.g. "is not a site in use"). `name` says which parameter, for a Param with several."""

    def __init__(self, problem: str, name: str | None = None):
        super().__init__(problem)
        self.problem = problem
        self.name = name


@dataclass(frozen=True)
class Param:
    """How one widget's value is written in the URL.

    `read` takes the text of each of `names` (None when absent) and returns the widget's
    value, raising Unusable; `write` returns the text of each name for a value (None: left
    out), or None as a whole to leave the URL alone (a date range half chosen)."""
    names: tuple[str, ...]
    read: Callable[..., Any]
    write: Callable[[Any], tuple[str | None, ...] | None]
    default: Any
    fallback: str                 # the default in words, for the notice: "all sites"

    def parse(self, texts: dict[str, str | None]) -> Any:
        """The widget's value for the link's texts (absent or empty: the default)."""
        values = [texts.get(name) or None for name in self.names]
        if all(value is None for value in values):
            return self.default
        return self.read(*values)

    def query(self, value: Any) -> dict[str, str | None] | None:
        """What the URL should hold for `value`: a text per name, None where the value is
        the default (the parameter is then left out); None to leave the URL as it is."""
        written, plain = self.write(value), self.write(self.default)
        if written is None:
            return None
        return {name: None if text == (plain[i] if plain else None) else text
                for i, (name, text) in enumerate(zip(self.names, written))}

    def notice(self, texts: dict[str, str | None], unusable: Unusable) -> str:
        name = unusable.name or self.names[0]
        shown = str(texts.get(name) or "")
        if len(shown) > SHOWN_CHARACTERS:
            shown = shown[:SHOWN_CHARACTERS] + "…"
        return _("The link's {name} '{value}' {problem}; showing {fallback}.").format(
            name=name, value=as_text(shown), problem=unusable.problem, fallback=self.fallback)


# --- the kinds of parameter -----------------------------------------------------------------

def _code(option: Any) -> str:
    return "" if option is None else str(option)


def one_of(name: str, options: Sequence[T], *, what: str, fallback: str,
           code: Callable[[T], str] = _code, default: Any = None) -> Param:
    """A select box or select slider: the option's code (any case); the first option (or
    `default`) is left out of the URL. `what` completes "is not …": "a partner status"."""
    options = list(options)
    default = options[0] if default is None and options else default
    by_code = {code(option).lower(): option for option in options}

    def read(text: str):
        try:
            return by_code[text.strip().lower()]
        except KeyError:
            raise Unusable(_("is not {what}").format(what=what)) from None

    return Param((name,), read, lambda value: (code(value),), default, fallback)


def some_of(name: str, options: Iterable[T], *, what: str, fallback: str,
            code: Callable[[T], str] = _code) -> Param:
    """A multiselect: the chosen options' codes, comma-separated; none chosen is left out.
    One unknown code and the whole parameter falls back (the view shown is then plainly the
    default, as the notice says)."""
    by_code = {code(option).lower(): option for option in options}

    def read(text: str):
        chosen, unknown = [], []
        for part in filter(None, (part.strip() for part in text.split(","))):
            option = by_code.get(part.lower())
            if option is None:
                unknown.append(part)
            elif option not in chosen:
                chosen.append(option)
        if unknown:
            names = ", ".join(f"'{as_text(part[:SHOWN_CHARACTERS])}'" for part in unknown[:3])
            raise Unusable(ngettext("names {names}, which is not {what}",
                                    "names {names}, which are not {what}",
                                    len(unknown)).format(names=names, what=what))
        return chosen

    return Param((name,), read, lambda value: (",".join(code(v) for v in value or ()),), [],
                 fallback)


def text(name: str, *, max_chars: int = 80) -> Param:
    """A search box's words, as typed; empty is left out."""
    def read(typed: str) -> str:
        if len(typed) > max_chars:
            raise Unusable(_("is longer than {count} characters").format(count=max_chars))
        return typed
    return Param((name,), read, lambda value: (value or "",), "", _("no search"))


def parse_day(text: str, *, earliest: date | None = None, latest: date | None = None) -> date:
    """An ISO day, YYYY-MM-DD, within the widget's bounds."""
    text = text.strip()
    try:
        if not ISO_DAY.fullmatch(text):
            raise ValueError(text)
        value = date.fromisoformat(text)
    except ValueError:
        raise Unusable(_("is not a day written YYYY-MM-DD")) from None
    if (earliest and value < earliest) or (latest and value > latest):
        raise Unusable(_("is outside {earliest} – {latest}").format(
            earliest=earliest or "…", latest=latest or "…"))
    return value


def day(name: str, *, default: date, fallback: str, earliest: date | None = None,
        latest: date | None = None) -> Param:
    """A date input's day, ISO; `default` (usually today) is left out."""
    return Param((name,), lambda text: parse_day(text, earliest=earliest, latest=latest),
                 lambda value: (value.isoformat() if isinstance(value, date) else None,),
                 default, fallback)


def period(start: str, end: str, *, default: tuple[date, date], fallback: str,
           earliest: date | None = None, latest: date | None = None) -> Param:
    """A date input's range as two days (`from=`, `to=`); either may be left out, and then is
    the default's. A range half chosen (the picker open) leaves the URL as it is."""
    def read(first: str | None, last: str | None):
        chosen = []
        for name, text, plain in ((start, first, default[0]), (end, last, default[1])):
            try:
                chosen.append(plain if text is None else
                              parse_day(text, earliest=earliest, latest=latest))
            except Unusable as unusable:
                raise Unusable(unusable.problem, name) from None
        if chosen[1] < chosen[0]:
            raise Unusable(_("is before the start of the period, {start}").format(
                start=chosen[0].isoformat()), end)
        return tuple(chosen)

    def write(value):
        if not isinstance(value, (tuple, list)) or len(value) != 2:
            return None
        return tuple(part.isoformat() for part in value)

    return Param((start, end), read, write, tuple(default), fallback)


# --- drawing a widget bound to its parameter ------------------------------------------------

def linked(widget: Callable[..., T], *args: Any, link: Param, key: str, **kwargs: Any) -> T:
    """Draw `widget(*args, key=key, **kwargs)` with its value in the URL as `link` says.

    The widget's own default must be `link.default` (the value left out of the URL), given
    by keyword (`value=`, `index=`, `default=`) where it has one. A notice goes where the
    widget went (`top[1].date_input` draws both in that column)."""
    state = st.session_state
    seeded = state.setdefault(SEEDED, {})
    if key not in state or _history_navigation():
        value = _from_link(link, key)
        if value == link.default:
            seeded.pop(key, None)
        else:
            seeded[key] = value
        if key in state:
            # Back or forward: the URL's value replaces the one on screen, which only a
            # value set through the session state does (the browser keeps its own else).
            state[key] = value
    if key in seeded and not _history_navigation():
        kwargs = _with_default(widget, args, kwargs, seeded[key])
    if getattr(widget, "__name__", "") == "multiselect":
        kwargs.setdefault("placeholder", _("Choose…"))  # Streamlit's own is English
    value = widget(*args, key=key, **kwargs)
    _follow(link, value)
    notices = state.get(NOTICES, {})
    if key in notices:
        notice, shown = notices[key]
        if value == shown:
            getattr(widget, "__self__", st).caption(notice)
        else:  # changed since: the notice is about a view no longer on screen
            del notices[key]
    return value


def _with_default(widget: Callable, args: tuple, kwargs: dict, value: Any) -> dict:
    """The widget's keyword arguments with `value` as its default (see the module's note on
    signing in; a default and a session value together also make Streamlit log a warning)."""
    kwargs = dict(kwargs)
    name = getattr(widget, "__name__", "")
    if name in ("selectbox", "radio", "multiselect"):
        # The options can change while the page is open (a site archived meanwhile).
        options = list(kwargs.get("options", args[1] if len(args) > 1 else ()))
        if name == "multiselect":
            kwargs["default"] = [option for option in value if option in options]
        elif value in options:
            kwargs["index"] = options.index(value)
    else:                       # date_input, select_slider, text_input, slider …
        kwargs["value"] = value
    return kwargs


def _texts(link: Param) -> dict[str, str | None]:
    return {name: st.query_params.get(name) for name in link.names}


def _history_navigation() -> bool:
    """A browser back or forward step (Streamlit sets this on the run it causes)."""
    ctx = get_script_run_ctx()
    return bool(ctx and getattr(ctx, "is_history_navigation", False))


def _from_link(link: Param, key: str) -> Any:
    """The widget's value as the URL gives it; the default, and a notice, for a bad one."""
    texts = _texts(link)
    notices = st.session_state.setdefault(NOTICES, {})
    notices.pop(key, None)
    try:
        return link.parse(texts)
    except Unusable as unusable:
        notices[key] = (link.notice(texts, unusable), link.default)
        return link.default


def _follow(link: Param, value: Any) -> None:
    """After the widget: the URL says what the widget shows (defaults left out)."""
    wanted = link.query(value)
    if wanted is None:
        return
    for name, text in wanted.items():
        if text is None:
            if name in st.query_params:
                del st.query_params[name]
        elif st.query_params.get(name) != text:
            st.query_params[name] = text
