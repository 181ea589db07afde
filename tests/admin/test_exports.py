"""CSV exports: cells a spreadsheet would run as a formula are neutralised; numbers are not."""
import io

import pandas as pd

from ui.widgets import csv_bytes


def test_formula_like_cells_get_a_leading_apostrophe():
    frame = pd.DataFrame({"Tenant": ["=HYPERLINK(\"http://x\")", "+39 055", "-cmd", "@SUM(A1)",
                                     "Giulia Neri"],
                          "Monthly rent": [-5.0, 300.0, 0.0, 12.5, 450.0]})
    back = pd.read_csv(io.BytesIO(csv_bytes(frame)))
    assert list(back["Tenant"]) == ["'=HYPERLINK(\"http://x\")", "'+39 055", "'-cmd",
                                    "'@SUM(A1)", "Giulia Neri"]
    assert list(back["Monthly rent"]) == [-5.0, 300.0, 0.0, 12.5, 450.0]
