"""The hub's fixed words: roles, kinds of space, sectors, countries.

Kept beside the tables because check constraints and demo data use them; hub/ validates
input against the same lists, so a value the rules accept is one the database accepts.
"""
from __future__ import annotations

import unicodedata

ROLES = ("manager", "communication", "viewer")
LANGUAGES = ("en", "it")  # what a user reads Bottega in (hub/i18n.py has their names)

SPACE_KINDS = ("laboratory", "bench", "workshop", "conference_room", "coffee_shop", "shop",
               "exhibition", "office", "storage")
LEASABLE_KINDS = ("laboratory", "bench", "office", "storage", "shop", "coffee_shop")
BOOKABLE_KINDS = ("bench", "workshop", "conference_room", "exhibition")

RESIDENCIES = ("resident", "visiting")

SECTORS = ("ceramics", "jewellery", "leather", "textile", "wood", "glass", "paper",
           "restoration", "design", "metalwork", "stone", "bookbinding", "fashion",
           "musical instruments", "printmaking", "other")

# ISO 3166-1 alpha-2 codes the forms offer; their names come from Babel in the reader's
# language (hub/words.py). Europe here means the geographic continent plus the EU/EEA members,
# which is what INNOCRAFTS reports call "rest of Europe".
EUROPE = frozenset({
    "AL", "AT", "BA", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR",
    "GB", "GR", "HR", "HU", "IE", "IS", "IT", "LT", "LU", "LV", "MD", "ME", "MK", "MT",
    "NL", "NO", "PL", "PT", "RO", "RS", "SE", "SI", "SK", "UA",
})
OUTSIDE_EUROPE = frozenset({
    "AR", "AU", "BR", "CA", "CL", "CN", "CO", "EG", "ET", "GH", "HK", "ID", "IL", "IN",
    "IR", "JP", "KE", "KR", "LB", "MA", "MX", "NG", "NZ", "PE", "PH", "SG", "SN", "TH",
    "TN", "TR", "TW", "US", "VN", "ZA",
})
COUNTRIES = tuple(sorted(EUROPE | OUTSIDE_EUROPE))


def origin_group(code: str) -> str:
    """Italy / rest of Europe / outside Europe, as the hub's indicators group origins."""
    if code == "IT":
        return "Italy"
    return "rest of Europe" if code in EUROPE else "outside Europe"


def sql_in(values: tuple[str, ...]) -> str:
    """The SQL literal list for a check constraint: ('a', 'b')."""
    return "(" + ", ".join(f"'{value}'" for value in values) + ")"


# Programme: what the hub runs, how, and where it is in its life.
PROGRAMME_KINDS = ("course", "workshop", "seminar", "meeting", "exhibition", "event")
PROGRAMME_FORMATS = ("in_situ", "online", "hybrid")
PROGRAMME_STATUSES = ("draft", "published", "done", "cancelled")
ENROLMENT_STATUSES = ("enrolled", "waitlisted", "cancelled", "attended")

# Partners: the network.
PARTNER_KINDS = ("institution", "trade_association", "b2b_buyer", "gallery_retailer",
                 "school_academy", "eu_project_partner", "media", "supplier")
PARTNER_STATUSES = ("prospect", "active", "dormant")
PARTNER_REGIONS = ("Tuscany", "rest of Italy", "rest of Europe", "China", "USA",
                   "rest of world")
INTERACTION_KINDS = ("meeting", "call", "email", "trade_fair", "visit", "mou_signed",
                     "joint_project")
TENANT_LINK_KINDS = ("sells_work", "sends_trainees", "supplies", "commissions", "mentors",
                     "exhibits", "other")
ITEM_LINK_ROLES = ("co_organiser", "funder", "venue", "sponsor", "media_partner")

# Tuscany's provinces and the towns a partner is likely to give as its city (plain: lower
# case, no accents), so a partner in Prato or Empoli counts as Tuscan.
TUSCAN_PLACES = frozenset({
    "firenze", "florence", "prato", "pistoia", "siena", "arezzo", "pisa", "livorno", "lucca",
    "massa", "carrara", "massa-carrara", "massa carrara", "grosseto", "empoli", "viareggio",
    "sesto fiorentino", "scandicci", "campi bisenzio", "bagno a ripoli", "fiesole",
    "impruneta", "signa", "lastra a signa", "calenzano", "pontassieve", "borgo san lorenzo",
    "figline", "figline e incisa valdarno", "montelupo fiorentino", "vinci", "certaldo",
    "castelfiorentino", "fucecchio", "pontedera", "volterra", "san miniato", "cascina",
    "san gimignano", "poggibonsi", "colle di val d'elsa", "montepulciano", "montalcino",
    "chianciano terme", "cortona", "montevarchi", "san giovanni valdarno", "sansepolcro",
    "anghiari", "pietrasanta", "forte dei marmi", "camaiore", "piombino", "cecina",
    "portoferraio", "follonica", "orbetello", "pescia", "montecatini terme", "quarrata",
    "monsummano terme", "greve in chianti", "castellina in chianti", "radda in chianti",
    "barberino di mugello", "scarperia", "vicchio", "pienza", "chiusi", "lucignano",
})


def _plain_place(city: str | None) -> str:
    """Lower case, no accents, no "provincia di"/"province of", single spaces."""
    text = unicodedata.normalize("NFKD", (city or "").replace("’", "'"))
    text = " ".join(text.encode("ascii", "ignore").decode().lower().split())
    for prefix in ("provincia di ", "province of ", "comune di ", "city of "):
        text = text.removeprefix(prefix)
    return text


def partner_region(country: str, city: str | None) -> str:
    """A partner's region (one of PARTNER_REGIONS) from its country code and city."""
    country = (country or "").strip().upper()
    if country == "IT":
        return "Tuscany" if _plain_place(city) in TUSCAN_PLACES else "rest of Italy"
    if country == "CN":
        return "China"
    if country == "US":
        return "USA"
    return "rest of Europe" if country in EUROPE else "rest of world"

# The building: maintenance issues and the works that take spaces out of use.
ISSUE_PRIORITIES = ("low", "normal", "high", "urgent")
ISSUE_STATUSES = ("reported", "planned", "in_progress", "done", "dropped")

# Billing: what a charge is for, the four streams the figures group them in, how money comes in.
CHARGE_KINDS = ("rent", "booking", "course", "deposit", "damage", "consumables", "other")
ONE_OFF_KINDS = ("deposit", "damage", "consumables", "other")   # entered by hand
STREAMS = ("rent", "bookings", "courses", "other")
PAYER_KINDS = ("tenant", "person", "organisation")
INVOICE_KINDS = ("invoice", "credit_note")
PAYMENT_METHODS = ("transfer", "direct_debit", "card", "cash")


def stream_of(kind: str) -> str:
    """The stream a charge kind counts in: rent, bookings, courses, or other."""
    return {"rent": "rent", "booking": "bookings", "course": "courses"}.get(kind, "other")
