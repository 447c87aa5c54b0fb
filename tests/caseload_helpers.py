"""Folders of exports for the caseload tests: many patients made quickly from one real profile.

One demo profile is exported three times (as it is, after asking for a call, after an
emergency red-flag answer); each synthetic patient is that ``data`` with its own participant
id, study code and device key, signed and encrypted as the app does (payload.build_document).
"""

from __future__ import annotations

import copy
import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

import pyrage
from exchange_helpers import decrypt_document, demo_profile, make_export
from pyrage import x25519

from desktop.domain.clock import FixedClock
from desktop.domain.folder_sync import export_name
from desktop.exchange import payload
from desktop.security.device_key import new_private_key
from desktop.store.export_state import ExportTicket

TODAY = dt.date(2026, 3, 15)


@dataclass
class Sources:
    plain: dict  # a demo profile's data (a diary up to TODAY, no call request, nothing paused)
    call_requests: list  # the same profile's call_requests after "I'd like to talk to a physio"
    emergency: dict  # its programme and questionnaires after an emergency red-flag answer


def sources(folder: Path, recipient: str, secret: str, days: int = 40) -> Sources:
    from desktop.content.programme import programme_content
    from desktop.store.call_requests import CallRequestService
    from desktop.store.programme_service import ProgrammeService

    database = demo_profile(folder / "demo", days=days, seed=4)
    try:
        plain = decrypt_document(make_export(database, recipient, folder / "s0.age"), secret)["data"]
        CallRequestService(database, FixedClock(TODAY)).request("My back is worse since Tuesday")
        asked = decrypt_document(make_export(database, recipient, folder / "s1.age"), secret)["data"]
        content = programme_content()
        emergency = next(q for q in content.safety.questions if q.item.urgency == "emergency")
        answers = {q.id: q.id == emergency.id for q in content.safety.questions}
        ProgrammeService(database, content, FixedClock(TODAY)).record_screening("session3", answers)
        paused = decrypt_document(make_export(database, recipient, folder / "s2.age"), secret)["data"]
    finally:
        database.close()
    for name in ("s0.age", "s1.age", "s2.age"):
        (folder / name).unlink()
    assert paused["programme"]["paused_for_safety"], paused["programme"]
    return Sources(plain, asked["call_requests"], {"programme": paused["programme"],
                                                   "questionnaires": paused["questionnaires"]})


@dataclass
class Patient:
    participant_id: str
    device_key: bytes
    code: str


def new_patient(code: str, number: int) -> Patient:
    return Patient(str(uuid.UUID(int=number + 1, version=4)), new_private_key(), code)


def patient_data(base: dict, patient: Patient, *, call_requests: list | None = None, emergency: dict | None = None,
                 diary_until: dt.date | None = None, indicators: list | None = None) -> dict:
    data = copy.deepcopy(base)
    data["participant"]["participant_id"] = patient.participant_id
    data["participant"]["study_code"] = patient.code
    if call_requests is not None:
        data["call_requests"] = copy.deepcopy(call_requests)
    if emergency is not None:
        data.update(copy.deepcopy(emergency))
    if indicators is not None and data["programme"]:
        data["programme"]["indicators"] = list(indicators)
    if diary_until is not None:  # a patient who stopped filling in the diary
        data["diary"] = [d for d in data["diary"] if d["date"] <= diary_until.isoformat()]
    return data


def write_export(folder: Path, recipient: str, data: dict, patient: Patient, sequence: int = 1,
                 exported_on: dt.date = TODAY, name: str | None = None) -> Path:
    ticket = ExportTicket(patient.participant_id, patient.device_key, sequence)
    now = dt.datetime.combine(exported_on, dt.time(9, sequence % 60), dt.UTC)
    document = payload.build_document(data, ticket, exported_on, now)
    target = folder / (name or export_name(patient.participant_id, sequence))
    target.write_bytes(pyrage.encrypt(payload.encode(document), [x25519.Recipient.from_str(recipient)]))
    return target


def tamper(path: Path) -> Path:
    """Flip a byte in the middle: age's checks refuse it."""
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0x40
    path.write_bytes(bytes(raw))
    return path


def truncate(path: Path) -> Path:
    path.write_bytes(path.read_bytes()[: path.stat().st_size * 2 // 3])
    return path


def altered_after_signing(path: Path, secret: str, recipient: str) -> Path:
    """Decrypt, change one pain score, encrypt again to the clinic: the signed hash no longer matches."""
    document = decrypt_document(path, secret)
    document["data"]["diary"][-1]["pain"] = (document["data"]["diary"][-1]["pain"] + 3) % 11
    path.write_bytes(pyrage.encrypt(payload.encode(document), [x25519.Recipient.from_str(recipient)]))
    return path
