"""What each page shows while safety advice is open, or before the first safety check. Pure.

- Advice to go to A&E or call 999 that the patient has not confirmed comes first on every
  page: the advice takes the page's place (Settings keeps its page under the advice, so a
  diary can still be sent to the clinic).
- A check that the diary or the walking guide asked for comes next, the same way.
- Other open advice (GP today, GP this week) holds the exercises and the sessions; the
  diary and Progress show a reminder above the page.
- Before the first safety check, the exercises wait for it; the diary and Progress remind.
- After a back operation, the exercises wait for the surgeon's or physio's go-ahead.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.safety_rules import CLEAR, EMERGENCY

HOME, WEEK, DIARY, PROGRESS, EXERCISES, LEARN, SETTINGS = (
    "home", "week", "diary", "progress", "exercises", "learn", "settings")
SECTIONS = (HOME, WEEK, DIARY, PROGRESS, EXERCISES, LEARN, SETTINGS)

# What a page shows: itself; a reminder above it; the emergency advice instead of it (or above
# it); a safety check instead of it; a note that the exercises wait (for the first check, for
# a check-up, for the surgeon's go-ahead).
OPEN, REMINDER, ADVICE, ADVICE_ABOVE, CHECK, WAIT_FOR_CHECK, WAIT_FOR_CHECKUP, WAIT_FOR_SURGEON = (
    "open", "reminder", "advice", "advice_above", "check", "wait_for_check", "wait_for_checkup", "wait_for_surgeon")


@dataclass(frozen=True)
class SafetyStatus:
    screened: bool = False  # the first safety questions have been answered
    open_level: str = CLEAR  # advice not yet confirmed (programme paused), or CLEAR
    pending_check: str = ""  # "", or the check a trigger asks for: nerve, weekly, history
    surgery_hold: bool = False  # a recent back operation, no go-ahead confirmed yet

    @property
    def emergency(self) -> bool:
        return self.open_level == EMERGENCY


def page_view(status: SafetyStatus, section: str) -> str:
    if section not in SECTIONS:
        raise ValueError(f"unknown section {section!r}")
    if status.emergency:
        return ADVICE_ABOVE if section == SETTINGS else ADVICE
    if status.pending_check and status.pending_check != "history":
        return OPEN if section == SETTINGS else CHECK
    if status.open_level != CLEAR:
        return {EXERCISES: WAIT_FOR_CHECKUP, DIARY: REMINDER, PROGRESS: REMINDER}.get(section, OPEN)
    if not status.screened:
        return {EXERCISES: WAIT_FOR_CHECK, DIARY: REMINDER, PROGRESS: REMINDER}.get(section, OPEN)
    if status.surgery_hold and section == EXERCISES:
        return WAIT_FOR_SURGEON
    return OPEN


def sessions_wait(status: SafetyStatus) -> bool:
    """The weekly sessions wait while advice is open, before the first check, and after a back
    operation until the go-ahead."""
    return status.open_level != CLEAR or not status.screened or status.surgery_hold
