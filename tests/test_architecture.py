"""The house's rules, checked on the code itself.

The layers are an import-linter contract in ``pyproject.toml`` (``lint-imports`` runs in CI);
these tests add what a contract does not say: the domain really runs without Textual, no module
reaches for another's private names, and no two modules import each other, even through an
import inside a function (a cycle that only works because it is deferred is still a cycle).
"""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import sbcm_tui

PACKAGE = Path(sbcm_tui.__file__).resolve().parent
ROOT = PACKAGE.parent
DOMAIN = ("core", "files", "insight", "practice", "exports", "team")
"""The layers that serve the command line, scripts and tests without a UI."""


def all_modules() -> dict[str, Path]:
    """Every module of the package, by dotted name."""
    found = {"sbcm_tui": PACKAGE / "__init__.py"}
    for info in pkgutil.walk_packages([str(PACKAGE)], prefix="sbcm_tui."):
        spec = info.module_finder.find_spec(info.name, None)  # type: ignore[call-arg]
        assert spec is not None and spec.origin is not None
        found[info.name] = Path(spec.origin)
    return found


MODULES = all_modules()


def _type_checking_block(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
    )


def imports_of(path: Path, name: str) -> Iterator[tuple[str, list[str], int]]:
    """(module, names, line) for every import in a file, at any depth, outside
    ``if TYPE_CHECKING:`` blocks (those never run)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    pending: list[ast.AST] = [ast.parse(path.read_text("utf-8"))]
    while pending:
        node = pending.pop()
        for child in ast.iter_child_nodes(node):
            if _type_checking_block(child):
                continue
            if isinstance(child, ast.Import):
                for alias in child.names:
                    yield alias.name, [], child.lineno
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    parts = package.split(".")
                    parts = parts[: len(parts) - child.level + 1]
                    base = ".".join([*parts, base] if base else parts)
                yield base, [a.name for a in child.names], child.lineno
            pending.append(child)


def import_graph() -> dict[str, set[str]]:
    """Which of the package's modules each module imports (a ``from pkg import mod`` counts as
    an import of ``pkg.mod``)."""
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        edges = graph.setdefault(name, set())
        for module, names, _ in imports_of(path, name):
            if not module.startswith("sbcm_tui"):
                continue
            subs = [f"{module}.{n}" for n in names if f"{module}.{n}" in MODULES]
            edges.update(subs or [module])
        edges.discard(name)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in graph:
                continue
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_no_two_modules_import_each_other_even_inside_functions() -> None:
    assert cycles(import_graph()) == []


def test_no_module_imports_a_private_name_of_another() -> None:
    roots = [PACKAGE, ROOT / "benchmarks", ROOT / "data", ROOT / "tests"]
    offenders = []
    for root in roots:
        for path in sorted(root.rglob("*.py")):
            for module, names, line in imports_of(path, "sbcm_tui._outside"):
                ours = module.startswith("sbcm_tui") or (root / f"{module}.py").exists()
                private = [n for n in names if n.startswith("_") and not n.startswith("__")]
                if ours and private:
                    offenders.append(f"{path.relative_to(ROOT)}:{line}: {', '.join(private)}")
    assert offenders == []


CHECK = """
import importlib, json, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
print(json.dumps(sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))))
"""


def test_the_domain_runs_without_textual() -> None:
    """Importing every domain module loads no Textual: a runtime check beside the contract,
    since a contract reads imports and a module can also load one by name."""
    domain = sorted(m for m in MODULES if m.split(".")[1:2] and m.split(".")[1] in DOMAIN)
    assert len(domain) > 30
    result = subprocess.run(
        [sys.executable, "-c", CHECK, *domain], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_start_up_loads_neither_the_case_model_nor_what_only_some_commands_need() -> None:
    """What `sbcm` imports before the first paint: the app's options and the app module. The
    case model (pydantic), the outcomes (counted by `sbcm report` and the dashboard), the team
    sync (git work) and status, the open case's session, the text editor (the caseload has
    none), the screens shown only now and then (a save conflict, the encryption offer) and the
    subcommands load when first used, not at every start; the full parser (`sbcm --help`)
    loads no heavy module either."""
    probe = (
        "import json, sys\n"
        "from sbcm_tui import cli\n"
        "cli.parse_arguments(['--demo'])\n"
        "import sbcm_tui.tui.app\n"
        "heavy = ('pydantic', 'sbcm_tui.core.case', 'sbcm_tui.insight.outcomes',\n"
        "         'sbcm_tui.team.sync', 'sbcm_tui.team.merge', 'textual.widgets._text_area',\n"
        "         'sbcm_tui.tui.modals.conflict', 'sbcm_tui.tui.screens.encryption_setup',\n"
        "         'sbcm_tui.files.session', 'sbcm_tui.team.status')\n"
        "commands = tuple(f'sbcm_tui.cli.{name}' for name in cli.COMMANDS)\n"
        "at_start = sorted(m for m in heavy + commands if m in sys.modules)\n"
        "cli.build_parser()\n"
        "print(json.dumps([at_start, sorted(m for m in heavy if m in sys.modules)]))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == [[], []]
