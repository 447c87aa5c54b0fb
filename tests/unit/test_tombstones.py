"""Deletions reach researchers: every deleted exported row leaves a tombstone, atomically."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import event

from desktop.domain.diary import DiaryEntry
from desktop.exchange import payload

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def entry(day, **changes):
    values = dict(day=day, pain=4, walking_minutes=20, limitation=3, exercises=frozenset({"bridge"}), note="ok")
    values.update(changes)
    return DiaryEntry(**values)


def rows(database, sql, *args):
    with database.reading() as conn:
        return conn.execute(sql, args).fetchall()


def day_uuid(database, day):
    found = rows(database, "SELECT uuid FROM diary_day WHERE day = ?", day.isoformat())
    return found[0][0] if found else None


def tombstones(database):
    return {uuid: (section, when) for uuid, section, when in rows(database, "SELECT * FROM deleted_row")}


def stamp(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


# Deleting a diary day ---------------------------------------------------------------------

def test_deleting_a_day_leaves_a_tombstone_later_than_its_last_change(diary, database, today):
    diary.save(entry(today))
    uuid = day_uuid(database, today)
    (updated,), = rows(database, "SELECT updated_at FROM diary_day")
    diary.delete(today)
    assert day_uuid(database, today) is None
    section, deleted_at = tombstones(database)[uuid]
    assert section == "diary" and stamp(deleted_at) > stamp(updated)


def test_a_delete_after_the_clock_went_back_still_dates_the_tombstone_after_the_row(diary, database, today,
                                                                                   monkeypatch):
    from desktop.store import tombstones as module

    diary.save(entry(today))
    (uuid, updated), = rows(database, "SELECT uuid, updated_at FROM diary_day")
    monkeypatch.setattr(module, "utc_now", lambda: stamp(updated) - dt.timedelta(days=1))
    diary.delete(today)
    assert stamp(tombstones(database)[uuid][1]) == stamp(updated) + dt.timedelta(microseconds=1)


def test_deletion_and_tombstone_are_written_in_one_commit(diary, database, today):
    diary.save(entry(today))
    database.release_connections()  # new connections, so each is traced from its start
    statements: list[str] = []
    event.listen(database.engine, "connect",
                 lambda dbapi_connection, _record: dbapi_connection.set_trace_callback(statements.append))
    diary.delete(today)
    database.release_connections()
    words = [s.split()[0].upper() for s in statements if s.split()]
    assert words.count("COMMIT") == 1
    begin, commit = words.index("BEGIN"), words.index("COMMIT")
    inside = [s.upper() for s in statements[begin:commit]]
    assert any(s.startswith("INSERT INTO DELETED_ROW") for s in inside)
    assert any(s.startswith("DELETE FROM DIARY_DAY") for s in inside)


def test_a_delete_that_fails_part_way_leaves_neither_deletion_nor_tombstone(diary, database, today, monkeypatch):
    from desktop.store import diary_service

    diary.save(entry(today))

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(diary_service, "add_event", broken)
    with pytest.raises(RuntimeError):
        diary.delete(today)
    assert diary.get(today) == entry(today)
    assert tombstones(database) == {}


_KILLED_MID_DELETE = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from desktop.content.loader import exercise_catalogue
    from desktop.domain.clock import FixedClock
    from desktop.domain.diary import DiaryEntry
    from desktop.store import diary_service
    from desktop.store.database import open_database

    today = __import__("datetime").date(2026, 3, 15)
    service = diary_service.DiaryService(open_database(Path(sys.argv[1]), "default"), exercise_catalogue(),
                                         FixedClock(today))
    service.save(DiaryEntry(day=today, pain=4, walking_minutes=20, limitation=3))

    def stall(*_args, **_kwargs):  # the row is deleted and its tombstone written, not yet committed
        print("deleted, not committed", flush=True)
        time.sleep(60)

    diary_service.add_event = stall
    service.delete(today)
""")


def test_a_process_killed_before_the_commit_keeps_the_day_and_writes_no_tombstone(data_root, database, today):
    database.close()
    child = subprocess.Popen([sys.executable, "-c", _KILLED_MID_DELETE, str(data_root)], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "deleted, not committed"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    assert len(rows(database, "SELECT uuid FROM diary_day")) == 1
    assert tombstones(database) == {}


# Undo -------------------------------------------------------------------------------------

def test_undo_brings_back_the_same_row_and_removes_its_tombstone(diary, database, today):
    diary.save(entry(today))
    uuid = day_uuid(database, today)
    (created,), = rows(database, "SELECT created_at FROM diary_day")
    deleted = diary.delete(today)
    (_section, deleted_at), = tombstones(database).values()

    assert diary.restore(deleted) is True
    assert diary.get(today) == entry(today)
    (uuid_back, created_back, updated_back), = rows(database, "SELECT uuid, created_at, updated_at FROM diary_day")
    assert (uuid_back, created_back) == (uuid, created)
    assert stamp(updated_back) > stamp(deleted_at)  # a collector that saw the tombstone takes the row back
    assert tombstones(database) == {}
    assert [e.kind for e in _usage(database)][:2] == ["diary_delete_undone", "diary_deleted"]


def test_undo_after_the_clock_went_back_still_dates_the_row_after_the_tombstone(diary, database, today,
                                                                               monkeypatch):
    from desktop.store import tombstones as module

    diary.save(entry(today))
    deleted = diary.delete(today)
    (_section, deleted_at), = tombstones(database).values()
    monkeypatch.setattr(module, "utc_now", lambda: stamp(deleted_at) - dt.timedelta(hours=1))
    diary.restore(deleted)
    (updated,), = rows(database, "SELECT updated_at FROM diary_day")
    assert stamp(updated) == stamp(deleted_at) + dt.timedelta(microseconds=1)


def test_undo_keeps_a_day_filled_in_again_since_and_its_tombstone(diary, database, today):
    diary.save(entry(today, pain=2))
    old_uuid = day_uuid(database, today)
    deleted = diary.delete(today)
    diary.save(entry(today, pain=8))
    assert diary.restore(deleted) is False
    assert diary.get(today).pain == 8
    assert day_uuid(database, today) != old_uuid
    assert old_uuid in tombstones(database)


def test_deleting_again_after_undo_records_a_newer_tombstone(diary, database, today):
    diary.save(entry(today))
    uuid = day_uuid(database, today)
    deleted = diary.delete(today)
    (_section, first), = tombstones(database).values()
    diary.restore(deleted)
    diary.delete(today)
    assert tombstones(database).keys() == {uuid}
    assert stamp(tombstones(database)[uuid][1]) > stamp(first)


def _usage(database):
    from desktop.store.usage_service import UsageService

    return UsageService(database).recent()


# Other deletions ----------------------------------------------------------------------------

def test_remaking_the_demo_diary_keeps_days_that_stay_and_tombstones_days_that_go(diary, database, today):
    days = [entry(today - dt.timedelta(days=i)) for i in range(5)]
    diary.replace_all(days)
    before = {day: day_uuid(database, day) for day in (e.day for e in days)}
    diary.replace_all(days[:3])
    assert {e.day: day_uuid(database, e.day) for e in days[:3]} == {e.day: before[e.day] for e in days[:3]}
    assert set(tombstones(database)) == {before[days[3].day], before[days[4].day]}


@pytest.fixture
def programme(database, today):
    from desktop.content.programme import programme_content
    from desktop.domain.clock import FixedClock
    from desktop.store.programme_service import ProgrammeService

    return ProgrammeService(database, programme_content(), FixedClock(today))


def _screening(programme, yes=(), extra=None):
    answers = {q.id: q.id in yes for q in programme.content.safety_questions}
    answers.update(extra or {})
    return answers


def test_answering_again_keeps_each_items_row_and_tombstones_items_no_longer_asked(programme, database):
    # An item this occasion no longer asks (here a first-check question, answered at a weekly one).
    programme.record_screening("session2", _screening(programme, extra={"pregnant": False}))
    before = dict(rows(database, "SELECT item_id, uuid FROM questionnaire_response"))
    first = programme.content.safety_questions[0].id
    programme.record_screening("session2", _screening(programme, yes={first}))
    after = dict(rows(database, "SELECT item_id, uuid FROM questionnaire_response"))
    assert after == {item: uuid for item, uuid in before.items() if item != "pregnant"}
    assert tombstones(database).keys() == {before["pregnant"]}
    assert rows(database, "SELECT value FROM questionnaire_response WHERE item_id = ?", first) == [(1,)]


def test_clearing_the_demo_programme_tombstones_sessions_goals_and_answers(programme, database):
    from desktop.domain.goals import WALKING, suggested_goal
    from desktop.store.programme_service import SessionResult

    programme.record_screening("session2", _screening(programme))
    goal = suggested_goal(WALKING, 1, programme.rules)
    programme.complete_session(SessionResult(1, (goal,), level=1, activity_choice="walking"))
    exported = {uuid: section for section, table in (("sessions", "session_record"), ("goals", "goal"),
                                                      ("questionnaires", "questionnaire_response"))
                for (uuid,) in rows(database, f"SELECT uuid FROM {table}")}
    programme.clear()
    assert {uuid: section for uuid, (section, _when) in tombstones(database).items()} == exported


# In the export ------------------------------------------------------------------------------

def test_the_export_lists_deletions_and_they_go_after_undo(diary, database, today):
    diary.save(entry(today))
    diary.save(entry(today - dt.timedelta(days=1)))
    uuid = day_uuid(database, today)
    deleted = diary.delete(today)
    with database.reading() as conn:
        data = payload.read_data(conn, "6f1c2f7e-3a57-4f7b-9d52-0f3e7b3c9a10")
    assert [d["uuid"] for d in data["diary"]] == [day_uuid(database, today - dt.timedelta(days=1))]
    (tombstone,) = data["deletions"]
    assert tombstone.keys() == {"uuid", "section", "deleted_at"}
    assert (tombstone["uuid"], tombstone["section"]) == (uuid, "diary")
    assert tombstone["deleted_at"] == payload.timestamp(tombstones(database)[uuid][1])
    diary.restore(deleted)
    with database.reading() as conn:
        again = payload.read_data(conn, "6f1c2f7e-3a57-4f7b-9d52-0f3e7b3c9a10")
    assert again["deletions"] == []
    back = next(d for d in again["diary"] if d["uuid"] == uuid)
    assert back["updated_at"] > tombstone["deleted_at"]  # fixed-width UTC text: text order is time order


def test_a_real_encrypted_export_carries_the_deletions_and_todays_collector_accepts_it(tmp_path, data_root):
    import json

    import jsonschema
    from exchange_helpers import clinic_key, decrypt_document, demo_profile, make_export

    from desktop.content.loader import exercise_catalogue
    from desktop.domain.clock import FixedClock
    from desktop.exchange import collect, export_reader
    from desktop.store.diary_service import DiaryService

    secret, recipient, _identity = clinic_key(tmp_path)
    database = demo_profile(data_root, days=20)
    try:
        diary = DiaryService(database, exercise_catalogue(), FixedClock(dt.date(2026, 3, 15)))
        gone = diary.between()[-1].day
        uuid = day_uuid(database, gone)
        diary.delete(gone)
        (tmp_path / "in").mkdir()
        exported = make_export(database, recipient, tmp_path / "in" / "e1.age")
    finally:
        database.close()
    document = decrypt_document(exported, secret)
    assert [(d["uuid"], d["section"]) for d in document["data"]["deletions"]] == [(uuid, "diary")]
    jsonschema.Draft202012Validator(json.loads(export_reader.schema_path().read_text())).validate(document)
    report = collect.collect([exported.parent], tmp_path / "out", secret)
    assert [f["status"] for f in report["files"]] == ["accepted"]
