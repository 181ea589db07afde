"""Every download button of every screen leaves the page alone when pressed
(on_click="ignore"). A press that reruns the page breaks a file built on the press: Streamlit
starts the rerun while the file is being built, clears what it was about to send the browser
— the file's address among it — and the button stays greyed with a spinner until the
browser gives up, three minutes later. No screen uses the press for anything else."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def download_buttons() -> list[tuple[str, int, ast.Call]]:
    found = []
    for path in sorted([*ROOT.glob("pages/*.py"), *ROOT.glob("ui/**/*.py"), ROOT / "app.py"]):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "download_button"):
                found.append((str(path.relative_to(ROOT)), node.lineno, node))
    return found


def test_no_download_button_reruns_the_page():
    buttons = download_buttons()
    assert len(buttons) >= 10   # the scan finds the screens' buttons
    rerunning = [f"{path}:{line}" for path, line, call in buttons
                 if not any(keyword.arg == "on_click" and isinstance(keyword.value, ast.Constant)
                            and keyword.value.value == "ignore" for keyword in call.keywords)]
    assert rerunning == []
