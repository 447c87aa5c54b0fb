""""Summary for my appointment": one or two printed pages from a ClinicReport, as headed
sections of sentences (desktop/ui/clinician/summary_pdf.py lays them out and writes the PDF).

The same content for both sides: the clinician's (with the last call notes from the clinic's
own notes) and the patient's (from their own diary, through the same export data, never with
clinic notes). The programme week, the goals and how often they were met, pain and walking
then and now, the Roland-Morris score at the start and now in words, the activity-pain
statement the patient sees, flags, and the safety record. Words: texts/appointment.json.
Plain Python: no Qt here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import mean

from desktop.content.loader import text
from desktop.exchange.clinic_data import ClinicReport, clinic_report, flag_detail, flag_title, occasion_name
from desktop.exchange.export_reader import VerifiedExport
from desktop.store.clinic_notes import CallNote

LAST_CALLS = 2
MAX_WEEKS = 8  # the week-by-week lines stop at the last eight weeks (two pages at most)


@dataclass(frozen=True)
class SummarySection:
    heading: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class AppointmentSummary:
    title: str
    subtitle: str
    sections: tuple[SummarySection, ...]
    footer: str

    def plain_text(self) -> str:
        parts = [self.title, self.subtitle, ""]
        for section in self.sections:
            parts += [section.heading.upper(), *(f"- {line}" for line in section.lines), ""]
        return "\n".join([*parts, self.footer])


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def programme_lines(report: ClinicReport) -> list[str]:
    status = report.programme
    if status.started_on is None:
        return [text("summary_programme_not_started")]
    if status.in_library:
        lines = [text("summary_programme_library", total=status.sessions_total, started=_day(status.started_on))]
    else:
        week = max(1, (report.exported_on - status.started_on).days // 7 + 1)
        lines = [text("summary_programme_week", week=week, started=_day(status.started_on),
                      done=status.sessions_done, total=status.sessions_total)]
    if status.paused_for_safety:
        lines.append(text("summary_programme_paused"))
    return lines


def goal_lines(report: ClinicReport) -> list[str]:
    encourage = next((s for s in report.care if s.key == "encourage"), None)
    no_goal = text("clinic_no_goal")  # (advice to the clinician: not for the page)
    lines = [item for item in (encourage.items if encourage else ()) if item != no_goal] or [text("summary_no_goal")]
    weeks = [text("summary_goal_week", session=n, met=met, planned=planned)
             for n, met, planned in report.goal_weeks if planned and met is not None]
    return lines + (weeks or [text("summary_no_goal_weeks")])


def _change(before: float, after: float) -> str:
    if abs(after - before) < 0.5:
        return text("summary_change_same")
    return text("summary_change_lower" if after < before else "summary_change_higher")


def trend_lines(report: ClinicReport) -> list[str]:
    entries = report.entries
    lines = []
    if len(entries) > 14:
        first = [e for e in entries if e.day < entries[0].day + dt.timedelta(days=14)]
        last = [e for e in entries if e.day > report.exported_on - dt.timedelta(days=14)]
        if last:
            before, after = mean(e.pain for e in first), mean(e.pain for e in last)
            lines.append(text("summary_pain_trend", before=f"{before:.1f}", after=f"{after:.1f}",
                              change=_change(before, after)))
            walked_before = [e.walking_minutes for e in first if e.walking_minutes is not None]
            walked_after = [e.walking_minutes for e in last if e.walking_minutes is not None]
            if walked_before and walked_after:
                lines.append(text("summary_walking_trend", before=f"{mean(walked_before):.0f}",
                                  after=f"{mean(walked_after):.0f}"))
    if not lines:
        lines.append(text("summary_trend_short", days=len(entries)))
    lines += rmdq_lines(report)
    if report.patient_sentence:
        lines.append(text("summary_activity", sentence=report.patient_sentence))
    return lines


def rmdq_lines(report: ClinicReport) -> list[str]:
    if not report.rmdq:
        return [text("summary_rmdq_none")]
    (first_occasion, first_day, start), (occasion, day, now) = report.rmdq[0], report.rmdq[-1]
    lines = [text("summary_rmdq_start", when=occasion_name(first_occasion), day=_day(first_day), score=start)]
    if len(report.rmdq) > 1:
        change = (text("summary_rmdq_better", points=start - now) if now < start else
                  text("summary_rmdq_worse", points=now - start) if now > start else text("summary_rmdq_same"))
        lines.append(text("summary_rmdq_now", when=occasion_name(occasion), day=_day(day), score=now, change=change))
    return lines


def week_lines(report: ClinicReport) -> list[str]:
    return [text("summary_week_row", monday=_day(w.week_start), days=w.days_recorded, pain=f"{w.mean_pain:.1f}",
                 walking=f"{w.walking_minutes / max(w.days_recorded, 1):.0f}")
            for w in report.weeks[-MAX_WEEKS:]]


def call_lines(notes: Sequence[CallNote] | None) -> list[str]:
    """The newest calls in words; None: the clinic notes were not opened."""
    if notes is None:
        return [text("summary_calls_closed")]
    if not notes:
        return [text("summary_no_calls")]
    lines = []
    for note in notes[:LAST_CALLS]:
        care = " ".join(f"{text(f'summary_care_{key}')}: {value.rstrip('.')}."
                        for key, value in note.care().items() if value)
        lines.append(text("summary_call", day=_day(note.call_date), minutes=note.minutes, care=care,
                          next=text("summary_call_next", step=note.next_step.rstrip(".")) if note.next_step else "",
                          follow_up=text("summary_call_follow_up", day=_day(note.follow_up)) if note.follow_up
                          else ""))
    return lines


def appointment_summary(report: ClinicReport, made_on: dt.date, for_patient: bool = False,
                        notes: Sequence[CallNote] | None = None) -> AppointmentSummary:
    """The summary's content. ``for_patient``: the patient's own copy (no participant id, no
    clinic notes); otherwise ``notes`` are the patient's call notes, newest first (None: not opened)."""
    last = _day(report.entries[-1].day) if report.entries else None
    empty = "" if last else "_empty"
    if for_patient:
        title = text("summary_patient_title")
        subtitle = text(f"summary_patient_made{empty}", made=_day(made_on), last=last)
    else:
        study = text("summary_study", code=report.study_code) if report.study_code else ""
        title = text("summary_title")
        subtitle = text(f"summary_made{empty}", made=_day(made_on), last=last, participant=report.participant_id,
                        study=study)
    if for_patient:  # the titles only: the details are written for the clinician
        flags = [flag_title(flag) for flag in report.flags] or [text("summary_no_flags")]
    else:
        flags = [f"{flag_title(flag)}: {flag_detail(flag)}" for flag in report.flags] or [text("summary_no_flags")]
    sections = []
    request = report.call_request
    if not for_patient and request is not None:  # an open request first, on the clinic's copy
        reason = (text("clinic_call_request_reason", reason=request.reason) if request.reason
                  else text("clinic_call_request_no_reason"))
        sections.append(SummarySection(text("summary_call_request"), (
            text("clinic_call_request_when", date=_day(request.requested_on)), reason,
            text("clinic_call_request_not_urgent"))))
    sections += [SummarySection(text("summary_programme"), tuple(programme_lines(report))),
                SummarySection(text("summary_goals"), tuple(goal_lines(report))),
                SummarySection(text("summary_trend"), tuple(trend_lines(report)))]
    weeks = week_lines(report)
    if weeks:
        sections.append(SummarySection(text("summary_weeks"), tuple(weeks)))
    sections.append(SummarySection(text("summary_patient_flags" if for_patient else "summary_flags"), tuple(flags)))
    sections.append(SummarySection(text("summary_safety"),
                                   report.safety_history or (text("clinic_safety_history_none"),)))
    if not for_patient:
        sections.append(SummarySection(text("summary_calls"), tuple(call_lines(notes))))
    return AppointmentSummary(title, subtitle, tuple(sections),
                              text("summary_patient_footer" if for_patient else "summary_footer"))


def report_from_database(database, today: dt.date) -> ClinicReport:
    """The patient's own diary read as an export would carry it (nothing is written or sent)."""
    from desktop.exchange import payload

    with database.reading() as connection:
        data = payload.read_data(connection, "")
    now = payload.timestamp(dt.datetime.now(dt.UTC))
    return clinic_report(VerifiedExport("", "", "", 0, now, today.isoformat(), data))
