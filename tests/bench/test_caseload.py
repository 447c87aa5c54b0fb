"""Benchmark: the clinic caseload opens 1,000 exports (issue 21: in under 10 s on this machine).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q -s tests/bench/test_caseload.py
    SUPPORTBACK_BENCH_CASELOAD=3000 ... (another number of exports)

Each export is a one-year demo profile's data as its own patient (participant id, study code,
device key), signed and encrypted as the app does; one in fifty asked for a call, one in a
hundred answered a red-flag question, one in ten stopped the diary, and ten files are damaged.
Measured: `clinic caseload FOLDER --json` from the command line (the process start, the key,
every file decrypted and checked, the order, the JSON), and the same folder read a second
time in one process (the window's watcher: only new files are checked).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time

from caseload_helpers import TODAY, new_patient, patient_data, sources, tamper, write_export
from cli_helpers import clinic_keygen, run_cli

from desktop.exchange.age_files import BoundedDecryptor
from desktop.exchange.caseload import CaseloadReader

EXPORTS = int(os.environ.get("SUPPORTBACK_BENCH_CASELOAD", "1000"))
LIMIT_SECONDS = 10.0


def test_the_caseload_opens_1000_exports_within_10_seconds(tmp_path, data_root):
    recipient, identity = clinic_keygen(tmp_path)
    secret = next(line for line in identity.read_text().splitlines() if line.startswith("AGE-SECRET-KEY-"))
    made = sources(tmp_path / "sources", recipient, secret, days=365)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    started = time.perf_counter()
    for n in range(EXPORTS):
        p = new_patient(f"S{n:04d}", n)
        path = write_export(inbox, recipient, patient_data(
            made.plain, p, call_requests=made.call_requests if n % 50 == 1 else None,
            emergency=made.emergency if n % 100 == 7 else None,
            diary_until=TODAY - dt.timedelta(days=9) if n % 10 == 3 else None), p)
        if n % 100 == 50:
            tamper(path)
    made_in = time.perf_counter() - started
    size = sum(p.stat().st_size for p in inbox.iterdir()) / EXPORTS / 1024

    started = time.perf_counter()
    result = run_cli("--data-dir", str(data_root), "clinic", "caseload", str(inbox), "--identity", str(identity),
                     "--json", timeout=300)
    cli_seconds = time.perf_counter() - started
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    damaged = EXPORTS // 100
    assert len(listed["patients"]) == EXPORTS - damaged and len(listed["rejected"]) == damaged
    assert listed["patients"][0]["needs"][0] == "safety"

    with BoundedDecryptor(secret) as key:
        reader = CaseloadReader(inbox, key)
        started = time.perf_counter()
        reader.read(TODAY)
        first = time.perf_counter() - started
        started = time.perf_counter()
        reader.read(TODAY)
        again = time.perf_counter() - started
    print(f"\ncaseload of {EXPORTS} exports ({size:.0f} KiB each, one-year diaries; made in {made_in:.1f} s): "
          f"`clinic caseload --json` {cli_seconds:.2f} s ({EXPORTS / cli_seconds:.0f} files/s); "
          f"in one process {first:.2f} s, read again (nothing new) {again:.3f} s")
    assert cli_seconds < LIMIT_SECONDS * EXPORTS / 1000
