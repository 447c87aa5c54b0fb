"""The red-flag history and mood answers in an export, for the clinician: which item, which
answer, when, and each clearance and confirmation with its date; and the flags they raise
(a mood score of 3 or more, pregnancy, a recent back operation).

Read from the export's ``questionnaires`` (store/safety_service.py names what is kept there),
so the export's shape did not change. Plain Python: no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.content.loader import text
from desktop.content.programme import programme_content
from desktop.content.safety import trigger_rules
from desktop.domain import mood
from desktop.domain.safety_rules import PREGNANT, SPINAL_SURGERY, SYMPTOM, item_level

SAFETY_QUESTIONNAIRES = ("screening", "clearance", "confirmation", "check_request", mood.PHQ2, mood.GAD2)


def _by(items: Iterable[dict], questionnaire: str) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for item in items:
        if item["questionnaire"] == questionnaire:
            grouped.setdefault(item["occasion"], []).append(item)
    return grouped


def occasion_words(occasion: str) -> str:
    """'onboarding' -> the first check; 'session3' -> the session 3 check; 'pain-DATE' -> ..."""
    kind = occasion.split("-", 1)[0]
    if kind.startswith("session") and kind[7:].isdigit():
        return text("clinic_check_session", number=kind[7:])
    return text(f"clinic_check_{kind}") if f"clinic_check_{kind}" in _known() else occasion


def mood_occasion(occasion: str) -> str:
    key = f"clinic_mood_occasion_{occasion}"
    return text(key) if key in _known() else occasion


def _known() -> set[str]:
    from desktop.content.loader import texts

    return set(texts())


def _latest(questionnaires: list[dict]) -> dict[str, tuple[str, int]]:
    """Each screening item's latest answer: item -> (day, value)."""
    latest: dict[str, tuple[str, int]] = {}
    rows = sorted((i for i in questionnaires if i["questionnaire"] == "screening"),
                  key=lambda i: (i["answered_on"], i["updated_at"]))
    for item in rows:
        latest[item["item_id"]] = (item["answered_on"], item["value"])
    return latest


def safety_history(questionnaires: list[dict]) -> list[str]:
    """One line per check, clearance, confirmation, request and mood answer, oldest first."""
    safety = programme_content().safety
    labels = {q.id: q.label for q in safety.questions}
    items = {q.id: q.item for q in safety.questions}
    history_yes = {i for i, (_day, value) in _latest(questionnaires).items() if value}
    cleared = {i["item_id"] for i in questionnaires if i["questionnaire"] == "clearance" and i["value"]}
    lines: list[tuple[str, int, str]] = []
    for occasion, rows in _by(questionnaires, "screening").items():
        day = max(r["answered_on"] for r in rows)
        yes = [r["item_id"] for r in rows if r["value"]]
        said = []
        for item_id in yes:
            item, words = items.get(item_id), labels.get(item_id, item_id)
            if item is None or item.group != SYMPTOM and item.urgency == "clear":
                said.append(words)  # a circumstance, or an item this version does not know
                continue
            if item.group != SYMPTOM and item_id in cleared:
                said.append(f"{words} ({text('clinic_level_cleared')})")
                continue
            level = item_level(item, history_yes) if item.group == SYMPTOM else item.urgency
            said.append(f"{words} ({text(f'clinic_level_{level}')})")
        if said:
            lines.append((day, 0, text("clinic_safety_yes", check=occasion_words(occasion), answers="; ".join(said))))
        else:
            lines.append((day, 0, text("clinic_safety_no", check=occasion_words(occasion), count=len(rows))))
    for rows in _by(questionnaires, "clearance").values():
        for row in rows:
            lines.append((row["answered_on"], 1, text("clinic_safety_cleared", item=labels.get(row["item_id"],
                                                                                               row["item_id"]))))
    for rows in _by(questionnaires, "confirmation").values():
        for row in rows:
            lines.append((row["answered_on"], 2, text(f"clinic_safety_confirmed_{row['item_id']}")
                          if f"clinic_safety_confirmed_{row['item_id']}" in _known() else row["item_id"]))
    for source, rows in _by(questionnaires, "check_request").items():
        for row in rows:
            lines.append((row["answered_on"], 0, text(f"clinic_safety_requested_{source}")
                          if f"clinic_safety_requested_{source}" in _known() else source))
    for occasion, scores in mood_scores(questionnaires).items():
        day = max(i["answered_on"] for i in questionnaires
                  if i["questionnaire"] in (mood.PHQ2, mood.GAD2) and i["occasion"] == occasion)
        lines.append((day, 3, text("clinic_mood_scores", occasion=mood_occasion(occasion),
                                   phq2=scores.get(mood.PHQ2, "-"), gad2=scores.get(mood.GAD2, "-"))))
    return [f"{day}: {words}" for day, _order, words in sorted(lines, key=lambda line: (line[0], line[1]))]


def pause_reason(questionnaires: list[dict]) -> str:
    """Which answers called for advice at the latest check that did, and when, in a sentence
    for the "paused for safety" card ("" when no check did)."""
    safety = programme_content().safety
    labels = {q.id: q.label for q in safety.questions}
    items = {q.id: q.item for q in safety.questions}
    history_yes = {i for i, (_day, value) in _latest(questionnaires).items() if value}
    cleared = {i["item_id"] for i in questionnaires if i["questionnaire"] == "clearance" and i["value"]}
    checks = sorted(_by(questionnaires, "screening").items(),
                    key=lambda check: max((r["answered_on"], r["updated_at"]) for r in check[1]))
    for occasion, rows in reversed(checks):
        said = []
        for row in rows:
            item = items.get(row["item_id"])
            if not row["value"] or item is None or (item.group != SYMPTOM and row["item_id"] in cleared):
                continue
            level = item_level(item, history_yes) if item.group == SYMPTOM else item.urgency
            if level != "clear":
                said.append(f"{labels[row['item_id']]} ({text(f'clinic_level_{level}')})")
        if said:
            return text("clinic_safety_paused_because", check=occasion_words(occasion),
                        day=max(r["answered_on"] for r in rows), answers="; ".join(said))
    return ""


def mood_scores(questionnaires: list[dict]) -> dict[str, dict[str, int]]:
    """occasion -> {phq2: score, gad2: score}, for every complete questionnaire."""
    found: dict[str, dict[str, int]] = {}
    for questionnaire in (mood.PHQ2, mood.GAD2):
        for occasion, rows in _by(questionnaires, questionnaire).items():
            answers = {r["item_id"]: r["value"] for r in rows}
            try:
                found.setdefault(occasion, {})[questionnaire] = mood.score(questionnaire, answers)
            except ValueError:
                continue  # incomplete or out of range: not scored
    return found


def safety_flags(questionnaires: list[dict]) -> list[tuple[str, dict]]:
    """(kind, values) for each flag: mood (latest scores, 3 or more on either), pregnancy, a
    recent back operation (with whether the go-ahead was confirmed)."""
    flags = []
    scores = mood_scores(questionnaires)
    if scores:
        occasion = max(scores, key=lambda o: max(i["answered_on"] for i in questionnaires
                                                  if i["questionnaire"] in (mood.PHQ2, mood.GAD2)
                                                  and i["occasion"] == o))
        latest = scores[occasion]
        if mood.needs_signposting(latest, trigger_rules().mood_signpost_from):
            flags.append(("mood", {"phq2": latest.get(mood.PHQ2, "-"), "gad2": latest.get(mood.GAD2, "-"),
                                   "occasion": mood_occasion(occasion)}))
    latest = _latest(questionnaires)
    if latest.get(PREGNANT, ("", 0))[1]:
        flags.append(("pregnancy", {"since": latest[PREGNANT][0]}))
    if latest.get(SPINAL_SURGERY, ("", 0))[1]:
        reported = latest[SPINAL_SURGERY][0]
        go_ahead = [i["answered_on"] for i in questionnaires if i["questionnaire"] == "confirmation"
                    and i["item_id"] == "surgery" and i["value"] and i["answered_on"] >= reported]
        flags.append(("spinal_surgery", {"reported": reported,
                                         "go_ahead": text("clinic_go_ahead_on", day=max(go_ahead)) if go_ahead
                                         else text("clinic_go_ahead_not_yet")}))
    return flags
