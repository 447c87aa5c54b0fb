"""Who a clinic should call first: the caseload's order of need. Pure rules: no files, no Qt.

In order: an open red flag (the programme paused for safety), then an open call request not
yet answered by a call, then a CARE follow-up date that has come, then targeted-support flags
from an export newer than the last call, then no diary for 7 days or more, then everyone else.
A call note answers a call request made on or before its day, and the flags of an export made
on or before it; a paused programme stays at the top until the patient's next export clears it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

SAFETY, CALL_REQUEST, FOLLOW_UP, FLAGS, NO_DIARY, REST = "safety", "call_request", "follow_up", "flags", \
    "no_diary", "rest"
NEEDS = (SAFETY, CALL_REQUEST, FOLLOW_UP, FLAGS, NO_DIARY, REST)
TIERS = {SAFETY: 0, CALL_REQUEST: 0, FOLLOW_UP: 1, FLAGS: 2, NO_DIARY: 3, REST: 4}
QUIET_DAYS = 7  # no diary for this many days or more


@dataclass(frozen=True)
class Standing:
    """What the order needs to know about one patient."""

    key: str  # the participant id (the last tie-break: the same order every time)
    who: str  # the study or clinic code shown
    exported_on: dt.date
    paused_for_safety: bool = False
    call_requested_on: dt.date | None = None  # an open (not withdrawn) request
    support_flags: int = 0  # targeted-support flags in the newest export
    last_diary_day: dt.date | None = None
    last_call: dt.date | None = None  # from the clinic's notes (None: no call, or notes not opened)
    follow_up: dt.date | None = None  # the newest note's follow-up date


def needs(s: Standing, today: dt.date) -> tuple[str, ...]:
    """Every reason to call this patient now, the most pressing first (("rest",) when none)."""
    found = []
    if s.paused_for_safety:
        found.append(SAFETY)
    if s.call_requested_on is not None and (s.last_call is None or s.last_call < s.call_requested_on):
        found.append(CALL_REQUEST)
    if s.follow_up is not None and s.follow_up <= today:
        found.append(FOLLOW_UP)
    if s.support_flags and (s.last_call is None or s.last_call < s.exported_on):
        found.append(FLAGS)
    if quiet_days(s, today) >= QUIET_DAYS and (
            s.last_call is None or s.last_diary_day is None
            or s.last_call < s.last_diary_day + dt.timedelta(days=QUIET_DAYS)):
        found.append(NO_DIARY)
    return tuple(found) or (REST,)


def quiet_days(s: Standing, today: dt.date) -> int:
    """Days since the last diary day (since the export, when the diary is empty)."""
    return (today - (s.last_diary_day or s.exported_on)).days


def sort_key(s: Standing, today: dt.date) -> tuple:
    first = needs(s, today)[0]
    within: tuple = ()
    if first == CALL_REQUEST:
        within = (s.call_requested_on.toordinal(),)  # asked longest ago first
    elif first == FOLLOW_UP:
        within = (s.follow_up.toordinal(),)  # due longest ago first
    elif first == FLAGS:
        within = (-s.support_flags,)
    elif first == NO_DIARY:
        within = (-quiet_days(s, today),)
    return (TIERS[first], NEEDS.index(first), *within, s.who.casefold(), s.key)


def in_order(standings: list[Standing], today: dt.date) -> list[Standing]:
    return sorted(standings, key=lambda s: sort_key(s, today))
