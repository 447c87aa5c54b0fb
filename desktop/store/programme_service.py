"""The programme's progress: onboarding answers, completed sessions, goals, questionnaires.

Reads use plain SQL; each completed step is written in one ORM transaction together with
its usage event, so progress is never half-saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop.domain import schedule
from desktop.domain.clock import Clock
from desktop.domain.goals import Goal
from desktop.domain.questionnaires import barrier_indicators, rmdq_score, screening_outcome
from desktop.store import safety_service as safety
from desktop.store.changes import ProgrammeChanged
from desktop.store.database import Database
from desktop.store.programme_state import state_row as _state
from desktop.store.usage_service import add_event

if TYPE_CHECKING:
    from desktop.content.programme import ProgrammeContent
    from desktop.domain.programme_rules import ProgrammeRules


@dataclass(frozen=True)
class SessionRow:
    number: int
    completed_on: dt.date
    limitation: int | None
    level: int | None
    feedback_key: str | None
    module_id: str | None


@dataclass(frozen=True)
class Onboarding:
    """Everything the patient answered while getting started."""

    safety: Mapping[str, bool] | None  # None: already answered, and the patient has been checked
    pain_now: int
    pain_week: int
    limitation_week: int
    rmdq: Mapping[str, bool]
    barriers: Mapping[str, bool]
    reminder_time: str | None = None
    clinic_code: str | None = None
    clearances: frozenset[str] = frozenset()  # history items already talked over with a GP or physio
    mood: Mapping[str, Mapping[str, int]] | None = None  # phq2 / gad2 answers, 0-3 each


@dataclass(frozen=True)
class SessionResult:
    number: int
    goals: tuple[Goal, ...]
    limitation: int | None = None
    level: int | None = None
    days_met: int | None = None
    days_planned: int | None = None
    feedback_key: str | None = None
    obstacle: str | None = None
    goal_choice: str | None = None
    module_id: str | None = None
    activity_choice: str | None = None  # session 1: walking, exercises or both
    rmdq: Mapping[str, bool] | None = None  # session 6


@dataclass(frozen=True)
class ProgrammeSnapshot:
    started_on: dt.date | None = None
    activity_choice: str = ""
    safety_outcome: str = ""
    paused_for_safety: bool = False
    indicators: frozenset[str] = frozenset()
    reminder_time: str | None = None
    clinic_code: str | None = None
    sessions: tuple[SessionRow, ...] = ()
    goals: tuple[Goal, ...] = ()
    answered: frozenset[tuple[str, str]] = field(default_factory=frozenset)  # (questionnaire, occasion)

    @property
    def onboarded(self) -> bool:
        return self.started_on is not None


class ProgrammeService:
    def __init__(self, database: Database, content: ProgrammeContent | Callable[[], ProgrammeContent], clock: Clock):
        """`content` may be a loader, called on first use: start-up then reads only rules.json."""
        self.database = database
        self._content = content
        self.clock = clock

    @property
    def content(self) -> ProgrammeContent:
        if callable(self._content):
            self._content = self._content()
        return self._content

    @property
    def rules(self) -> ProgrammeRules:
        if callable(self._content):
            from desktop.content.programme import programme_rules

            return programme_rules()
        return self._content.rules

    # Reading -------------------------------------------------------------------------
    def snapshot(self) -> ProgrammeSnapshot:
        with self.database.reading() as conn:
            state = conn.execute(
                "SELECT started_on, activity_choice, safety_outcome, paused_for_safety, indicators, reminder_time,"
                " clinic_code FROM programme_state WHERE id = 1").fetchone()
            sessions = tuple(
                SessionRow(n, dt.date.fromisoformat(d), lim, lvl, fb, mod) for n, d, lim, lvl, fb, mod in conn.execute(
                    "SELECT number, completed_on, limitation, level, feedback_key, module_id FROM session_record"
                    " ORDER BY number"))
            goals = tuple(_goal(row) for row in conn.execute(
                "SELECT activity, level, days_per_week, minutes_per_day, exercise_count, repetitions, times_per_day,"
                " exercises, plan_when, plan_where FROM goal"
                " WHERE session_number = (SELECT max(session_number) FROM goal) ORDER BY activity"))
            answered = frozenset(conn.execute(
                "SELECT DISTINCT questionnaire, occasion FROM questionnaire_response").fetchall())
        if state is None:
            return ProgrammeSnapshot(sessions=sessions, goals=goals, answered=answered)
        started, choice, outcome, paused, indicators, reminder, clinic = state
        return ProgrammeSnapshot(
            started_on=dt.date.fromisoformat(started) if started else None, activity_choice=choice,
            safety_outcome=outcome, paused_for_safety=bool(paused),
            indicators=frozenset(i for i in indicators.split(",") if i), reminder_time=reminder, clinic_code=clinic,
            sessions=sessions, goals=goals, answered=answered)

    def statuses(self, snapshot: ProgrammeSnapshot | None = None) -> list[schedule.SessionStatus]:
        snapshot = snapshot or self.snapshot()
        completed = [s.completed_on for s in snapshot.sessions if s.number <= self.rules.sessions]
        return schedule.session_statuses(completed, self.clock.today(), self.rules.sessions, self.rules.unlock_days,
                                         onboarded=snapshot.onboarded)

    def in_library(self, snapshot: ProgrammeSnapshot | None = None) -> bool:
        snapshot = snapshot or self.snapshot()
        return sum(1 for s in snapshot.sessions if s.number <= self.rules.sessions) >= self.rules.sessions

    def unlocked_modules(self, snapshot: ProgrammeSnapshot | None = None) -> list[str]:
        snapshot = snapshot or self.snapshot()
        if self.in_library(snapshot):
            return [m.id for m in self.content.modules]
        chosen = {s.module_id for s in snapshot.sessions if s.module_id}
        return [m.id for m in self.content.modules if m.id in chosen]

    def rmdq_scores(self) -> list[tuple[str, dt.date, int]]:
        with self.database.reading() as conn:
            rows = conn.execute(
                "SELECT occasion, min(answered_on), sum(value), count(*) FROM questionnaire_response"
                " WHERE questionnaire = 'rmdq' GROUP BY occasion ORDER BY min(answered_on)").fetchall()
        return [(occasion, dt.date.fromisoformat(day), total) for occasion, day, total, count in rows if count == 24]

    def baseline_limitation(self) -> int | None:
        """How much pain limited the week when getting started (the latest answer), or None."""
        with self.database.reading() as conn:
            row = conn.execute("SELECT value FROM questionnaire_response WHERE questionnaire = 'baseline'"
                               " AND item_id = 'limitation_week' ORDER BY answered_on DESC LIMIT 1").fetchone()
        return row[0] if row else None

    def walking_goal_periods(self) -> list[tuple[dt.date, dt.date, int]]:
        """Each walking goal as (set on, last day before the next goal or today, minutes a day)."""
        with self.database.reading() as conn:
            goals = conn.execute("SELECT session_number, set_on, minutes_per_day, activity FROM goal").fetchall()
        starts = sorted({(number, dt.date.fromisoformat(day)) for number, day, _minutes, _activity in goals})
        walking = {number: minutes for number, _day, minutes, activity in goals if activity == "walking"}
        periods = []
        for index, (number, first) in enumerate(starts):
            last = starts[index + 1][1] - dt.timedelta(days=1) if index + 1 < len(starts) else self.clock.today()
            if number in walking and last >= first:
                periods.append((first, last, walking[number]))
        return periods

    def follow_ups_due(self, snapshot: ProgrammeSnapshot | None = None) -> list[str]:
        snapshot = snapshot or self.snapshot()
        if snapshot.started_on is None:
            return []
        done = {occasion for questionnaire, occasion in snapshot.answered if questionnaire == "rmdq"}
        return schedule.follow_ups_due(snapshot.started_on, self.clock.today(), self.rules.follow_up_months, done)

    # Writing -------------------------------------------------------------------------
    def complete_onboarding(self, answers: Onboarding) -> str:
        """Save every onboarding answer at once; returns the safety advice open (or clear).

        ``answers.safety`` is None when the safety questions were saved as they were answered."""
        if answers.safety is not None:
            screening_outcome(answers.safety, {q.id: q.tag for q in self.content.safety_questions})  # all answered
        rmdq_score(answers.rmdq)  # checks all 24 were answered
        indicators = barrier_indicators(answers.barriers, {q.id: q.tag for q in self.content.barrier_questions})
        today = self.clock.today()
        with self.database.writing(ProgrammeChanged()) as session:
            if answers.safety is not None:
                safety.record_check(session, self.content.safety, "onboarding", answers.safety, answers.clearances,
                                    today)
            if answers.mood is not None:
                safety.save_mood(session, "onboarding", answers.mood, today)
            _answers(session, "baseline", "onboarding", {"pain_now": answers.pain_now, "pain_week": answers.pain_week,
                                                         "limitation_week": answers.limitation_week}, today)
            _answers(session, "rmdq", "baseline", answers.rmdq, today)
            _answers(session, "barriers", "onboarding", answers.barriers, today)
            state = _state(session)
            state.started_on = today
            state.indicators = ",".join(sorted(indicators))
            state.reminder_time = answers.reminder_time
            state.clinic_code = (answers.clinic_code or "").strip() or None
            add_event(session, "onboarding_completed", safety=state.safety_outcome, indicators=len(indicators))
            return state.safety_outcome

    def set_reminder_time(self, reminder_time: str | None) -> None:
        """The daily diary reminder after getting started (Settings): 'HH:MM', or None for none."""
        from desktop.store.models import utc_now

        with self.database.writing(ProgrammeChanged()) as session:
            state = _state(session)
            if state.reminder_time == reminder_time:
                return
            state.reminder_time = reminder_time
            state.updated_at = utc_now()  # so a clinic's collector takes the newer choice
            add_event(session, "reminder_changed", on=reminder_time is not None)

    def record_screening(self, occasion: str, answers: Mapping[str, bool],
                         clearances: frozenset[str] = frozenset()) -> str:
        """A safety check (the first, a weekly one, or one the diary asked for). Advice it calls
        for pauses the programme until the patient confirms; returns the advice open (or clear)."""
        unknown = set(answers) - {q.id for q in self.content.safety.questions}
        if unknown:
            raise ValueError(f"unknown safety questions: {', '.join(sorted(unknown))}")
        with self.database.writing(ProgrammeChanged()) as session:
            return safety.record_check(session, self.content.safety, occasion, answers, clearances,
                                       self.clock.today())

    def safety_record(self) -> safety.SafetyRecord:
        with self.database.reading() as conn:
            return safety.read_record(conn)

    def request_check(self, source: str) -> None:
        """A nerve check asked for from the diary's tick or the walking guide's warning."""
        with self.database.writing(ProgrammeChanged()) as session:
            safety.request_check(session, source, self.clock.today())

    def set_circumstance(self, item: str, value: bool) -> None:
        with self.database.writing(ProgrammeChanged()) as session:
            safety.set_circumstance(session, item, value, self.clock.today())

    def save_mood(self, occasion: str, answers: Mapping[str, Mapping[str, int]]) -> dict[str, int]:
        with self.database.writing(ProgrammeChanged()) as session:
            return safety.save_mood(session, occasion, answers, self.clock.today())

    def clear(self) -> None:
        """Forget all programme progress (used only to remake the demo profile).

        Sessions, goals and answers leave tombstones, as every deletion of an exported row
        does; the programme state is one object per participant and simply starts again.
        """
        from sqlalchemy import delete, select

        from desktop.store import tombstones
        from desktop.store.models import GoalRecord, ProgrammeState, QuestionnaireResponse, SessionRecord

        with self.database.writing(ProgrammeChanged()) as session:
            for model, section in ((GoalRecord, "goals"), (SessionRecord, "sessions"),
                                   (QuestionnaireResponse, "questionnaires")):
                tombstones.delete_rows(session, model, section, list(session.scalars(select(model.id))))
            session.execute(delete(ProgrammeState))

    def record_event(self, kind: str, **detail: object) -> None:
        with self.database.writing() as session:
            add_event(session, kind, **detail)

    def confirm_assessed(self, kind: str) -> None:
        """The patient confirms being checked after the open advice: ``kind`` must be that advice's
        level (each has its own words), or 'surgery' for the surgeon's go-ahead. Dated."""
        with self.database.writing(ProgrammeChanged()) as session:
            safety.confirm(session, self.content.safety, kind, self.clock.today())

    def save_rmdq(self, occasion: str, answers: Mapping[str, bool]) -> int:
        score = rmdq_score(answers)
        with self.database.writing(ProgrammeChanged()) as session:
            _answers(session, "rmdq", occasion, answers, self.clock.today())
            add_event(session, "questionnaire_completed", questionnaire="rmdq", occasion=occasion)
        return score

    def complete_session(self, result: SessionResult) -> None:
        from desktop.store.models import GoalRecord, SessionRecord

        today = self.clock.today()
        with self.database.writing(ProgrammeChanged()) as session:
            session.add(SessionRecord(
                number=result.number, completed_on=today, limitation=result.limitation, level=result.level,
                days_met=result.days_met, days_planned=result.days_planned, feedback_key=result.feedback_key,
                obstacle=result.obstacle, goal_choice=result.goal_choice, module_id=result.module_id))
            for goal in result.goals:
                session.add(GoalRecord(
                    session_number=result.number, activity=goal.activity, level=goal.level,
                    days_per_week=goal.days_per_week, minutes_per_day=goal.minutes_per_day,
                    exercise_count=goal.exercise_count, repetitions=goal.repetitions,
                    times_per_day=goal.times_per_day, exercises=";".join(sorted(goal.exercises)),
                    plan_when=goal.plan_when, plan_where=goal.plan_where, set_on=today))
                add_event(session, "goal_set", session=result.number, activity=goal.activity, level=goal.level,
                          choice=result.goal_choice or "new")
            if result.activity_choice:
                _state(session).activity_choice = result.activity_choice
            if result.rmdq is not None:
                _answers(session, "rmdq", f"session{result.number}", result.rmdq, today)
            add_event(session, "session_completed", session=result.number)


def _answers(session, questionnaire: str, occasion: str, answers: Mapping[str, object], day: dt.date) -> None:
    """Save the answers of one questionnaire occasion, replacing earlier ones.

    An item answered again keeps its row (and uuid) with the new value; an item no longer
    answered is deleted with a tombstone, so exports tell collectors it went.
    """
    from sqlalchemy import select

    from desktop.store import tombstones
    from desktop.store.models import QuestionnaireResponse, utc_now

    existing = {row.item_id: row for row in session.scalars(select(QuestionnaireResponse).where(
        QuestionnaireResponse.questionnaire == questionnaire, QuestionnaireResponse.occasion == occasion))}
    dropped = [row.id for item_id, row in existing.items() if item_id not in answers]
    tombstones.delete_rows(session, QuestionnaireResponse, "questionnaires", dropped)
    now = utc_now()
    for item_id, value in answers.items():
        row = existing.get(item_id)
        if row is None:
            session.add(QuestionnaireResponse(questionnaire=questionnaire, occasion=occasion, item_id=item_id,
                                              value=int(value), answered_on=day, updated_at=now))
        elif (row.value, row.answered_on) != (int(value), day):
            row.value, row.answered_on, row.updated_at = int(value), day, now


def _goal(row) -> Goal:
    activity, level, days, minutes, count, reps, times, exercises, plan_when, plan_where = row
    return Goal(activity, level, days, minutes_per_day=minutes, exercise_count=count, repetitions=reps,
                times_per_day=times, exercises=frozenset(e for e in exercises.split(";") if e),
                plan_when=plan_when, plan_where=plan_where)
