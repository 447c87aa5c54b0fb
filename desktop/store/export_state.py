"""What a profile keeps for its exports: a pseudonymous participant id, the Ed25519 device
key, the export sequence number and the clinic keys used last. All in ``app_setting``,
under names starting with ``export.``; none of them is ever exported as a setting or logged.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from desktop.store import diary_reader
from desktop.store.database import Database
from desktop.store.usage_service import add_event

PARTICIPANT = "export.participant_id"
DEVICE_KEY = "export.device_key"  # raw Ed25519 private key, hex
SEQUENCE = "export.sequence"
RECIPIENTS = "export.recipients"  # newline separated age1... keys
PRIVATE_PREFIX = "export."


@dataclass(frozen=True)
class ExportTicket:
    participant_id: str
    device_key: bytes
    sequence: int


class ExportState:
    def __init__(self, database: Database):
        self.database = database

    def saved_recipients(self) -> list[str]:
        with self.database.reading() as connection:
            value = diary_reader.read_setting(connection, RECIPIENTS) or ""
        return [line for line in value.splitlines() if line.strip()]

    def next_ticket(self) -> ExportTicket:
        """Make the participant id and device key on first use; reserve the next sequence number."""
        from desktop.exchange.signing import new_private_key

        with self.database.writing() as session:
            participant = _get(session, PARTICIPANT) or _put(session, PARTICIPANT, str(uuid.uuid4()))
            key_hex = _get(session, DEVICE_KEY) or _put(session, DEVICE_KEY, new_private_key().hex())
            sequence = int(_get(session, SEQUENCE) or "0") + 1
            _put(session, SEQUENCE, str(sequence))
        return ExportTicket(participant, bytes.fromhex(key_hex), sequence)

    def export_made(self, recipients: list[str], sequence: int, export_id: str) -> None:
        """Remember the clinic keys for next time and record the export as a usage event."""
        with self.database.writing() as session:
            _put(session, RECIPIENTS, "\n".join(recipients))
            add_event(session, "export_made", sequence=sequence, export_id=export_id, recipients=len(recipients))


def _get(session, key: str) -> str | None:
    from desktop.store.models import AppSetting

    setting = session.get(AppSetting, key)
    return setting.value if setting is not None else None


def _put(session, key: str, value: str) -> str:
    from desktop.store.models import AppSetting

    setting = session.get(AppSetting, key)
    if setting is None:
        session.add(AppSetting(key=key, value=value))
    else:
        setting.value = value
    return value
