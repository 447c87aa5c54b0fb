"""Making real encrypted exports (and altered ones) for the exchange tests."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyrage
from pyrage import x25519

from desktop.exchange import payload, signing
from desktop.security.device_key import new_private_key
from desktop.store.export_state import ExportTicket


def clinic_key(tmp_path: Path) -> tuple[str, str, Path]:
    """(secret, recipient, identity file)."""
    from desktop.exchange.age_files import generate_identity, identity_file_text

    secret, recipient = generate_identity()
    path = tmp_path / "clinic.key"
    path.write_text(identity_file_text(secret, recipient))
    return secret, recipient, path


def demo_profile(root: Path, days: int = 60, seed: int = 1):
    """A demo profile with diary and programme data; returns its open Database."""
    from desktop.cli import main
    from desktop.store.database import open_database

    assert main(["--data-dir", str(root), "demo", "--days", str(days), "--seed", str(seed)]) == 0
    return open_database(root, "Demo")


def make_export(database, recipient: str, target: Path) -> Path:
    from desktop.exchange.export_file import export_profile

    export_profile(database, [recipient], target)
    return target


def decrypt_document(path: Path, secret: str) -> dict:
    return json.loads(pyrage.decrypt(path.read_bytes(), [x25519.Identity.from_str(secret)]))


def encrypt_document(document: object, recipient: str, target: Path, raw: bytes | None = None) -> Path:
    data = raw if raw is not None else json.dumps(document).encode()
    target.write_bytes(pyrage.encrypt(data, [x25519.Recipient.from_str(recipient)]))
    return target


def resign(document: dict, device_key: bytes, sequence: int | None = None) -> dict:
    """The same data signed again with another device key (what a forger would have)."""
    manifest = document["manifest"]
    ticket = ExportTicket(manifest["participant_id"], device_key, sequence or manifest["sequence"] + 1)
    return payload.build_document(document["data"], ticket, dt.date(2026, 3, 15))


def new_device_key() -> bytes:
    return new_private_key()


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value[:3]):
            yield from _paths(item, prefix + (index,))


def mutated(document, data, values, rounds=(1, 1, 1, 2, 3)):
    """A deep copy of a JSON document with a few values set, deleted or added (hypothesis
    ``data`` draws where and what; ``values`` is the strategy for new values)."""
    import copy

    from hypothesis import strategies as st

    changed = copy.deepcopy(document)
    for _ in range(data.draw(st.sampled_from(rounds))):
        path = data.draw(st.sampled_from([p for p in _paths(changed) if p]))
        parent = changed
        for step in path[:-1]:
            parent = parent[step]
        action = data.draw(st.sampled_from(["set", "set", "set", "set", "delete", "add"]))
        if action == "delete" and isinstance(parent, dict):
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[data.draw(st.text(max_size=8))] = data.draw(values)
        else:
            parent[path[-1]] = data.draw(values)
    return changed


def demo_data(root: Path, participant_id: str, days: int = 30) -> dict:
    """The ``data`` part of an export of a fresh demo profile."""
    database = demo_profile(root, days=days)
    with database.reading() as connection:
        data = payload.read_data(connection, participant_id)
    database.close()
    return data


def signed_plaintext(data_bytes: bytes, device_key: bytes, participant_id: str, sequence: int = 1,
                     exported_on: str = "2026-03-15", exported_at: str = "2026-03-15T09:30:00.000000Z",
                     export_id: str = "11111111-1111-4111-8111-111111111111",
                     schema: str = payload.SCHEMA_VERSION) -> bytes:
    """A decrypted export whose ``data`` is exactly ``data_bytes``, signed by ``device_key`` as they
    stand (what a device, or anyone holding its key, can make), laid out the canonical way."""
    import base64

    public = signing.public_key(device_key)
    manifest = {"export_id": export_id, "participant_id": participant_id, "device_key_id": signing.key_id(public),
                "device_public_key": base64.b64encode(public).decode(), "sequence": sequence,
                "schema": schema, "exported_at": exported_at, "exported_on": exported_on,
                "payload_sha256": signing.sha256_hex(data_bytes)}
    head = signing.canonical_json({"manifest": manifest, "schema": schema,
                                   "signature": signing.sign(device_key, signing.canonical_json(manifest))})
    return b'{"data":' + data_bytes + b"," + head[1:]
