"""Cached reads of the Overview: the hub's headline figures from hub/."""
from __future__ import annotations

from datetime import date

import pandas as pd

from hub.billing import figures as billing_figures
from hub.overview import figures
from hub.i18n import N_, _
from ui.database import cached, reading


@cached(ttl=300)
def load_snapshots(site_id, period: figures.Period, on: date):
    with reading() as session:
        return (figures.snapshot(session, site_id=site_id, period=period, today=on),
                figures.snapshot(session, site_id=site_id, period=period.year_before(), today=on),
                figures.follow_ups_due(session, today=on))


@cached(ttl=300)
def load_billing_headline(site_id, on: date) -> billing_figures.Headline:
    """Collected this month and arrears over 60 days: sums, shown to a manager only."""
    with reading() as session:
        return billing_figures.headline(session, site_id=site_id, today=on)


@cached(ttl=300)
def load_evidence(site_id, until: int, on: date):
    with reading() as session:
        totals = pd.DataFrame([vars(row) for row in figures.evidence(session, site_id=site_id, until=until)])
        regions = pd.DataFrame(figures.partners_by_region_cumulative(session, until=until),
                               columns=["year", "region", "partners"])
        return totals, regions, figures.innocrafts(session, site_id=site_id, on=on)


INDICATORS = (N_("Young entrepreneurs"), N_("Female-led businesses"), N_("Start-ups"),
              N_("Tenants from abroad"), N_("Partners abroad"))


def innocrafts_frame(figures_of_the_hub: figures.Innocrafts) -> pd.DataFrame:
    """The INNOCRAFTS indicators as the chart takes them: name and share."""
    groups = figures_of_the_hub.groups
    shares = (groups.share(groups.young), groups.share(groups.female_led),
              groups.share(groups.startup), figures_of_the_hub.tenants_from_abroad,
              figures_of_the_hub.partners_abroad)
    return pd.DataFrame([{"indicator": _(name), "share": share or 0.0}
                         for name, share in zip(INDICATORS, shares)])
