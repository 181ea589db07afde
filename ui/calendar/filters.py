"""The Calendar screen's choices, each in the URL: ?site=CODE&on=YYYY-MM-DD&view=week&
kinds=booking,session (none chosen: every kind) and whether cancelled bookings are shown."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import streamlit as st

from hub.calendar.events import KIND_LABELS, KINDS, VIEWS, view_days
from hub.i18n import N_, _
from ui import url_params
from ui.url_params import linked
from ui.widgets import EARLIEST_DAY, SiteChoice, site_picker

DEFAULT_VIEW = "month"
VIEW_LABELS = {"day": N_("Day"), "week": N_("Week"), "month": N_("Month")}


@dataclass(frozen=True)
class Chosen:
    site: SiteChoice
    on: date
    view: str
    kinds: tuple[str, ...]
    cancelled: bool

    @property
    def days(self) -> tuple[date, date]:
        return view_days(self.view, self.on)


def calendar_filters() -> Chosen:
    today = date.today()
    latest = today + timedelta(days=5 * 366)
    top = st.columns([2, 1, 2])
    site = site_picker("calendar_site", container=top[0])
    on = linked(top[1].date_input, _("On"), value=today, key="calendar_on", format="DD/MM/YYYY",
                min_value=EARLIEST_DAY, max_value=latest,
                link=url_params.day("on", default=today, fallback=_("today"),
                               earliest=EARLIEST_DAY, latest=latest))
    view = linked(top[2].radio, _("View"), list(VIEWS), index=VIEWS.index(DEFAULT_VIEW),
                  key="calendar_view", horizontal=True,
                  format_func=lambda view: _(VIEW_LABELS[view]),
                  link=url_params.one_of("view", VIEWS, what=_("day, week or month"),
                                    fallback=_("the month"), default=DEFAULT_VIEW))
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    kinds = linked(left.multiselect, _("Kinds"), list(KINDS), key="calendar_kinds",
                   format_func=lambda kind: _(KIND_LABELS[kind]), placeholder=_("Every kind"),
                   link=url_params.some_of("kinds", KINDS, what=_("a kind of event"),
                                      fallback=_("every kind")))
    cancelled = right.toggle(_("Show cancelled bookings"), key="calendar_cancelled",
                             help=_("Greyed on the day and week timelines and listed below."))
    return Chosen(site=site, on=on, view=view, kinds=tuple(kinds) or KINDS,
                  cancelled=cancelled)
