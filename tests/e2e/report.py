"""What a failed browser test reports of each of its pages, so that CI's log tells a flake
(a script still running, a page half drawn) from a failure (an error on the screen, the
wrong text): the URL, Streamlit's script state, any exception or error shown, and the
visible text nearest to what the test was waiting for."""
from __future__ import annotations

import re

SHOWN = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  const texts = (selector) => [...document.querySelectorAll(selector)]
    .map((element) => element.innerText.trim()).filter(Boolean);
  return {
    script: app ? app.getAttribute("data-test-script-state") : "no Streamlit app",
    skeletons: document.querySelectorAll("[data-testid='stSkeleton']").length,
    connection: texts("[data-testid='stConnectionStatus'], [data-testid='stStatusWidget']"),
    exceptions: texts("[data-testid='stException']"),
    alerts: texts("[data-testid='stAlert']"),
    dialogs: texts("[role='dialog']"),
    text: document.body ? document.body.innerText : "",
  };
}"""

# What a Playwright message or an assert names: get_by_text("…"), name="…", has_text="…",
# to_have_text(['…']), 'on=2026-12-07' in '…'.
QUOTED = re.compile(r"""(?:get_by_(?!role)\w+\(|name=|has_text=|text=|\[|\bexpected[^"'\n]*)\s*"""
                    r"""(["'])(.{3,200}?)\1""")
LINE_CHARS = 160
NEAR_LINES = 2
TEXT_CHARS = 1_500
NOTHING_LIKE_IT = "    (nothing like it)"


def wanted_texts(message: str) -> list[str]:
    """The texts the failure says the test looked for, longest first, without repeats."""
    found = {match.group(2) for match in QUOTED.finditer(message)}
    found |= {match.group(1) for match in re.finditer(r"""assert '([^']{3,200})' in""", message)}
    return sorted((text for text in found if not text.startswith(("[data-testid", "http"))),
                  key=len, reverse=True)[:4]


def _words(text: str) -> set[str]:
    return {word for word in re.findall(r"\w+", text.lower()) if len(word) > 2}


def nearest_lines(text: str, wanted: str) -> str:
    """The lines of the page's visible text that share most words with `wanted`, each with
    its neighbours; "(nothing like it)" when no line shares a word."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    goal = _words(wanted)
    scored = sorted(((len(goal & _words(line)), -number) for number, line in enumerate(lines)),
                    reverse=True)
    if not scored or scored[0][0] == 0:
        return NOTHING_LIKE_IT
    best = -scored[0][1]
    around = lines[max(0, best - NEAR_LINES):best + NEAR_LINES + 1]
    return "\n".join("    " + line[:LINE_CHARS] for line in around)


def _trimmed(items: list[str], limit: int = 400) -> str:
    return "; ".join(item.replace("\n", " ")[:limit] for item in items[:5]) or "none"


def describe(page, message: str) -> str:
    """What `page` shows now, in a few lines; never raises (the real failure comes first)."""
    try:
        url = page.url
        shown = page.evaluate(SHOWN)
    except Exception as error:          # a closed or hung page: say so and go on
        return f"the page could not be read: {error}"
    lines = [f"url: {url}",
             f"script: {shown['script']}, loading skeletons: {shown['skeletons']}, "
             f"connection: {_trimmed(shown['connection'])}",
             f"exception shown: {_trimmed(shown['exceptions'], 1_000)}",
             f"alerts shown: {_trimmed(shown['alerts'])}",
             f"dialog open: {_trimmed(shown['dialogs'])}"]
    nearest = {text: nearest_lines(shown["text"], text) for text in wanted_texts(message)}
    for text, near in nearest.items():
        lines += [f"visible text nearest to {text!r}:", near]
    if all(near == NOTHING_LIKE_IT for near in nearest.values()):
        visible = re.sub(r"\n\s*\n+", "\n", shown["text"]).strip()
        lines += ["visible text (trimmed):", visible[:TEXT_CHARS]]
    return "\n".join(lines)
