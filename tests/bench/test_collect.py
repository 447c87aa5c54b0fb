"""Benchmark: collecting N synthetic one-year exports against bare decryption of the same files.

    ./scripts/test.sh -s tests/bench/test_collect.py                       # N = 200 (seconds)
    SUPPORTBACK_BENCH_EXPORTS=10000 ./scripts/test.sh -s tests/bench/test_collect.py

Each synthetic participant is a one-year profile (a year of diary days, six sessions,
questionnaires and a day's worth of usage events per diary day) with its own participant
id, device key and row ids, signed and encrypted as the app does. Measured in one run, one
export per participant (issue 20's budgets): files a second for bare in-process pyrage
decryption, for the standard `age` command run once per file (skipped when it is not
installed), and for the whole collection into OUT/collect.duckdb with its CSV and Parquet
tables; their ratios (at least 0.2 of bare decryption, at least 2x the `age` command); peak
memory of the collector and of its checking processes (under 1 GiB); and the time to add
100 more exports to the collection against the time per file of the first run (adding
costs in proportion to the 100, plus writing the tables).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import resource
import shutil
import subprocess
import time
import uuid

import pyrage
from exchange_helpers import clinic_key, decrypt_document, demo_profile, make_export
from pyrage import x25519

from desktop.exchange import collect as collecting
from desktop.exchange import payload
from desktop.security.device_key import new_private_key
from desktop.store.export_state import ExportTicket

EXPORTS = int(os.environ.get("SUPPORTBACK_BENCH_EXPORTS", "200"))


def _one_year_template(tmp_path, recipient, secret) -> dict:
    database = demo_profile(tmp_path / "data", days=365)
    path = make_export(database, recipient, tmp_path / "template.age")
    database.close()
    data = decrypt_document(path, secret)["data"]
    base = dt.datetime(2025, 3, 16, 19, 0)
    data["events"] += [  # a diary_saved event per day, as the app records
        {"uuid": "", "kind": "diary_saved", "detail": {"day": d["date"]},
         "occurred_at": payload.timestamp(base + dt.timedelta(days=i)),
         "updated_at": payload.timestamp(base + dt.timedelta(days=i))}
        for i, d in enumerate(data["diary"])]
    data["events"].sort(key=lambda e: e["occurred_at"])  # as the app lists them
    return data


def _synthetic(template: dict, rng: random.Random, exports_each: int = 1) -> list[bytes]:
    """A new participant's exports (plaintexts): the first as _one_year_template; each later one
    with a week's diary days changed since, as a device exporting again would send."""
    data = json.loads(json.dumps(template))
    participant = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    data["participant"]["participant_id"] = participant
    for section in ("sessions", "goals", "diary", "questionnaires", "events"):
        for row in data[section]:
            row["uuid"] = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    for day in data["diary"]:
        day["pain"] = rng.randint(0, 10)
        day["walking_minutes"] = rng.randint(0, 90)
    if data["programme"]:
        data["programme"]["uuid"] = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    device_key = new_private_key()
    latest = dt.datetime.fromisoformat(max(day["updated_at"] for day in data["diary"]).rstrip("Z"))
    made = []
    for sequence in range(1, exports_each + 1):
        if sequence > 1:
            for day in rng.sample(data["diary"], 7):
                day["pain"] = rng.randint(0, 10)
                day["updated_at"] = payload.timestamp(latest + dt.timedelta(days=sequence, seconds=rng.randint(0, 999)))
        ticket = ExportTicket(participant, device_key, sequence)
        made.append(payload.encode(payload.build_document(data, ticket, dt.date(2026, 3, 15))))
    return made


def _peak_mib(who) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def test_collect_throughput_memory_and_adding_100(tmp_path):
    try:
        _measure(tmp_path)
    finally:  # 10,000 exports and their tables take some GB: gone now, not left for the next runs
        for made in ("exports", "more", "out"):
            shutil.rmtree(tmp_path / made, ignore_errors=True)


def _write_exports(folder, template, rng, recipient, first: int, count: int) -> int:
    folder.mkdir()
    key = [x25519.Recipient.from_str(recipient)]
    total = 0
    for n in range(first, first + count):
        (plaintext,) = _synthetic(template, rng)
        encrypted = pyrage.encrypt(plaintext, key)
        total += len(encrypted)
        (folder / f"p{n:06d}.age").write_bytes(encrypted)
    return total


def _measure(tmp_path) -> None:
    count = EXPORTS
    secret, recipient, identity_file = clinic_key(tmp_path)
    template = _one_year_template(tmp_path, recipient, secret)
    rng = random.Random(7)
    started = time.perf_counter()
    total_bytes = _write_exports(tmp_path / "exports", template, rng, recipient, 0, count)
    _write_exports(tmp_path / "more", template, rng, recipient, count, 100)
    made = time.perf_counter() - started
    del template
    os.sync()  # the files just written go to disk now, not while a measurement runs

    files = sorted((tmp_path / "exports").iterdir())
    identity = [x25519.Identity.from_str(secret)]
    started = time.perf_counter()
    for path in files:
        pyrage.decrypt(path.read_bytes(), identity)
    bare = time.perf_counter() - started

    age_seconds = None
    if shutil.which("age"):  # what a researcher without us would run first, one file at a time
        sample = files[: min(len(files), 500)]
        started = time.perf_counter()
        for path in sample:
            subprocess.run(["age", "--decrypt", "-i", str(identity_file), str(path)], check=True,
                           stdout=subprocess.DEVNULL)
        age_seconds = (time.perf_counter() - started) / len(sample) * count

    peak_before = _peak_mib(resource.RUSAGE_SELF)
    times_before = os.times()
    checked: list = []
    started = time.perf_counter()
    report = collecting.collect([tmp_path / "exports"], tmp_path / "out", secret,
                                writing_tables=lambda: checked.append(time.perf_counter()))
    collected = time.perf_counter() - started
    assert report["accepted"] == count and report["rejected"] == 0
    merged = checked[0] - started
    times_after = os.times()

    added_checked: list = []
    started = time.perf_counter()
    report = collecting.collect([tmp_path / "more"], tmp_path / "out", secret,
                                writing_tables=lambda: added_checked.append(time.perf_counter()))
    added = time.perf_counter() - started
    assert report["accepted"] == 100
    added_merged = added_checked[0] - started

    ratio = bare / collected
    print(f"\n{count} one-year exports (one per participant), {total_bytes / count / 1024:.0f} KiB each on average "
          f"(made in {made:.1f} s)")
    print(f"bare decryption: {count / bare:8.1f} files/s ({bare:.2f} s)")
    print(f"collect:         {count / collected:8.1f} files/s ({collected:.2f} s: checking and merging {merged:.2f} s, "
          f"writing the tables (CSV and Parquet) {collected - merged:.2f} s)")
    print(f"ratio collect/bare decryption: {ratio:.3f} (target >= 0.2)")
    parent = times_after.user + times_after.system - times_before.user - times_before.system
    children = (times_after.children_user + times_after.children_system - times_before.children_user
                - times_before.children_system)
    print(f"CPU per file: checking processes {children / count * 1000:.2f} ms, collector (merging in DuckDB, "
          f"writing the tables) {parent / count * 1000:.2f} ms; bare decryption {bare / count * 1000:.2f} ms")
    if age_seconds is not None:
        print(f"age command one by one: {count / age_seconds:8.1f} files/s; collect is {age_seconds / collected:.2f}x "
              "faster (target >= 2)")
    print(f"peak memory: collector {_peak_mib(resource.RUSAGE_SELF):.0f} MiB "
          f"(before collecting {peak_before:.0f} MiB), "
          f"checking processes {_peak_mib(resource.RUSAGE_CHILDREN):.0f} MiB (target < 1024)")
    print(f"adding 100 exports to the {count}: {added:.2f} s (checking and merging {added_merged:.2f} s, "
          f"{added_merged / 100 * 1000:.1f} ms a file against {merged / count * 1000:.1f} ms a file in the first run; "
          f"writing the tables {added - added_merged:.2f} s)")
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    assert ratio >= 0.2
    assert _peak_mib(resource.RUSAGE_SELF) < 1024 and _peak_mib(resource.RUSAGE_CHILDREN) < 1024
    assert added_merged / 100 < 5 * max(merged / count, 0.001)  # per file, not per file collected so far
    if age_seconds is not None:
        assert age_seconds / collected >= 2
