"""Keeping a clinic up to date through a shared folder (issue 24): when an export is due, its
name, pruning our own old files only, a missing folder, and a writer killed half-way."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.domain import folder_sync
from desktop.domain.diary import DiaryEntry
from desktop.domain.folder_sync import SyncState, due, export_name, to_remove
from desktop.exchange.export_reader import read_export
from desktop.exchange.folder_export import FOLDER_MISSING, FolderSync, FolderTarget, export_to_folder
from desktop.store.usage_service import UsageService
from tests.exchange_helpers import clinic_key, decrypt_document

ROOT = Path(__file__).resolve().parents[2]
PARTICIPANT = "0f8e1c2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b"
OTHER = "11111111-2222-4333-8444-555555555555"
DAY = dt.date(2026, 3, 15)


@dataclass
class MovableClock:
    day: dt.date

    def today(self) -> dt.date:
        return self.day

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


# The pure rules -------------------------------------------------------------------------------
def test_names_sort_by_participant_then_sequence():
    names = [export_name(OTHER, 2), export_name(PARTICIPANT, 10), export_name(PARTICIPANT, 9),
             export_name(OTHER, 1), export_name(PARTICIPANT, 100)]
    assert sorted(names) == [export_name(PARTICIPANT, 9), export_name(PARTICIPANT, 10), export_name(PARTICIPANT, 100),
                             export_name(OTHER, 1), export_name(OTHER, 2)]
    assert export_name(PARTICIPANT, 7) == f"supportback-{PARTICIPANT}-000007.age"
    with pytest.raises(ValueError):
        export_name("../../etc", 1)


def test_only_our_own_older_files_are_removed():
    ours = [export_name(PARTICIPANT, n) for n in (3, 4, 5, 6, 7)]
    stale = folder_sync.temp_name(PARTICIPANT, 2, "ab12cd34")
    foreign = ["notes.txt", export_name(OTHER, 1), export_name(OTHER, 2), f"supportback-{PARTICIPANT}-000001.age.bak",
               f"copy of supportback-{PARTICIPANT}-000001.age", f"supportback-{PARTICIPANT}-01.age",
               folder_sync.temp_name(OTHER, 9, "ab12cd34"), "supportback-for-clinic-2026-03-01.age"]
    removed = to_remove(ours + [stale] + foreign, PARTICIPANT, keep=3)
    assert removed == sorted([export_name(PARTICIPANT, 3), export_name(PARTICIPANT, 4), stale])
    assert to_remove(ours, PARTICIPANT, keep=3, writing=None) == ours[:2]
    assert to_remove(foreign, PARTICIPANT) == []


def test_a_reader_of_the_folder_finds_each_participants_newest_finished_export():
    names = [export_name(PARTICIPANT, 9), export_name(PARTICIPANT, 10), export_name(OTHER, 3),
             folder_sync.temp_name(OTHER, 4, "ab12cd34"), "notes.txt", f"supportback-{OTHER}-000099.age.part"]
    assert folder_sync.newest_exports(names) == {PARTICIPANT: export_name(PARTICIPANT, 10),
                                                 OTHER: export_name(OTHER, 3)}


def test_an_export_is_due_after_a_review_at_once_and_after_a_diary_change_once_a_day():
    written = dt.datetime(2026, 3, 15, 9, 0)
    later = written + dt.timedelta(hours=3)
    state = SyncState("/media/stick", written, DAY)
    assert due(SyncState(""), DAY, later, later) is None  # turned off
    assert due(SyncState("/media/stick"), DAY, None, None) == folder_sync.FIRST
    assert due(state, DAY, later, None) is None  # already written today
    assert due(state, DAY + dt.timedelta(days=1), later, None) == folder_sync.DIARY_CHANGED
    assert due(state, DAY, None, later) == folder_sync.WEEKLY_REVIEW  # a review goes at once, even the same day
    assert due(state, DAY + dt.timedelta(days=1), written - dt.timedelta(hours=1), None) is None  # nothing new
    failed = SyncState("/media/stick", written, DAY, "folder_missing")
    assert due(failed, DAY, None, None) == folder_sync.RETRY  # a try that wrote nothing goes again
    assert due(failed, DAY, None, later) == folder_sync.WEEKLY_REVIEW
    assert due(state, DAY, None, None, later) == folder_sync.CALL_REQUEST  # a call request at once, too
    assert due(state, DAY, None, None, written - dt.timedelta(hours=1)) is None  # already in the last copy


# With a real profile ------------------------------------------------------------------------
@pytest.fixture
def clinic(tmp_path):
    return clinic_key(tmp_path)


def _entry(day: dt.date, pain: int = 4) -> DiaryEntry:
    return DiaryEntry(day=day, pain=pain, walking_minutes=20, limitation=3)


def _exports(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if folder_sync.EXPORT_NAME.match(p.name))


def test_exports_follow_diary_changes_at_most_once_a_day(database, clinic, tmp_path, monkeypatch):
    from desktop.content.loader import exercise_catalogue
    from desktop.store.diary_service import DiaryService

    secret, recipient, _ = clinic
    folder = tmp_path / "OneDrive" / "Clinic"
    folder.mkdir(parents=True)
    clock = MovableClock(DAY)
    diary = DiaryService(database, exercise_catalogue(), clock)
    sync = FolderSync(database, clock)
    sync.choose_folder(folder)
    assert sync.run_if_due() is not None and sync.state().problem == "no_key"  # no clinic key saved yet
    from desktop.exchange.export_file import export_profile

    export_profile(database, [recipient], tmp_path / "by-hand.age")  # the key is saved with the first export
    first = sync.run_if_due()
    assert first.reason == folder_sync.FIRST and first.path.parent == folder
    diary.save(_entry(DAY))
    assert sync.run_if_due() is None  # written today already: the change waits for tomorrow
    clock.day = DAY + dt.timedelta(days=1)
    monkeypatch.setenv("SUPPORTBACK_TODAY", clock.day.isoformat())  # the export's own date, as with --today
    diary.save(_entry(clock.day))
    second = sync.run_if_due()
    assert second.reason == folder_sync.DIARY_CHANGED and second.sequence > first.sequence
    assert sync.run_if_due() is None  # nothing changed since
    document = decrypt_document(second.path, secret)
    assert {d["date"] for d in document["data"]["diary"]} == {DAY.isoformat(), clock.day.isoformat()}
    assert read_export(_plain(second.path, secret), clock.day).sequence == second.sequence  # sound and signed
    kinds = [(e.kind, e.detail.get("reason")) for e in UsageService(database).recent() if e.kind.startswith("folder")]
    assert kinds == [("folder_export", "diary_changed"), ("folder_export", "first"),
                     ("folder_export_missed", "first")]


def _plain(path: Path, secret: str) -> bytes:
    import pyrage
    from pyrage import x25519

    return pyrage.decrypt(path.read_bytes(), [x25519.Identity.from_str(secret)])


def test_a_weekly_review_is_exported_the_same_day(database, clinic, tmp_path):
    from desktop.content.programme import programme_content
    from desktop.domain.goals import WALKING, suggested_goal
    from desktop.store.programme_service import ProgrammeService, SessionResult

    _, recipient, _ = clinic
    clock = MovableClock(DAY)
    sync = FolderSync(database, clock, FolderTarget(str(tmp_path), (recipient,)))
    assert sync.run_if_due().reason == folder_sync.FIRST
    assert sync.run_if_due() is None
    programme = ProgrammeService(database, programme_content(), clock)
    programme.complete_session(SessionResult(7, (suggested_goal(WALKING, 2, programme.rules),), level=2))
    outcome = sync.run_if_due()
    assert outcome.reason == folder_sync.WEEKLY_REVIEW and outcome.path.exists()
    assert len(_exports(tmp_path)) == 2


def test_a_missing_folder_is_reported_and_tried_again(database, diary, clinic, tmp_path):
    _, recipient, _ = clinic
    stick = tmp_path / "media" / "USB"
    sync = FolderSync(database, MovableClock(DAY), FolderTarget(str(stick), (recipient,)))
    missed = sync.run_if_due()
    assert missed.problem == FOLDER_MISSING and missed.path is None
    assert not stick.exists()  # never made: a missing stick must not become a folder on the computer
    assert sync.state().problem == FOLDER_MISSING
    assert sync.run_if_due().problem == FOLDER_MISSING  # tried again, one usage event for the problem
    stick.mkdir(parents=True)  # the stick is back
    done = sync.run_if_due()
    assert done.path is not None and done.path.parent == stick and sync.state().problem == ""
    events = [e.kind for e in UsageService(database).recent() if e.kind.startswith("folder")]
    assert events == ["folder_export", "folder_export_missed"]


def test_old_exports_of_ours_are_pruned_and_foreign_files_left(database, clinic, tmp_path):
    _, recipient, _ = clinic
    foreign = {"notes.txt": b"mine", f"supportback-{OTHER}-000001.age": b"another patient",
               "supportback-for-clinic-2026-03-01.age": b"saved by hand"}
    for name, data in foreign.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "sub").mkdir()
    written = []
    for _ in range(5):
        result, _removed = export_to_folder(database, tmp_path, [recipient], keep=3)
        written.append(result.path.name)
    assert _exports(tmp_path) == sorted(written[-3:] + [f"supportback-{OTHER}-000001.age"])
    for name, data in foreign.items():
        assert (tmp_path / name).read_bytes() == data
    assert (tmp_path / "sub").is_dir()


_WRITER = """
import sys, time
from pathlib import Path
from desktop.exchange.folder_export import write_atomically

def chunks():
    yield b"age-encryption.org/v1\\n" + b"x" * 65536
    print("writing", flush=True)
    time.sleep(60)  # killed here, half-way through the file
    yield b"the rest"

write_atomically(Path(sys.argv[1]), chunks())
"""


def test_a_killed_export_leaves_no_partial_file(database, clinic, tmp_path):
    _, recipient, _ = clinic
    from desktop.store.export_state import ExportState

    participant = ExportState(database).next_ticket().participant_id
    folder = tmp_path / "Dropbox"
    folder.mkdir()
    target = folder / export_name(participant, 1)
    child = subprocess.Popen([sys.executable, "-c", _WRITER, str(target)], cwd=ROOT, stdout=subprocess.PIPE,
                             text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert child.stdout.readline().strip() == "writing"
        temps = list(folder.iterdir())
        assert len(temps) == 1 and temps[0].stat().st_size > 0  # half a file, under the temporary name
        assert temps[0].name.startswith("~$") and temps[0].name.endswith(".tmp")
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        child.stdout.close()
    assert not target.exists() and _exports(folder) == []  # nothing a sync client would upload
    # The next export of that participant clears the half-written file away.
    result, removed = export_to_folder(database, folder, [recipient])
    assert removed == (temps[0].name,)
    assert sorted(p.name for p in folder.iterdir()) == [result.path.name]


# The command line -----------------------------------------------------------------------------
def test_export_to_folder_from_the_command_line(data_root, clinic, tmp_path, capsys):
    from desktop import cli
    from desktop.store.database import open_database

    _, recipient, _ = clinic
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "README.txt").write_text("the clinic's own file")
    for _ in range(4):
        assert cli.main(["export", "--recipient", recipient, "--to-folder", str(inbox)]) == 0
    said = capsys.readouterr().out
    assert "Wrote export #4" in said and "removed 1 older file(s)" in said
    kept = _exports(inbox)
    assert [int(folder_sync.EXPORT_NAME.match(n)["sequence"]) for n in kept] == [2, 3, 4]
    assert (inbox / "README.txt").read_text() == "the clinic's own file"
    # Without --recipient the saved clinic key is used, as for --out.
    assert cli.main(["export", "--to-folder", str(inbox)]) == 0
    missing = tmp_path / "unplugged"
    assert cli.main(["export", "--to-folder", str(missing)]) == 1
    assert "is not there" in capsys.readouterr().err and not missing.exists()
    with pytest.raises(SystemExit) as usage:
        cli.main(["export", "--to-folder", str(inbox), "--out", str(tmp_path / "x.age")])
    assert usage.value.code == 2
    database = open_database(data_root, "default")
    try:
        events = [e.detail["reason"] for e in UsageService(database).recent() if e.kind == "folder_export"]
    finally:
        database.close()
    assert events == ["command_line"] * 5
