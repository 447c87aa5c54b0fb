"""A profile's PIN or passphrase, and the count of wrong tries, kept outside its database.

Three small files in ``profiles/<NAME>/`` (names in paths.py):

- ``lock.json``: the slow hash (secret_hash.py), whether it is a PIN or a passphrase, and
  for a passphrase the salt of the database key (``key_salt``). Without it a passphrase
  diary cannot be opened, so it is written only when the secret changes, never by a try.
- ``lock-copy.json``: a second copy, written the same way after the first. On reading, a
  missing or damaged ``lock.json`` is put back from the copy, and a copy that differs
  from a sound ``lock.json`` is rewritten from it.
- ``tries.json``: the count of wrong tries and the time the next try is allowed. After
  ``FREE_TRIES`` wrong tries in a row, each further wrong try makes the next one wait
  longer (30 s, 1 min, 2 min ... at most an hour). The count survives restarts; a right
  answer resets it.

Every try is one step under an exclusive lock on ``lock.guard`` shared by all processes
(the app, the command line, scripts): read the count, refuse while a wait runs, count the
try on the disk, check it, and reset the count if it was right. Concurrent tries therefore
queue; each is counted exactly once, and a process killed during the check has already
counted its try. Files are replaced whole (private temporary file, fsync, rename).

The same throttle guards the clinic admin PIN (its hash lives in the clinic configuration,
its count in ``<data>/clinic-admin.json``).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop import paths
from desktop.security import keys
from desktop.security.file_lock import LockBusy, exclusive
from desktop.security.private_files import write_json_atomically
from desktop.security.secret_hash import hash_secret, verify_secret

LOCK_FILENAME = paths.LOCK_FILENAME
FREE_TRIES = 5
FIRST_DELAY_S = 30.0
LONGEST_DELAY_S = 3600.0
BUSY_WAIT_S = 1.0  # another process kept the guard too long: ask to try again after this
_GUARD_TIMEOUT_S = 15.0
PIN, PASSPHRASE = "pin", "passphrase"
_PIN = re.compile(r"^[0-9]{4,12}$")
_HEX = re.compile(r"^[0-9a-f]+$")
MIN_PASSPHRASE = 10

Clock = Callable[[], float]  # seconds since the epoch; time.time in the app


class SecretRejected(ValueError):
    """A new PIN or passphrase that does not meet the rules (message fit for the user)."""


@dataclass(frozen=True)
class TryResult:
    ok: bool
    wait_seconds: float = 0.0  # > 0 and not checked: try again after this long
    failures: int = 0
    checked: bool = True  # False: refused without looking at the secret (a wait was running)


def check_new_secret(secret: str, kind: str) -> None:
    if kind == PIN and not _PIN.match(secret):
        raise SecretRejected("A PIN is 4 to 12 digits.")
    if kind == PASSPHRASE and len(secret.strip()) < MIN_PASSPHRASE:
        raise SecretRejected(f"A passphrase needs at least {MIN_PASSPHRASE} characters; a few words work well.")
    if kind not in (PIN, PASSPHRASE):
        raise SecretRejected(f"unknown kind {kind!r}")


def delay_after(failures: int) -> float:
    if failures < FREE_TRIES:
        return 0.0
    return min(FIRST_DELAY_S * 2 ** (failures - FREE_TRIES), LONGEST_DELAY_S)


def _read_json(path: Path) -> dict | None:
    """The file's object; {} when there is no file; None when it is damaged."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


class Throttle:
    """Wrong tries and the next allowed time, in a small JSON file guarded by a file lock."""

    def __init__(self, path: Path, clock: Clock = time.time, guard: Path | None = None,
                 legacy: Path | None = None):
        self.path = path
        self.clock = clock
        self.guard = guard or path.with_name(path.name + ".guard")
        self.legacy = legacy  # an older lock.json that also held the count

    def _state(self) -> tuple[int, float]:
        data = _read_json(self.path)
        if data == {} and self.legacy is not None and not self.path.exists():
            data = _read_json(self.legacy) or {}
        if data is None or not _valid_count(data):
            # A damaged count must not unlock anything, nor lock for ever: the longest wait,
            # counted from when the file was last written.
            try:
                written = self.path.stat().st_mtime
            except OSError:
                written = self.clock()
            return FREE_TRIES + 6, written + LONGEST_DELAY_S
        return int(data.get("failures", 0)), float(data.get("next_allowed", 0.0))

    def _write(self, failures: int, next_allowed: float) -> None:
        write_json_atomically(self.path, {"failures": failures, "next_allowed": next_allowed})

    @property
    def failures(self) -> int:
        return self._state()[0]

    def wait_seconds(self) -> float:
        return max(0.0, self._state()[1] - self.clock())

    def attempt(self, check: Callable[[], bool]) -> TryResult:
        try:
            with exclusive(self.guard, _GUARD_TIMEOUT_S):
                failures, next_allowed = self._state()
                wait = next_allowed - self.clock()
                if wait > 0:
                    return TryResult(False, wait, failures, checked=False)
                counted = failures + 1  # on the disk before the check: a killed try still counts
                delay = delay_after(counted)
                self._write(counted, self.clock() + delay)
                if check():
                    self._write(0, 0.0)
                    return TryResult(True)
                return TryResult(False, delay, counted)
        except LockBusy:
            return TryResult(False, BUSY_WAIT_S, self.failures, checked=False)

    def reset(self) -> None:
        with exclusive(self.guard, _GUARD_TIMEOUT_S):
            self._write(0, 0.0)


def _valid_count(data: dict) -> bool:
    failures, next_allowed = data.get("failures", 0), data.get("next_allowed", 0.0)
    return (isinstance(failures, int) and not isinstance(failures, bool) and failures >= 0
            and isinstance(next_allowed, int | float) and not isinstance(next_allowed, bool))


def _valid_secret(data: dict | None) -> bool:
    if not data or data.get("kind") not in (PIN, PASSPHRASE):
        return False
    stored, salt = data.get("hash"), data.get("key_salt")
    if not isinstance(stored, str) or not stored.startswith("scrypt$"):
        return False
    return salt is None or (isinstance(salt, str) and len(salt) == 2 * 16 and bool(_HEX.match(salt)))


def _needs_repair(main: dict | None, copy: dict | None) -> bool:
    if _valid_secret(main):
        return not _valid_secret(copy) or _secret_part(copy) != _secret_part(main)
    return _valid_secret(copy)


def _secret_part(data: dict) -> dict:
    return {key: data[key] for key in ("kind", "hash", "key_salt") if key in data}


class ProfileLock:
    """The PIN or passphrase of one profile (none: the profile opens without one)."""

    def __init__(self, profile_dir: Path, clock: Clock = time.time):
        self.folder = profile_dir
        self.path = profile_dir / paths.LOCK_FILENAME
        self.copy_path = profile_dir / paths.LOCK_COPY_FILENAME
        self.guard = profile_dir / paths.GUARD_FILENAME
        self.throttle = Throttle(profile_dir / paths.TRIES_FILENAME, clock, self.guard, legacy=self.path)

    # -- the secret's record: read, checked against its copy, repaired -------------------
    def record(self) -> dict | None:
        """{kind, hash[, key_salt]}; {} for a profile with neither; None when both copies are damaged."""
        main, copy = _read_json(self.path), _read_json(self.copy_path)
        if _needs_repair(main, copy):
            try:
                with exclusive(self.guard, _GUARD_TIMEOUT_S):  # again under the lock: a change may have won
                    main, copy = _read_json(self.path), _read_json(self.copy_path)
                    if _valid_secret(main) and _needs_repair(main, copy):
                        write_json_atomically(self.copy_path, _secret_part(main))
                    elif _valid_secret(copy) and _needs_repair(main, copy):
                        write_json_atomically(self.path, _secret_part(copy))
            except OSError:
                pass  # a read-only folder, or busy: the sound copy still answers below
        for data in (main, copy):
            if _valid_secret(data):
                return _secret_part(data)
        return {} if main == {} and copy == {} else None

    def _write_record(self, record: dict) -> None:
        with exclusive(self.guard, _GUARD_TIMEOUT_S):
            write_json_atomically(self.path, record)
            write_json_atomically(self.copy_path, record)

    @property
    def kind(self) -> str | None:
        """"pin", "passphrase", or None when the profile has neither."""
        return (self.record() or {}).get("kind")

    @property
    def is_protected(self) -> bool:
        """True with a PIN or passphrase, and when the record is damaged (it must not open)."""
        return self.record() != {}

    def set_secret(self, secret: str, kind: str, key_salt: bytes | None = None) -> None:
        """Store the hash; with a key salt, also the salt of the database key (store/encryption.py)."""
        check_new_secret(secret, kind)
        record = {"kind": kind, "hash": hash_secret(secret)}
        if key_salt is not None:
            record["key_salt"] = key_salt.hex()
        self._write_record(record)
        self.throttle.reset()

    def put_back(self, record: dict | None) -> None:
        """Restore a record read earlier with ``record()`` (undoing a failed change)."""
        if record:
            self._write_record(record)
        elif record == {}:
            self.remove_secret()

    @property
    def key_salt(self) -> bytes | None:
        salt = (self.record() or {}).get("key_salt")
        return bytes.fromhex(salt) if salt else None

    def remove_secret(self) -> None:
        with exclusive(self.guard, _GUARD_TIMEOUT_S):
            self.copy_path.unlink(missing_ok=True)  # the copy first: it must never outlive the file
            self.path.unlink(missing_ok=True)
            self.throttle.path.unlink(missing_ok=True)

    def try_secret(self, secret: str) -> TryResult:
        """Check a PIN or passphrase, unless a wait after wrong tries is still running."""
        record = self.record()
        if record == {}:
            return TryResult(True)
        if record is None:  # both copies damaged: nothing can be checked, nothing opens
            return TryResult(False, 0.0, self.throttle.failures, checked=False)
        result = self.throttle.attempt(lambda: verify_secret(secret, record["hash"]))
        salt = record.get("key_salt")
        if result.ok and salt:
            keys.register(self.folder, keys.derive_key(secret, bytes.fromhex(salt)))  # its database can be opened now
        return result
