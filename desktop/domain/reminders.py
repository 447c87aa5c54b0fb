"""When to remind, and when to stay quiet. Never nag twice for the same thing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# What remind_decision says, in the order it checks.
REMINDERS_OFF = "off"  # no reminder time chosen
FILLED_IN = "filled_in"  # today's diary is in
ALREADY_REMINDED = "already_reminded"  # once a day is enough
BEFORE_TIME = "before_time"  # not yet
REMIND = "remind"


def remind_decision(now: dt.datetime, reminder_time: str | None, today_filled_in: bool,
                    last_reminded: dt.date | None) -> str:
    """Whether the daily diary reminder is due now (REMIND), or why not.

    ``now`` is local wall-clock time: the reminder is at the chosen time where the person is.
    """
    if not reminder_time:
        return REMINDERS_OFF
    if today_filled_in:
        return FILLED_IN
    if last_reminded == now.date():
        return ALREADY_REMINDED
    return REMIND if now.time() >= parse_time(reminder_time) else BEFORE_TIME


def diary_reminder_due(now: dt.datetime, reminder_time: str | None, today_filled_in: bool,
                       last_reminded: dt.date | None) -> bool:
    """The daily diary reminder: at or after the chosen time, once a day, never once today's entry exists."""
    return remind_decision(now, reminder_time, today_filled_in, last_reminded) == REMIND


def parse_time(value: str) -> dt.time:
    """'HH:MM' (as stored) as a time; ValueError for anything else."""
    hours, minutes = value.split(":")
    if len(hours) != 2 or len(minutes) != 2:
        raise ValueError(f"{value!r} is not a time like 19:00")
    return dt.time(int(hours), int(minutes))


@dataclass(frozen=True)
class Prompt:
    key: str  # what it is about; a prompt with a key already shown is not shown again
    kind: str  # "missed_days" or "session"
    days: tuple[dt.date, ...] = ()
    session: int | None = None


def start_prompts(today: dt.date, recorded: set[dt.date], open_session: int | None, shown: set[str],
                  look_back_days: int = 7, diary_started: dt.date | None = None) -> list[Prompt]:
    """Gentle prompts for when the app opens: missed diary days this past week, a session that is ready.

    Days before the first diary entry (``diary_started``) were never "missed": someone who has
    not started yet is not told about gaps.
    """
    prompts = []
    days = (today - dt.timedelta(days=i) for i in range(look_back_days, 0, -1))
    missed = tuple(d for d in days if d not in recorded and diary_started is not None and d > diary_started)
    if missed:
        key = "missed:" + ",".join(d.isoformat() for d in missed)
        if key not in shown:
            prompts.append(Prompt(key, "missed_days", days=missed))
    if open_session is not None and f"session:{open_session}" not in shown:
        prompts.append(Prompt(f"session:{open_session}", "session", session=open_session))
    return prompts
