"""The one-page stakeholder report: a self-contained HTML file (charts as inline SVG, no
scripts, no links to fetch) that opens offline. Every text is escaped."""
from __future__ import annotations

import html
from datetime import date

import altair as alt
import vl_convert

from hub.i18n import _, locale
from ui.format import day_text

STYLE = """
body{font-family:Georgia,serif;color:#2F2A25;background:#FAF7F2;max-width:960px;margin:2rem auto;padding:0 1rem}
h1{margin-bottom:.2rem}.sub{color:#6b625a;margin-top:0}
.kpis{display:grid;grid-template-columns:repeat(4,1fr);gap:.8rem;margin:1.2rem 0}
.kpi{background:#fff;border:1px solid #e6dccb;border-radius:8px;padding:.7rem}
.kpi b{display:block;font-size:1.6rem}.kpi span{color:#6b625a;font-size:.85rem}
.charts{display:grid;grid-template-columns:1fr 1fr;gap:1rem}.charts div{background:#fff;
border:1px solid #e6dccb;border-radius:8px;padding:.5rem;overflow:hidden}svg{max-width:100%;height:auto}
footer{color:#6b625a;font-size:.8rem;margin-top:1.5rem}
"""


def chart_svg(chart: alt.Chart, width: int = 420) -> str:
    """The chart drawn as SVG, here and now (no browser, no network)."""
    return vl_convert.vegalite_to_svg(chart.properties(width=width).to_json())


def report_html(*, title: str, subtitle: str, kpis: list[tuple[str, str, str]],
                charts: list[alt.Chart], notes: list[str], made_on: date) -> str:
    """kpis: (label, value, comparison) — all plain text, in the reader's language (the
    caller translates them), escaped here."""
    e = html.escape
    cards = "".join(f"<div class='kpi'><span>{e(label)}</span><b>{e(value)}</b>"
                    f"<span>{e(comparison)}</span></div>" for label, value, comparison in kpis)
    figures = "".join(f"<div>{chart_svg(chart)}</div>" for chart in charts)
    remarks = "".join(f"<li>{e(note)}</li>" for note in notes)
    footer = _("Computed live from Bottega's tables on {day}.").format(day=day_text(made_on))
    return (f"<!DOCTYPE html><html lang='{locale().language}'><head><meta charset='utf-8'>"
            f"<title>{e(title)}</title>"
            f"<style>{STYLE}</style></head><body><h1>{e(title)}</h1><p class='sub'>{e(subtitle)}</p>"
            f"<section class='kpis'>{cards}</section><section class='charts'>{figures}</section>"
            f"<ul>{remarks}</ul><footer>{e(footer)}</footer></body></html>")
