"""One verified export as the clinician window shows it: the header facts, the CARE sections
and flags (from clinic_summary, so the window and the printed summary agree), and the
patient's diary turned into the same domain objects the patient's own Progress charts draw
(DiaryEntry days, walking-goal periods, Roland-Morris scores, weekly summaries, and the
activity-pain comparison with the programme's settings). Plain Python: no Qt here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.content.evidence_words import one_line
from desktop.content.insights import evidence_settings, insight_settings
from desktop.content.loader import text, texts
from desktop.content.programme import programme_rules
from desktop.domain.call_request import CallRequest
from desktop.domain.diary import DiaryEntry
from desktop.domain.goal_periods import WalkingGoalPeriod, walking_goal_periods
from desktop.domain.insights import EXERCISES, WALKING, Comparison, WeekSummary, compare, weekly_summaries
from desktop.exchange.clinic_safety import pause_reason, safety_history
from desktop.exchange.clinic_summary import (
    CareSection,
    SupportFlag,
    activity_link,
    call_request,
    care_sections,
    diary_entries,
    flag_rules,
    rmdq_scores,
    summary_text,
    support_flags,
)
from desktop.exchange.export_reader import VerifiedExport
from desktop.exchange.fhir_questionnaire import item_answers

RmdqScore = tuple[str, dt.date, int]  # occasion, first day answered, score out of 24


@dataclass(frozen=True)
class ProgrammeStatus:
    started_on: dt.date | None  # None: the getting-started questions are not finished
    sessions_done: int
    sessions_total: int
    activity_choice: str
    safety_outcome: str  # clear, same_day, emergency, or "" when not answered
    paused_for_safety: bool

    @property
    def in_library(self) -> bool:
        return self.sessions_done >= self.sessions_total


@dataclass(frozen=True)
class ClinicReport:
    participant_id: str
    study_code: str | None
    sequence: int
    exported_at: str  # "YYYY-MM-DD HH:MM" UTC
    exported_on: dt.date  # the device's today when the export was made
    programme: ProgrammeStatus
    care: list[CareSection]
    flags: list[SupportFlag]
    entries: list[DiaryEntry]  # oldest first
    walking_goals: list[WalkingGoalPeriod]
    rmdq: list[RmdqScore]
    weeks: list[WeekSummary]
    walking_comparison: Comparison  # what the patient's Progress page shows first
    exercise_comparison: Comparison
    patient_sentence: str  # the sentence the patient reads under that comparison
    charts_from_days: int
    summary: str  # the printed summary, for "Copy summary"
    safety_history: tuple[str, ...] = ()  # every red-flag answer, clearance, confirmation and mood score, dated
    goal_weeks: tuple[tuple[int, int | None, int | None], ...] = ()  # (session, days met, days planned)
    call_request: CallRequest | None = None  # the patient's open request to talk to a physio
    safety_pause: str = ""  # when paused: which answers called for advice, at which check, when
    rmdq_answers: tuple = ()  # fhir_questionnaire.RmdqAnswers per complete Roland-Morris questionnaire

    @property
    def who(self) -> str:
        """How the clinician window names the patient first: the study or clinic code the patient
        gave, else the start of the participant id (the export carries no name)."""
        return self.study_code or text("clinic_header_no_code", short=self.participant_id[:8])

    @property
    def enough_for_charts(self) -> bool:
        return len(self.entries) >= self.charts_from_days

    @property
    def recent_days(self) -> int:
        """Diary days filled in within the flags' recent window (the last 14 days by default)."""
        first = self.exported_on - dt.timedelta(days=flag_rules().recent_days - 1)
        return sum(1 for e in self.entries if first <= e.day <= self.exported_on)


def goal_periods(goals: list[dict], today: dt.date) -> list[WalkingGoalPeriod]:
    return walking_goal_periods(((g["session_number"], dt.date.fromisoformat(g["set_on"]), g["minutes_per_day"] or 0,
                                  g["activity"]) for g in goals), today)


def rmdq_history(questionnaires: list[dict]) -> list[RmdqScore]:
    return [(occasion, dt.date.fromisoformat(day), score) for day, occasion, score in rmdq_scores(questionnaires)]


def programme_status(data: dict, sessions_total: int) -> ProgrammeStatus:
    programme = data["programme"] or {}
    started = programme.get("started_on")
    return ProgrammeStatus(
        started_on=dt.date.fromisoformat(started) if started else None,
        sessions_done=sum(1 for s in data["sessions"] if s["number"] <= sessions_total),
        sessions_total=sessions_total,
        activity_choice=programme.get("activity_choice") or "",
        safety_outcome=programme.get("safety_outcome") or "",
        paused_for_safety=bool(programme.get("paused_for_safety")))


def indicator_names(ids) -> str:
    """Barrier indicators in words ("beliefs in a structural cause"), an unknown id as it is."""
    known = texts()
    return ", ".join(known.get(f"clinic_indicator_{i}", i) for i in ids)


def outcome_name(outcome: str) -> str:
    """A red-flag outcome in words ("same-day GP assessment advised"), an unknown one as it is."""
    return texts().get(f"clinic_outcome_{outcome}", outcome)


def clinic_report(export: VerifiedExport) -> ClinicReport:
    data = export.data
    rules = flag_rules()
    sessions_total = programme_rules().sessions
    today = dt.date.fromisoformat(export.exported_on)
    entries = diary_entries(data["diary"])
    settings = insight_settings()
    walking = compare(entries, WALKING, 1, settings)
    return ClinicReport(
        participant_id=export.participant_id,
        study_code=data["participant"]["study_code"],
        sequence=export.sequence,
        exported_at=export.exported_at[:16].replace("T", " "),
        exported_on=today,
        programme=programme_status(data, sessions_total),
        care=care_sections(export, sessions_total, indicator_names, outcome_name),
        flags=support_flags(export, rules, today),
        entries=entries,
        walking_goals=goal_periods(data["goals"], today),
        rmdq=rmdq_history(data["questionnaires"]),
        weeks=weekly_summaries(entries),
        walking_comparison=walking,
        exercise_comparison=compare(entries, EXERCISES, 1, settings),
        patient_sentence=one_line(activity_link(entries, WALKING, today), evidence_settings()),
        charts_from_days=rules.charts_from_days,
        summary=summary_text(export, sessions_total),
        safety_history=tuple(safety_history(data["questionnaires"])),
        safety_pause=pause_reason(data["questionnaires"]) if (data["programme"] or {}).get("paused_for_safety") else "",
        goal_weeks=tuple((s["number"], s["days_met"], s["days_planned"]) for s in data["sessions"]),
        call_request=call_request(data),
        rmdq_answers=item_answers(data["questionnaires"]))


def flag_title(flag: SupportFlag) -> str:
    return text(f"clinic_flag_title_{flag.kind}", **flag.values)


def flag_detail(flag: SupportFlag) -> str:
    """The flag's numbers in a sentence for the window (indicators named in words)."""
    values = dict(flag.values)
    if "ids" in values:
        values["indicators"] = indicator_names(values["ids"])
    for key in ("first", "last"):
        if key in values:
            values[key] = occasion_name(values[key])
    return text(f"clinic_flag_detail_{flag.kind}", **values)


def occasion_name(occasion: str) -> str:
    return texts().get(f"clinic_occasion_{occasion}", occasion)


def comparison_numbers(result: Comparison) -> str:
    """The figures behind one activity-pain comparison, for the clinician."""
    settings = insight_settings()
    kind = "comparison" if result.activity == WALKING else "exercise"

    def points(value: float | None, signed: bool = False) -> str:
        return "-" if value is None else (f"{value:+.1f}" if signed else f"{value:.1f}")

    values = {"threshold": settings.walking_threshold_minutes, "active_days": result.active_days,
              "inactive_days": result.inactive_days, "minimum": result.minimum_days,
              "active": points(result.active_mean_pain), "inactive": points(result.inactive_mean_pain),
              "difference": points(result.difference, True), "level": round(settings.interval_level * 100),
              "low": points(result.interval.low if result.interval else None, True),
              "high": points(result.interval.high if result.interval else None, True)}
    return text(f"clinic_{kind}_{'numbers' if result.enough_data else 'few'}", **values)
