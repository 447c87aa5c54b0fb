"""Protect a profile's diary at rest with a passphrase (SQLCipher 4), or take that away again.

Protecting copies the diary and every backup into new SQLCipher files keyed from the
passphrase (security/keys.py) with ``sqlcipher_export``, checks each copy holds the same
rows, then puts it in place of the plain file; unprotecting does the reverse. Every
connection to the profile must be closed first (Database.release_connections()). A file's
own header says whether it is encrypted, so a crash half-way leaves each file readable with
the lock.json that goes with it: when encrypting, the new salt and hash are written before the
first file is replaced; when decrypting, lock.json changes only after every file is plain.
(Changing one passphrase for another and crashing half-way can leave older backups under
the old passphrase.) A failure that raises (a full disk, a copy that does not match) is
undone: the files already converted are converted back and the old lock.json is put back,
so the profile keeps its old PIN or passphrase and nothing is lost.

The plain files are deleted, not overwritten: on SSDs and journaling file systems their old
blocks may survive until reused. Protect a profile before writing anything private in it,
and use the system's disk encryption for more.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
from pathlib import Path

from desktop import paths
from desktop.security import keys
from desktop.security.profile_lock import PASSPHRASE, ProfileLock, check_new_secret
from desktop.store import backup

_COUNT = "SELECT (SELECT count(*) FROM sqlite_master), (SELECT count(*) FROM diary_day)"


class EncryptionError(RuntimeError):
    pass


def _sqlcipher():
    from sqlcipher3 import dbapi2

    return dbapi2


def _keyed(key: bytes | None) -> str:
    return f"\"x'{key.hex()}'\"" if key else "''"


def _counts(path: Path, key: bytes | None):
    connection = _sqlcipher().connect(str(path))
    try:
        if key:
            connection.execute(f"PRAGMA key = {_keyed(key)}")
        return connection.execute(_COUNT).fetchone()
    finally:
        connection.close()


def _convert_file(path: Path, old_key: bytes | None, new_key: bytes | None) -> None:
    """Rewrite one database file under a new key (None: plain), checked, then swapped in."""
    target = path.with_name(path.name + ".converting")
    for leftover in (target, target.with_name(target.name + "-journal")):
        leftover.unlink(missing_ok=True)
    try:
        _export_copy(path, target, old_key, new_key)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    if _counts(target, new_key) != _counts(path, old_key):
        target.unlink(missing_ok=True)
        raise EncryptionError(f"the converted copy of {path.name} did not match; nothing was changed")
    with open(target, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(target, path)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _export_copy(path: Path, target: Path, old_key: bytes | None, new_key: bytes | None) -> None:
    source = _sqlcipher().connect(str(path), isolation_level=None)
    try:
        if old_key:
            source.execute(f"PRAGMA key = {_keyed(old_key)}")
        source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        source.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal left beside it
        version = source.execute("PRAGMA user_version").fetchone()[0]
        source.execute(f"ATTACH DATABASE ? AS converted KEY {_keyed(new_key)}", (str(target),))
        if new_key:
            source.execute("PRAGMA converted.secure_delete=ON")
        source.execute("SELECT sqlcipher_export('converted')")
        source.execute(f"PRAGMA converted.user_version = {int(version)}")
        source.execute("DETACH DATABASE converted")
    finally:
        source.close()


def _files(root: Path, profile: str) -> list[Path]:
    backups = backup.list_backups(paths.backups_dir(root, profile))
    return [paths.database_path(root, profile), *(b.path for b in backups)]


def _current_key(lock: ProfileLock, secret: str | None) -> bytes | None:
    """The key of the profile's files now (None: plain), checking the current secret first."""
    if not lock.is_protected:
        return None
    result = lock.try_secret(secret or "")
    if not result.ok:
        raise EncryptionError("that is not the profile's current PIN or passphrase; nothing was changed")
    salt = lock.key_salt
    return keys.derive_key(secret, salt) if salt else None


def change_protection(root: Path, profile: str, current: str | None, new_secret: str | None,
                      new_kind: str | None) -> None:
    """Give the profile a new PIN, passphrase or neither, re-encrypting its files to match.

    A passphrase encrypts the diary and backups (SQLCipher); a PIN or nothing leaves them
    plain. ``current`` is the present PIN or passphrase (None when there is none). Every
    connection to the profile must be closed first.
    """
    folder = paths.profile_dir(root, profile)
    lock = ProfileLock(folder)
    if new_kind is not None:
        check_new_secret(new_secret or "", new_kind)
    old_key = _current_key(lock, current)
    new_salt = secrets.token_bytes(16) if new_kind == PASSPHRASE else None
    new_key = keys.derive_key(new_secret, new_salt) if new_salt else None
    old_lock = lock.record()
    converted: list[tuple[Path, bytes | None]] = []  # (file, the key it had), to undo a failure
    try:
        if new_key is not None:
            lock.set_secret(new_secret, new_kind, key_salt=new_salt)  # the new salt first: files follow it
        keys.forget(folder)
        for path in _files(root, profile):
            file_key = old_key if keys.is_encrypted(path) else None
            if file_key != new_key:
                _convert_file(path, file_key, new_key)
                converted.append((path, file_key))
        if new_key is None:  # the files are plain now: only then forget the old salt
            if new_kind is None:
                lock.remove_secret()
            else:
                lock.set_secret(new_secret, new_kind)
    except BaseException:
        _undo(lock, old_lock, converted, new_key)
        if old_key is not None:
            keys.register(folder, old_key)
        raise
    if new_key is not None:
        keys.register(folder, new_key)


def _undo(lock: ProfileLock, old_lock: dict | None, converted: list[tuple[Path, bytes | None]],
          new_key: bytes | None) -> None:
    """Put back the files already converted, then the old lock.json (the caller re-raises).

    If putting a file back fails too, lock.json is left as it is: each file is then still
    readable with it (see the module notes), and the first failure is the one reported.
    """
    try:
        for path, file_key in reversed(converted):
            _convert_file(path, new_key, file_key)
    except Exception:  # noqa: BLE001 - keep the first failure; the files stay readable
        return
    lock.put_back(old_lock)


def protect(root: Path, profile: str, passphrase: str, current: str | None = None) -> None:
    """Encrypt the profile's diary and backups with a key from the passphrase."""
    if keys.is_encrypted(paths.database_path(root, profile)):
        raise EncryptionError(f"profile {profile!r} is already protected by a passphrase")
    change_protection(root, profile, current, passphrase, PASSPHRASE)


def unprotect(root: Path, profile: str, passphrase: str) -> None:
    """Decrypt the diary and backups (the passphrase must be right); the profile then has no PIN."""
    change_protection(root, profile, passphrase, None, None)


def plain_sqlite_readable(path: Path) -> bool:
    """True when the standard sqlite3 module can read the file (it is not encrypted)."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
        return True
    except sqlite3.DatabaseError:
        return False
