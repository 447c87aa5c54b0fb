"""The red-flag record: every check's answers, the dated clearances and confirmations, the
checks the diary or the walking guide asked for, and the mood questions.

All of it is kept as questionnaire answers (so it leaves the machine in the export's existing
``questionnaires`` section, schema unchanged) plus the programme state's open advice
(``safety_outcome`` and ``paused_for_safety``):

- ``screening`` / occasion: the answers of one check (``onboarding``, ``sessionN``,
  ``pain-DATE``, ``flare_up-DATE``, ``diary-DATE``, ``walking-DATE``, ``history``; a change of
  circumstances, such as no longer pregnant, is ``update-DATE``);
- ``clearance`` / ``history`` / item: the day the patient said they had talked about that
  history item with their GP or physio;
- ``confirmation`` / DATE / ``emergency``, ``same_day``, ``soon`` or ``surgery``: the day the
  patient confirmed being checked after that advice (or the surgeon's go-ahead);
- ``check_request`` / ``diary`` or ``walking`` / ``nerve``: a nerve check asked for, open
  until a check with the nerve questions is answered after it;
- ``phq2`` and ``gad2`` / ``onboarding`` or ``session6``: the mood questions, 0-3 each.

The rules themselves are in domain/ (safety_rules, safety_triggers, safety_gate, mood).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from desktop.content.safety import SafetyContent
from desktop.domain import mood
from desktop.domain.diary import DiaryEntry
from desktop.domain.safety_gate import SafetyStatus
from desktop.domain.safety_rules import (
    CLEAR,
    PREGNANT,
    SPINAL_SURGERY,
    SYMPTOM,
    confirmation_kind,
    findings,
    level_of,
    outcome_after_check,
    to_clear,
    unasked,
)
from desktop.domain.safety_triggers import Trigger, TriggerRules, due_trigger, request_pending
from desktop.store.programme_state import state_row
from desktop.store.usage_service import add_event

SCREENING, CLEARANCE, CONFIRMATION, REQUEST = "screening", "clearance", "confirmation", "check_request"
SURGERY = "surgery"
_QUESTIONNAIRES = (SCREENING, CLEARANCE, CONFIRMATION, REQUEST, mood.PHQ2, mood.GAD2)


@dataclass(frozen=True)
class Check:
    occasion: str
    answered_on: dt.date
    answers: Mapping[str, bool]
    changed_at: str  # the newest updated_at of its rows (UTC text, sorts as time)


@dataclass(frozen=True)
class SafetyRecord:
    checks: tuple[Check, ...] = ()  # oldest first
    clearances: Mapping[str, dt.date] = None
    confirmations: tuple[tuple[dt.date, str], ...] = ()  # (day, kind), oldest first
    requests: Mapping[str, str] = None  # kind -> when asked (UTC text)
    open_level: str = CLEAR  # advice not yet confirmed
    mood: Mapping[tuple[str, str], Mapping[str, int]] = None  # (questionnaire, occasion) -> answers

    def known(self) -> dict[str, bool]:
        """The latest answer to every item."""
        latest: dict[str, bool] = {}
        for check in self.checks:
            latest.update(check.answers)
        return latest

    def answered_on(self, item: str) -> dt.date | None:
        found = [c.answered_on for c in self.checks if item in c.answers]
        return found[-1] if found else None

    def check(self, occasion: str) -> Check | None:
        return next((c for c in self.checks if c.occasion == occasion), None)

    def last_confirmed(self, kinds: Iterable[str] | None = None) -> dt.date | None:
        kinds = set(kinds) if kinds is not None else None
        days = [d for d, k in self.confirmations if kinds is None or k in kinds]
        return days[-1] if days else None


def read_record(conn) -> SafetyRecord:
    """The whole record from a plain sqlite3 connection (Database.reading)."""
    rows = conn.execute(
        "SELECT questionnaire, occasion, item_id, value, answered_on, updated_at FROM questionnaire_response"
        f" WHERE questionnaire IN ({','.join('?' * len(_QUESTIONNAIRES))})"
        " ORDER BY answered_on, updated_at, id", _QUESTIONNAIRES).fetchall()
    checks: dict[str, dict] = {}
    clearances, requests, moods = {}, {}, {}
    confirmations = []
    for questionnaire, occasion, item, value, day, changed in rows:
        day = dt.date.fromisoformat(day)
        if questionnaire == SCREENING:
            check = checks.setdefault(occasion, {"day": day, "answers": {}, "changed": changed})
            check["answers"][item] = bool(value)
            check["day"], check["changed"] = max(check["day"], day), max(check["changed"], changed)
        elif questionnaire == CLEARANCE and value:
            clearances[item] = day
        elif questionnaire == CONFIRMATION and value:
            confirmations.append((day, item))
        elif questionnaire == REQUEST and value:
            requests[occasion] = changed
        elif questionnaire in (mood.PHQ2, mood.GAD2):
            moods.setdefault((questionnaire, occasion), {})[item] = value
    ordered = sorted(checks.items(), key=lambda kv: (kv[1]["day"], kv[1]["changed"]))
    state = conn.execute("SELECT safety_outcome, paused_for_safety FROM programme_state WHERE id = 1").fetchone()
    open_level = state[0] if state and state[1] and state[0] else CLEAR
    return SafetyRecord(tuple(Check(o, c["day"], c["answers"], c["changed"]) for o, c in ordered), clearances,
                        tuple(sorted(confirmations)), requests, open_level, moods)


# Reading: what the record means now ---------------------------------------------------------
def screened(record: SafetyRecord, content: SafetyContent) -> bool:
    """The symptom questions have been answered at least once."""
    symptoms = {q.id for q in content.questions if q.item.group == SYMPTOM}
    return any(symptoms <= set(c.answers) for c in record.checks)


def last_full_check(record: SafetyRecord, content: SafetyContent) -> dt.date | None:
    symptoms = {q.id for q in content.questions if q.item.group == SYMPTOM}
    days = [c.answered_on for c in record.checks if symptoms <= set(c.answers)]
    return max(days) if days else None


def last_nerve_check_at(record: SafetyRecord, content: SafetyContent) -> str | None:
    nerve = {q.id for q in content.questions if q.item.nerve}
    times = [c.changed_at for c in record.checks if nerve <= set(c.answers)]
    return max(times) if times else None


def pregnant(record: SafetyRecord) -> bool:
    return bool(record.known().get(PREGNANT))


def surgery_hold(record: SafetyRecord) -> bool:
    """A recent back operation, and no go-ahead confirmed since it was reported."""
    if not record.known().get(SPINAL_SURGERY):
        return False
    reported = record.answered_on(SPINAL_SURGERY)
    confirmed = record.last_confirmed((SURGERY,))
    return confirmed is None or confirmed < reported


def pending_request(record: SafetyRecord, content: SafetyContent) -> str:
    """'diary' or 'walking' when a nerve check asked for there is still unanswered."""
    checked = last_nerve_check_at(record, content)
    for kind, asked in sorted(record.requests.items(), key=lambda kv: kv[1], reverse=True):
        if request_pending(_time(asked), _time(checked) if checked else None):
            return kind
    return ""


def status(record: SafetyRecord, content: SafetyContent, entries: Iterable[DiaryEntry], rules: TriggerRules,
           today: dt.date, onboarded: bool) -> tuple[SafetyStatus, Trigger | None, str]:
    """(what the pages show, the diary's trigger if one is due, the request kind if one is open)."""
    is_screened = screened(record, content)
    trigger = due_trigger(entries, last_full_check(record, content), rules, today) if is_screened else None
    request = pending_request(record, content) if is_screened else ""
    pending = "nerve" if request else "weekly" if trigger else ""
    if not pending and onboarded and unasked(content.items, record.known()):
        pending = "history"
    return SafetyStatus(is_screened, record.open_level, pending, surgery_hold(record)), trigger, request


def open_findings(record: SafetyRecord, content: SafetyContent):
    """What the open advice is about: the findings of the newest check that called for advice
    at least as urgent as what is open (newest first among equals)."""
    if record.open_level == CLEAR:
        return ()
    known, cleared = {}, set(record.clearances)
    best = ()
    for check in record.checks:
        known.update(check.answers)
        found = findings(content.items, check.answers, known, cleared)
        if found and level_of(found) == record.open_level:
            best = found
    return best


def mood_scores(record: SafetyRecord, occasion: str) -> dict[str, int]:
    scores = {}
    for questionnaire in (mood.PHQ2, mood.GAD2):
        answers = record.mood.get((questionnaire, occasion))
        if answers and set(answers) == set(mood.ITEMS[questionnaire]):
            scores[questionnaire] = mood.score(questionnaire, answers)
    return scores


def _time(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


# Writing: inside a Database.writing() transaction --------------------------------------------
def record_check(session, content: SafetyContent, occasion: str, answers: Mapping[str, bool],
                 clearances: Iterable[str], today: dt.date) -> str:
    """Save one check; returns the advice now open (CLEAR when none)."""
    record = _record_in(session)
    known = {item: bool(yes) for item, yes in answers.items()}
    cleared = set(record.clearances) | {c for c in clearances if known.get(c)}
    put_answers(session, SCREENING, occasion, known, today)
    put_answers(session, CLEARANCE, "history", {c: 1 for c in set(cleared) - set(record.clearances)}, today,
                replace=False)
    found = findings(content.items, known, record.known(), cleared)
    state = state_row(session)
    open_level = state.safety_outcome if state.paused_for_safety and state.safety_outcome else CLEAR
    now_open = outcome_after_check(open_level, found)
    if now_open != CLEAR:
        state.safety_outcome, state.paused_for_safety = now_open, True
    elif not state.safety_outcome:
        state.safety_outcome = CLEAR
    add_event(session, "safety_check", occasion=occasion, outcome=level_of(found),
              items=",".join(f.item for f in found))
    return now_open


def confirm(session, content: SafetyContent, kind: str, today: dt.date) -> None:
    """The patient confirms being checked after the open advice (its own words and ticks), or
    the surgeon's go-ahead. Confirming advice clears the history items it was about."""
    state = state_row(session)
    if kind != SURGERY:
        open_level = state.safety_outcome if state.paused_for_safety else CLEAR
        if confirmation_kind(kind) != open_level:
            raise ValueError(f"the open advice is {open_level!r}; it needs its own confirmation, not {kind!r}")
        record = _record_in(session)
        clear = to_clear(content.items, record.known(), record.clearances)
        put_answers(session, CLEARANCE, "history", {item: 1 for item in clear}, today, replace=False)
        state.paused_for_safety = False
    put_answers(session, CONFIRMATION, today.isoformat(), {kind: 1}, today, replace=False)
    add_event(session, "safety_assessed_confirmed", outcome=kind)


def request_check(session, kind: str, today: dt.date) -> None:
    put_answers(session, REQUEST, kind, {"nerve": 1}, today, replace=False)
    add_event(session, "safety_check_requested", source=kind)


def set_circumstance(session, item: str, value: bool, today: dt.date) -> None:
    put_answers(session, SCREENING, f"update-{today.isoformat()}", {item: value}, today, replace=False)


def save_mood(session, occasion: str, answers: Mapping[str, Mapping[str, int]], today: dt.date) -> dict[str, int]:
    scores = {q: mood.score(q, a) for q, a in answers.items()}
    for questionnaire, items in answers.items():
        put_answers(session, questionnaire, occasion, items, today)
    add_event(session, "questionnaire_completed", questionnaire="mood", occasion=occasion, **scores)
    return scores


class _Driver:
    """read_record's plain-SQL reads, inside an ORM transaction."""

    def __init__(self, connection):
        self.connection = connection

    def execute(self, sql: str, params: Iterable = ()):
        return self.connection.exec_driver_sql(sql, tuple(params))


def _record_in(session) -> SafetyRecord:
    """The record as this transaction sees it (its own writes included)."""
    session.flush()
    return read_record(_Driver(session.connection()))


def put_answers(session, questionnaire: str, occasion: str, answers: Mapping[str, object], day: dt.date,
                replace: bool = True) -> None:
    """Save answers of one occasion. Every row written gets a new updated_at, also when its value
    is the same (a check answered again must count as answered after a request). With
    ``replace``, items of the occasion not in ``answers`` are deleted with a tombstone."""
    from sqlalchemy import select

    from desktop.store import tombstones
    from desktop.store.models import QuestionnaireResponse, utc_now

    session.flush()
    existing = {row.item_id: row for row in session.scalars(select(QuestionnaireResponse).where(
        QuestionnaireResponse.questionnaire == questionnaire, QuestionnaireResponse.occasion == occasion))}
    if replace:
        dropped = [row.id for item_id, row in existing.items() if item_id not in answers]
        tombstones.delete_rows(session, QuestionnaireResponse, "questionnaires", dropped)
    now = utc_now()
    for item_id, value in answers.items():
        row = existing.get(item_id)
        if row is None:
            session.add(QuestionnaireResponse(questionnaire=questionnaire, occasion=occasion, item_id=item_id,
                                              value=int(value), answered_on=day, updated_at=now))
        else:
            row.value, row.answered_on, row.updated_at = int(value), day, now
    session.flush()
