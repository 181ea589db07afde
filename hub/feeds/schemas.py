"""The JSON Schemas (draft 2020-12) of the JSON feeds, served beside them
(programme.schema.json, listings.schema.json): what a website may rely on. Their lists of
values come from the stored vocabularies, so a schema and its feed cannot drift apart."""
from __future__ import annotations

from db.vocabulary import PROGRAMME_FORMATS, PROGRAMME_KINDS, RESIDENCIES, SECTORS

DIALECT = "https://json-schema.org/draft/2020-12/schema"

TEXT = {"type": "string"}
TEXT_OR_NULL = {"type": ["string", "null"]}
ADDRESS_OR_NULL = {"type": ["string", "null"], "format": "uri"}
MOMENT = {"type": "string", "format": "date-time",
          # an offset is always written: +01:00 in a Rome winter, never a bare local time
          "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$"}


def _rows(title: str, description: str, properties: dict) -> dict:
    return {"$schema": DIALECT, "title": title, "description": description, "type": "array",
            "items": {"type": "object", "properties": properties,
                      "required": list(properties), "additionalProperties": False}}


PROGRAMME = _rows(
    "Bottega programme feed",
    "One row per session of a published item of the site, in time order.",
    {"id": {**TEXT, "pattern": r"^programme-session-\d+@bottega$",
            "description": "The session's UID in programme.ics: stable, never reused."},
     "item_id": {"type": "integer", "minimum": 1,
                 "description": "The programme item the session belongs to."},
     "title": TEXT,
     "kind": {"enum": list(PROGRAMME_KINDS)},
     "sector": {**TEXT, "examples": list(SECTORS)},
     "format": {"enum": list(PROGRAMME_FORMATS)},
     "description": TEXT,
     "day": {"type": "string", "format": "date"},
     "start": {**MOMENT, "description": "ISO 8601, with the offset of the site's time zone."},
     "end": {**MOMENT, "description": "ISO 8601, with the offset of the site's time zone."},
     "timezone": {**TEXT, "description": "The site's IANA time zone, e.g. Europe/Rome."},
     "location": TEXT,
     "site": TEXT,
     "price": {"type": "number", "minimum": 0, "description": "0 for a free item."},
     "currency": {"const": "EUR"},
     "capacity": {"type": "integer", "minimum": 1, "description": "Places in all."}})

LISTINGS = _rows(
    "Bottega listings feed",
    "The published listings of the site's current tenants, by name.",
    {"id": {**TEXT, "pattern": r"^tenant-\d+@bottega$",
            "description": "The tenant's stable id."},
     "name": TEXT,
     "business": TEXT_OR_NULL,
     "sector": {**TEXT, "examples": list(SECTORS)},
     "site": TEXT,
     "country": {**TEXT, "description": "The country's name, in the feed's language."},
     "country_code": {"type": "string", "pattern": "^[A-Z]{2}$",
                      "description": "ISO 3166-1 alpha-2."},
     "residency": {"enum": list(RESIDENCIES)},
     "bio": TEXT,
     "bio_html": {**TEXT, "description": "The bio as safe HTML (its Markdown rendered, any "
                                         "HTML typed escaped)."},
     "website": ADDRESS_OR_NULL,
     "instagram": ADDRESS_OR_NULL,
     "keywords": {"type": "array", "items": TEXT},
     "photo_url": ADDRESS_OR_NULL,
     "updated_on": {"type": ["string", "null"], "format": "date"}})

SCHEMAS = {"programme.schema.json": PROGRAMME, "listings.schema.json": LISTINGS}
