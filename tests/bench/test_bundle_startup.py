"""Benchmark: start-up of the built bundle and of the source app, against a bare PySide6 window.

Budget (ARCHITECTURE.md): with a one-year profile, each at most 2x the bare "hello" window
measured in the same run. Peak memory (max resident set) of each is reported too.
Needs the bundle: `make bundle` first (skipped with a message otherwise). Run with
`make bench` or `./scripts/test.sh -s tests/bench/test_bundle_startup.py`.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

import pytest
from bench_helpers import HELLO, ROOT, child_env, precompile

BUNDLE = ROOT / "dist" / "supportback" / "supportback"
RUNS = 7
MAX_RATIO = 2.0




def _measured(args: list[str]) -> tuple[float, float, str]:
    """Wall time (s), peak resident memory (MB) and output of one run of `args`."""
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=child_env(), cwd=ROOT)
    out = process.stdout.read().decode(errors="replace")
    _pid, status, usage = os.wait4(process.pid, 0)  # this child's own peak memory, not all children's
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stdout.close()
    assert process.returncode == 0, f"{args} failed:\n{out}"
    return elapsed, usage.ru_maxrss / 1024, out


def test_bundle_and_source_start_within_twice_a_bare_hello_window(tmp_path):
    precompile()
    if not BUNDLE.exists():
        pytest.skip(f"no bundle at {BUNDLE.relative_to(ROOT)}: build it with `make bundle`, then run this again")
    data = tmp_path / "data"
    made = subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data), "demo", "--days", "365"],
                          capture_output=True, text=True, env=child_env(), cwd=ROOT, check=False)
    assert made.returncode == 0, made.stderr
    app_args = ["--data-dir", str(data), "--profile", "Demo", "--smoke-test"]
    commands = {
        "bare PySide6 hello": [sys.executable, "-c", HELLO],
        "source: python -m desktop --smoke-test": [sys.executable, "-m", "desktop", *app_args],
        "bundle: dist/supportback/supportback --smoke-test": [str(BUNDLE), *app_args],
    }
    for args in commands.values():  # one untimed run of each: all start with warm file caches
        _measured(args)
    times = {name: [] for name in commands}
    memory = {name: [] for name in commands}
    for _ in range(RUNS):  # interleaved, so drift in machine load hits all alike
        for name, args in commands.items():
            elapsed, peak_mb, _out = _measured(args)
            times[name].append(elapsed * 1000)
            memory[name].append(peak_mb)

    hello = statistics.median(times["bare PySide6 hello"])
    print(f"\n[bench bundle] 1-year demo profile, {RUNS} interleaved runs, wall time to exit after first paint")
    ratios = {}
    for name in commands:
        median = statistics.median(times[name])
        ratios[name] = median / hello
        print(f"[bench bundle] {name}: median {median:.0f} ms, ratio {ratios[name]:.2f}, "
              f"peak memory {max(memory[name]):.0f} MB  (runs: {', '.join(f'{t:.0f}' for t in times[name])})")
    print(f"[bench bundle] budget: ratio <= {MAX_RATIO}")
    slow = {name: f"{ratio:.2f}x" for name, ratio in ratios.items() if ratio > MAX_RATIO}
    assert not slow, f"start-up over {MAX_RATIO}x a bare hello window: {slow}"
