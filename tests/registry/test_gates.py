"""A screen's gate opens for exactly the roles its writes allow: each named permission of
hub/roles.py (keeps_spaces, keeps_tenants, …) against the registry's roles of the writes it
stands for (tests/registry/calls.py, each held to the real write by test_writes.py). The
Manage tab of Lab occupancy asks keeps_spaces, not sees_rents."""
from __future__ import annotations

import pytest

from db.models import User
from db.vocabulary import ROLES
from hub import roles
from tests.registry.calls import WRITES

GATES = {
    roles.keeps_sites: ("hub.sites.",),
    roles.keeps_spaces: ("hub.occupancy.",),
    roles.keeps_tenants: ("hub.tenants.roster.add_tenant", "hub.tenants.roster.edit_tenant",
                          "hub.tenants.roster.retire_tenant"),
    roles.reports_issues: ("hub.building.issues.report_issue",),
    roles.plans_issues: ("hub.building.issues.edit_issue", "hub.building.issues.move_issue"),
    roles.edits_listings: ("hub.tenants.listings.", "hub.programme.", "hub.partners.interactions.",
                           "hub.partners.links."),
    roles.imports_data: ("hub.admin.transfer.run.import_",),
    roles.bills: ("hub.billing.",),
}
# Steps only an import takes (what a file records, beyond what a form may do): manager only,
# whatever the area's form gate.
IMPORT_ONLY = {"hub.programme.items.keep_session", "hub.programme.enrolments.restore_enrolment"}


@pytest.mark.parametrize("gate", GATES, ids=lambda gate: gate.__name__)
def test_a_gate_opens_for_exactly_the_roles_its_writes_allow(gate):
    writes = [name for name in WRITES if name.startswith(GATES[gate]) and name not in IMPORT_ONLY]
    assert writes, f"{gate.__name__} stands for no write of the registry"
    for role in ROLES:
        allowed = {name: role in WRITES[name].roles for name in writes}
        assert set(allowed.values()) == {gate(User(username="x", role=role, active=True))}, \
            (gate.__name__, role, allowed)


def test_the_import_only_steps_are_the_importers_alone():
    for name in IMPORT_ONLY:
        assert WRITES[name].roles == roles.IMPORTERS, name


def test_no_gate_opens_for_an_inactive_account():
    for gate in GATES:
        assert not gate(User(username="x", role="manager", active=False))
