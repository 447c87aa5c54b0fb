"""The house rule: no module over 400 lines, so each stays readable by the next person."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 400


def long_modules(folders: list[Path]) -> dict[str, int]:
    found = {}
    for folder in folders:
        for path in folder.rglob("*.py"):
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > LIMIT:
                found[path.name] = lines
    return found


def test_no_module_is_over_400_lines():
    too_long = long_modules([ROOT / "desktop", ROOT / "scripts", ROOT / "videos"])
    assert not too_long, f"over {LIMIT} lines: {too_long}"


def test_the_check_finds_a_long_module_and_passes_a_short_one(tmp_path):
    (tmp_path / "long.py").write_text("x = 1\n" * (LIMIT + 1), encoding="utf-8")
    (tmp_path / "short.py").write_text("x = 1\n" * LIMIT, encoding="utf-8")
    assert long_modules([tmp_path]) == {"long.py": LIMIT + 1}
