"""What people type is shown as typed on every screen: the demo hub with Markdown, HTML,
Streamlit directives, math, shortcodes and an arrow appended to every text a person types
(names, titles, notes, summaries …), every page and tab opened for every role, and each
string the screens draw checked by how the browser reads it (tests/screen.py):
- read as Markdown (headings, captions, alerts, labels, tabs, tooltips …): the typed text is
  escaped (hub.markdown.as_text), so no piece of it is live and nothing is escaped twice;
- read as plain text (tables, select box options, charts): the typed text as it is, with no
  escape showing, and never inside a chart's expression (Vega would run it)."""
from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlmodel import SQLModel

import db.models  # noqa: F401  (every table, for the inventory below)
from db.engine import writing
from db.seed.driver import seed_demo
from hub.markdown import WORD_JOINER, as_text
from tests.apptest import open_page, shown, signed_in_app
from ui.navigation import SCREENS
from tests.screen import EXPRESSIONS, Shown, shown_strings, tab_keys

PIECES = ("**b**", "_i_", "[l](http://e.org)", "<b>h</b>", ":red[c]", "$m$", ":smile:",
          "a -> z", "&amp;")
# A bio keeps **bold** and *italic* on purpose (hub/tenants/listings.py): the rest stays text.
BIO_PIECES = tuple(piece for piece in PIECES if piece != "**b**")
PAGES = ("overview", "occupancy", "building", "tenants", "courses", "calendar", "partners",
         "billing", "admin")
ROLES = {"manager": "boss", "communication": "carla", "viewer": "vera"}

# Every text column people type into gets the pieces; every other text column says why not.
TYPED = {
    "sites": ("name", "city", "address"),
    "spaces": ("name", "floor", "equipment"),
    "tenants": ("name", "business", "notes"),
    "tenant_listings": ("bio", "keywords"),
    "users": ("name",),
    "leases": ("notes",),
    "bookings": ("guest_name", "purpose"),
    "programme_items": ("title", "description", "funding", "target_group"),
    "programme_sessions": ("location",),
    "instructors": ("name",),
    "enrolments": ("participant_name",),
    "partners": ("name", "city", "notes"),
    "partner_contacts": ("name", "role"),
    "interactions": ("summary",),
    "partner_tenant_links": ("notes",),
    "building_issues": ("title", "description", "contractor", "notes"),
    "works_periods": ("title", "notes"),
    "payers": ("name",),
    "charges": ("description",),
    "invoices": ("reason",),
    "payments": ("reference", "notes", "return_reason"),
}
NOT_TYPED = {
    # codes and user names: letters, digits and dashes only (hub's patterns)
    "sites.code", "spaces.code", "users.username",
    # stored vocabularies, checked against their lists
    "sites.country", "sites.timezone", "sites.open_weekdays", "spaces.kind", "tenants.sector",
    "tenants.origin_country", "tenants.residency", "users.role", "users.language",
    "programme_items.kind", "programme_items.sector", "programme_items.format",
    "programme_items.status", "enrolments.status", "bookings.status", "partners.kind",
    "partners.country", "partners.region", "partners.status", "partner_contacts.language",
    "interactions.kind", "partner_tenant_links.kind", "partner_item_links.role",
    "building_issues.priority", "building_issues.status",
    # addresses checked by their rule, tags by theirs (letters, digits, spaces, & / -)
    "tenants.email", "tenants.phone", "users.email", "instructors.email", "instructors.phone",
    "enrolments.email", "partner_contacts.email", "partner_contacts.phone", "partners.website",
    "partners.tags", "tenant_listings.website", "tenant_listings.instagram",
    "tenant_listings.photo_url",
    # written by the hub: who did it (a user name), secrets, the audit log's own words
    "users.password_hash", "bookings.created_by", "bookings.cancelled_by",
    "tenant_listings.updated_by", "interactions.follow_up_done_by", "works_periods.cancelled_by",
    "audit_entries.username", "audit_entries.action", "audit_entries.entity",
    "audit_entries.entity_id",
    # billing: vocabularies, numbers and codes the hub gives, the legal words it prints, who
    # did it; a person payer's key is their e-mail or name in lower case (never shown)
    "payers.kind", "payers.language", "payers.email", "payers.person_key", "invoices.kind",
    "invoices.number", "invoices.created_by", "charges.kind", "charges.exempt_reason",
    "charges.vat_nature", "charges.created_by", "payments.method", "payments.created_by",
    "reminders.created_by",
    # failed sign-ins: what a stranger typed, and the address; never shown, only counted
    "sign_in_failures.username", "sign_in_failures.address",
}


def payload(table: str, column: str) -> str:
    pieces = BIO_PIECES if (table, column) == ("tenant_listings", "bio") else PIECES
    return f" «{table}.{column}» " + " ".join(pieces)


def text_columns() -> set[str]:
    return {f"{table.name}.{column.name}" for table in SQLModel.metadata.sorted_tables
            for column in table.columns if column.type.__class__.__name__ in ("AutoString",
                                                                              "String", "Text")}


def test_every_text_column_is_typed_or_says_why_not():
    typed = {f"{table}.{column}" for table, columns in TYPED.items() for column in columns}
    assert text_columns() - typed - NOT_TYPED == set(), "add them to TYPED or NOT_TYPED"
    assert typed & NOT_TYPED == set() and typed | NOT_TYPED <= text_columns()


@pytest.fixture
def typed_hub(db_url, make_user):
    with writing() as session, session.begin():
        seed_demo(session)
    for role, username in ROLES.items():
        make_user(username, role)
    with writing() as session, session.begin():
        for table, columns in TYPED.items():
            for column in columns:
                session.execute(text(f"UPDATE {table} SET {column} = {column} || :typed "
                                     f"WHERE {column} IS NOT NULL AND {column} <> ''"),
                                {"typed": payload(table, column)})


def tags(string: str) -> set[str]:
    """The columns whose typed text a string shows («tenants.name» …)."""
    return {part.split("»", 1)[0] for part in string.split("«")[1:]}


def live_pieces(string: Shown) -> list[str]:
    """Pieces of typed text a Markdown string would render (bold, a link, a colour …)."""
    return [piece for piece in PIECES if piece in string.text]


def escaped_pieces(string: Shown) -> list[str]:
    """Escapes a plain string would show to the reader (a backslash before an asterisk …)."""
    return [piece for piece in PIECES if as_text(piece) in string.text
            and as_text(piece) != piece] + (["word joiner"] if WORD_JOINER in string.text
                                            else [])


NOT_FOUND = object()


def raw_option(box, label: str):
    """The option a select box shows as `label`, for AppTest: the label itself where the
    format function refuses a label (AppTest then takes it as one) or returns it, else a
    record's id, alone or with its label (what the pickers of records hold)."""
    try:
        if box.format_func(label) == label:
            return label
    except Exception:
        return label
    for candidate in (*range(3000), *((n, label) for n in range(3000))):
        try:
            if box.format_func(candidate) == label:
                return candidate
        except Exception:     # a format function made for other values
            continue
    return NOT_FOUND


def picked(at, where: str, drawn: list, rounds: int = 8):
    """Choose, in each select box offering typed text, the first such option (a partner, an
    item, a lease …), so what a chosen record shows is drawn too; each box once."""
    done = set()
    for _ in range(rounds):
        box = next((box for box in at.selectbox if box.key and box.key not in done
                    and any("«" in option for option in box.options)), None)
        if box is None:
            return at
        done.add(box.key)
        value = raw_option(box, next(option for option in box.options if "«" in option))
        if value is NOT_FOUND:
            continue
        at = box.select(value).run()
        assert not at.exception, (where, box.key, at.exception)
        drawn.append((f"{where} {box.key}", shown_strings(at)))
    return at


def screens(at) -> list[tuple[str, list[Shown]]]:
    """The page as opened, then each tab of its keyed tab sets, each with its records chosen."""
    drawn = [("", shown_strings(at))]
    at = picked(at, "", drawn)
    for key, labels in tab_keys(at).items():
        for label in labels:
            at.session_state[key] = label
            at = at.run()
            assert not at.exception, (key, label, at.exception)
            drawn.append((label, shown_strings(at)))
            at = picked(at, label, drawn)
    return drawn


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("role", ROLES)
def test_typed_text_reads_as_typed_on_every_screen(typed_hub, role):
    wrong, markdown_tags, plain_tags = [], set(), set()
    at = signed_in_app(ROLES[role])
    for page in [page for page in PAGES if role in next(
            screen.roles for screen in SCREENS if screen.key == page)]:
        at = open_page(at, page)
        assert not at.exception, (page, at.exception)
        for tab, strings in screens(at):
            for string in strings:
                where = f"{page} {tab} {string.element}.{string.field}: {string.text[:160]!r}"
                if string.markdown:
                    if live := live_pieces(string):
                        wrong.append(f"live {live} in {where}")
                    if "\\\\" in string.text:
                        wrong.append(f"escaped twice in {where}")
                    markdown_tags.update(tags(shown(string.text)))
                else:
                    if escaped := escaped_pieces(string):
                        wrong.append(f"shows escapes {escaped} in {where}")
                    if string.field.rsplit(".", 1)[-1] in EXPRESSIONS and "«" in string.text:
                        wrong.append(f"typed text in a chart expression: {where}")
                    plain_tags.update(tags(string.text))
    assert not wrong, "\n".join(sorted(set(wrong)))
    # Not vacuous: people's names reach headings, labels and captions as well as tables.
    assert {"tenants.name", "partners.name", "sites.name"} <= markdown_tags, markdown_tags
    assert {"tenants.name", "spaces.name"} <= plain_tags, plain_tags

