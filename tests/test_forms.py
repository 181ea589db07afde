"""Every edit form carries the version it was drawn with (ui/forms.py), found by reading the
code: no form is drawn but through ui.forms.form, and every save or confirmation of a hub
write that checks a version gets the version of the form's drawing — never one read again in
the run that handles the click."""
from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from dataclasses import dataclass
from pathlib import Path

import pytest

import hub

ROOT = Path(__file__).resolve().parents[1]
SCREENS = sorted([*(ROOT / "ui").rglob("*.py"), *(ROOT / "pages").rglob("*.py"),
                  ROOT / "app.py"])
FORMS_MODULE = ROOT / "ui" / "forms.py"


def versioned_writes() -> dict[str, str]:
    """hub/'s writes that check a version: {function name: module}."""
    found = {}
    for info in pkgutil.walk_packages(hub.__path__, "hub."):
        module = importlib.import_module(info.name)
        for name, function in inspect.getmembers(module, inspect.isfunction):
            parameters = inspect.signature(function).parameters
            if function.__module__ == info.name and {"actor", "version"} <= set(parameters):
                found[name] = info.name
    return found


@dataclass
class DrawnForm:
    path: Path
    line: int
    name: str               # the `as` name of `with form(...) as name`
    carries: bool           # given version=, about= or versions=
    writes: list[tuple[str, bool]]   # (hub function saved or asked for, version passed)


def _called_name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return None


def _forms_in(path: Path) -> list[DrawnForm]:
    tree = ast.parse(path.read_text())
    forms = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.With):
            continue
        for item in node.items:
            call = item.context_expr
            if not (isinstance(call, ast.Call) and _called_name(call.func) in
                    ("form", "_people_form", "_accounts_form")) or item.optional_vars is None:
                continue
            name = item.optional_vars.id
            carries = _called_name(call.func) != "form" or any(
                keyword.arg in ("version", "about", "versions") for keyword in call.keywords)
            forms.append(DrawnForm(path, node.lineno, name, carries, []))
    return forms


def _versioned_names(tree: ast.AST, writes: dict[str, str]) -> set[str]:
    return {node.attr for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr in writes}


def _handed_to(form_name: str, function: ast.AST, module: ast.Module):
    """The module's functions the form is handed to, with the name it goes by there."""
    defined = {node.name: node for node in module.body if isinstance(node, ast.FunctionDef)}
    for node in ast.walk(function):
        if not (isinstance(node, ast.Call) and _called_name(node.func) in defined):
            continue
        callee = defined[_called_name(node.func)]
        parameters = [argument.arg for argument in callee.args.args]
        for position, argument in enumerate(node.args):
            if isinstance(argument, ast.Name) and argument.id == form_name:
                yield callee, parameters[position]


def _writes_of(form: DrawnForm, function: ast.AST, module: ast.Module,
               writes: dict[str, str]) -> None:
    for callee, name in _handed_to(form.name, function, module):
        _writes_in(form, name, callee, module, writes)
    _writes_in(form, form.name, function, module, writes)


def _writes_in(form: DrawnForm, form_name: str, function: ast.AST, module: ast.Module,
               writes: dict[str, str]) -> None:
    """The hub writes the form saves (`name.save(write, …)`) or asks to confirm (`name.ask`)
    in its function. A write chosen in a variable (`ACTIONS[action]`) stands for every
    versioned write the function or the module's tables name."""
    tables = {target.id: _versioned_names(node.value, writes)
              for node in module.body if isinstance(node, ast.Assign)
              for target in node.targets if isinstance(target, ast.Name)}
    for node in ast.walk(function):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == form_name
                and node.func.attr in ("save", "ask") and node.args):
            continue
        passed = any(keyword.arg == "version" for keyword in node.keywords)
        if node.func.attr == "ask":      # the dialog's write: see `confirmed` below
            continue
        target = _called_name(node.args[0])
        if target in writes:
            form.writes.append((target, passed))
        else:
            chosen = _versioned_names(function, writes)
            chosen |= {name for table, names in tables.items() if table in
                       {n.id for n in ast.walk(node.args[0]) if isinstance(n, ast.Name)}
                       for name in names}
            form.writes += [(write, passed) for write in sorted(chosen)]


def drawn_forms() -> list[DrawnForm]:
    writes = versioned_writes()
    found = []
    for path in SCREENS:
        if path == FORMS_MODULE:
            continue
        tree = ast.parse(path.read_text())
        functions = [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)]
        for form in _forms_in(path):
            around = [f for f in functions if f.lineno <= form.line <= f.end_lineno]
            function = min(around, key=lambda f: f.end_lineno - f.lineno, default=tree)
            _writes_of(form, function, tree, writes)
            found.append(form)
    return found


FORMS = drawn_forms()


def test_no_form_is_drawn_but_through_ui_forms():
    drawn = []
    for path in SCREENS:
        if path == FORMS_MODULE:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and _called_name(node.func) in (
                    "form_submit_button",) or (
                    isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "form" and _called_name(node.func.value) == "st"):
                drawn.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert drawn == [], "draw these through ui.forms.form"


def test_the_forms_are_found():
    """The reading above finds the app's forms (so the checks below are not empty)."""
    assert len(FORMS) >= 45
    saved = {write for form in FORMS for write, __ in form.writes}
    assert {"edit_tenant", "edit_space", "edit_site", "edit_lease", "edit_partner",
            "edit_contact", "edit_interaction", "edit_issue", "edit_works", "edit_item",
            "edit_session", "edit_instructor", "edit_listing", "set_role",
            "cancel_booking", "cancel_enrolment"} <= saved


@pytest.mark.parametrize("form", [f for f in FORMS if f.writes],
                         ids=lambda f: f"{f.path.relative_to(ROOT)}:{f.line}")
def test_a_form_that_saves_a_versioned_record_carries_its_version(form):
    for write, passed in form.writes:
        assert form.carries or passed, (
            f"{write} checks a version: give the form version= (or about=/versions=) or pass "
            "version=form.version_of(…) from the form")


def test_no_screen_passes_a_version_read_in_the_run_that_handles_the_click():
    """version= is never a row's .version or ["version"] at a save or a confirmation: that is
    the version as it is now, not as the person saw it."""
    found = []
    for path in SCREENS:
        if path == FORMS_MODULE:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call) or _called_name(node.func) in ("form",):
                continue
            for keyword in node.keywords:
                value = keyword.value
                read_now = (isinstance(value, ast.Attribute) and value.attr == "version") or (
                    isinstance(value, ast.Subscript)
                    and isinstance(value.slice, ast.Constant) and value.slice.value == "version")
                if keyword.arg == "version" and read_now:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


def test_every_versioned_write_a_screen_makes_goes_through_a_form():
    """A versioned write named on a screen is saved by a form, or run by a confirmation that a
    form asked for (its version comes with the request)."""
    writes = versioned_writes()
    named = set()
    for path in SCREENS:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute) and node.attr in writes:
                named.add(node.attr)
    by_forms = {write for form in FORMS for write, __ in form.writes}
    # Run by a dialog's confirming button: the version comes in the request that a form's
    # ask() made (checked above: the asking form carries one).
    confirmed = {"end_lease_early", "retire_tenant", "cancel_works", "archive_site",
                 "delete_partner", "delete_interaction", "delete_contact", "unlink",
                 "delete_draft", "edit_works", "edit_item"}
    assert named - by_forms - confirmed == set()
