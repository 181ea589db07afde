"""Cached reads of the Overview: the hub's headline figures from hub/."""
from __future__ import annotations

from datetime import date

import pandas as pd

from hub.overview import indicators
from ui.database import cached, reading


@cached(ttl=300)
def load_snapshots(site_id, period: indicators.Period, on: date):
    with reading() as session:
        return (indicators.snapshot(session, site_id=site_id, period=period, today=on),
                indicators.snapshot(session, site_id=site_id, period=period.year_before(), today=on),
                indicators.follow_ups_due(session, today=on))


@cached(ttl=300)
def load_evidence(site_id, until: int, on: date):
    with reading() as session:
        totals = pd.DataFrame([vars(row) for row in indicators.evidence(session, site_id=site_id, until=until)])
        regions = pd.DataFrame(indicators.partners_by_region_cumulative(session, until=until),
                               columns=["year", "region", "partners"])
        return totals, regions, indicators.innocrafts(session, site_id=site_id, on=on)
