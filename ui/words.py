"""The domain's word lists as the screens offer them in filters and show them in tables: the
same tuples the database's CHECK constraints hold (db/vocabulary.py), so pages need not reach
into db/."""
from __future__ import annotations

from db.vocabulary import (PARTNER_KINDS, PARTNER_REGIONS, PARTNER_STATUSES, PROGRAMME_KINDS,
                           PROGRAMME_STATUSES, RESIDENCIES, SECTORS, country_name)

__all__ = ["PARTNER_KINDS", "PARTNER_REGIONS", "PARTNER_STATUSES", "PROGRAMME_KINDS",
           "PROGRAMME_STATUSES", "RESIDENCIES", "SECTORS", "country_name"]
