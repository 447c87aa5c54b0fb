"""A small file beside the diary (``reminder.json``) that ``supportback remind`` can read.

It holds no diary content: the reminder time, whether the computer's scheduler accepted it,
the last day the diary was filled in (kept by the open app), and the last day a reminder
was shown (by the app or the command), so there is never more than one a day. For a
profile with a PIN or passphrase the command reads only this file, never the diary.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from desktop import paths
from desktop.security.private_files import write_json_atomically


@dataclass(frozen=True)
class ReminderState:
    time: str | None = None  # HH:MM, or None: reminders off
    scheduled: bool = False  # the computer's scheduler runs `supportback remind` at that time
    filled_in_on: dt.date | None = None  # the last day whose diary was in, as the app last saw it
    reminded_on: dt.date | None = None  # the last day a reminder was shown

    def but(self, **changes) -> ReminderState:
        return replace(self, **changes)


def state_path(profile_dir: Path) -> Path:
    return profile_dir / paths.REMINDER_STATE_FILENAME


def read_state(profile_dir: Path) -> ReminderState:
    """The saved state; an empty one when the file is missing or damaged (it is only a helper)."""
    try:
        data = json.loads(state_path(profile_dir).read_text(encoding="utf-8"))
        time = data.get("time")
        return ReminderState(
            time=time if isinstance(time, str) and time else None, scheduled=data.get("scheduled") is True,
            filled_in_on=_day(data.get("filled_in_on")), reminded_on=_day(data.get("reminded_on")))
    except (OSError, ValueError, AttributeError):
        return ReminderState()


def write_state(profile_dir: Path, state: ReminderState) -> None:
    """Save the state (only when it changed: the app checks every minute)."""
    if read_state(profile_dir) == state and state_path(profile_dir).exists():
        return
    data = asdict(state)
    for key in ("filled_in_on", "reminded_on"):
        data[key] = data[key].isoformat() if data[key] else None
    write_json_atomically(state_path(profile_dir), data)


def _day(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None
