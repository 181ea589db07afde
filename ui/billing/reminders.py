"""Reminders and account statements on Billing's Arrears tab (a manager's): the reminders due,
sending one and downloading its letter, and any payer's account statement for a period.
Letters speak the payer's language, whatever the reader's (hub/billing/letters.py)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pandas as pd
import streamlit as st
from sqlmodel import select

from db.models import Payer, Reminder, User
from hub.billing import arrears, letters
from hub.i18n import N_, _, ngettext
from hub.roles import bills
from ui.billing import lists
from ui.database import cached, reading
from ui.forms import form
from ui.format import day_text, money
from ui.widgets import SiteChoice, in_this_language

LEVELS = {1: N_("1 · reminder"), 2: N_("2 · second reminder"), 3: N_("3 · final notice")}


def level_name(level: int) -> str:
    return _(LEVELS[level])


@dataclass(frozen=True)
class Due:
    payer_id: int
    payer: str
    level: int
    total: Decimal
    numbers: tuple[str, ...]
    days_late: int


@cached(ttl=300)
def load_due(site_id: int | None, today: date, role: str) -> list[Due]:
    with reading() as session:
        return [Due(draft.payer.id, draft.payer.name, draft.level, draft.total,
                    tuple(item.invoice.number for item in draft.invoices),
                    draft.invoices[0].days_late)
                for draft in arrears.due_reminders(session, site_id=site_id, today=today)]


@cached(ttl=300)
def load_sent(role: str, limit: int = 20) -> list[tuple[int, str, int, date, Decimal]]:
    """The latest reminders sent: id, payer, level, day, total."""
    with reading() as session:
        return [(reminder.id, name, reminder.level, reminder.sent_on, reminder.total)
                for reminder, name in session.exec(
                    select(Reminder, Payer.name).join(Payer, Payer.id == Reminder.payer_id)
                    .order_by(Reminder.sent_on.desc(), Reminder.id.desc()).limit(limit)).all()]


def due_table(due: list[Due]) -> pd.DataFrame:
    return pd.DataFrame([{_("Payer"): row.payer, _("Level"): level_name(row.level),
                          _("Overdue"): money(row.total), _("Days late"): row.days_late,
                          _("Invoices"): ", ".join(row.numbers)} for row in due])


def _reminder_pdf(reminder_id: int) -> bytes:
    with reading() as session:
        return letters.reminder_pdf(session, session.get(Reminder, reminder_id))


def _reminder_html(reminder_id: int) -> bytes:
    with reading() as session:
        return letters.reminder_html(session, session.get(Reminder, reminder_id)).encode()


def _statement_pdf(payer_id: int, first: date, last: date) -> bytes:
    with reading() as session:
        return letters.statement_pdf(session, arrears.statement(session, payer_id, first, last))


def letter_downloads(reminder_id: int, key: str) -> None:
    """A sent reminder's letter, as PDF and HTML (built when the button is pressed)."""
    left, right = st.columns(2)
    left.download_button(_("Letter (PDF)"), in_this_language(lambda: _reminder_pdf(reminder_id)),
                         file_name=f"reminder-{reminder_id}.pdf", mime="application/pdf",
                         key=f"{key}_pdf", icon=":material/download:", on_click="ignore")
    right.download_button(_("Letter (HTML)"),
                          in_this_language(lambda: _reminder_html(reminder_id)),
                          file_name=f"reminder-{reminder_id}.html", mime="text/html",
                          key=f"{key}_html", icon=":material/download:", on_click="ignore")


def reminders_section(user: User, site: SiteChoice, today: date) -> None:
    """The reminders due at the site, a form to send one, and the letters of those sent."""
    if not bills(user):
        return
    st.subheader(_("Reminders"), anchor=False)
    due = load_due(site.id, today, user.role)
    if not due:
        st.caption(_("No reminder is due: every late payer has had the reminder their arrears "
                     "call for."))
    else:
        st.caption(ngettext("{count} payer is due a reminder (level 1 from a day late, 2 from "
                            "31 days, 3 from 61 days).",
                            "{count} payers are due a reminder (level 1 from a day late, 2 "
                            "from 31 days, 3 from 61 days).", len(due)).format(count=len(due)))
        st.dataframe(due_table(due), hide_index=True, width="stretch")
        choices = {row.payer_id: row for row in due}
        with form(f"billing_remind_{site.id}") as remind:
            payer_id = st.selectbox(_("Send a reminder to"), list(choices), key=remind.key(
                "billing_remind_payer"), format_func=lambda pid: _("{payer} — {level}, {total}")
                .format(payer=choices[pid].payer, level=level_name(choices[pid].level),
                        total=money(choices[pid].total)))
            if remind.submitted(_("Send reminder"), type="primary"):
                if sent := remind.save(arrears.send_reminder, actor=user, payer_id=payer_id,
                                       today=today):
                    st.session_state["billing_last_reminder"] = sent.id
                    remind.done(_("Reminder recorded on {payer}'s history: download the letter "
                                  "below.").format(payer=choices[payer_id].payer))
    sent = load_sent(user.role)
    if sent:
        by_id = {row[0]: row for row in sent}
        last = st.session_state.get("billing_last_reminder")
        chosen = st.selectbox(
            _("Letter of a reminder sent"), list(by_id),
            index=list(by_id).index(last) if last in by_id else 0, key="billing_sent_letter",
            format_func=lambda rid: _("{payer} — {level}, {day}").format(
                payer=by_id[rid][1], level=level_name(by_id[rid][2]), day=day_text(by_id[rid][3])))
        letter_downloads(chosen, f"billing_letter_{chosen}")
    statement_section(user)


def statement_section(user: User) -> None:
    """Any payer's account statement for a period, as PDF in the payer's language."""
    payers = [(row.id, row.name) for row in lists.load_payers()]   # the Payers tab's read
    if not payers:
        return
    st.subheader(_("Account statement"), anchor=False)
    names = dict(payers)
    left, middle, right = st.columns([2, 1, 1])
    payer_id = left.selectbox(_("Statement of"), list(names), key="billing_statement_payer",
                              format_func=names.get)
    today = date.today()
    first = middle.date_input(_("From"), value=date(today.year, 1, 1),
                              key="billing_statement_from", format="DD/MM/YYYY")
    last = right.date_input(_("To"), value=today, key="billing_statement_to",
                            format="DD/MM/YYYY")
    if first and last and last < first:
        st.error(_("To: the statement's last day is before its first"))
        return
    st.download_button(_("Statement (PDF)"),
                       in_this_language(lambda: _statement_pdf(payer_id, first, last)),
                       file_name=f"statement-{payer_id}-{first}-{last}.pdf",
                       mime="application/pdf", key="billing_statement_pdf",
                       icon=":material/download:", on_click="ignore")

