"""Signing an export's manifest with the device key, and checking it (through `cryptography`).

The key itself is made by security/device_key.py (the store keeps it).
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import lru_cache


class SignatureInvalid(RuntimeError):
    pass


def canonical_json(value: object) -> bytes:
    """One byte sequence per JSON value: sorted keys, no spaces, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def public_key(private_raw: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return Ed25519PrivateKey.from_private_bytes(private_raw).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def key_id(public_raw: bytes) -> str:
    """The device key id: SHA-256 of the raw 32-byte public key, in hex."""
    return sha256_hex(public_raw)


def sign(private_raw: bytes, message: bytes) -> str:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return base64.b64encode(Ed25519PrivateKey.from_private_bytes(private_raw).sign(message)).decode("ascii")


@lru_cache(maxsize=1)
def _verifying():
    """(InvalidSignature, Ed25519PublicKey), imported on first use (the app starts without them);
    cached, so checking thousands of exports runs no import statement per file."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    return InvalidSignature, Ed25519PublicKey


def verify(public_b64: str, signature_b64: str, message: bytes) -> bytes:
    """The raw public key if the signature is good; SignatureInvalid otherwise."""
    InvalidSignature, Ed25519PublicKey = _verifying()  # noqa: N806 - the classes, as imported
    try:
        public_raw = base64.b64decode(public_b64, validate=True)
        signature = base64.b64decode(signature_b64, validate=True)
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, message)
    except (InvalidSignature, ValueError):
        raise SignatureInvalid("the signature does not match: the export was altered after it was made") from None
    return public_raw
