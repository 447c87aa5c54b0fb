"""A patient's request to talk to a physio ("I'd like to talk to a physio"), as plain data.

A request is a note for the clinic team, read when the next export reaches them: it is never
an emergency channel (hazard H-20; the red-flag advice stays the route for urgent symptoms).
The reason is optional, short plain text (domain/plain_text.py). One request is open at a
time; withdrawing it keeps the row (the clinic sees it was withdrawn).
Plain Python, no Qt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.domain.plain_text import forbidden_character

MAX_REASON = 280  # characters: a short note, not a letter


class ReasonNotAccepted(ValueError):
    """The reason cannot be kept; ``key`` names the text the patient is shown."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class CallRequest:
    uuid: str
    requested_on: dt.date
    reason: str  # "" when none given
    withdrawn: bool
    updated_at: str = ""  # UTC, as the export writes it; "" when not known

    @property
    def open(self) -> bool:
        return not self.withdrawn


def clean_reason(reason: str) -> str:
    """The reason as kept (surrounding spaces gone), or ReasonNotAccepted: too long, or holding
    a character an export cannot carry safely."""
    reason = reason.strip()
    if len(reason) > MAX_REASON:
        raise ReasonNotAccepted("call_request_reason_too_long")
    if forbidden_character(reason) is not None:
        raise ReasonNotAccepted("call_request_reason_bad_character")
    return reason


def open_request(requests: list[CallRequest]) -> CallRequest | None:
    """The newest request that is not withdrawn (by day asked, then last change), or None."""
    still_open = [r for r in requests if r.open]
    return max(still_open, key=lambda r: (r.requested_on, r.updated_at), default=None)
