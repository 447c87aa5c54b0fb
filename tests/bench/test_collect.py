"""Benchmark: collecting N synthetic one-year exports against bare decryption of the same files.

    ./scripts/test.sh -s tests/bench/test_collect.py                       # N = 200 (seconds)
    SUPPORTBACK_BENCH_EXPORTS=10000 ./scripts/test.sh -s tests/bench/test_collect.py

Each synthetic participant is a one-year profile (a year of diary days, six sessions,
questionnaires and a day's worth of usage events per diary day) with its own participant
id, device key and row ids, signed and encrypted as the app does; measured twice: one export
per participant, and three per participant (each later one with a week of changed days, so
most files are merged into stored lines). Reported for each: files a second
for bare in-process pyrage decryption and for the whole collection into the CSV tables
(decrypt, decode and validate, signature, CSV lines in two time-limited children; pinning,
ledger and the tables in the parent), their ratio (the ARCHITECTURE.md target is at least
1/3), the extra time of the Parquet copies (research extra) on their own, and peak memory
of the collector and of its children.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import resource
import shutil
import time
import uuid

import pyrage
import pytest
from exchange_helpers import clinic_key, decrypt_document, demo_profile, make_export
from pyrage import x25519

from desktop.exchange import collect as collecting
from desktop.exchange import parquet_tables, payload
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


@pytest.mark.parametrize("exports_each", [1, 3], ids=["new-participants", "three-exports-each"])
def test_collect_throughput_against_bare_decryption(tmp_path, exports_each):
    """One export per participant (the ARCHITECTURE.md budget), and three per participant, side
    by side in the folder (a study collecting every export at its end: most files are merged)."""
    try:
        _measure(tmp_path, exports_each)
    finally:  # 10,000 exports and their tables take about 4 GB: gone now, not left for the next runs
        for made in ("exports", "out"):
            shutil.rmtree(tmp_path / made, ignore_errors=True)


def _measure(tmp_path, exports_each: int) -> None:
    count = EXPORTS // exports_each * exports_each
    secret, recipient, _ = clinic_key(tmp_path)
    template = _one_year_template(tmp_path, recipient, secret)
    rng = random.Random(7)
    folder = tmp_path / "exports"
    folder.mkdir()
    key = [x25519.Recipient.from_str(recipient)]
    started = time.perf_counter()
    total_bytes = 0
    for n in range(count // exports_each):
        for sequence, plaintext in enumerate(_synthetic(template, rng, exports_each), 1):
            encrypted = pyrage.encrypt(plaintext, key)
            total_bytes += len(encrypted)
            (folder / f"p{n:05d}-{sequence}.age").write_bytes(encrypted)
    made = time.perf_counter() - started
    del template
    os.sync()  # the files just written go to disk now, not while either measurement runs

    files = sorted(folder.iterdir())
    identity = [x25519.Identity.from_str(secret)]
    started = time.perf_counter()
    for path in files:
        pyrage.decrypt(path.read_bytes(), identity)
    bare = time.perf_counter() - started

    peak_before = _peak_mib(resource.RUSAGE_SELF)
    usage_before = resource.getrusage(resource.RUSAGE_SELF)
    times_before = os.times()
    collect_started = time.perf_counter()
    checked: list = []  # (when, os.times()) as every file is merged and the tables are being written
    report = collecting.collect([folder], tmp_path / "out", secret, parquet=False,
                                writing_tables=lambda: checked.append((time.perf_counter(), os.times())))
    collected = time.perf_counter() - collect_started
    times_after = os.times()
    usage_after = resource.getrusage(resource.RUSAGE_SELF)
    assert report["accepted"] == count and report["rejected"] == 0
    parquet_seconds = None
    if parquet_tables.available():  # the research extra's Parquet copies, timed on their own
        started = time.perf_counter()
        with collecting.Collector(tmp_path / "out", secret) as collector:
            collector.write_parquet()
        parquet_seconds = time.perf_counter() - started

    ratio = (count / collected) / (count / bare)
    print(f"\n{count} one-year exports ({exports_each} per participant), {total_bytes / count / 1024:.0f} KiB "
          f"each on average "
          f"(made in {made:.1f} s)")
    print(f"bare decryption: {count / bare:8.1f} files/s ({bare:.2f} s)")
    print(f"collect:         {count / collected:8.1f} files/s ({collected:.2f} s)")
    print(f"ratio collect/bare: {ratio:.3f} (target >= 0.333; CSV tables)")
    children = times_after.children_user + times_after.children_system - times_before.children_user \
        - times_before.children_system
    parent = times_after.user + times_after.system - times_before.user - times_before.system
    parent_system = times_after.system - times_before.system
    print(f"CPU per file: checking children {children / count * 1000:.2f} ms, collector {parent / count * 1000:.2f} "
          f"ms ({parent_system / count * 1000:.2f} ms of it in the kernel: syncs and table copies) (bare decryption "
          f"{bare / count * 1000:.2f} ms); a busy host shows as more CPU for the same work")
    (tables_started, times_checked), = checked
    print(f"phases: checking and merging {tables_started - collect_started:.2f} s (collector CPU "
          f"{(times_checked.user + times_checked.system - times_before.user - times_before.system) / count * 1000:.2f}"
          f" ms per file, {(times_checked.system - times_before.system) / count * 1000:.2f} ms of it in the kernel), "
          f"writing the tables {collect_started + collected - tables_started:.2f} s (collector CPU "
          f"{times_after.user + times_after.system - times_checked.user - times_checked.system:.2f} s, "
          f"{times_after.system - times_checked.system:.2f} s of it in the kernel)")
    print(f"collector: {(usage_after.ru_inblock - usage_before.ru_inblock) / 2048:.0f} MiB read from disk, "
          f"{(usage_after.ru_oublock - usage_before.ru_oublock) / 2048:.0f} MiB written")
    print(f"collector per file: {(usage_after.ru_minflt - usage_before.ru_minflt) / count:.1f} page faults, "
          f"{(usage_after.ru_nvcsw - usage_before.ru_nvcsw) / count:.1f} waits, "
          f"{(usage_after.ru_nivcsw - usage_before.ru_nivcsw) / count:.2f} preemptions")
    if parquet_seconds is not None:
        with_parquet = (count / (collected + parquet_seconds)) / (count / bare)
        print(f"Parquet copies:  {parquet_seconds:.2f} s more; ratio with them {with_parquet:.3f}")
    print(f"peak memory: collector {_peak_mib(resource.RUSAGE_SELF):.0f} MiB "
          f"(before collecting {peak_before:.0f} MiB), checking children {_peak_mib(resource.RUSAGE_CHILDREN):.0f} MiB")
    diary_rows = sum(1 for _ in (tmp_path / "out" / "diary.csv").open()) - 1
    print(f"diary rows written: {diary_rows}; load average during the run: {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores (other work on the machine slows the two checking children)")
