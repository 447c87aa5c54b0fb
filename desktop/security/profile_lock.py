"""A profile's PIN or passphrase, kept outside its database in ``profiles/<NAME>/lock.json``.

The file holds only the slow hash (secret_hash.py), whether it is a PIN or a passphrase,
and the count of wrong tries with the time the next try is allowed: after
``FREE_TRIES`` wrong tries in a row, each further wrong try makes the next one wait longer
(30 s, 1 min, 2 min ... at most an hour). The count survives restarts, so closing the app
does not reset it. A right answer resets it.

The same throttle guards the clinic admin PIN (its hash lives in the clinic configuration,
its count in ``<data>/clinic-admin.json``).
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.security import keys
from desktop.security.secret_hash import hash_secret, verify_secret

LOCK_FILENAME = "lock.json"
FREE_TRIES = 5
FIRST_DELAY_S = 30.0
LONGEST_DELAY_S = 3600.0
PIN, PASSPHRASE = "pin", "passphrase"
_PIN = re.compile(r"^[0-9]{4,12}$")
MIN_PASSPHRASE = 10

Clock = Callable[[], float]  # seconds since the epoch; time.time in the app


class SecretRejected(ValueError):
    """A new PIN or passphrase that does not meet the rules (message fit for the user)."""


@dataclass(frozen=True)
class TryResult:
    ok: bool
    wait_seconds: float = 0.0  # > 0: not checked, try again after this long
    failures: int = 0


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


def _write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".new")
    with open(partial, "w", encoding="utf-8") as handle:
        json.dump(data, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)


class Throttle:
    """Wrong tries and the next allowed time, persisted in a small JSON file."""

    def __init__(self, path: Path, clock: Clock = time.time):
        self.path = path
        self.clock = clock

    def _read(self) -> dict:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            # A damaged file must not unlock anything: treat it as at the longest delay.
            return {"failures": FREE_TRIES + 20, "next_allowed": self.clock() + LONGEST_DELAY_S}

    def _update(self, **changes) -> None:
        data = self._read()
        data.update(changes)
        _write_json(self.path, data)

    @property
    def failures(self) -> int:
        return int(self._read().get("failures", 0))

    def wait_seconds(self) -> float:
        return max(0.0, float(self._read().get("next_allowed", 0.0)) - self.clock())

    def attempt(self, check: Callable[[], bool]) -> TryResult:
        wait = self.wait_seconds()
        if wait > 0:
            return TryResult(False, wait, self.failures)
        if check():
            self._update(failures=0, next_allowed=0.0)
            return TryResult(True)
        failures = self.failures + 1
        delay = delay_after(failures)
        self._update(failures=failures, next_allowed=self.clock() + delay)
        return TryResult(False, delay, failures)


class ProfileLock:
    """The PIN or passphrase of one profile (none: the profile opens without one)."""

    def __init__(self, profile_dir: Path, clock: Clock = time.time):
        self.path = profile_dir / LOCK_FILENAME
        self.throttle = Throttle(self.path, clock)

    def _data(self) -> dict:
        return self.throttle._read()

    @property
    def kind(self) -> str | None:
        """"pin", "passphrase", or None when the profile has neither."""
        data = self._data()
        return data.get("kind") if data.get("hash") else None

    @property
    def is_protected(self) -> bool:
        return self.kind is not None or self._damaged()

    def _damaged(self) -> bool:
        if not self.path.exists():
            return False
        try:
            json.loads(self.path.read_text(encoding="utf-8"))
            return False
        except (OSError, ValueError):
            return True

    def set_secret(self, secret: str, kind: str, key_salt: bytes | None = None) -> None:
        """Store the hash; with a key salt, also the salt of the database key (store/encryption.py)."""
        check_new_secret(secret, kind)
        data = {"kind": kind, "hash": hash_secret(secret), "failures": 0, "next_allowed": 0.0}
        if key_salt is not None:
            data["key_salt"] = key_salt.hex()
        _write_json(self.path, data)

    @property
    def key_salt(self) -> bytes | None:
        salt = self._data().get("key_salt")
        return bytes.fromhex(salt) if salt else None

    def remove_secret(self) -> None:
        self.path.unlink(missing_ok=True)

    def try_secret(self, secret: str) -> TryResult:
        """Check a PIN or passphrase, unless a wait after wrong tries is still running."""
        stored = self._data().get("hash")
        if not stored:
            return TryResult(not self._damaged())
        result = self.throttle.attempt(lambda: verify_secret(secret, stored))
        salt = self.key_salt
        if result.ok and salt is not None:
            keys.register(self.path.parent, keys.derive_key(secret, salt))  # its database can be opened now
        return result
