"""Billing's Arrears tab as a manager uses it: the reminders due, sending one (recorded on the
payer's history, its letter offered for download), and a second send finds nothing due."""
from sqlmodel import select

from db.engine import reading
from db.models import Payer, Reminder
from tests.billing.test_page_summary import billed, billing_page  # noqa: F401 (the fixture)


def button(at, label):
    return next(button for button in at.button if button.label == label)


def test_a_manager_sends_the_reminder_due_and_it_is_due_no_more(billed):  # noqa: F811
    at = billing_page("boss")
    due = next(frame.value for frame in at.dataframe if "Level" in frame.value.columns)
    # Aiko's first invoice is months late (its debit came back): the final notice is due.
    assert list(due["Payer"]) == ["Aiko Tanaka"] and list(due["Level"]) == ["3 · final notice"]
    assert list(due["Overdue"]) == ["€244.00"]
    at = button(at, "Send reminder").click().run()
    assert not at.exception and not at.error
    with reading() as session:
        sent = session.exec(select(Reminder, Payer.name).join(Payer)).all()
    assert [(reminder.level, name, str(reminder.total)) for reminder, name in sent] == [
        (3, "Aiko Tanaka", "244.00")]
    assert "No reminder is due" in " ".join(caption.value for caption in at.caption)
    labels = [button.label for button in at.get("download_button")]
    assert "Letter (PDF)" in labels and "Statement (PDF)" in labels
    at = billing_page("boss")          # afresh: nothing more is due, the letter stays on offer
    assert not any("Level" in frame.value.columns for frame in at.dataframe)
    with reading() as session:
        assert len(session.exec(select(Reminder)).all()) == 1
