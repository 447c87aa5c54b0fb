"""The house rule: no module over 400 lines, so each stays readable by the next person."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 400


def test_no_module_is_over_400_lines():
    too_long = {}
    for folder in ("desktop", "scripts", "videos"):
        for path in (ROOT / folder).rglob("*.py"):
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > LIMIT:
                too_long[str(path.relative_to(ROOT))] = lines
    assert not too_long, f"over {LIMIT} lines: {too_long}"


def test_the_check_sees_a_long_module(tmp_path):
    long_one = tmp_path / "long.py"
    long_one.write_text("x = 1\n" * (LIMIT + 1), encoding="utf-8")
    assert len(long_one.read_text(encoding="utf-8").splitlines()) > LIMIT
