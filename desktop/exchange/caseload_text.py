"""A caseload row in words: the table's cells (the command line and the window show the same)
and the JSON a script reads. Plain Python: no Qt here."""

from __future__ import annotations

import datetime as dt

from desktop.content.loader import text

HEADINGS = [text(f"caseload_column_{key}") for key in
            ("patient", "needs", "exported", "diary", "week", "rmdq", "call", "follow_up", "flags")]


def need_words(needs: tuple[str, ...], row, today: dt.date) -> str:
    from desktop.domain.caseload_order import NO_DIARY, SAFETY, quiet_days

    words = []
    for need in needs:
        if need == SAFETY and row.safety_level:
            from desktop.content.loader import texts

            level = texts().get(f"caseload_level_{row.safety_level}", row.safety_level)
            words.append(text("caseload_need_safety_level", level=level))
        elif need == NO_DIARY:
            words.append(text("caseload_need_no_diary", days=quiet_days(row.standing(), today)))
        else:
            words.append(text(f"caseload_need_{need}"))
    return "; ".join(words)


def row_cells(row, needs, follow_up, today: dt.date) -> list[str]:
    def day(value) -> str:
        return value.isoformat() if value else "-"

    from desktop.content.programme import programme_rules

    week = (text("caseload_week", week=row.programme_week, sessions=row.sessions_done,
                 total=programme_rules().sessions) if row.programme_week else text("caseload_not_started"))
    rmdq = f"{'-' if row.rmdq_start is None else row.rmdq_start} to {'-' if row.rmdq_now is None else row.rmdq_now}"
    call = day(row.call_request.requested_on) if row.call_request else "no"
    return [row.who, need_words(needs, row, today), row.exported_at[:10], day(row.last_diary_day), week, rmdq, call,
            day(follow_up.next_follow_up if follow_up else None), "; ".join(row.flags) or "-"]


def row_json(row, needs, follow_up, today: dt.date) -> dict:
    return {"participant_id": row.participant_id, "code": row.study_code, "needs": list(needs),
            "file": row.path.name, "sequence": row.sequence, "exported_at": row.exported_at,
            "last_diary_day": row.last_diary_day.isoformat() if row.last_diary_day else None,
            "programme_week": row.programme_week, "sessions_done": row.sessions_done,
            "paused_for_safety": row.paused_for_safety, "flags": list(row.flags),
            "rmdq_start": row.rmdq_start, "rmdq_now": row.rmdq_now,
            "call_requested_on": row.call_request.requested_on.isoformat() if row.call_request else None,
            "call_reason": row.call_request.reason if row.call_request else None,
            "last_call": follow_up.last_call.isoformat() if follow_up else None,
            "follow_up": follow_up.next_follow_up.isoformat() if follow_up and follow_up.next_follow_up else None}
