"""The clinician's read-only view of one verified export, ordered by CARE.

Congratulate on progress, Address concerns, Reassure, Encourage toward goals; then flags
for targeted support. Numbers come from resources/content/<lang>/clinic/flags.json, words
from texts/clinic.json. The activity-pain flags use the same weekly statement the patient's
Progress page shows them (domain/evidence.py, as of the export's date), one per activity, so
the clinician and the patient see one answer.

The sections and flags are built once as data (``care_sections``, ``support_flags``); the
printed summary (``summary_text``) and the clinician window both show those.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from statistics import mean

from desktop.content.evidence_words import size_in_words
from desktop.content.expectation_words import clinic_lines
from desktop.content.insights import evidence_settings
from desktop.content.loader import DEFAULT_LANGUAGE, ContentError, content_path, read_content_json, text
from desktop.domain.call_request import CallRequest, open_request
from desktop.domain.diary import DiaryEntry
from desktop.domain.evidence import EXERCISES, WALKING, Evidence, analyse, scheduled_look
from desktop.domain.expectations import ActivityRating, ExpectationSummary, summarise
from desktop.exchange.clinic_activity import measured_steps_lines
from desktop.exchange.clinic_safety import safety_flags, safety_history
from desktop.exchange.export_reader import VerifiedExport

_FLAG_KEYS = ("several_indicators_from", "recent_days", "low_engagement_below_days", "link_after_days",
              "rmdq_worse_by_points", "chart_weeks", "charts_from_days")
CARE = ("congratulate", "address", "reassure", "encourage")  # the order of the sections
IndicatorWords = Callable[[Iterable[str]], str]


@dataclass(frozen=True)
class FlagRules:
    several_indicators_from: int
    recent_days: int
    low_engagement_below_days: int
    link_after_days: int
    rmdq_worse_by_points: int
    chart_weeks: int
    charts_from_days: int  # fewer diary days than this: "not enough data yet" instead of charts


@dataclass(frozen=True)
class SupportFlag:
    """One reason to offer targeted support. ``kind``: indicators, engagement, rmdq, or for each
    activity link_not_enough_data, link_none (not sure, or little difference), link_higher
    (possible boom-bust) or link_lower;
    ``values``: the numbers (and for indicators the ids) its sentences are filled with."""

    kind: str
    values: dict = field(default_factory=dict)

    def sentence(self) -> str:
        return text(f"clinic_flag_{self.kind}", **self.values)


@dataclass(frozen=True)
class CareSection:
    key: str  # one of CARE
    heading: str
    items: tuple[str, ...]  # sentences; empty when the export gives nothing to say


@cache
def flag_rules() -> FlagRules:
    path = content_path("clinic/flags.json", DEFAULT_LANGUAGE)  # numbers: the same in every language
    data = read_content_json(path)
    for key in _FLAG_KEYS:
        value = data.get(key)
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value <= 1000:
            raise ContentError(f"{path}: '{key}' must be a number from 0 to 1000.")
    return FlagRules(**{k: data[k] for k in _FLAG_KEYS})


def _avg(values: list[float]) -> str:
    return f"{mean(values):.1f}" if values else "-"


def rmdq_scores(questionnaires: list[dict]) -> list[tuple[str, str, int]]:
    """(first day answered, occasion, score) for every occasion with all 24 items, oldest first."""
    by_occasion: dict[str, list[dict]] = {}
    for item in questionnaires:
        if item["questionnaire"] == "rmdq":
            by_occasion.setdefault(item["occasion"], []).append(item)
    return sorted((min(i["answered_on"] for i in items), occasion, sum(1 for i in items if i["value"]))
                  for occasion, items in by_occasion.items() if len(items) == 24)


def diary_entries(diary: list[dict]) -> list[DiaryEntry]:
    """The export's diary days as the app's own DiaryEntry, oldest first."""
    entries = [DiaryEntry(day=dt.date.fromisoformat(d["date"]), pain=d["pain"], walking_minutes=d["walking_minutes"],
                          limitation=d["limitation"], flare_up=d["flare_up"], exercises=frozenset(d["exercises"]),
                          sleep=d["sleep"], mood=d["mood"], note=d["note"]) for d in diary]
    return sorted(entries, key=lambda e: e.day)


def activity_link(entries: list[DiaryEntry], activity: str, exported_on: dt.date) -> Evidence:
    """The weekly statement the patient's Progress page showed on the day of the export."""
    look = scheduled_look(entries[0].day if entries else None, exported_on)
    return analyse(entries, activity, 1, evidence_settings(), as_of=look)


def link_flag(link: Evidence) -> SupportFlag:
    state = {"unsure": "none", "similar": "none"}.get(link.state, link.state)
    settings = evidence_settings()
    values = {"activity": text(f"clinic_activity_{link.activity}", threshold=settings.walking_threshold_minutes),
              "days": link.days, "active_days": link.active_days, "inactive_days": link.inactive_days,
              "minimum": settings.minimum_days_per_group, "level": f"{link.level * 100:g}",
              "estimate": "-", "low": "-", "high": "-", "size": "", "period": text("clinic_link_period_unknown")}
    if link.as_of is not None:  # the diary days the statement looked at
        first = link.as_of - dt.timedelta(days=settings.window_days - 1)
        values["period"] = text("clinic_link_period", first=first.isoformat(), last=link.as_of.isoformat())
    if link.estimate is not None and link.interval is not None:
        values.update(estimate=f"{link.estimate:+.1f}", low=f"{link.interval[0]:+.1f}",
                      high=f"{link.interval[1]:+.1f}", size=size_in_words(link.estimate))
    return SupportFlag(f"link_{state}", values)


def support_flags(export: VerifiedExport, rules: FlagRules, today: dt.date) -> list[SupportFlag]:
    data = export.data
    found = []
    indicators = (data["programme"] or {}).get("indicators", [])
    if len(indicators) >= rules.several_indicators_from:
        found.append(SupportFlag("indicators", {"count": len(indicators), "indicators": ", ".join(indicators),
                                                "ids": tuple(indicators)}))
    recent = _recent_days(data["diary"], today, rules.recent_days)
    if len(recent) < rules.low_engagement_below_days:
        found.append(SupportFlag("engagement", {"days": len(recent), "window": rules.recent_days}))
    if len(data["diary"]) >= rules.link_after_days:
        # The paper behind the programme: people kept going when they saw that being active
        # helped. One flag per activity says what the patient's own statement shows.
        entries = diary_entries(data["diary"])
        for activity in (WALKING, EXERCISES):
            found.append(link_flag(activity_link(entries, activity, today)))
    scores = rmdq_scores(data["questionnaires"])
    if len(scores) >= 2 and scores[-1][2] - scores[0][2] >= rules.rmdq_worse_by_points:
        found.append(SupportFlag("rmdq", {"before": scores[0][2], "first": scores[0][1], "after": scores[-1][2],
                                          "last": scores[-1][1]}))
    found += [SupportFlag(kind, values) for kind, values in safety_flags(data["questionnaires"])]
    return found


def flags(export: VerifiedExport, rules: FlagRules, today: dt.date) -> list[str]:
    """The flags as the printed summary shows them, one line each."""
    return [f"FLAG {flag.sentence()}" for flag in support_flags(export, rules, today)]


def _recent_days(diary: list[dict], today: dt.date, window: int) -> list[dict]:
    first = (today - dt.timedelta(days=window - 1)).isoformat()
    return [d for d in diary if first <= d["date"] <= today.isoformat()]


def care_sections(export: VerifiedExport, sessions_total: int = 6, indicator_words: IndicatorWords = ", ".join,
                  outcome_words: Callable[[str], str] = str) -> list[CareSection]:
    """The four CARE sections, in order; ``indicator_words`` names the barrier indicators and
    ``outcome_words`` a red-flag outcome (the printed summary keeps their ids)."""
    rules = flag_rules()
    data = export.data
    diary = data["diary"]
    today = dt.date.fromisoformat(export.exported_on)
    programme = data["programme"] or {}
    sessions = [s for s in data["sessions"] if s["number"] <= sessions_total]
    recent = _recent_days(diary, today, rules.recent_days)
    first_two = diary[:14]
    last_two = _recent_days(diary, today, 14)
    walk_before, walk_after = _walks(first_two), _walks(last_two)  # days with walking not answered left out
    pain_before, pain_after = [d["pain"] for d in first_two], [d["pain"] for d in last_two]
    scores = rmdq_scores(data["questionnaires"])

    # Only what is going well is congratulated; a thin diary or an unmet goal is a concern.
    engaged = len(recent) >= rules.low_engagement_below_days
    good = [text("clinic_diary_recent", days=len(recent), window=rules.recent_days)] if engaged else []
    if sessions:
        good.append(text("clinic_sessions_done", done=len(sessions), total=sessions_total))
    if len(diary) > 14 and walk_before and walk_after and mean(walk_after) > mean(walk_before):
        good.append(text("clinic_walking_change", before=f"{mean(walk_before):.0f}", after=f"{mean(walk_after):.0f}"))
    if len(diary) > 14 and pain_after and mean(pain_after) < mean(pain_before):
        good.append(text("clinic_pain_better", before=_avg(pain_before), after=_avg(pain_after)))
    latest = data["sessions"][-1] if data["sessions"] else None
    goal_met = None
    if latest and latest["days_met"] is not None and latest["days_planned"]:
        goal_met = text("clinic_goal_met", met=latest["days_met"], planned=latest["days_planned"])
        if latest["days_met"] > 0:
            good.append(goal_met)
    if len(scores) >= 2 and scores[-1][2] < scores[0][2]:
        good.append(text("clinic_rmdq_better", before=scores[0][2], after=scores[-1][2]))

    concerns = []
    if recent and not engaged:
        concerns.append(text("clinic_diary_recent", days=len(recent), window=rules.recent_days))
    if goal_met and latest["days_met"] == 0:
        concerns.append(goal_met)
    if len(diary) > 14 and pain_after and mean(pain_after) > mean(pain_before):
        concerns.append(text("clinic_pain_worse", before=_avg(pain_before), after=_avg(pain_after)))
    flare_ups = sum(1 for d in recent if d["flare_up"])
    if flare_ups:
        concerns.append(text("clinic_flare_ups", count=flare_ups, window=rules.recent_days))
    if programme.get("safety_outcome") not in (None, "", "clear") or programme.get("paused_for_safety"):
        concerns.append(text("clinic_safety", outcome=outcome_words(programme.get("safety_outcome") or "-"),
                             paused="yes" if programme.get("paused_for_safety") else "no"))
    if programme.get("indicators"):
        concerns.append(text("clinic_indicators", indicators=indicator_words(programme["indicators"])))
    obstacles = sorted({s["obstacle"] for s in data["sessions"] if s["obstacle"]})
    if obstacles:
        concerns.append(text("clinic_obstacles", obstacles=", ".join(obstacles)))

    # The patient's own before-and-after ratings (export schema 2): every count, for the clinician.
    expected = expectation_summary(data.get("activity_ratings", []))
    if expected.better > expected.worse:
        good += clinic_lines(expected)
    elif expected.any:
        concerns += clinic_lines(expected)

    reassure = [text("clinic_reassure_flare")] if flare_ups else []
    reassure.append(text("clinic_reassure_general"))

    encourage = []
    newest = max((g["session_number"] for g in data["goals"]), default=None)
    for goal in (g for g in data["goals"] if g["session_number"] == newest):
        amount = (f"{goal['minutes_per_day']} minutes a day" if goal["activity"] == "walking" else
                  f"{goal['exercise_count']} exercises x {goal['repetitions']}, {goal['times_per_day']} time(s) a day")
        plan = " / ".join(p for p in (goal["plan_when"], goal["plan_where"]) if p) or text("clinic_no_plan")
        encourage.append(text("clinic_current_goal", activity=goal["activity"], days=goal["days_per_week"],
                              amount=amount, plan=plan))
    if not encourage:
        encourage.append(text("clinic_no_goal"))
    encourage += measured_steps_lines(data, today, rules.recent_days)  # schema 2: steps from a phone or watch
    return [CareSection(key, text(f"clinic_{key}"), tuple(items))
            for key, items in zip(CARE, (good, concerns, reassure, encourage))]


def header_sentence(export: VerifiedExport, sessions_total: int = 6) -> str:
    data = export.data
    diary = data["diary"]
    programme = data["programme"] or {}
    sessions = [s for s in data["sessions"] if s["number"] <= sessions_total]
    return text("clinic_header", participant=export.participant_id, study=data["participant"]["study_code"] or "none",
                sequence=export.sequence, exported=export.exported_at[:16].replace("T", " "), days=len(diary),
                first=diary[0]["date"] if diary else "-", last=diary[-1]["date"] if diary else "-",
                started=programme.get("started_on") or "not yet", sessions=len(sessions))


def call_request(data: dict) -> CallRequest | None:
    """The patient's open request to talk to a physio (schema 2's ``call_requests``), or None."""
    return open_request([CallRequest(r["uuid"], dt.date.fromisoformat(r["requested_on"]), r["reason"],
                                     r["withdrawn"], r["updated_at"]) for r in data.get("call_requests", [])])


def call_request_lines(request: CallRequest | None) -> list[str]:
    """The open request as the printed summary leads with it (nothing when there is none)."""
    if request is None:
        return []
    reason = (text("clinic_call_request_reason", reason=request.reason) if request.reason
              else text("clinic_call_request_no_reason"))
    return [text("clinic_call_request_line", date=request.requested_on.isoformat(), reason=reason),
            text("clinic_call_request_not_urgent"), ""]


def summary_text(export: VerifiedExport, sessions_total: int = 6) -> str:
    """The whole summary as plain text (what `clinic open` prints and "Copy summary" copies);
    an open call request comes right after who the patient is, before everything else."""
    rules = flag_rules()
    today = dt.date.fromisoformat(export.exported_on)
    lines = [text("clinic_title"), "", header_sentence(export, sessions_total), "",
             *call_request_lines(call_request(export.data))]
    for section in care_sections(export, sessions_total):
        items = [f"- {item}" for item in section.items] or [f"- {text('clinic_none')}"]
        lines += [section.heading.upper(), *items, ""]
    flag_lines = flags(export, rules, today) or [f"- {text('clinic_no_flags')}"]
    lines += [text("clinic_flags").upper(), *flag_lines, ""]
    history = [f"- {line}" for line in safety_history(export.data["questionnaires"])]
    lines += [text("clinic_safety_history").upper(), *(history or [f"- {text('clinic_safety_history_none')}"]), ""]
    lines += [text("clinic_chart"), *weekly_chart(export.data["diary"], today, rules.chart_weeks)]
    return "\n".join(lines)


def weekly_chart(diary: list[dict], today: dt.date, weeks: int) -> list[str]:
    """One line per week: average pain and walking, each with a bar of # (no colour needed)."""
    lines = []
    for back in range(weeks - 1, -1, -1):
        start = today - dt.timedelta(days=today.weekday() + 7 * back)
        days = [d for d in diary if start.isoformat() <= d["date"] <= (start + dt.timedelta(days=6)).isoformat()]
        if not days:
            lines.append(f"week of {start}  no diary days")
            continue
        pain = mean(d["pain"] for d in days)
        walks = _walks(days)
        unanswered = len(days) - len(walks)
        if not walks:
            lines.append(f"week of {start}  pain {pain:4.1f} {'#' * round(pain):<10}  walking not noted")
            continue
        walk = mean(walks)
        lines.append(f"week of {start}  pain {pain:4.1f} {'#' * round(pain):<10}  walking {walk:5.0f} "
                     f"{'#' * min(30, round(walk / 5))}" + (f" ({unanswered} day(s) not noted)" if unanswered else ""))
    return lines


def _walks(days: list[dict]) -> list[int]:
    """Walking minutes of the days that answered the question (null: not answered, never 0)."""
    return [d["walking_minutes"] for d in days if d["walking_minutes"] is not None]


def expectation_summary(ratings: list[dict]) -> ExpectationSummary:
    return summarise(ActivityRating(dt.date.fromisoformat(r["date"]), r["activity"], r["expected_pain"],
                                    r["pain_before"], r["pain_after"]) for r in ratings)
