"""Issue 15, point 1: concurrent PIN and passphrase tries never damage a profile.

Wrong tries run in separate processes, 16 at once, released together by a barrier, the
way 16 scripts or the app and a script would. After every round lock.json still holds the
hash and the key salt (and its copy matches), the right passphrase still opens the
SQLCipher diary, and the count of wrong tries equals the number of tries that were
checked: none lost, none counted twice.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import sqlite3

import pytest

from desktop import paths
from desktop.content.loader import exercise_catalogue
from desktop.domain.clock import FixedClock
from desktop.domain.diary import DiaryEntry
from desktop.security import keys, profile_lock, secret_hash
from desktop.security.profile_lock import ProfileLock
from desktop.store import encryption
from desktop.store.database import open_database
from desktop.store.diary_service import DiaryService
from desktop.store.profile_admin import create_profile

RIGHT = "green kettle on the hill"
TODAY = dt.date(2026, 3, 15)
WORKERS = 16
BASE_TIME = 2_000_000_000.0
ROUND_SECONDS = 7200.0  # each round's clock starts past the longest wait of the one before


@pytest.fixture(autouse=True)
def _no_keys_left():
    yield
    keys._KEYS.clear()


@pytest.fixture
def protected_profile(data_root, monkeypatch):
    """A passphrase profile with two diary days; its check hash cheap (N=2^10) so 1,600 tries stay quick."""
    monkeypatch.setattr(profile_lock, "hash_secret", lambda secret: secret_hash.hash_secret(secret, n=2**10))
    create_profile(data_root, "Sam")
    database = open_database(data_root, "Sam")
    diary = DiaryService(database, exercise_catalogue(), FixedClock(TODAY))
    for days_ago in (1, 2):
        diary.save(DiaryEntry(day=TODAY - dt.timedelta(days=days_ago), pain=4, walking_minutes=20, limitation=2))
    database.release_connections()
    encryption.protect(data_root, "Sam", RIGHT)
    keys.forget(paths.profile_dir(data_root, "Sam"))
    return paths.profile_dir(data_root, "Sam")


def _guesser(folder, barrier, orders, results):
    """One process: for each round, wait for the others, then one wrong try at that round's clock."""
    while True:
        order = orders.get()
        if order is None:
            return
        round_number, free_tries = order
        profile_lock.FREE_TRIES = free_tries
        lock = ProfileLock(folder, clock=lambda round_number=round_number: BASE_TIME + round_number * ROUND_SECONDS)
        barrier.wait()
        try:
            result = lock.try_secret(f"wrong guess {round_number}")
            results.put(("ok", result.ok, result.checked))
        except BaseException as exc:  # noqa: BLE001 - reported to the test, which fails on it
            results.put(("error", repr(exc), False))


def _app_holding_the_diary(folder, ready, stop, written):
    """The app: unlocked with the right passphrase, its diary open, writing while the guesses run."""
    lock = ProfileLock(folder, clock=lambda: BASE_TIME - 1)
    assert lock.try_secret(RIGHT).ok
    key = keys.key_for(folder / paths.DATABASE_FILENAME)
    from sqlcipher3 import dbapi2

    connection = dbapi2.connect(str(folder / paths.DATABASE_FILENAME), isolation_level=None)
    connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    connection.execute("CREATE TABLE IF NOT EXISTS app_heartbeat (n INTEGER)")
    ready.set()
    count = 0
    while not stop.is_set():
        connection.execute("INSERT INTO app_heartbeat VALUES (?)", (count,))
        count += 1
        stop.wait(0.005)
    connection.close()
    written.value = count


def _check_profile_intact(folder, clock_time: float) -> None:
    record = json.loads((folder / paths.LOCK_FILENAME).read_text(encoding="utf-8"))
    copy = json.loads((folder / paths.LOCK_COPY_FILENAME).read_text(encoding="utf-8"))
    assert record["kind"] == "passphrase" and record["hash"].startswith("scrypt$") and len(record["key_salt"]) == 32
    assert {k: copy[k] for k in ("kind", "hash", "key_salt")} == {k: record[k] for k in ("kind", "hash", "key_salt")}
    leftovers = [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
    lock = ProfileLock(folder, clock=lambda: clock_time)
    assert lock.try_secret(RIGHT).ok  # resets the count for the next round
    key = keys.key_for(folder / paths.DATABASE_FILENAME)
    from sqlcipher3 import dbapi2

    connection = dbapi2.connect(str(folder / paths.DATABASE_FILENAME))
    try:
        connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        assert connection.execute("SELECT count(*) FROM diary_day").fetchone()[0] == 2
    finally:
        connection.close()
    keys.forget(folder)
    with pytest.raises(sqlite3.DatabaseError):  # still encrypted: plain SQLite cannot read it
        sqlite3.connect(folder / paths.DATABASE_FILENAME).execute("SELECT count(*) FROM diary_day").fetchone()


def _run_rounds(folder, rounds: int) -> None:
    context = multiprocessing.get_context("spawn")  # no Qt state carried into the children
    barrier = context.Barrier(WORKERS)
    orders, results = context.Queue(), context.Queue()
    workers = [context.Process(target=_guesser, args=(folder, barrier, orders, results), daemon=True)
               for _ in range(WORKERS)]
    for worker in workers:
        worker.start()
    try:
        for round_number in range(rounds):
            # Even rounds: the real rules (5 free tries, then waits); odd rounds: no waits, so all 16 are checked.
            free_tries = profile_lock.FREE_TRIES if round_number % 2 == 0 else 10**6
            for _ in workers:
                orders.put((round_number, free_tries))
            outcomes = [results.get(timeout=60) for _ in workers]
            errors = [detail for kind, detail, _ in outcomes if kind == "error"]
            assert errors == [], f"round {round_number}: {errors}"
            assert not any(ok for _, ok, _ in outcomes)
            checked = sum(1 for _, _, was_checked in outcomes if was_checked)
            expected = min(WORKERS, free_tries)
            assert checked == expected, f"round {round_number}: {checked} tries checked, expected {expected}"
            now = BASE_TIME + round_number * ROUND_SECONDS
            counted = ProfileLock(folder, clock=lambda now=now: now).throttle.failures
            assert counted == checked, f"round {round_number}: {checked} tries checked, {counted} counted"
            _check_profile_intact(folder, now + 3600.0 + 1)
    finally:
        for _ in workers:
            orders.put(None)
        for worker in workers:
            worker.join(timeout=10)
            if worker.is_alive():
                worker.kill()


@pytest.mark.slow
def test_point1_100_rounds_of_16_simultaneous_wrong_tries_leave_the_profile_whole(protected_profile):
    _run_rounds(protected_profile, rounds=100)


@pytest.mark.slow
def test_point1_wrong_tries_while_the_app_holds_the_diary_open(protected_profile):
    context = multiprocessing.get_context("spawn")
    ready, stop, written = context.Event(), context.Event(), context.Value("i", 0)
    app = context.Process(target=_app_holding_the_diary, args=(protected_profile, ready, stop, written), daemon=True)
    app.start()
    try:
        assert ready.wait(60), "the app process did not open the diary"
        _run_rounds(protected_profile, rounds=20)
    finally:
        stop.set()
        app.join(timeout=30)
    assert app.exitcode == 0 and written.value > 0


def test_point1_a_damaged_lock_file_is_put_back_from_its_copy(protected_profile):
    lock_file = protected_profile / paths.LOCK_FILENAME
    sound = lock_file.read_text(encoding="utf-8")
    lock_file.write_text('{"failures": 9', encoding="utf-8")
    lock = ProfileLock(protected_profile, clock=lambda: BASE_TIME)
    assert lock.kind == "passphrase"
    assert json.loads(lock_file.read_text(encoding="utf-8")) == json.loads(sound)
    assert lock.try_secret(RIGHT).ok


def test_point1_a_lost_lock_file_is_put_back_and_the_profile_stays_protected(protected_profile):
    (protected_profile / paths.LOCK_FILENAME).unlink()
    lock = ProfileLock(protected_profile, clock=lambda: BASE_TIME)
    assert lock.is_protected and lock.key_salt is not None
    assert not lock.try_secret("any old guess").ok
    assert (protected_profile / paths.LOCK_FILENAME).exists()


def test_point1_both_copies_damaged_opens_with_no_pin(protected_profile):
    for name in (paths.LOCK_FILENAME, paths.LOCK_COPY_FILENAME):
        (protected_profile / name).write_text("{}garbage", encoding="utf-8")
    lock = ProfileLock(protected_profile, clock=lambda: BASE_TIME)
    assert lock.is_protected
    assert not lock.try_secret(RIGHT).ok
    assert not lock.try_secret("").ok
    assert (protected_profile / paths.LOCK_FILENAME).read_text(encoding="utf-8") == "{}garbage"  # never overwritten


def test_point1_a_damaged_count_waits_an_hour_then_counts_again(protected_profile):
    tries = protected_profile / paths.TRIES_FILENAME
    tries.write_text("not json", encoding="utf-8")
    written = tries.stat().st_mtime
    soon = ProfileLock(protected_profile, clock=lambda: written + 60)
    result = soon.try_secret(RIGHT)
    assert not result.ok and not result.checked and result.wait_seconds > 3000
    later = ProfileLock(protected_profile, clock=lambda: written + 3601)
    assert later.try_secret(RIGHT).ok
    assert json.loads(tries.read_text(encoding="utf-8")) == {"failures": 0, "next_allowed": 0.0}


def test_point1_an_older_lock_file_keeps_its_count_and_gains_a_copy(tmp_path):
    folder = tmp_path / "Old"
    folder.mkdir()
    legacy = {"kind": "pin", "hash": secret_hash.hash_secret("4821", n=2**10), "failures": 7,
              "next_allowed": BASE_TIME + 100}
    (folder / paths.LOCK_FILENAME).write_text(json.dumps(legacy), encoding="utf-8")
    lock = ProfileLock(folder, clock=lambda: BASE_TIME)
    assert lock.kind == "pin"  # reading the record checks it against its copy, and makes the copy
    assert lock.throttle.failures == 7 and lock.throttle.wait_seconds() == pytest.approx(100)
    assert (folder / paths.LOCK_COPY_FILENAME).exists()
    assert ProfileLock(folder, clock=lambda: BASE_TIME + 101).try_secret("4821").ok
