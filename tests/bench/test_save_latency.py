"""Benchmark: saving a diary day, committed and durable, against a bare sqlite3 commit.

Budget (ARCHITECTURE.md): under 20 ms median. The database is a real file in WAL mode with
synchronous=FULL (set by desktop.store.engine on every connection); the baseline is one
INSERT + COMMIT with the same pragmas through plain sqlite3, measured interleaved in the
same run so both see the same disk.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import statistics
import time

from desktop.domain.diary import DiaryEntry

SAVES = 200
BUDGET_MS = 20.0


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def test_diary_save_latency(diary, database, tmp_path, today):
    with database.engine.connect() as conn:  # the engine that saves
        pragmas = {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar() for name in ("journal_mode", "synchronous")}
    assert pragmas == {"journal_mode": "wal", "synchronous": 2}, pragmas  # 2 = FULL
    assert database.path.exists()

    bare = sqlite3.connect(tmp_path / "bare.sqlite", isolation_level=None)
    bare.execute("PRAGMA journal_mode=WAL")
    bare.execute("PRAGMA synchronous=FULL")
    bare.execute("CREATE TABLE day (id INTEGER PRIMARY KEY, day TEXT UNIQUE, pain INT, walking INT, "
                 "limitation INT, flare INT, sleep INT, mood INT, note TEXT)")

    exercises = ["knee-rolls", "bridge", "cat-camel", "pelvic-tilts"]
    app_ms, bare_ms = [], []
    for i in range(SAVES):
        day = today - dt.timedelta(days=i)
        entry = DiaryEntry(day=day, pain=i % 11, walking_minutes=(i * 7) % 120, limitation=(i * 3) % 11,
                           flare_up=i % 13 == 0, exercises=frozenset(exercises[: i % 4]), sleep=i % 11,
                           mood=(i + 5) % 11, note=f"day {i}")
        started = time.perf_counter()
        assert diary.save(entry) is True
        app_ms.append((time.perf_counter() - started) * 1000)

        started = time.perf_counter()
        bare.execute("BEGIN IMMEDIATE")
        bare.execute("INSERT INTO day (day, pain, walking, limitation, flare, sleep, mood, note) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     (day.isoformat(), entry.pain, entry.walking_minutes, entry.limitation, int(entry.flare_up),
                      entry.sleep, entry.mood, entry.note))
        bare.execute("COMMIT")
        bare_ms.append((time.perf_counter() - started) * 1000)
    bare.close()
    assert diary.count() == SAVES

    app_median, bare_median = statistics.median(app_ms), statistics.median(bare_ms)
    print(f"\n[bench save] {SAVES} different days, file database, WAL + synchronous=FULL")
    print(f"[bench save] DiaryService.save: median {app_median:.2f} ms, p95 {_p95(app_ms):.2f} ms, "
          f"max {max(app_ms):.2f} ms")
    print(f"[bench save] bare sqlite3 INSERT+COMMIT: median {bare_median:.2f} ms, p95 {_p95(bare_ms):.2f} ms")
    print(f"[bench save] ratio of medians app/bare = {app_median / bare_median:.1f} (budget: median < {BUDGET_MS} ms)")
    assert app_median < BUDGET_MS, f"median save took {app_median:.1f} ms (budget {BUDGET_MS} ms)"
