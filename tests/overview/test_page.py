"""The Overview through AppTest, per role: KPIs with trend, the evidence charts, the report."""
from datetime import date

import pytest

from db.models import Interaction, Partner
from tests.apptest import signed_in_app
from tests.overview.test_period_figures import add
from tests.worlds import lease


@pytest.fixture
def network(base):  # noqa: F811
    lease(base, space="L1", starts_on=date(2025, 1, 1))
    partner = add(Partner(name="Artex", kind="institution", country="IT", region="Tuscany",
                          status="active", since=date(2016, 1, 1)))[0]
    add(Interaction(partner_id=partner, day=date(2026, 1, 5), kind="call", summary="Call",
                    follow_up_on=date(2026, 2, 1)))
    return base


def metrics(at) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def test_manager_sees_kpis_with_follow_ups_the_evidence_and_the_report(network):
    at = signed_in_app("boss")
    assert not at.exception
    shown = metrics(at)
    assert shown["Unit occupancy"] == "20%" and shown["Active partners"] == "1"
    assert shown["Follow-ups due"] == "1"
    # tenants, partners and INNOCRAFTS drawn; no programme has run, so no chart of nothing
    assert len(at.get("vega_lite_chart")) == 3
    captions = [caption.value for caption in at.caption]
    assert "Courses and events since 2016 appear once programme items have run." in captions
    assert "Participants appear once people are seated in programme items." in captions
    assert "Download the report" in [b.proto.label for b in at.get("download_button")]


def test_viewer_gets_no_follow_ups(network):
    at = signed_in_app("vera")
    assert not at.exception
    assert "Follow-ups due" not in metrics(at) and "Unit occupancy" in metrics(at)


def test_the_site_and_period_filters_change_the_figures(network):
    at = signed_in_app("carla")
    at.selectbox(key="overview_period").select(f"Year {date.today().year - 1}").run()
    assert not at.exception
    assert any(c.value.startswith("All sites, 1 Jan") for c in at.caption)
    site = at.selectbox(key="overview_site")
    at = site.select_index(1).run()
    assert not at.exception and any(c.value.startswith("Test Hub") for c in at.caption)
