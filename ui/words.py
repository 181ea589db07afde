"""The domain's word lists as the screens offer them in filters and show them in tables: the
same tuples the database's CHECK constraints hold (db/vocabulary.py), so pages need not reach
into db/; their names in the reader's language come from hub/words.py."""
from __future__ import annotations

from db.vocabulary import (PARTNER_KINDS, PARTNER_REGIONS, PARTNER_STATUSES, PROGRAMME_KINDS,
                           PROGRAMME_STATUSES, RESIDENCIES, SECTORS)
from hub.words import countries, country_name, label, labeller

__all__ = ["PARTNER_KINDS", "PARTNER_REGIONS", "PARTNER_STATUSES", "PROGRAMME_KINDS",
           "PROGRAMME_STATUSES", "RESIDENCIES", "SECTORS", "countries", "country_name", "label",
           "labeller"]
