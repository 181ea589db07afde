"""The shared field checks (hub/checks.py) and the account checks (hub/admin/users.py), at
their boundaries: good values come back cleaned and exact, bad ones are refused with the
field and the sentence word for word; limits hold exactly at the limit and refuse one over.
Plain functions: no database."""
from datetime import date
from decimal import Decimal

import pytest

from hub import checks
from hub.admin import users
from hub.errors import Invalid
from hub.i18n import speaking

LOCAL = "@example.org"


def refusal(check, *arguments, **keywords) -> tuple[str, str]:
    with pytest.raises(Invalid) as refused:
        check(*arguments, **keywords)
    return refused.value.field, refused.value.message


# --- text -----------------------------------------------------------------------------------

def test_text_is_trimmed_and_empty_is_none():
    assert checks.text("  Lab one \n", "name", limit=10) == "Lab one"
    assert checks.text("   ", "name", limit=10) is None
    assert checks.text(None, "name", limit=10) is None
    assert checks.text(42, "name", limit=10) == "42"


def test_text_holds_exactly_its_limit_and_refuses_one_more():
    assert checks.text("x" * 10, "name", limit=10) == "x" * 10
    assert checks.text("  " + "x" * 10 + "  ", "name", limit=10) == "x" * 10
    assert refusal(checks.text, "x" * 11, "name", limit=10) == (
        "name", "name is longer than 10 characters")


def test_required_text_refuses_blank():
    assert refusal(checks.text, " \t ", "business name", limit=10, required=True) == (
        "business name", "business name is required")


# --- names and codes: no invisible character -----------------------------------------------

INVISIBLE = {
    **{chr(c): "direction override or embedding" for c in range(0x202A, 0x202F)},
    **{chr(c): "direction isolate" for c in range(0x2066, 0x206A)},
    **{chr(c): "zero-width or direction mark" for c in range(0x200B, 0x2010)},
    "\u2060": "word joiner", "\ufeff": "byte order mark", "\u00ad": "soft hyphen",
    "\u061c": "Arabic letter mark", "\u180e": "Mongolian vowel separator",
    "\U000e0041": "tag letter", "\u0000": "null", "\u0007": "bell", "\t": "tab",
    "\n": "line feed", "\u001b": "escape", "\u0085": "next line", "\u2028": "line separator",
    "\u2029": "paragraph separator", "\u3164": "Hangul filler", "\u034f": "grapheme joiner",
}


@pytest.mark.parametrize("character", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
def test_an_invisible_character_is_refused_naming_the_field_and_the_character(character):
    code = f"U+{ord(character):04X}"
    assert refusal(checks.visible, f"Studio{character}Rossi", "name") == (
        "name", f"name contains an invisible character ({code}) that changes how the text "
                "around it reads; remove it")


@pytest.mark.parametrize("typed", [
    "Giulia Neri", "Città d'arte & Co. (Firenze)", "Zoë Ørsted-Ñúñez", "陶芸工房 山田",
    "استوديو الخزف", "סטודיו קרמיקה", "Ceramiche 🏺", "Đặng Thị Ngọc", "Nguyễn", "L12-B",
    "**bold** <b>", None, 42])
def test_names_in_any_script_pass_unchanged(typed):
    """Arabic and Hebrew letters are fine: they carry their own direction; only the
    invisible controls that override it are refused."""
    assert checks.visible(typed, "name") == typed


def test_the_records_names_and_codes_are_checked_by_their_fields():
    with pytest.raises(Invalid) as refused:
        checks.visible_names("tenants", {"name": "Giulia Neri", "business": "Neri\u202eCeramiche"})
    assert refused.value.field == "business"
    checks.visible_names("tenants", {"notes": "free text\u200b is not a name"})
    checks.visible_names("leases", {"notes": "\u202e"})     # a table without names


def test_the_refusal_reads_in_italian():
    with speaking("it"):
        with pytest.raises(Invalid) as refused:
            checks.visible("A\u202eB", "business")
        assert str(refused.value) == (
            "impresa: il campo «impresa» contiene un carattere invisibile (U+202E) che cambia "
            "il modo in cui si legge il testo intorno: toglilo")


def test_a_code_or_user_name_names_the_invisible_character_before_its_pattern():
    assert refusal(users.normalise_username, "ada\u200b") == (
        "username", "username contains an invisible character (U+200B) that changes how the "
                    "text around it reads; remove it")


# --- email ----------------------------------------------------------------------------------

@pytest.mark.parametrize("address", [
    "name@example.org", "first.last@example.org", "a@b.co", "x+tag@mail.example.co.uk",
    "  padded@example.org  ",
])
def test_good_addresses_pass_every_email_check(address):
    clean = address.strip()
    assert checks.email(address) == clean
    assert checks.check_email(address) == clean
    assert checks.optional_email(address) == clean


@pytest.mark.parametrize("address", [
    "name@example",            # no dot after the @
    "name.example.org",        # no @
    "name@@example.org", "na me@example.org", "@example.org", "name@", "name@example.",
])
def test_addresses_without_a_dotted_domain_are_refused_word_for_word(address):
    message = f"email '{address}' is not a valid address (like name@example.org)"
    assert refusal(checks.email, address) == ("email", message)
    assert refusal(checks.check_email, address) == ("email", message)
    assert refusal(checks.optional_email, address) == (
        "email", "email must be an address like name@example.org")


def test_the_strict_check_refuses_a_final_dot_the_programmes_loose_one_takes():
    assert refusal(checks.check_email, "name@example.org.") == (
        "email", "email 'name@example.org.' is not a valid address (like name@example.org)")
    assert checks.optional_email("name@example.org.") == "name@example.org."


def test_an_address_holds_254_characters_and_refuses_255():
    longest = "a" * (254 - len(LOCAL)) + LOCAL
    assert len(longest) == 254
    assert checks.email(longest) == checks.check_email(longest) == longest
    assert checks.optional_email(longest) == longest
    too_long = "a" + longest
    assert refusal(checks.email, too_long) == ("email", "email is longer than 254 characters")
    assert refusal(checks.check_email, too_long) == (
        "email", f"email '{too_long}' is not a valid address (like name@example.org)")
    assert refusal(checks.optional_email, too_long, "contact email") == (
        "contact email", "contact email must be an address like name@example.org")


def test_empty_addresses():
    assert checks.email("  ") is None and checks.optional_email(None) is None
    assert checks.optional_email("") is None
    assert refusal(checks.check_email, None) == (
        "email", "email '' is not a valid address (like name@example.org)")
    assert refusal(checks.email, "nobody", "partner email") == (
        "partner email", "partner email 'nobody' is not a valid address "
                         "(like name@example.org)")


# --- phone ----------------------------------------------------------------------------------

@pytest.mark.parametrize("number", ["123456", "+39 055 123 4567", "+39 (055) 12-34.5/6",
                                    "0" * 40, "+" + "1" * 39])
def test_good_phone_numbers_pass_as_typed(number):
    assert checks.phone(number) == number


@pytest.mark.parametrize("number", ["12345", "------", "+39 055 12345 ext", "call me",
                                    "+39 12 345 (6)" + "#", "1-2-3-4-5"])
def test_bad_phone_numbers_are_refused_word_for_word(number):
    assert refusal(checks.phone, number) == (
        "phone", f"phone '{number}' is not a phone number (digits, spaces, + ( ) - . /)")


def test_a_phone_number_holds_40_characters_and_refuses_41():
    assert refusal(checks.phone, "1" * 41) == ("phone", "phone is longer than 40 characters")
    assert checks.phone(None) is None and checks.phone(" ") is None


# --- web addresses --------------------------------------------------------------------------

@pytest.mark.parametrize("typed, kept", [
    ("example.org", "https://example.org"),
    ("www.cnafirenze.it", "https://www.cnafirenze.it"),
    ("http://example.org/path?q=1", "http://example.org/path?q=1"),
    ("https://EXAMPLE.org", "https://EXAMPLE.org"),
    ("https://sub-domain.example.org/", "https://sub-domain.example.org/"),
])
def test_good_web_addresses_get_https_only_when_they_have_no_scheme(typed, kept):
    assert checks.web_address(typed) == kept


@pytest.mark.parametrize("typed, shown", [
    ("not a site", "https://not a site"),
    ("javascript:alert(1)", "https://javascript:alert(1)"),
    ("ftp://files.example.org", "ftp://files.example.org"),
    ("https://localhost", "https://localhost"),
    ("https://exa_mple.org", "https://exa_mple.org"),
    ("https://example.org/a b", "https://example.org/a b"),
    ("data://text.html,x", "data://text.html,x"),
])
def test_bad_web_addresses_are_refused_word_for_word(typed, shown):
    assert refusal(checks.web_address, typed) == (
        "website", f"website '{shown}' is not a web address (like https://example.org)")


def test_a_web_address_holds_its_limit_and_refuses_one_more():
    at_limit = "https://example.org/" + "p" * (300 - 20)
    assert checks.web_address(at_limit) == at_limit
    assert refusal(checks.web_address, at_limit + "p") == (
        "website", "website is longer than 300 characters")
    photo = "https://example.org/" + "p" * 480
    assert checks.web_address(photo, "photo URL", limit=500) == photo
    assert refusal(checks.web_address, photo + "p", "photo URL", limit=500) == (
        "photo URL", "photo URL is longer than 500 characters")
    assert checks.web_address("  ") is None


# --- money ----------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, amount", [
    ("450", Decimal("450.00")), ("450.5", Decimal("450.50")), ("450.50", Decimal("450.50")),
    ("450,50", Decimal("450.50")), ("€ 450", Decimal("450.00")), ("450 €", Decimal("450.00")),
    ("€450,5", Decimal("450.50")), (" 0 ", Decimal("0.00")), ("0.01", Decimal("0.01")),
    (450, Decimal("450.00")), (Decimal("12.3"), Decimal("12.30")),
    ("99999999.99", Decimal("99999999.99")),
])
def test_good_amounts_come_back_with_two_decimals(typed, amount):
    clean = checks.money(typed, "price")
    assert clean == amount and str(clean) == str(amount)


@pytest.mark.parametrize("typed, message", [
    ("450.505", "price must have at most two decimals and be below 100,000,000"),
    ("0.001", "price must have at most two decimals and be below 100,000,000"),
    ("100000000", "price must have at most two decimals and be below 100,000,000"),
    ("100000000.00", "price must have at most two decimals and be below 100,000,000"),
    ("-0.01", "price cannot be negative"),
    ("-450", "price cannot be negative"),
    ("abc", "price must be an amount in euros, like 450 or 450.50"),
    ("4,50,00", "price must be an amount in euros, like 450 or 450.50"),
    ("NaN", "price must be an amount in euros, like 450 or 450.50"),
    ("inf", "price must be an amount in euros, like 450 or 450.50"),
    ("-Infinity", "price must be an amount in euros, like 450 or 450.50"),
])
def test_bad_amounts_are_refused_word_for_word(typed, message):
    assert refusal(checks.money, typed, "price") == ("price", message)


def test_an_empty_amount_is_none_unless_required():
    assert checks.money("", "deposit") is None and checks.money(None, "deposit") is None
    assert refusal(checks.money, "  ", "monthly rent", required=True) == (
        "monthly rent", "monthly rent is required")


# --- countries, days, choices ---------------------------------------------------------------

def test_a_country_is_a_code_or_a_name_and_comes_back_as_the_code():
    assert [checks.country(value) for value in ("IT", "it ", "Italy", " italy")] == ["IT"] * 4
    assert refusal(checks.country, "Atlantis", "origin country") == (
        "origin country", "origin country 'Atlantis' is not in the list of countries "
                          "(use an ISO code like IT, or a name like Italy)")


def test_a_day_is_an_iso_date():
    assert checks.day(" 2026-03-01 ", "joined") == date(2026, 3, 1)
    assert checks.day(date(2026, 3, 1), "joined") == date(2026, 3, 1)
    assert checks.day("", "left") is None
    assert refusal(checks.day, None, "joined", required=True) == ("joined", "joined is required")
    assert refusal(checks.day, "01/03/2026", "joined") == (
        "joined", "joined '01/03/2026' is not a date (like 2026-03-01)")
    assert refusal(checks.day, "2026-02-30", "joined") == (
        "joined", "joined '2026-02-30' is not a date (like 2026-03-01)")


def test_a_choice_must_be_one_of_the_list_exactly():
    assert checks.one_of("resident", "residency", ("resident", "visiting")) == "resident"
    assert refusal(checks.one_of, "Resident", "residency", ("resident", "visiting")) == (
        "residency", "residency 'Resident' is unknown; choose one of resident, visiting")


# --- accounts (hub/admin/users.py) ----------------------------------------------------------

USERNAME_RULE = ("username must be 3 to 32 characters: letters, digits, dot, dash or "
                 "underscore, starting with a letter or digit")


@pytest.mark.parametrize("typed, kept", [
    (" Ada ", "ada"), ("ADA.Rossi", "ada.rossi"), ("a-b", "a-b"), ("0_x", "0_x"),
    ("a" * 32, "a" * 32),
])
def test_good_usernames_come_back_in_lower_case(typed, kept):
    assert users.normalise_username(typed) == kept


@pytest.mark.parametrize("typed", ["ab", "a" * 33, "_ada", ".ada", "ada rossi", "adà", "",
                                   None, "ada@home"])
def test_bad_usernames_are_refused_word_for_word(typed):
    assert refusal(users.normalise_username, typed) == ("username", USERNAME_RULE)


def test_a_name_holds_120_characters_and_refuses_121():
    assert users.check_name("  " + "n" * 120 + " ") == "n" * 120
    assert refusal(users.check_name, "n" * 121) == ("name", "name is longer than 120 characters")
    assert refusal(users.check_name, "   ") == ("name", "name is required")


def test_a_role_is_one_of_the_three():
    assert [users.check_role(role) for role in ("manager", "communication", "viewer")] == [
        "manager", "communication", "viewer"]
    assert refusal(users.check_role, "Manager") == (
        "role", "role 'Manager' is unknown; choose one of manager, communication, viewer")


def test_a_password_holds_10_characters_to_72_bytes():
    assert users.check_password("p" * 10) == "p" * 10
    assert users.check_password("é" * 36) == "é" * 36            # 72 bytes in UTF-8
    assert refusal(users.check_password, "p" * 9) == (
        "password", "password must be at least 10 characters")
    assert refusal(users.check_password, "é" * 36 + "e") == (
        "password", "password must be at most 72 bytes")
    assert refusal(users.check_password, "p" * 73) == (
        "password", "password must be at most 72 bytes")


def test_a_password_is_taken_as_typed_and_repeated_exactly():
    assert refusal(users.check_password, " Correct-Horse-42") == (
        "password", "password must not begin or end with a space")
    assert refusal(users.check_password, "Correct-Horse-42 ") == (
        "password", "password must not begin or end with a space")
    assert refusal(users.check_password, "Correct-Horse-42", "correct-horse-42") == (
        "repeat password", "the two passwords do not match")
    assert users.check_password("Correct Horse 42", "Correct Horse 42") == "Correct Horse 42"
