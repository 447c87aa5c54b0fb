"""Slow salted hashes of PINs and passphrases (scrypt, from the standard library).

Parameters (OWASP's scrypt minimum and more): N=2**15, r=8, p=1, a 16-byte random salt and
a 32-byte result; about 32 MB of memory and 0.1-0.2 s per try on a typical PC. They are
written into each hash string, ``scrypt$N$r$p$SALT_HEX$HASH_HEX``, so they can be raised
later without breaking older hashes.

Honest limit: a 4-6 digit PIN has at most a million values. Anyone who copies the file that
holds its hash can try them all offline in hours, whatever the hash. A PIN only stops
casual use of the PC; the delays after wrong tries (see profile_lock.py) only slow guesses
made through the app.
"""

from __future__ import annotations

import hashlib
import hmac
import os

SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
HASH_BYTES = 32
_PREFIX = "scrypt"


class SecretFormatError(ValueError):
    """A stored hash string is not one this app wrote."""


def _derive(secret: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    memory = 128 * n * r * (p + 2)
    return hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=HASH_BYTES, maxmem=memory)


def hash_secret(secret: str, n: int = SCRYPT_N) -> str:
    salt = os.urandom(SALT_BYTES)
    digest = _derive(secret, salt, n, SCRYPT_R, SCRYPT_P)
    return f"{_PREFIX}${n}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_secret(secret: str, stored: str) -> bool:
    try:
        prefix, n, r, p, salt, digest = stored.split("$")
        if prefix != _PREFIX:
            raise ValueError(prefix)
        expected = bytes.fromhex(digest)
        actual = _derive(secret, bytes.fromhex(salt), int(n), int(r), int(p))
    except ValueError as exc:
        raise SecretFormatError(f"not a SupportBack PIN hash ({exc})") from None
    return hmac.compare_digest(actual, expected)
