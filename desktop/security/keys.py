"""Database keys of the profiles unlocked in this process, and whether a file is encrypted.

A passphrase-protected profile's database (and its backups) are SQLCipher 4 files keyed
with 32 bytes derived from the passphrase (scrypt, N=2**15, r=8, p=1, with its own random
salt ``key_salt`` in lock.json, separate from the salt of the check hash). A key is put
here when the passphrase is checked (profile_lock.py) and removed when the profile locks;
every connection to a file inside that profile's folder is keyed with it
(store/connection.py). Python cannot wipe memory, so a key may linger in freed memory
until it is overwritten.
"""

from __future__ import annotations

from pathlib import Path

KEY_BYTES = 32
_SQLITE_HEADER = b"SQLite format 3\x00"
_KEYS: dict[Path, bytes] = {}


def derive_key(passphrase: str, salt: bytes) -> bytes:
    import hashlib  # not at start-up: it loads OpenSSL

    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=2**15, r=8, p=1, dklen=KEY_BYTES,
                          maxmem=128 * 2**15 * 8 * 3)


def register(profile_dir: Path, key: bytes) -> None:
    _KEYS[Path(profile_dir).absolute()] = key


def forget(profile_dir: Path) -> None:
    _KEYS.pop(Path(profile_dir).absolute(), None)


def key_for(path: Path) -> bytes | None:
    """The key for a file in an unlocked profile's folder (its diary, WAL or a backup)."""
    if not _KEYS:
        return None
    target = Path(path).absolute()
    for folder, key in _KEYS.items():
        if target == folder or folder in target.parents:
            return key
    return None


def is_encrypted(path: Path) -> bool:
    """A non-empty database file that does not start with SQLite's plain header."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(_SQLITE_HEADER))
    except FileNotFoundError:
        return False
    return len(head) > 0 and head != _SQLITE_HEADER
