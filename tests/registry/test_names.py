"""No invisible character in a name or a code, on any write: every write of the registry that
creates or changes a record with a name or a code (hub.checks.NAMES_AND_CODES) is called with
a right-to-left override hidden in each such argument, and must refuse it naming the field,
in English and in Italian. A new write that creates or updates such a record fails
`test_every_write_of_a_named_record_is_listed` until it is listed here."""
from __future__ import annotations

import inspect

import pytest

from hub.checks import NAMES_AND_CODES
from hub.errors import Invalid
from hub.i18n import speaking
from tests.registry.calls import FUNCTIONS, WRITES
from tests.registry.test_writes import attempt

# RIGHT-TO-LEFT OVERRIDE inside: it shows as "AbdC" (and a code or user name is upper- or
# lower-cased first: the check comes before the code's pattern, so this is what it names)
HIDDEN = "Ab\u202eCd"

# write → the arguments holding a name or a code, each with the field its refusal names (and
# the other arguments the write needs for that one: a guest instead of a tenant …)
NAMED: dict[str, dict[str, tuple[str, dict]]] = {
    "hub.sites.add_site": {"code": ("code", {}), "name": ("name", {}),
                                     "city": ("city", {})},
    "hub.sites.edit_site": {"code": ("code", {}), "name": ("name", {}),
                                      "city": ("city", {})},
    "hub.occupancy.spaces.add_space": {"code": ("code", {}), "name": ("name", {})},
    "hub.occupancy.spaces.edit_space": {"code": ("code", {}), "name": ("name", {})},
    "hub.occupancy.bookings.book": {"guest_name": ("guest name", {"tenant_id": None})},
    "hub.occupancy.bookings.keep_cancelled_booking": {
        "guest_name": ("guest name", {"tenant_id": None})},
    "hub.tenants.roster.add_tenant": {"name": ("name", {}), "business": ("business", {})},
    "hub.tenants.roster.edit_tenant": {"name": ("name", {}), "business": ("business", {})},
    "hub.programme.items.add_item": {"title": ("title", {})},
    "hub.programme.items.edit_item": {"title": ("title", {})},
    "hub.programme.items.add_instructor": {"name": ("name", {})},
    "hub.programme.items.edit_instructor": {"name": ("name", {})},
    "hub.programme.items.add_session": {"location": ("location", {"space_id": None})},
    "hub.programme.items.add_weekly_series": {"location": ("location", {"space_id": None})},
    "hub.programme.items.edit_session": {"location": ("location", {"space_id": None})},
    "hub.programme.items.keep_session": {"location": ("location", {"space_id": None})},
    "hub.programme.enrolments.enrol": {"participant_name": ("name", {})},
    "hub.programme.enrolments.restore_enrolment": {"participant_name": ("name", {})},
    "hub.partners.organisations.add_partner": {"name": ("name", {}), "city": ("city", {})},
    "hub.partners.organisations.edit_partner": {"name": ("name", {}), "city": ("city", {})},
    "hub.partners.organisations.add_contact": {"name": ("name", {})},
    "hub.partners.organisations.edit_contact": {"name": ("name", {})},
    "hub.building.issues.report_issue": {"title": ("title", {})},
    "hub.building.issues.edit_issue": {"title": ("title", {}),
                                       "contractor": ("contractor", {})},
    "hub.occupancy.works.plan_works": {"title": ("title", {})},
    "hub.occupancy.works.edit_works": {"title": ("title", {})},
    "hub.admin.users.add_user": {"username": ("username", {}), "name": ("name", {})},
    "hub.billing.payers.edit_payer": {"name": ("name", {})},
}
# Writes to a record with a name or a code that take neither (the rest of the record, its
# state, or a copy of names already checked).
UNNAMED = {
    "hub.sites.set_opening_hours", "hub.sites.archive_site",
    "hub.sites.restore_site", "hub.occupancy.bookings.cancel_booking",
    "hub.tenants.roster.retire_tenant", "hub.tenants.roster.edit_staff_notes",
    "hub.programme.items.remove_session", "hub.programme.seats.fill_from_waitlist",
    "hub.programme.enrolments.cancel_enrolment", "hub.programme.enrolments.mark_attendance",
    "hub.programme.enrolments.move_enrolment",       # the participant's name, as enrolled
    "hub.partners.organisations.delete_partner", "hub.partners.organisations.delete_contact",
    "hub.building.issues.move_issue", "hub.occupancy.works.cancel_works",
    "hub.admin.users.set_role", "hub.admin.users.deactivate", "hub.admin.users.reactivate",
    "hub.admin.users.unlock", "hub.admin.users.reset_password", "hub.admin.users.set_language",
    "hub.admin.privacy.erase",                       # writes "erased" in place of the names
    "hub.admin.transfer.run.import_file",            # each row through the writes above
}
REFUSALS = {
    "en": "{field} contains an invisible character (U+202E) that changes how the text around "
          "it reads; remove it",
    "it": "il campo «{field}» contiene un carattere invisibile (U+202E) che cambia il modo in "
          "cui si legge il testo intorno: toglilo",
}
ITALIAN_FIELDS = {"code": "codice", "name": "nome", "city": "città", "guest name":
                  "nome dell'ospite", "business": "impresa", "title": "titolo",
                  "location": "luogo", "contractor": "ditta", "username": "nome utente"}


def writes_of_named_records() -> set[str]:
    return {qualified for qualified, spec in WRITES.items()
            if any(action in ("create", "update") and table in NAMES_AND_CODES
                   for action, table in spec.audit)} | \
        {qualified for qualified, function in FUNCTIONS.items() if qualified in WRITES and
         {*inspect.signature(function).parameters} & {column for columns in
                                                      NAMES_AND_CODES.values()
                                                      for column in columns}}


def test_every_write_of_a_named_record_is_listed():
    assert writes_of_named_records() - set(NAMED) - UNNAMED == set(), \
        "list them in NAMED (with the arguments holding names and codes) or UNNAMED"
    assert set(NAMED) <= set(WRITES) and UNNAMED <= set(WRITES) and not set(NAMED) & UNNAMED


CASES = [(qualified, argument) for qualified, arguments in sorted(NAMED.items())
         for argument in arguments]


@pytest.mark.parametrize("language", ["en", "it"])
@pytest.mark.parametrize("qualified, argument", CASES)
def test_an_invisible_character_in_a_name_or_code_is_refused_naming_the_field(
        world, qualified, argument, language):
    spec = WRITES[qualified]
    field, needs = NAMED[qualified][argument]
    with speaking(language):
        with pytest.raises(Invalid) as refused:
            attempt(world, qualified, spec.roles[0], spec, **needs, **{argument: HIDDEN})
        shown = str(refused.value)
    assert refused.value.field == field
    words = ITALIAN_FIELDS[field] if language == "it" else field
    assert shown == f"{words}: " + REFUSALS[language].format(field=words)
