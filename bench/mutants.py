"""Mutation score of the suite on hub/: break one rule at a time, run the tests that execute
the broken line, and count the broken rules no test notices (survivors).

    python -m bench.mutants map              # once: which test runs which line of hub/
    python -m bench.mutants run --sample 120 # every role and audit mutant + 120 others
    python -m bench.mutants report           # the score, by kind, and the survivors

Run it in a clone, never in a work tree you are editing: each mutant is written into the file
for the length of its test run. SQLite tests only (the PostgreSQL runs test the same rules).

A mutant is one small change a real bug could make, made on the syntax tree:
- role: a `require_*(...)` role check dropped;
- audit: a `record(...)` audit entry dropped;
- compare: `<` ↔ `<=`, `>` ↔ `>=`, `==` ↔ `!=`, `in` ↔ `not in`, `is` ↔ `is not`;
- arith: `+` ↔ `-`, `*` ↔ `/`, `//` → `/`;
- bool: `and` ↔ `or`; not: a `not` dropped;
- const: an integer n → n + 1; return: `return True` ↔ `return False`.
The tests a mutant gets are those whose run executed one of its lines (coverage, per test);
a mutant on a line no test executes survives. A test run that fails, errors or takes longer
than the time limit kills the mutant.
"""
from __future__ import annotations

import argparse
import ast
import json
import random
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path.cwd()
WORK = ROOT / ".mutants"
PLUGIN = '''
import coverage

def pytest_runtest_setup(item):
    cov = coverage.Coverage.current()
    if cov is not None:
        cov.switch_context(item.nodeid)
'''
PYTEST = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-m", "not e2e",
          "-k", "not postgresql", "-n", "0"]
COMPARE = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
           ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In,
           ast.Is: ast.IsNot, ast.IsNot: ast.Is}
ARITH = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult,
         ast.FloorDiv: ast.Div}
MOST_TESTS = 400


@dataclass(frozen=True)
class Mutant:
    path: str        # relative to the root
    index: int       # the node's place in ast.walk order
    kind: str
    line: int
    end_line: int
    text: str        # the source line, for the report


def _call_name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
        func = node.value.func
        return func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
    return None


def _kinds(node: ast.AST) -> list[str]:
    name = _call_name(node)
    if name and name.startswith("require"):
        return ["role"]
    if name == "record":
        return ["audit"]
    if isinstance(node, ast.Compare) and type(node.ops[0]) in COMPARE:
        return ["compare"]
    if isinstance(node, ast.BinOp) and type(node.op) in ARITH:
        return ["arith"]
    if isinstance(node, ast.BoolOp):
        return ["bool"]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return ["not"]
    if (isinstance(node, ast.Constant) and type(node.value) is int
            and not isinstance(node.value, bool)):
        return ["const"]
    if (isinstance(node, ast.Return) and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, bool)):
        return ["return"]
    return []


def _annotations(tree: ast.AST) -> set[int]:
    """Nodes inside annotations and docstrings, which no test can notice changing."""
    skipped = set()
    for node in ast.walk(tree):
        for annotation in (getattr(node, "annotation", None), getattr(node, "returns", None)):
            if annotation is not None:
                skipped.update(id(inner) for inner in ast.walk(annotation))
    return skipped


def mutants_of(path: Path) -> list[Mutant]:
    source = path.read_text()
    lines = source.splitlines()
    tree = ast.parse(source)
    skipped = _annotations(tree)
    found = []
    for index, node in enumerate(ast.walk(tree)):
        if id(node) in skipped:
            continue
        for kind in _kinds(node):
            found.append(Mutant(str(path.relative_to(ROOT)), index, kind, node.lineno,
                                node.end_lineno or node.lineno, lines[node.lineno - 1].strip()))
    return found


def mutated_source(mutant: Mutant) -> str:
    tree = ast.parse((ROOT / mutant.path).read_text())
    for index, node in enumerate(ast.walk(tree)):
        if index != mutant.index:
            continue
        if mutant.kind in ("role", "audit"):
            node.value = ast.Constant(None)          # the call's statement does nothing
        elif mutant.kind == "compare":
            node.ops[0] = COMPARE[type(node.ops[0])]()
        elif mutant.kind == "arith":
            node.op = ARITH[type(node.op)]()
        elif mutant.kind == "bool":
            node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        elif mutant.kind == "not":
            node.op = ast.UAdd()                     # +x: truthiness kept, `not` gone
            node.operand = ast.Call(ast.Name("bool", ast.Load()), [node.operand], [])
        elif mutant.kind == "const":
            node.value += 1
        elif mutant.kind == "return":
            node.value = ast.Constant(not node.value.value)
        return ast.unparse(ast.fix_missing_locations(tree))
    raise LookupError(mutant)


def all_mutants(paths: list[str]) -> list[Mutant]:
    found = []
    for folder in paths:
        for path in sorted((ROOT / folder).rglob("*.py")):
            found.extend(mutants_of(path))
    return found


def map_tests(_: argparse.Namespace) -> None:
    """One coverage run of the SQLite tests, each test its own context."""
    WORK.mkdir(exist_ok=True)
    (WORK / "mutcov.py").write_text(PLUGIN)
    (WORK / "coveragerc").write_text("[run]\nsource = hub\ndata_file = .mutants/coverage\n")
    env = {"PYTHONPATH": str(WORK), "COVERAGE_RCFILE": str(WORK / "coveragerc")}
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "coverage", "run", "-m", *PYTEST[2:], "-p", "mutcov",
                    f"--junitxml={WORK / 'baseline.xml'}"], env={**_environ(), **env}, check=False)
    subprocess.run([sys.executable, "-m", "coverage", "json", "--show-contexts",
                    "-o", str(WORK / "coverage.json")], env={**_environ(), **env}, check=True)
    print(f"mapped in {time.monotonic() - started:.0f} s")


def _environ() -> dict[str, str]:
    import os
    return dict(os.environ)


def failing_tests() -> set[str]:
    """Tests that fail on the unbroken code under coverage (they cannot tell a mutant): their
    node ids, from the mapping run's JUnit report."""
    import xml.etree.ElementTree as ElementTree
    failing = set()
    for case in ElementTree.parse(WORK / "baseline.xml").iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            module = case.get("classname", "").split(".")
            # classname "tests.occupancy.test_rules" (or "…test_rules.TestClass"), name "test_x[sqlite]"
            failing.add((".".join(module), case.get("name")))
    return failing


def _is_failing(nodeid: str, failing: set[tuple[str, str]]) -> bool:
    path, _, name = nodeid.partition("::")
    module = path.removesuffix(".py").replace("/", ".")
    parts = name.split("::")
    return (".".join([module, *parts[:-1]]), parts[-1]) in failing


def tests_by_line() -> dict[str, dict[int, list[str]]]:
    data = json.loads((WORK / "coverage.json").read_text())
    failing = failing_tests()
    found: dict[str, dict[int, list[str]]] = {}
    for path, facts in data["files"].items():
        found[path] = {int(line): [c for c in contexts if c and not _is_failing(c, failing)]
                       for line, contexts in facts.get("contexts", {}).items()}
    return found


def _tests_for(mutant: Mutant, lines: dict[str, dict[int, list[str]]]) -> list[str]:
    by_line = lines.get(mutant.path, {})
    tests = {test for line in range(mutant.line, mutant.end_line + 1)
             for test in by_line.get(line, [])}
    # Tests of the mutated module's own area first, then the rest, by name.
    area = Path(mutant.path).parts[1] if len(Path(mutant.path).parts) > 2 else ""
    ordered = sorted(tests, key=lambda t: (f"/{area}/" not in t and area not in t, t))
    return ordered[:MOST_TESTS]


def run(arguments: argparse.Namespace) -> None:
    everything = all_mutants(arguments.paths)
    chosen = [m for m in everything if m.kind in ("role", "audit")]
    others = [m for m in everything if m.kind not in ("role", "audit")]
    chosen += random.Random(arguments.seed).sample(others, min(arguments.sample, len(others)))
    lines = tests_by_line()
    results_path = WORK / "results.jsonl"
    done = set()
    if results_path.exists():
        done = {(r["path"], r["index"]) for r in map(json.loads, results_path.read_text().splitlines())}
    counts = Counter(m.kind for m in everything)
    (WORK / "population.json").write_text(json.dumps(counts))
    for number, mutant in enumerate(chosen, 1):
        if (mutant.path, mutant.index) in done:
            continue
        tests = _tests_for(mutant, lines)
        outcome, seconds = "survived", 0.0
        if tests:
            original = (ROOT / mutant.path).read_text()
            try:
                (ROOT / mutant.path).write_text(mutated_source(mutant))
                started = time.monotonic()
                try:
                    finished = subprocess.run([*PYTEST, "-x", *tests], capture_output=True,
                                              timeout=arguments.timeout, check=False)
                    outcome = "survived" if finished.returncode == 0 else "killed"
                except subprocess.TimeoutExpired:
                    outcome = "killed (time)"
                seconds = time.monotonic() - started
            finally:
                (ROOT / mutant.path).write_text(original)
        with results_path.open("a") as results:
            results.write(json.dumps({**asdict(mutant), "outcome": outcome, "tests": len(tests),
                                      "seconds": round(seconds, 1)}) + "\n")
        print(f"{number}/{len(chosen)} {mutant.kind:8} {mutant.path}:{mutant.line} "
              f"{outcome} ({len(tests)} tests, {seconds:.0f} s)", flush=True)


def report(_: argparse.Namespace) -> None:
    results = [json.loads(line) for line in (WORK / "results.jsonl").read_text().splitlines()]
    by_kind: dict[str, Counter] = defaultdict(Counter)
    for result in results:
        by_kind[result["kind"]][result["outcome"].startswith("killed")] += 1
    killed = sum(c[True] for c in by_kind.values())
    print(f"mutation score: {killed}/{len(results)} = {killed / len(results):.1%} killed")
    for kind, count in sorted(by_kind.items()):
        total = count[True] + count[False]
        print(f"  {kind:8} {count[True]:4}/{total:<4} {count[True] / total:6.1%}")
    print("survivors:")
    for result in results:
        if result["outcome"] == "survived":
            print(f"  {result['kind']:8} {result['path']}:{result['line']} "
                  f"({result['tests']} tests) {result['text'][:90]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("map").set_defaults(action=map_tests)
    running = commands.add_parser("run")
    running.add_argument("--sample", type=int, default=120, help="mutants besides role and audit")
    running.add_argument("--seed", type=int, default=12)
    running.add_argument("--timeout", type=int, default=300, help="seconds per mutant")
    running.add_argument("paths", nargs="*", default=["hub"])
    running.set_defaults(action=run)
    commands.add_parser("report").set_defaults(action=report)
    arguments = parser.parse_args()
    arguments.action(arguments)


if __name__ == "__main__":
    main()
