"""The export document: everything a clinic or study receives from one profile.

``{"schema", "manifest", "signature", "data"}``: ``data`` holds the profile's rows; the
manifest names the export, the participant, the device key and the SHA-256 of ``data``
(canonical JSON), and is signed with the profile's Ed25519 device key. The whole document
is then age-encrypted, so manifest and signature travel inside the encryption.
Documented field by field in resources/schema/README.md.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import sqlite3
import uuid

from desktop import __version__
from desktop.domain.activity import shared_source
from desktop.exchange import signing
from desktop.store.export_state import PRIVATE_PREFIX, ExportTicket

SCHEMA_VERSION = "supportback-export/2"  # what the app writes
READABLE_VERSIONS = ("supportback-export/1", SCHEMA_VERSION)  # what readers accept (v1: no ratings)


def timestamp(value: str | dt.datetime) -> str:
    """UTC time as 2026-03-15T09:30:00.000000Z (fixed width, so text order is time order)."""
    moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def read_data(connection: sqlite3.Connection, participant_id: str) -> dict:
    """The ``data`` part of an export, read in one snapshot."""
    settings = {key: value for key, value in connection.execute("SELECT key, value FROM app_setting ORDER BY key")
                if not key.startswith(PRIVATE_PREFIX)}
    state = connection.execute(
        "SELECT uuid, started_on, activity_choice, safety_outcome, paused_for_safety, indicators, reminder_time,"
        " clinic_code, updated_at FROM programme_state ORDER BY id LIMIT 1").fetchone()
    programme = None
    study_code = None
    if state:
        (uid, started, choice, outcome, paused, indicators, reminder, clinic, updated) = state
        study_code = clinic
        programme = {"uuid": uid, "started_on": started, "activity_choice": choice, "safety_outcome": outcome,
                     "paused_for_safety": bool(paused), "indicators": [i for i in indicators.split(",") if i],
                     "reminder_time": reminder, "updated_at": timestamp(updated)}
    sessions = [
        {"uuid": r[0], "number": r[1], "completed_on": r[2], "limitation": r[3], "level": r[4], "days_met": r[5],
         "days_planned": r[6], "feedback_key": r[7], "obstacle": r[8], "goal_choice": r[9], "module_id": r[10],
         "updated_at": timestamp(r[11])}
        for r in connection.execute(
            "SELECT uuid, number, completed_on, limitation, level, days_met, days_planned, feedback_key, obstacle,"
            " goal_choice, module_id, updated_at FROM session_record ORDER BY number")]
    goals = [
        {"uuid": r[0], "session_number": r[1], "activity": r[2], "level": r[3], "days_per_week": r[4],
         "minutes_per_day": r[5], "exercise_count": r[6], "repetitions": r[7], "times_per_day": r[8],
         "exercises": [e for e in r[9].split(";") if e], "plan_when": r[10], "plan_where": r[11], "set_on": r[12],
         "updated_at": timestamp(r[13])}
        for r in connection.execute(
            "SELECT uuid, session_number, activity, level, days_per_week, minutes_per_day, exercise_count, repetitions,"
            " times_per_day, exercises, plan_when, plan_where, set_on, updated_at FROM goal"
            " ORDER BY session_number, activity, id")]
    exercises: dict[int, list[str]] = {}
    rows = connection.execute("SELECT diary_day_id, exercise_key FROM diary_exercise ORDER BY exercise_key")
    for day_id, key in rows:
        exercises.setdefault(day_id, []).append(key)
    diary = [
        {"uuid": r[1], "date": r[2], "pain": r[3], "limitation": r[4], "walking_minutes": r[5],
         "flare_up": bool(r[6]), "sleep": r[7], "mood": r[8], "exercises": exercises.get(r[0], []), "note": r[9],
         "updated_at": timestamp(r[10])}
        for r in connection.execute(
            "SELECT id, uuid, day, pain, limitation, walking_minutes, flare_up, sleep, mood, note, updated_at"
            " FROM diary_day ORDER BY day")]
    questionnaires = [
        {"uuid": r[0], "questionnaire": r[1], "occasion": r[2], "item_id": r[3], "value": r[4], "answered_on": r[5],
         "updated_at": timestamp(r[6])}
        for r in connection.execute(
            "SELECT uuid, questionnaire, occasion, item_id, value, answered_on, updated_at FROM questionnaire_response"
            " ORDER BY questionnaire, occasion, item_id")]  # the research table's order: collecting need not sort
    events = [
        {"uuid": r[0], "kind": r[1], "detail": _detail(r[2]), "occurred_at": timestamp(r[3]),
         "updated_at": timestamp(r[4])}
        for r in connection.execute(
            "SELECT uuid, kind, detail, occurred_at, updated_at FROM usage_event ORDER BY occurred_at, id")]
    activity_ratings = [
        {"uuid": r[0], "date": r[1], "activity": r[2], "expected_pain": r[3], "pain_before": r[4],
         "pain_after": r[5], "updated_at": timestamp(r[6])}
        for r in connection.execute(
            "SELECT uuid, day, activity, expected_pain, pain_before, pain_after, updated_at FROM activity_rating"
            " ORDER BY day, activity")]
    call_requests = [
        {"uuid": r[0], "requested_on": r[1], "reason": r[2], "withdrawn": bool(r[3]), "updated_at": timestamp(r[4])}
        for r in connection.execute(
            "SELECT uuid, requested_on, reason, withdrawn, updated_at FROM call_request ORDER BY requested_on, id")]
    measured_activity = [
        {"uuid": r[0], "date": r[1], "steps": r[2], "walking_minutes": r[3], "source": shared_source(r[4]),
         "updated_at": timestamp(r[5])}
        for r in connection.execute(
            "SELECT uuid, day, steps, walking_minutes, source, updated_at FROM measured_day ORDER BY day")]
    # Rows deleted on the device, so collectors can drop their copies (store/tombstones.py).
    deletions = [
        {"uuid": r[0], "section": r[1], "deleted_at": timestamp(r[2])}
        for r in connection.execute("SELECT uuid, section, deleted_at FROM deleted_row ORDER BY deleted_at, uuid")]
    return {"participant": {"participant_id": participant_id, "study_code": study_code, "app_version": __version__},
            "settings": settings, "programme": programme, "sessions": sessions, "goals": goals, "diary": diary,
            "questionnaires": questionnaires, "events": events, "activity_ratings": activity_ratings,
            "call_requests": call_requests, "measured_activity": measured_activity, "deletions": deletions}


def _detail(text: str) -> dict:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(k)[:64]: v for k, v in value.items() if isinstance(v, (str, int, float, bool)) or v is None}


def build_document(data: dict, ticket: ExportTicket, today: dt.date, now: dt.datetime | None = None) -> dict:
    """Sign ``data`` with the profile's device key and wrap it with its manifest."""
    public_raw = signing.public_key(ticket.device_key)
    manifest = {
        "export_id": str(uuid.uuid4()),
        "participant_id": ticket.participant_id,
        "device_key_id": signing.key_id(public_raw),
        "device_public_key": base64.b64encode(public_raw).decode("ascii"),
        "sequence": ticket.sequence,
        "schema": SCHEMA_VERSION,
        "exported_at": timestamp(now or dt.datetime.now(dt.UTC)),
        "exported_on": today.isoformat(),  # the device's idea of today (the diary's calendar)
        "payload_sha256": signing.sha256_hex(signing.canonical_json(data)),
    }
    return {"schema": SCHEMA_VERSION, "manifest": manifest,
            "signature": signing.sign(ticket.device_key, signing.canonical_json(manifest)), "data": data}


def encode(document: dict) -> bytes:
    """The document as canonical JSON: ``data`` then appears exactly as its signed hash was taken,
    so a collector can check the hash on the bytes without parsing and re-writing them."""
    return signing.canonical_json(document)
