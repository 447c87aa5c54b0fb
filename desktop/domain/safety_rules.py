"""The red-flag rules: which answer calls for which help, how history changes that, and what
stays cleared. Pure: the items come from resources/content/<lang>/programme/screening.json.

Four kinds of item:
- symptoms are asked at the first check (new since the back pain began) and at every later
  check (new since the last check); a yes calls for the item's urgency, or a more urgent one
  when the history makes it more worrying (night pain after cancer);
- history items (cancer ever, thin bones, steroids, a weak immune system, injected drugs) are
  asked once; a yes calls for a talk with the GP this week unless the patient says they have
  already talked about it (a dated clearance), and a clearance holds from then on;
- patterns count only together (long morning stiffness easing with movement, in pain that
  began before 45: inflammatory back pain); cleared like history;
- circumstances (pregnant, a back operation in the last six months) call for no advice but
  change the programme.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

EMERGENCY, SAME_DAY, SOON, CLEAR = "emergency", "same_day", "soon", "clear"
LEVELS = (CLEAR, SOON, SAME_DAY, EMERGENCY)  # least to most urgent
SYMPTOM, HISTORY, PATTERN, CIRCUMSTANCE = "symptom", "history", "pattern", "circumstance"
GROUPS = (SYMPTOM, HISTORY, PATTERN, CIRCUMSTANCE)
PREGNANT, SPINAL_SURGERY = "pregnant", "spinal_surgery"


@dataclass(frozen=True)
class SafetyItem:
    id: str
    group: str
    urgency: str = CLEAR  # the help a yes calls for on its own
    raised_to: str = CLEAR  # ... when any of raised_by is a yes in the history
    raised_by: frozenset[str] = frozenset()
    needs: frozenset[str] = frozenset()  # a pattern counts only when these are a yes too
    nerve: bool = False  # part of the nerve check (a diary tick, the walking guide's warning)

    @property
    def asked_once(self) -> bool:
        return self.group != SYMPTOM


@dataclass(frozen=True)
class Finding:
    item: str
    level: str


def most_urgent(levels: Iterable[str]) -> str:
    return max(levels, key=LEVELS.index, default=CLEAR)


def item_level(item: SafetyItem, history_yes: frozenset[str] | set[str]) -> str:
    """The help a yes to a symptom calls for, given which history items are a yes."""
    if item.raised_by & set(history_yes):
        return most_urgent((item.urgency, item.raised_to))
    return item.urgency


def findings(items: Iterable[SafetyItem], answers: Mapping[str, bool], known: Mapping[str, bool],
             cleared: Iterable[str]) -> tuple[Finding, ...]:
    """What one check calls for: every symptom answered yes in ``answers``, and every history
    item or pattern that is a yes (in ``known``, the latest answers, with ``answers`` on top)
    and not cleared. Circumstances call for nothing here."""
    latest = {**known, **answers}
    history_yes = frozenset(k for k, yes in latest.items() if yes)
    cleared = set(cleared)
    found = []
    for item in items:
        if item.group == SYMPTOM and answers.get(item.id):
            found.append(Finding(item.id, item_level(item, history_yes)))
        elif item.group in (HISTORY, PATTERN) and item.urgency != CLEAR and latest.get(item.id):
            if item.id not in cleared and item.needs <= history_yes:
                found.append(Finding(item.id, item.urgency))
    return tuple(found)


def level_of(found: Iterable[Finding]) -> str:
    return most_urgent(f.level for f in found)


def outcome_after_check(open_level: str, found: Iterable[Finding]) -> str:
    """The advice open after a check: a new finding never lowers advice not yet confirmed."""
    return most_urgent((open_level, level_of(found)))


def check_items(items: Iterable[SafetyItem], kind: str) -> tuple[SafetyItem, ...]:
    """The items a check asks: 'first' (everything), 'weekly' (symptoms), 'nerve' (the nerve
    symptoms), 'history' (the asked-once items)."""
    items = tuple(items)
    if kind == "first":
        return items
    if kind == "weekly":
        return tuple(i for i in items if i.group == SYMPTOM)
    if kind == "nerve":
        return tuple(i for i in items if i.nerve)
    if kind == "history":
        return tuple(i for i in items if i.asked_once)
    raise ValueError(f"unknown check: {kind}")


def unasked(items: Iterable[SafetyItem], known: Mapping[str, bool]) -> tuple[SafetyItem, ...]:
    """Asked-once items never answered (a profile from before they were asked)."""
    return tuple(i for i in items if i.asked_once and i.id not in known)


def to_clear(items: Iterable[SafetyItem], known: Mapping[str, bool], cleared: Iterable[str]) -> frozenset[str]:
    """The history items and patterns a confirmation clears: those that are a yes and not yet cleared."""
    cleared = set(cleared)
    return frozenset(i.id for i in items if i.group in (HISTORY, PATTERN) and i.urgency != CLEAR
                     and known.get(i.id) and i.id not in cleared)


def confirmation_kind(level: str) -> str:
    """Each level of advice has its own confirmation (the words are in screening.json)."""
    if level not in (EMERGENCY, SAME_DAY, SOON):
        raise ValueError(f"nothing to confirm at level {level!r}")
    return level


def session_check_done(answered_on: dt.date | None, outcome_clear: bool, confirmed_on: dt.date | None,
                       today: dt.date) -> bool:
    """Whether a session started again may skip its safety check: answered today with nothing
    to act on, or answered and then confirmed checked (the flow resumes after the check)."""
    if answered_on is None:
        return False
    if outcome_clear:
        return answered_on == today
    return confirmed_on is not None and confirmed_on >= answered_on
