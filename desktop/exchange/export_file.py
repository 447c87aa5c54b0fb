"""Make one encrypted export of a profile: build, sign, encrypt, write, remember."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.exchange import age_files, payload
from desktop.store.database import Database
from desktop.store.export_state import ExportState, ExportTicket


@dataclass(frozen=True)
class ExportResult:
    path: Path
    sequence: int
    export_id: str
    diary_days: int
    recipients: tuple[str, ...]
    participant_id: str
    device_key_id: str


def export_profile(database: Database, recipients: list[str] | None, target: Path | Callable[[ExportTicket], Path],
                   *, writer: Callable[[Path, bytes], None] | None = None) -> ExportResult:
    """Encrypt the profile to the given clinic keys (or the ones saved from last time).

    The clinic key is remembered and the export recorded only once the whole file is
    written; a failed attempt may use up a sequence number (collectors only need them to rise).
    ``target`` may name the file from the export's ticket (a folder export names it by participant
    and sequence, see exchange/folder_export.py), and ``writer`` write it its own atomic way.
    """
    state = ExportState(database)
    keys = [r.strip() for r in (recipients or state.saved_recipients())]
    if not keys:
        raise age_files.RecipientError("No clinic key was given and none is saved in this profile yet: "
                                       "give the clinic's key (age1...).")
    for key in keys:
        age_files.check_recipient(key)
    if not callable(target) and target.expanduser().is_dir():
        raise IsADirectoryError(f"{target} is a folder; give a file name such as my-diary.age")
    if not callable(target) and not target.expanduser().parent.is_dir():
        raise FileNotFoundError(f"the folder {target.expanduser().parent} does not exist")
    ticket = state.next_ticket()
    if callable(target):
        target = target(ticket)
    with database.reading() as connection:
        data = payload.read_data(connection, ticket.participant_id)
    from desktop.domain.clock import clock_from_environment

    document = payload.build_document(data, ticket, clock_from_environment().today())
    (writer or age_files.write_file_atomically)(target, age_files.encrypt(payload.encode(document), keys))
    export_id = document["manifest"]["export_id"]
    state.export_made(keys, ticket.sequence, export_id)
    manifest = document["manifest"]
    return ExportResult(target, ticket.sequence, export_id, len(data["diary"]), tuple(keys),
                        manifest["participant_id"], manifest["device_key_id"])
