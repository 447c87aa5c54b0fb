"""docs/safety/hazard-log.md stays true: every hazard the clinical review named is there, each
with at least one test as evidence; every test id it names exists and passes; every risk figure
follows the DCB0129 matrix. Renaming or removing a named test fails here.

The named tests are collected and run in a subprocess (pytest --collect-only, then the ids), so
this file never runs itself; the slow ones (simulations) run in a test of their own.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOG = ROOT / "docs" / "safety" / "hazard-log.md"
CASE = ROOT / "docs" / "safety" / "clinical-safety-case.md"
TEST_ID = re.compile(r"`(tests/[\w/]+\.py::[\w\[\]\-.,]+)`")
FIGURES = re.compile(r"severity (\d), likelihood (\d), risk (\d)")
# DCB0129's matrix: MATRIX[likelihood][severity], both 1-5.
MATRIX = {5: (3, 4, 4, 5, 5), 4: (2, 3, 3, 4, 5), 3: (2, 2, 3, 3, 4), 2: (1, 2, 2, 3, 4), 1: (1, 1, 2, 2, 3)}
# The hazards the outside clinical review and the issue asked for, by a word of their titles.
REQUIRED = ("cauda equina", "cancer", "infection", "fracture", "inflammatory", "alert fatigue", "pregnancy",
            "deterioration", "distress", "statistics", "summary", "reminders", "goals", "profile", "data loss",
            "sync", "expected", "not answered",  # issue 16/17: before-and-after ratings, walking not answered
            "call request",  # issue 21: "I'd like to talk to a physio"
            "measured steps")  # issue 23: steps from a phone or watch


def hazards() -> dict[str, str]:
    """Hazard title -> its section of the log."""
    text = LOG.read_text(encoding="utf-8")
    parts = re.split(r"^## (H-\d\d .+)$", text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2]))


def named_ids() -> list[str]:
    return sorted({test_id for section in hazards().values() for test_id in TEST_ID.findall(section)})


def _pytest(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=1200)


@cache
def collected() -> frozenset[str]:
    files = sorted({test_id.split("::")[0] for test_id in named_ids()})
    result = _pytest("--collect-only", "-q", *files)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return frozenset(line.strip() for line in result.stdout.splitlines() if "::" in line)


def test_every_hazard_the_review_named_is_logged():
    titles = " | ".join(hazards()).lower()
    missing = [word for word in REQUIRED if word not in titles]
    assert not missing, f"no hazard about: {', '.join(missing)}"
    assert CASE.exists(), "the clinical safety case belongs beside the log"


@pytest.mark.parametrize("title", list(hazards()))
def test_each_hazard_has_its_parts_figures_from_the_matrix_and_evidence(title):
    section = hazards()[title]
    for part in ("**Hazard**", "**Cause**", "**Effect**", "**Initial risk**", "**Mitigations**",
                 "**Residual risk**", "**Evidence**"):
        assert part in section, f"{title}: no {part}"
    figures = [tuple(map(int, found)) for found in FIGURES.findall(section)]
    assert len(figures) == 2, f"{title}: expected initial and residual figures, found {figures}"
    for severity, likelihood, risk in figures:
        assert MATRIX[likelihood][severity - 1] == risk, f"{title}: S{severity} L{likelihood} is risk " \
                                                         f"{MATRIX[likelihood][severity - 1]}, not {risk}"
    (_, _, initial), (_, _, residual) = figures
    assert residual <= initial and residual <= 3, f"{title}: residual risk {residual} is not acceptable"
    assert TEST_ID.findall(section.split("**Evidence**")[1]), f"{title}: no test named as evidence"


def test_every_named_test_exists():
    ids = named_ids()
    assert not [i for i in ids if i.startswith("tests/unit/test_hazard_log.py")], "the log cannot name its own check"
    found = collected()
    # A parametrised test may be named without its parameters: then every case is the evidence.
    missing = [test_id for test_id in ids if test_id not in found
               and not any(c.startswith(test_id + "[") for c in found)]
    assert not missing, "named in the hazard log but not collected (renamed or removed?):\n" + "\n".join(missing)


@pytest.mark.slow
def test_every_named_test_passes():
    result = _pytest("-q", "-m", "not slow", *named_ids())
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]


@pytest.mark.slow
def test_every_named_slow_test_passes():
    result = _pytest("-q", "-m", "slow", *named_ids())
    assert result.returncode in (0, 5), result.stdout[-5000:] + result.stderr[-2000:]  # 5: none is slow
