"""A clinic's caseload: every export in one folder, the newest per patient, one row each.

``check_export`` is the one per-file check (decrypt with the clinic key, then every check
``clinic open`` makes); it stands alone so it can become ``research collect``'s pure check
later. A file that fails it is listed as rejected with its reason, never read as data. Many
patients may share the folder (a synced inbox): the export with the highest sequence (then
the latest time) wins for each participant, and older copies and duplicates are left aside.
``CaseloadReader`` remembers each file's result by name, size and change time, so reading the
folder again when a file arrives checks only what is new. Plain Python: no Qt here.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from desktop.content.loader import text
from desktop.domain.call_request import CallRequest
from desktop.domain.caseload_order import Standing, in_order, needs
from desktop.exchange.age_files import AgeFileError, BoundedDecryptor
from desktop.exchange.export_reader import ExportRejected, VerifiedExport, read_records

# Flags that call for support (the others, such as "pain lower after walking", are news to share).
SUPPORT_FLAG_KINDS = frozenset({"indicators", "engagement", "rmdq", "link_higher", "mood", "pregnancy",
                                "spinal_surgery"})


@dataclass(frozen=True)
class Rejected:
    path: Path
    reason: str


@dataclass(frozen=True)
class PatientRow:
    participant_id: str
    study_code: str | None
    path: Path
    export_id: str
    sequence: int
    exported_at: str  # "YYYY-MM-DD HH:MM" UTC
    exported_on: dt.date
    last_diary_day: dt.date | None
    programme_week: int | None  # None: the getting-started questions are not finished
    sessions_done: int
    paused_for_safety: bool
    safety_level: str  # the open level when paused (emergency, same_day), else ""
    flags: tuple[str, ...]  # each flag's short title, those calling for support first
    support_flags: int  # how many of them call for support
    rmdq_start: int | None
    rmdq_now: int | None
    call_request: CallRequest | None

    @property
    def who(self) -> str:
        return self.study_code or text("clinic_header_no_code", short=self.participant_id[:8])

    def standing(self, follow_up=None) -> Standing:
        """For the order of need; ``follow_up``: the clinic notes' FollowUp for this patient, if any."""
        return Standing(self.participant_id, self.who, self.exported_on, self.paused_for_safety,
                        self.call_request.requested_on if self.call_request else None, self.support_flags,
                        self.last_diary_day, follow_up.last_call if follow_up else None,
                        follow_up.next_follow_up if follow_up else None)


def check_export(path: Path, identity: BoundedDecryptor, today: dt.date | None = None) -> VerifiedExport | str:
    """The verified export in ``path`` (``data`` as plain JSON values), or why it is rejected.

    ``identity``: the clinic's secret key, held open in a decryptor (one child process for the
    whole folder). Every check ``clinic open`` makes, the fast way where it can."""
    try:
        plaintext = identity.decrypt(path)
        export = read_records(plaintext, today)
    except (AgeFileError, ExportRejected) as exc:
        return str(exc)
    import msgspec

    data = export.data if isinstance(export.data, dict) else msgspec.to_builtins(export.data)
    return VerifiedExport(export.export_id, export.participant_id, export.device_key_id, export.sequence,
                          export.exported_at, export.exported_on, data)


def patient_row(path: Path, export: VerifiedExport) -> PatientRow:
    from desktop.content.programme import programme_rules
    from desktop.exchange.clinic_data import flag_title, rmdq_history
    from desktop.exchange.clinic_summary import call_request, flag_rules, support_flags

    data = export.data
    exported_on = dt.date.fromisoformat(export.exported_on)
    programme = data["programme"] or {}
    started = programme.get("started_on")
    week = (exported_on - dt.date.fromisoformat(started)).days // 7 + 1 if started else None
    flags = support_flags(export, flag_rules(), exported_on)
    rmdq = rmdq_history(data["questionnaires"])
    sessions_total = programme_rules().sessions
    paused = bool(programme.get("paused_for_safety"))
    return PatientRow(
        participant_id=export.participant_id, study_code=data["participant"]["study_code"], path=path,
        export_id=export.export_id, sequence=export.sequence,
        exported_at=export.exported_at[:16].replace("T", " "), exported_on=exported_on,
        last_diary_day=max((dt.date.fromisoformat(d["date"]) for d in data["diary"]), default=None),
        programme_week=week, sessions_done=sum(1 for s in data["sessions"] if s["number"] <= sessions_total),
        paused_for_safety=paused, safety_level=(programme.get("safety_outcome") or "") if paused else "",
        flags=tuple(flag_title(f) for f in sorted(flags, key=lambda f: f.kind not in SUPPORT_FLAG_KINDS)),
        support_flags=sum(1 for f in flags if f.kind in SUPPORT_FLAG_KINDS),
        rmdq_start=rmdq[0][2] if rmdq else None, rmdq_now=rmdq[-1][2] if len(rmdq) > 1 else None,
        call_request=call_request(data))


@dataclass
class Caseload:
    patients: list[PatientRow] = field(default_factory=list)  # one per participant, newest export
    rejected: list[Rejected] = field(default_factory=list)
    set_aside: int = 0  # older exports and duplicates of a patient listed from a newer one

    def ordered(self, follow_ups: dict | None, today: dt.date) -> list[tuple[PatientRow, tuple[str, ...]]]:
        """(row, its needs) by need, the most pressing first. ``follow_ups``: participant -> FollowUp."""
        by_key = {row.participant_id: row for row in self.patients}
        standings = [row.standing((follow_ups or {}).get(row.participant_id)) for row in self.patients]
        return [(by_key[s.key], needs(s, today)) for s in in_order(standings, today)]


class CaseloadReader:
    """Reads a folder's ``*.age`` files (not its subfolders), checking each file once."""

    def __init__(self, folder: Path, identity: BoundedDecryptor):
        self.folder = folder
        self.identity = identity
        self._seen: dict[str, tuple[tuple[int, int], PatientRow | Rejected]] = {}

    def read(self, today: dt.date | None = None) -> Caseload:
        try:
            entries = sorted((e for e in os.scandir(self.folder) if e.name.endswith(".age")), key=lambda e: e.name)
        except OSError as exc:
            raise AgeFileError(f"The folder {self.folder} cannot be read: {exc.strerror or exc}.") from None
        results, seen = [], {}
        for entry in entries:
            try:
                stat = entry.stat()
            except OSError:
                continue  # removed while we looked (a sync client replacing it): the next read sees it
            stamp = (stat.st_size, stat.st_mtime_ns)
            known = self._seen.get(entry.name)
            if known is None or known[0] != stamp:
                path = Path(entry.path)
                checked = check_export(path, self.identity, today)
                known = (stamp, Rejected(path, checked) if isinstance(checked, str) else patient_row(path, checked))
            seen[entry.name] = known
            results.append(known[1])
        self._seen = seen
        return caseload_of(results)


def caseload_of(results: list[PatientRow | Rejected]) -> Caseload:
    """The newest export per participant (highest sequence, then latest time); the rest set aside."""
    caseload = Caseload(rejected=[r for r in results if isinstance(r, Rejected)])
    newest: dict[str, PatientRow] = {}
    rows = [r for r in results if isinstance(r, PatientRow)]
    for row in rows:
        held = newest.get(row.participant_id)
        if held is None or (row.sequence, row.exported_at, row.path.name) > (held.sequence, held.exported_at,
                                                                             held.path.name):
            newest[row.participant_id] = row
    caseload.patients = list(newest.values())
    caseload.set_aside = len(rows) - len(newest)
    return caseload
