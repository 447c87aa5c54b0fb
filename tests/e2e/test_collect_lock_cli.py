"""Point 7 of issue 15: two collects into one folder. The second refuses at once, in one line
with exit code 1, and changes nothing; the first finishes and reports only its own files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from cli_helpers import ROOT, clinic_keygen, run_cli

# The first collect, in its own process, stopped just after it has taken the folder's lock and
# before it checks any file, until the test writes a line to it.
_PAUSED_COLLECT = """
import sys
from desktop import cli
from desktop.exchange import collect

real = collect.Collector.collect_files

def collect_files(self, paths):
    print("collecting", flush=True)
    sys.stdin.readline()
    return real(self, paths)

collect.Collector.collect_files = collect_files
sys.exit(cli.main(sys.argv[1:]))
"""


def _start_paused(*args: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.Popen([sys.executable, "-c", _PAUSED_COLLECT, *args], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)


def test_point7_a_second_collect_into_the_same_folder_refuses_at_once_and_changes_nothing(tmp_path):
    recipient, identity = clinic_keygen(tmp_path)
    assert run_cli("demo", "--days", "30").returncode == 0
    exports = [tmp_path / "one.age", tmp_path / "two.age"]
    for target in exports:
        assert run_cli("export", "--recipient", recipient, "--out", str(target)).returncode == 0
    out = tmp_path / "research"
    first = _start_paused("research", "collect", "--identity", str(identity), "--out", str(out), "--no-parquet",
                          str(exports[0]))
    try:
        assert first.stdout.readline() == "collecting\n", first.stderr.read()
        before = sorted(p.name for p in out.rglob("*"))
        started = time.perf_counter()
        second = run_cli("research", "collect", "--identity", str(identity), "--out", str(out), "--no-parquet",
                         str(exports[1]), timeout=60)
        assert time.perf_counter() - started < 20  # at once, not after the first one
        assert second.returncode == 1
        assert second.stderr.splitlines() == [f"supportback: Another collect is writing to {out}; wait for it to "
                                              "finish (nothing was changed)."]
        assert second.stdout == ""
        assert sorted(p.name for p in out.rglob("*")) == before
        # another folder is not held up
        elsewhere = run_cli("research", "collect", "--identity", str(identity), "--out", str(tmp_path / "other"),
                            "--no-parquet", str(exports[1]), timeout=60)
        assert elsewhere.returncode == 0, elsewhere.stderr
        first.stdin.write("go\n")
        first.stdin.flush()
        assert first.wait(60) == 0, first.stderr.read()
    finally:
        if first.poll() is None:
            first.kill()
        first.communicate()
    report = json.loads((out / "collect-report.json").read_text())
    assert [(os.path.basename(f["file"]), f["status"]) for f in report["files"]] == [("one.age", "accepted")]
    # the folder is free again once the first has finished
    again = run_cli("research", "collect", "--identity", str(identity), "--out", str(out), "--no-parquet",
                    str(exports[1]), timeout=60)
    assert again.returncode == 0 and "1 accepted" in again.stdout, again.stderr


def test_point7_a_killed_collect_leaves_the_folder_free(tmp_path):
    recipient, identity = clinic_keygen(tmp_path)
    assert run_cli("demo", "--days", "10").returncode == 0
    export = tmp_path / "one.age"
    assert run_cli("export", "--recipient", recipient, "--out", str(export)).returncode == 0
    out = tmp_path / "research"
    args = ("research", "collect", "--identity", str(identity), "--out", str(out), "--no-parquet", str(export))
    first = _start_paused(*args)
    assert first.stdout.readline() == "collecting\n", first.stderr.read()
    first.kill()
    first.communicate()
    assert (out / "collect.lock").exists()  # the file stays; the lock went with the process
    again = run_cli(*args, timeout=60)
    assert again.returncode == 0 and "1 accepted" in again.stdout, again.stderr


def test_collect_without_the_research_extra_says_in_one_line_how_to_install_it(tmp_path):
    recipient, identity = clinic_keygen(tmp_path)
    hidden = tmp_path / "no-extra" / "duckdb"
    hidden.mkdir(parents=True)
    (hidden / "__init__.py").write_text("raise ImportError('No module named duckdb')\n")  # as if not installed
    search = os.pathsep.join([str(hidden.parent), str(ROOT), os.environ.get("PYTHONPATH", "")])
    env = dict(os.environ, PYTHONPATH=search)
    result = subprocess.run([sys.executable, "-m", "desktop", "research", "collect", "--identity", str(identity),
                             "--out", str(tmp_path / "out"), str(tmp_path)], capture_output=True, text=True, env=env,
                            cwd=ROOT, timeout=120)
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["supportback: research collect needs the research extra (DuckDB): install "
                                          "it with pip install 'supportback-desktop[research]'"]
    assert not (tmp_path / "out").exists()
