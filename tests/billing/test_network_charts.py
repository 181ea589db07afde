"""A network's Billing charts name the sites that weigh most: the arrears of the sites beyond
the eight largest are summed as "Other sites", nothing lost; a hub of few sites is as it was."""
import pandas as pd

from ui.billing.data import SITES_CHARTED, fewest_sites


def test_the_arrears_of_the_smallest_sites_are_summed_as_other_sites():
    frame = pd.DataFrame([{"site": f"S{n:02d}", "age": age, "due": float(n)}
                          for n in range(12) for age in ("1–30", "31–60")])
    shown = fewest_sites(frame, "due")
    assert SITES_CHARTED == 8
    assert sorted(shown["site"].unique()) == ["Other sites"] + [f"S{n:02d}" for n in range(4, 12)]
    others = shown[shown["site"] == "Other sites"]
    assert list(others["age"]) == ["1–30", "31–60"] and list(others["due"]) == [6.0, 6.0]
    assert shown["due"].sum() == frame["due"].sum()


def test_a_hub_of_few_sites_keeps_every_site():
    frame = pd.DataFrame([{"site": "Officina Creativa", "age": "1–30", "due": 10.0},
                          {"site": "Officine Nora", "age": "over 90", "due": 5.0}])
    assert fewest_sites(frame, "due").equals(frame)
