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
}


@pytest.mark.parametrize("gate", GATES, ids=lambda gate: gate.__name__)
def test_a_gate_opens_for_exactly_the_roles_its_writes_allow(gate):
    writes = [name for name in WRITES if name.startswith(GATES[gate])]
    assert writes, f"{gate.__name__} stands for no write of the registry"
    for role in ROLES:
        allowed = {name: role in WRITES[name].roles for name in writes}
        assert set(allowed.values()) == {gate(User(username="x", role=role, active=True))}, \
            (gate.__name__, role, allowed)


def test_no_gate_opens_for_an_inactive_account():
    for gate in GATES:
        assert not gate(User(username="x", role="manager", active=False))
