"""Prose that names a file names one that exists: every path of ours written in a comment,
docstring or Markdown file (hub/occupancy/figures.py, ui/sign_in/, tests/worlds.py, or a module
written as a path, hub/scope) is in the repository. A file that moved leaves no reader at a
dead address."""
from __future__ import annotations

import re
from fnmatch import fnmatch
from pathlib import Path

from tests.conftest import ROOT

PATH = re.compile(r"(?<![\w/.])((?:hub|ui|web|db|pages|tests|bench|deploy|translations|\.ci)"
                  r"/[\w/.-]*\w)")
MADE_ELSEWHERE = (".db", ".log")      # files the commands make (bench/scale-f50.db)
# What .gitignore names is made by running things (tests/e2e/artifacts/): absent from a clone.
IGNORED = [line.strip().rstrip("/") for line in (ROOT / ".gitignore").read_text().splitlines()
           if line.strip() and not line.startswith("#")]
SKIPPED = {".venv", "node_modules", ".git", ".hypothesis", "mutants", "artifacts"}


def prose_files() -> list[Path]:
    return [path for path in ROOT.rglob("*")
            if path.is_file() and path.suffix in (".py", ".md", ".conf", ".sh", ".toml", ".ini")
            and not SKIPPED & set(path.relative_to(ROOT).parts)]


def exists(written: str) -> bool:
    """A path, a module written as a path (hub/scope), or a name in a module (hub/records.record)."""
    if any(fnmatch(written.rstrip("/"), pattern) for pattern in IGNORED):
        return True
    candidates = {written, written + ".py", written.split(".")[0] + ".py",
                  written.split(".")[0]}
    return any((ROOT / candidate).exists() for candidate in candidates) \
        or any(ROOT.glob(written + "*"))    # the start of a name: deploy/systemd/bottega@.service


def test_every_path_written_in_prose_exists():
    dead = [f"{path.relative_to(ROOT)}:{number}: {found}"
            for path in prose_files()
            for number, line in enumerate(path.read_text().splitlines(), 1)
            for found in PATH.findall(line)
            if not found.endswith(MADE_ELSEWHERE) and not exists(found)]
    assert not dead, "\n".join(dead)


def test_the_specification_is_named_where_it_is():
    """SPEC.md is the product's, beside the repository (../shared/SPEC.md), never in it."""
    bare = [f"{path.relative_to(ROOT)}:{number}"
            for path in prose_files()
            for number, line in enumerate(path.read_text().splitlines(), 1)
            if re.search(r"(?<![\w/.])SPEC\.md", line) and path.name != "test_paths_in_prose.py"]
    assert not bare, bare


def test_a_dead_path_is_found():
    gone, moved = "hub/" + "interactions.py", "ui/" + "web.py"     # split: this file is prose too
    assert PATH.findall(f"see {gone} and {moved}.") == [gone, moved]
    assert not exists(gone) and not exists(moved)
    assert exists("hub/scope") and exists("ui/sign_in/") and exists("hub/records.record")
    assert exists("tests/e2e/artifacts")      # ignored by git: made by a failing browser test
