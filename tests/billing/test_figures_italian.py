"""Billing's figures in the reader's language, written out here (an expectation computed with
_() would pass without a translation)."""
import pandas as pd

from hub.i18n import speaking
from ui.billing import charts
from ui.billing.data import aging_table
from hub.billing.figures import AGES, Account, PayerAging
from decimal import Decimal

ARREARS = pd.DataFrame([{"site": "Test Hub", "age": "over 90 days", "due": 244.0},
                        {"site": "Second Hub", "age": "61–90 days", "due": 1366.0}])


def test_the_arrears_chart_says_its_figures_in_italian_and_english():
    with speaking("it"):
        assert charts.arrears_summary(ARREARS) == (
            "€ 1.610,00 ancora da incassare: € 1.366,00 61–90 giorni e € 244,00 oltre 90 giorni.")
        assert charts.arrears_by_age(ARREARS).to_dict()["encoding"]["x"]["title"] == (
            "Oltre la scadenza")
    with speaking("en"):
        assert charts.arrears_summary(ARREARS) == (
            "€1,610.00 still due: €1,366.00 61–90 days and €244.00 over 90 days.")


def test_the_aging_table_reads_in_italian():
    row = PayerAging(7, "Aiko Tanaka", dict.fromkeys(AGES, Decimal("0.00")) | {
        "over 90 days": Decimal("1244.50")})
    account = Account(7, "Aiko Tanaka", Decimal("1244.50"), Decimal(0), Decimal(0),
                      Decimal("12.00"), None, None)
    with speaking("it"):
        table = aging_table([row], {7: account})
    assert list(table.columns) == ["Pagatore", "non ancora scaduto", "1–30 giorni",
                                   "31–60 giorni", "61–90 giorni", "oltre 90 giorni", "Totale",
                                   "Credito"]
    assert table.iloc[0].tolist() == ["Aiko Tanaka", "€ 0,00", "€ 0,00", "€ 0,00", "€ 0,00",
                                      "€ 1.244,50", "€ 1.244,50", "€ 12,00"]
