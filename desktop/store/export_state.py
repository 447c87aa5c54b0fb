"""What a profile keeps for its exports: a pseudonymous participant id, the Ed25519 device
key, the export sequence number and the clinic keys used last. All in ``app_setting``,
under names starting with ``export.``; none of them is ever exported as a setting or logged.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from desktop import paths
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
        """Make the participant id and device key on first use; reserve the next sequence number.

        The number never goes back, even when an older backup of the diary is put back: the
        highest one used is also kept in a small file beside the diary (it is not secret).
        Otherwise a collector would take the next exports for older ones and ignore them.
        """
        from desktop.security.device_key import new_private_key

        with self.database.writing() as session:
            participant = _get(session, PARTICIPANT) or _put(session, PARTICIPANT, str(uuid.uuid4()))
            key_hex = _get(session, DEVICE_KEY) or _put(session, DEVICE_KEY, new_private_key().hex())
            sequence = max(int(_get(session, SEQUENCE) or "0"), _highest_used(self.database.path)) + 1
            _put(session, SEQUENCE, str(sequence))
        _remember_highest(self.database.path, sequence)
        return ExportTicket(participant, bytes.fromhex(key_hex), sequence)

    def remembered(self) -> dict[str, str]:
        """The export identity and counters, to carry over when an older backup is put back."""
        with self.database.reading() as connection:
            return {key: value for key in (PARTICIPANT, DEVICE_KEY, SEQUENCE, RECIPIENTS)
                    if (value := diary_reader.read_setting(connection, key))}

    def carry_over(self, remembered: dict[str, str]) -> None:
        """After a backup was put back: keep the participant id, device key and clinic keys it
        lacks (a backup from before the first export), and the higher export number."""
        if not remembered:
            return
        with self.database.writing() as session:
            for key in (PARTICIPANT, DEVICE_KEY, RECIPIENTS):
                if key in remembered and not _get(session, key):
                    _put(session, key, remembered[key])
            sequence = max(int(_get(session, SEQUENCE) or "0"), int(remembered.get(SEQUENCE, "0")))
            _put(session, SEQUENCE, str(sequence))

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


SEQUENCE_FILE = paths.EXPORT_SEQUENCE_FILENAME  # beside the diary: the highest export number used


def _highest_used(database_path) -> int:
    try:
        return int((database_path.parent / SEQUENCE_FILE).read_text(encoding="ascii").strip() or "0")
    except (FileNotFoundError, ValueError, UnicodeDecodeError):
        return 0


def _remember_highest(database_path, sequence: int) -> None:
    """Written after the database commit: if it is lost, the database still holds the number."""
    import os

    target = database_path.parent / SEQUENCE_FILE
    if _highest_used(database_path) >= sequence:
        return
    temp = target.with_name(f".{SEQUENCE_FILE}.tmp")
    with open(temp, "w", encoding="ascii") as fh:
        fh.write(f"{sequence}\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(temp, target)
