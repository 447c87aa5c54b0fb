"""A profile's Ed25519 device key: made here (below the store, which keeps it), used by
exchange/signing.py to sign exports."""

from __future__ import annotations


def new_private_key() -> bytes:
    """32 fresh raw bytes of an Ed25519 private key (through `cryptography`, imported on use)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

    return Ed25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
