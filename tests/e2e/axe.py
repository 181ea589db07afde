"""axe-core in the browser tests: inject the pinned `node_modules/axe-core/axe.min.js`
(package.json, installed by .ci/run), run it on what the page shows, and sort its violations
into Bottega's own and the known ones of Streamlit's markup (axe_known.json)."""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
KNOWN_FILE = Path(__file__).resolve().parent / "axe_known.json"
BLOCKING = ("serious", "critical")
# Rules enforced whatever impact axe gives them: the issue asks for headings in order.
ALWAYS = ("heading-order",)
# WCAG 2.0/2.1 A and AA, and axe's best practices (heading-order, region, ...).
RUN_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                                     "best-practice"]},
               "resultTypes": ["violations"]}


@dataclass(frozen=True)
class Found:
    """One element that breaks one rule, on one screen."""
    screen: str
    rule: str
    impact: str
    target: str
    html: str
    summary: str

    def line(self) -> str:
        return (f"{self.screen}: {self.rule} ({self.impact}) at {self.target}\n"
                f"    {self.html[:200]}\n    {self.summary.splitlines()[-1][:300]}")


@dataclass(frozen=True)
class Known:
    """An allow-list entry: a rule, a pattern searched in the element's selector and HTML,
    and why it is Streamlit's and not ours."""
    rule: str
    element: str
    reason: str
    upstream: str | None = None

    def matches(self, found: Found) -> bool:
        return found.rule == self.rule and re.search(
            self.element, f"{found.target} {found.html}") is not None


def sort_out(found: list[Found], known: list[Known]) -> tuple[list[Found], list[Known]]:
    """(what no entry of the list covers: ours to fix, the entries nothing matched: gone)."""
    ours = [item for item in found if not any(entry.matches(item) for entry in known)]
    gone = [entry for entry in known if not any(entry.matches(item) for item in found)]
    return ours, gone


def known_entries(path: Path = KNOWN_FILE) -> list[Known]:
    entries = [Known(**entry) for entry in json.loads(path.read_text())]
    for entry in entries:
        re.compile(entry.element)
        assert entry.reason.strip(), f"{entry.rule} / {entry.element}: no reason given"
    return entries


def require_axe() -> None:
    """Like Chromium: without the installed axe-core the test is skipped locally, with the
    reason, and fails when CI=true."""
    if not AXE_JS.exists():
        reason = (f"{AXE_JS.relative_to(ROOT)} is missing: `npm ci` installs the axe-core "
                  "that package-lock.json pins (.ci/run does)")
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " and CI=true")
        pytest.skip(reason)


def audit(page, screen: str) -> list[Found]:
    """axe on the page as it is now: each element of a violation that blocks (serious or
    critical, or a rule in ALWAYS)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("options => axe.run(document, options)", RUN_OPTIONS)
    found = []
    for violation in result["violations"]:
        for node in violation["nodes"]:
            impact = node.get("impact") or violation.get("impact") or "minor"
            if impact in BLOCKING or violation["id"] in ALWAYS:
                found.append(Found(screen, violation["id"], impact,
                                   " ".join(json.dumps(part) if not isinstance(part, str)
                                            else part for part in node["target"]),
                                   node["html"], node.get("failureSummary") or ""))
    return found


def undescribed_charts(page, screen: str) -> list[Found]:
    """Vega puts a chart's `description` in its container's aria-label, what a screen reader
    announces for the chart; a chart without one is announced as a bare "visualization"."""
    charts = page.evaluate("""() => [...document.querySelectorAll('.vega-embed')]
        .filter(chart => chart.checkVisibility())
        .map(chart => [chart.getAttribute('aria-label') || '', chart.outerHTML.slice(0, 300)])""")
    return [Found(screen, "chart-description", "serious", ".vega-embed", html,
                  "The chart has no description (alt.Chart(..., description=...))")
            for label, html in charts if len(label.strip()) < 20]


def counts(found: list[Found]) -> dict[str, int]:
    """Elements per screen."""
    tally: dict[str, int] = {}
    for item in found:
        tally[item.screen] = tally.get(item.screen, 0) + 1
    return tally
