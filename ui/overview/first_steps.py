"""The Overview's checklist for a new hub: each step ticked when done, with a link to where
it is done (only to screens the user may open)."""
from __future__ import annotations

import streamlit as st

from db.models import User
from hub.overview.first_steps import Step, first_steps
from ui.database import cached, reading
from ui.navigation import link_to

# Where each step is done: (screen, link label, query parameters).
WHERE = {
    "sites": [("admin", "Admin › Sites: create the site", {"tab": "sites"})],
    "spaces": [("occupancy", "Lab occupancy › Manage: add a space", {}),
               ("admin", "Admin › Import / export: import a spreadsheet of spaces",
                {"tab": "import"})],
    "tenants": [("tenants", "Tenants: add a tenant", {})],
    "leases": [("occupancy", "Lab occupancy › Manage: lease a space", {})],
    "programme": [("courses", "Courses: plan an item", {})],
    "partners": [("partners", "Partners: add a partner", {})],
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
        st.header(f"First steps — {done} of {len(steps)} done", anchor=False)
    for number, step in enumerate(steps, start=1):
        mark = ":material/check_circle:" if step.done else ":material/radio_button_unchecked:"
        count = f" ({step.count:,})" if step.done else ""
        st.markdown(f"{mark} **{number}. {step.title}**{count}")
        if not step.done and (step.key == "sites" or steps[0].done):
            for key, label, query in WHERE[step.key]:
                link_to(user, key, label, icon=":material/arrow_forward:", **query)


def hub_has(key: str) -> bool:
    """Whether the hub has any record of one step yet (tenants, programme, partners …)."""
    return next(step for step in load_steps() if step.key == key).done
