"""Layering: only desktop/ui may import Qt (PySide6, shiboken6) or pyqtgraph.

So the command line, the store and the exchange code run (and start fast) without Qt, and
the import direction stays ui -> store/exchange -> content/domain (ARCHITECTURE.md).
Imports by string (importlib.import_module("PySide6")) are out of scope for the AST check;
the subprocess check below catches them for the core modules anyway.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Not "from conftest import ...": with tests/ui/conftest.py present, the name "conftest" is ambiguous.
ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "desktop"
UI = PACKAGE / "ui"
GUI_LIBRARIES = frozenset({"PySide6", "pyqtgraph", "shiboken6"})


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(source: str, module: str = "", is_package: bool = False) -> list[tuple[int, str]]:
    """Every module a source file imports, anywhere in it (also inside functions and
    ``if TYPE_CHECKING:``), as (line, absolute dotted name). Relative imports are resolved
    against ``module``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                prefix = ".".join(base)
                target = f"{prefix}.{node.module}" if node.module else prefix
                names = [target] if node.module else [f"{prefix}.{alias.name}" for alias in node.names]
            else:
                target = node.module or ""
                names = [target] + [f"{target}.{alias.name}" for alias in node.names]
            found += [(node.lineno, name) for name in names]
    return found


def forbidden_imports(source: str, forbidden: frozenset[str] | set[str], module: str = "",
                      is_package: bool = False) -> list[str]:
    """Imports of any forbidden top-level package or module prefix, as 'line N: name'."""
    problems = []
    for line, name in imported_modules(source, module, is_package):
        if any(name == f or name.startswith(f + ".") for f in forbidden):
            problems.append(f"line {line}: {name}")
    return sorted(set(problems), key=lambda p: (int(p.split()[1].rstrip(":")), p))


def _python_files(folder: Path):
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def _violations(files, forbidden) -> list[str]:
    result = []
    for path in files:
        problems = forbidden_imports(path.read_text(encoding="utf-8"), forbidden, _module_name(path),
                                     path.name == "__init__.py")
        result += [f"{path.relative_to(ROOT)} {problem}" for problem in problems]
    return result


# The checker itself can fail ------------------------------------------------------------

@pytest.mark.parametrize("source", [
    "import PySide6",
    "import PySide6.QtWidgets as qw",
    "from PySide6.QtCore import QTimer",
    "from PySide6 import QtCore",
    "import os, pyqtgraph",
    "import shiboken6",
    "def later():\n    import pyqtgraph as pg\n    return pg",
    "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from PySide6.QtGui import QColor",
    "try:\n    from pyqtgraph.Qt import QtCore\nexcept ImportError:\n    pass",
])
def test_checker_finds_gui_imports(source):
    assert forbidden_imports(source, GUI_LIBRARIES), source


@pytest.mark.parametrize("source", [
    "import os\nfrom pathlib import Path",
    "from desktop.store.database import open_database",
    "import PySide  # a different, old package\nimport pyqtgraphics",
    "x = 'import PySide6'\n# from PySide6 import QtCore",
    "import importlib\nimportlib.import_module('PySide6')  # strings are out of scope",
])
def test_checker_ignores_other_imports(source):
    assert forbidden_imports(source, GUI_LIBRARIES) == []


def test_checker_resolves_relative_imports():
    assert forbidden_imports("from ..ui import app", {"desktop.ui"}, "desktop.store.diary_service") == [
        "line 1: desktop.ui"]
    assert forbidden_imports("from . import ui", {"desktop.ui"}, "desktop", is_package=True) == ["line 1: desktop.ui"]
    assert forbidden_imports("from .engine import writer", {"desktop.ui"}, "desktop.store.database") == []


def test_checker_reports_each_import_with_its_line():
    source = "import os\n\nfrom pyqtgraph import PlotWidget\nimport PySide6.QtCore\n"
    assert forbidden_imports(source, GUI_LIBRARIES, "desktop.store.example") == [
        "line 3: pyqtgraph", "line 3: pyqtgraph.PlotWidget", "line 4: PySide6.QtCore"]


# The rules, applied to the real package ---------------------------------------------------

def test_the_scan_covers_the_package():
    outside_ui = [p for p in _python_files(PACKAGE) if UI not in p.parents]
    names = {p.relative_to(PACKAGE).as_posix() for p in outside_ui}
    assert {"cli/dispatch.py", "store/diary_service.py", "exchange/diary_csv.py", "domain/diary.py",
            "system/scheduler.py"} <= names
    assert not any(n.startswith("ui/") for n in names)


def test_only_ui_imports_qt_or_pyqtgraph():
    outside_ui = [p for p in _python_files(PACKAGE) if UI not in p.parents]
    assert _violations(outside_ui, GUI_LIBRARIES) == []


def test_core_layers_do_not_import_the_ui():
    # cli.py and doctor.py are entry points and may reach into desktop.ui lazily;
    # the layers below them must not.
    # system/ (the computer's scheduler and notifications) sits beside exchange.
    core = [p for layer in ("store", "exchange", "system", "content", "domain") for p in _python_files(PACKAGE / layer)]
    assert _violations(core, {"desktop.ui"}) == []


def test_domain_is_plain_python():
    assert _violations(_python_files(PACKAGE / "domain"), {"sqlalchemy", "alembic", "desktop.store",
                                                           "desktop.exchange", "desktop.system"}) == []


def test_core_modules_import_without_qt():
    code = (
        "import sys\n"
        "import desktop.store.diary_service, desktop.exchange.diary_csv, desktop.domain.demo, desktop.content.loader\n"
        "import desktop.cli, desktop.cli.remind, desktop.system.scheduler, desktop.system.notify\n"
        "gui = sorted(m for m in sys.modules if m.split('.')[0] in {'PySide6', 'pyqtgraph', 'shiboken6'})\n"
        "print(','.join(gui) or 'none')\n"
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    result = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, env=env, cwd=ROOT,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "none", f"importing the core loaded Qt modules: {result.stdout.strip()}"
