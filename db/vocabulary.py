"""The hub's fixed words: roles, kinds of space, sectors, countries.

Kept beside the tables because check constraints and demo data use them; hub/ validates
input against the same lists, so a value the rules accept is one the database accepts.
"""
from __future__ import annotations

import unicodedata

ROLES = ("manager", "communication", "viewer")

SPACE_KINDS = ("laboratory", "bench", "workshop", "conference_room", "coffee_shop", "shop",
               "exhibition", "office", "storage")
LEASABLE_KINDS = ("laboratory", "bench", "office", "storage", "shop", "coffee_shop")
BOOKABLE_KINDS = ("bench", "workshop", "conference_room", "exhibition")

RESIDENCIES = ("resident", "visiting")

SECTORS = ("ceramics", "jewellery", "leather", "textile", "wood", "glass", "paper",
           "restoration", "design", "metalwork", "stone", "bookbinding", "fashion",
           "musical instruments", "printmaking", "other")

# ISO 3166-1 alpha-2 code -> English name. Europe here means the geographic continent
# plus the EU/EEA members, which is what INNOCRAFTS reports call "rest of Europe".
EUROPE = {
    "AL": "Albania", "AT": "Austria", "BA": "Bosnia and Herzegovina", "BE": "Belgium",
    "BG": "Bulgaria", "CH": "Switzerland", "CY": "Cyprus", "CZ": "Czechia", "DE": "Germany",
    "DK": "Denmark", "EE": "Estonia", "ES": "Spain", "FI": "Finland", "FR": "France",
    "GB": "United Kingdom", "GR": "Greece", "HR": "Croatia", "HU": "Hungary", "IE": "Ireland",
    "IS": "Iceland", "IT": "Italy", "LT": "Lithuania", "LU": "Luxembourg", "LV": "Latvia",
    "MD": "Moldova", "ME": "Montenegro", "MK": "North Macedonia", "MT": "Malta",
    "NL": "Netherlands", "NO": "Norway", "PL": "Poland", "PT": "Portugal", "RO": "Romania",
    "RS": "Serbia", "SE": "Sweden", "SI": "Slovenia", "SK": "Slovakia", "UA": "Ukraine",
}
OUTSIDE_EUROPE = {
    "AR": "Argentina", "AU": "Australia", "BR": "Brazil", "CA": "Canada", "CL": "Chile",
    "CN": "China", "CO": "Colombia", "EG": "Egypt", "ET": "Ethiopia", "GH": "Ghana",
    "HK": "Hong Kong", "ID": "Indonesia", "IL": "Israel", "IN": "India", "IR": "Iran",
    "JP": "Japan", "KE": "Kenya", "KR": "South Korea", "LB": "Lebanon", "MA": "Morocco",
    "MX": "Mexico", "NG": "Nigeria", "NZ": "New Zealand", "PE": "Peru", "PH": "Philippines",
    "SN": "Senegal", "SG": "Singapore", "TH": "Thailand", "TN": "Tunisia", "TR": "Türkiye",
    "TW": "Taiwan", "US": "United States", "VN": "Vietnam", "ZA": "South Africa",
}
COUNTRIES = dict(sorted({**EUROPE, **OUTSIDE_EUROPE}.items(), key=lambda item: item[1]))


def country_name(code: str | None) -> str:
    """The English name of an ISO code, or the code itself when it is not in the list."""
    return COUNTRIES.get(code or "", code or "")


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
