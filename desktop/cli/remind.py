"""``supportback remind``: one diary reminder, if it is due, then exit. The computer's scheduler runs it.

It never fires when reminders are off, before the chosen time, once today's diary is in, or a
second time on one day (domain/reminders.py decides). A profile without a PIN or passphrase
is read directly (read only). A protected profile's diary is never opened: the command reads
only ``reminder.json`` beside it (the time, and the last day the open app saw the diary
filled in), and the notification says only "Time for your SupportBack diary."
It prints one line saying what it did, for the scheduler's log, and opens no network connection.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop import paths
from desktop.cli.errors import EXIT_OK, CommandFailed
from desktop.content.loader import set_language, text
from desktop.domain import reminders
from desktop.system.reminder_state import read_state, write_state

WHY_NOT = {
    reminders.REMINDERS_OFF: "reminders are off",
    reminders.FILLED_IN: "today's diary is already filled in",
    reminders.ALREADY_REMINDED: "there was already a reminder today",
    reminders.BEFORE_TIME: "it is not yet {time}",
}


def run_remind(root: Path, requested: str | None) -> int:
    from desktop.domain.clock import clock_from_environment

    profile = _profile(root, requested)
    if profile is None:
        return EXIT_OK
    folder = paths.profile_dir(root, profile)
    today = clock_from_environment().today()
    now = dt.datetime.combine(today, dt.datetime.now().time())  # local wall-clock time
    state = read_state(folder)
    if _protected(folder):
        # Only what the app noted beside the diary, and a message that gives nothing away.
        reminder_time, filled_in = state.time, state.filled_in_on == today
        message = text("remind_locked_message")
    else:
        reminder_time, filled_in = _read_diary(paths.database_path(root, profile), today)
        set_language(_language(paths.database_path(root, profile)))  # the profile's own words
        message = text("tray_diary_message")
    decision = reminders.remind_decision(now, reminder_time, filled_in, state.reminded_on)
    if decision != reminders.REMIND:
        print(f"No reminder for {profile!r}: {WHY_NOT[decision].format(time=reminder_time)}.")
        return EXIT_OK
    from desktop.system.notify import show_notification

    title = text("tray_diary_title")
    if show_notification(title, message):
        print(f"Reminded {profile!r} to fill in the diary.")
    else:  # no notification tool here: the line is all there is (the scheduler keeps it in its log)
        print(f"{title}: {message}")
    write_state(folder, state.but(reminded_on=today))
    return EXIT_OK


def _profile(root: Path, requested: str | None) -> str | None:
    """The profile to remind; None (said why) when there is none: a scheduler must not make one."""
    from desktop.store.profiles import check_profile_name, list_profiles

    existing = list_profiles(root)
    if requested is None:
        if len(existing) > 1:
            raise CommandFailed("There are several profiles here; choose one with --profile NAME: "
                                + ", ".join(existing))
        if not existing:
            print(f"No reminder: there is no diary in {root} yet.")
            return None
        return existing[0]
    name = check_profile_name(requested)
    if name not in existing:
        print(f"No reminder: there is no profile {name!r} in {root}.")
        return None
    return name


def _protected(folder: Path) -> bool:
    from desktop.security.profile_lock import ProfileLock

    return ProfileLock(folder).is_protected


def _read_diary(database: Path, today: dt.date) -> tuple[str | None, bool]:
    """(the reminder time, whether today's diary is in), read in one short read-only transaction."""
    from desktop.store.connection import read_transaction

    with read_transaction(database) as connection:
        row = connection.execute("SELECT reminder_time FROM programme_state WHERE id = 1").fetchone()
        filled_in = connection.execute("SELECT 1 FROM diary_day WHERE day = ?", (today.isoformat(),)).fetchone()
    return (row[0] if row else None), filled_in is not None


def _language(database: Path) -> str | None:
    """The profile's language setting, or None (English) when there is none or it cannot be read."""
    from desktop.store.connection import read_transaction

    try:
        with read_transaction(database) as connection:
            row = connection.execute("SELECT value FROM app_setting WHERE key = 'language'").fetchone()
    except Exception:  # noqa: BLE001 - a reminder in English is better than none
        return None
    return row[0] if row else None
