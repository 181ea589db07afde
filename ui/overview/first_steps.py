"""The Overview's checklist for a new hub: each step ticked when done, with a link to where
it is done (only to screens the user may open)."""
from __future__ import annotations

import streamlit as st

from db.models import User
from hub.i18n import N_, _
from hub.overview.first_steps import Step, first_steps
from ui.database import cached, reading
from ui.format import number
from ui.navigation import link_to

# Where each step is done: (screen, link label marked for the catalog, query parameters).
WHERE = {
    "sites": [("admin", N_("Admin › Sites: create the site"), {"tab": "sites"})],
    "spaces": [("occupancy", N_("Lab occupancy › Manage: add a space"), {}),
               ("admin", N_("Admin › Import / export: import a spreadsheet of spaces"),
                {"tab": "import"})],
    "tenants": [("tenants", N_("Tenants: add a tenant"), {})],
    "leases": [("occupancy", N_("Lab occupancy › Manage: lease a space"), {})],
    "programme": [("courses", N_("Courses: plan an item"), {})],
    "partners": [("partners", N_("Partners: add a partner"), {})],
}


@cached(ttl=300)
def load_steps() -> list[Step]:
    with reading() as session:
        return first_steps(session)


def checklist(user: User, steps: list[Step], *, heading: bool = True) -> None:
    """The steps in order; each one not done carries its links (only the site's until there
    is a site: nothing else can be added before)."""
    done = sum(step.done for step in steps)
    if heading:
        st.header(_("First steps — {done} of {total} done").format(done=done, total=len(steps)),
                  anchor=False)
    for position, step in enumerate(steps, start=1):
        mark = ":material/check_circle:" if step.done else ":material/radio_button_unchecked:"
        count = f" ({number(step.count)})" if step.done else ""
        st.markdown(f"{mark} **{position}. {_(step.title)}**{count}")
        if not step.done and (step.key == "sites" or steps[0].done):
            for key, words, query in WHERE[step.key]:
                link_to(user, key, _(words), icon=":material/arrow_forward:", **query)


def hub_has(key: str) -> bool:
    """Whether the hub has any record of one step yet (tenants, programme, partners …)."""
    return next(step for step in load_steps() if step.key == key).done
