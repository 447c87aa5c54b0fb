"""`supportback remind` in a child process, as the computer's scheduler runs it, with a fake notify-send."""

from __future__ import annotations

import datetime as dt

from scheduler_helpers import calls, fake_tool, path_with

from desktop.content.loader import text
from desktop.domain.diary import DiaryEntry
from desktop.system.reminder_state import ReminderState, read_state, write_state
from tests.cli_helpers import run_cli

TODAY = dt.date(2026, 3, 15)  # SUPPORTBACK_TODAY in tests/conftest.py


def make_profile(root, name: str, reminder_time: str | None, filled_in: bool = False) -> None:
    from desktop.content.loader import exercise_catalogue
    from desktop.domain.clock import FixedClock
    from desktop.store.database import open_database
    from desktop.store.diary_service import DiaryService
    from desktop.store.programme_service import ProgrammeService

    database = open_database(root, name)
    try:
        ProgrammeService(database, lambda: None, FixedClock(TODAY)).set_reminder_time(reminder_time)
        if filled_in:
            DiaryService(database, exercise_catalogue(), FixedClock(TODAY)).save(
                DiaryEntry(day=TODAY, pain=3, walking_minutes=20, limitation=2))
    finally:
        database.close()


def remind(tmp_path, *args: str, path: str | None = None):
    return run_cli("remind", *args, env={"PATH": path or path_with(tmp_path / "bin")})


def test_reminds_once_after_the_time_when_the_diary_is_not_in(tmp_path, data_root):
    notify = fake_tool(tmp_path / "bin", "notify-send")
    make_profile(data_root, "Ann", "00:00")  # any time of day is after midnight
    first = remind(tmp_path, "--profile", "Ann")
    assert first.returncode == 0, first.stderr
    assert calls(notify) == [["--app-name=SupportBack", text("tray_diary_title"), text("tray_diary_message")]]
    assert "Reminded 'Ann'" in first.stdout
    assert read_state(data_root / "profiles" / "Ann").reminded_on == TODAY

    again = remind(tmp_path, "--profile", "Ann")
    assert again.returncode == 0 and "already a reminder today" in again.stdout
    assert len(calls(notify)) == 1  # never twice a day


def test_quiet_when_filled_in_or_off_or_too_early(tmp_path, data_root):
    notify = fake_tool(tmp_path / "bin", "notify-send")
    make_profile(data_root, "Filled", "00:00", filled_in=True)
    make_profile(data_root, "Off", None)
    for profile, why in (("Filled", "today's diary is already filled in"), ("Off", "reminders are off")):
        result = remind(tmp_path, "--data-dir", str(data_root), "--profile", profile)
        assert result.returncode == 0 and why in result.stdout, result.stdout + result.stderr
    assert calls(notify) == []


def test_without_notify_send_it_prints_the_reminder(tmp_path, data_root):
    make_profile(data_root, "Ann", "00:00")
    result = remind(tmp_path, path=str(tmp_path / "nothing-here"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{text('tray_diary_title')}: {text('tray_diary_message')}"


def test_a_missing_profile_is_not_made(tmp_path, data_root):
    notify = fake_tool(tmp_path / "bin", "notify-send")
    result = remind(tmp_path, "--profile", "Gone")
    assert result.returncode == 0 and "no profile 'Gone'" in result.stdout
    assert not (data_root / "profiles" / "Gone").exists() and calls(notify) == []


def test_a_protected_profile_is_never_opened_and_the_message_says_nothing_private(tmp_path, data_root):
    notify = fake_tool(tmp_path / "bin", "notify-send")
    passphrase = tmp_path / "passphrase.txt"
    passphrase.write_text("a long enough passphrase\n")
    made = run_cli("profile", "create", "Sam", "--passphrase-file", str(passphrase))
    assert made.returncode == 0, made.stderr
    folder = data_root / "profiles" / "Sam"
    # The diary is encrypted: reading it without the passphrase would fail. Only reminder.json is read.
    write_state(folder, ReminderState(time="00:00", scheduled=True))
    result = remind(tmp_path, "--profile", "Sam")
    assert result.returncode == 0, result.stderr
    assert calls(notify) == [["--app-name=SupportBack", text("tray_diary_title"), "Time for your SupportBack diary."]]

    write_state(folder, ReminderState(time="00:00", scheduled=True, filled_in_on=TODAY))  # as the open app notes it
    quiet = remind(tmp_path, "--profile", "Sam")
    assert quiet.returncode == 0 and "already filled in" in quiet.stdout and len(calls(notify)) == 1


def test_the_reminder_is_in_the_profiles_language(tmp_path, data_root):
    from desktop.store.database import open_database
    from desktop.store.settings_service import LANGUAGE_SETTING, SettingsService

    notify = fake_tool(tmp_path / "bin", "notify-send")
    make_profile(data_root, "Ola", "00:00")
    database = open_database(data_root, "Ola")
    SettingsService(database).set(LANGUAGE_SETTING, "pl")
    database.close()
    result = remind(tmp_path, "--profile", "Ola")
    assert result.returncode == 0, result.stderr
    assert calls(notify) == [["--app-name=SupportBack", text("tray_diary_title", "pl"),
                              text("tray_diary_message", "pl")]]
    assert text("tray_diary_message", "pl") != text("tray_diary_message")
