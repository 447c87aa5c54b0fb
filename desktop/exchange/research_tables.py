"""The research tables: their columns, what each means, and where each comes from in an export.

This one list drives everything `research collect` makes: the tables of OUT/collect.duckdb,
the per-file check that turns an export's rows into table rows (each column after
participant_id is the export field of the same name), the merge, the CSV and Parquet files
and the data dictionary, so they cannot disagree. A new export section is a new Table here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # text, integer, boolean (0/1), date (YYYY-MM-DD), time (UTC, ISO 8601)
    description: str
    shape: str = ""  # how the export holds a text value: "" as it is, "list" (joined by ';'), "json" (an object)


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    natural_key: tuple[str, ...]  # one row per participant and this key: the newest updated_at
    order: tuple[str, ...] = ()  # row order within a participant (default: the natural key)
    section: str = ""  # the export's data section the rows come from (row tables); may be absent (older schema)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def sort_key(self) -> tuple[str, ...]:
        return self.order or self.natural_key


def _c(name: str, type_: str, description: str, shape: str = "") -> Column:
    return Column(name, type_, description, shape)


PARTICIPANT = _c("participant_id", "text",
                 "Pseudonymous participant id (random UUID made by the app; not linked to a name)")
UUID = _c("uuid", "text", "Row id given by the app; stable across exports, so rows merge")
UPDATED = _c("updated_at", "time", "When the row last changed on the device (UTC); the newest wins when merging")

PARTICIPANTS = Table("participants", "One row per participant: identity, latest export and programme state", (
    PARTICIPANT,
    _c("study_code", "text", "Study or clinic code the patient typed at onboarding (empty if none)"),
    _c("device_key_id", "text", "SHA-256 of the Ed25519 device public key pinned for this participant"),
    _c("exports_collected", "integer", "How many different exports of this participant were merged"),
    _c("last_sequence", "integer", "Sequence number of the newest merged export (counts up on the device)"),
    _c("last_exported_at", "time", "When the newest merged export was made (UTC)"),
    _c("app_version", "text", "App version that made the newest merged export"),
    _c("programme_started_on", "date", "Day onboarding was finished (empty: not yet)"),
    _c("activity_choice", "text", "Activity chosen at session 1: walking, exercises or both"),
    _c("safety_outcome", "text", "Most urgent red-flag advice of the latest check that called for any: "
                                 "clear, soon, same_day or emergency"),
    _c("paused_for_safety", "boolean", "1 if the programme is paused until the patient confirms a check-up"),
    _c("barrier_indicators", "text", "Barrier indicators from the 'about your back' answers, ';' separated"),
    _c("settings", "text", "App preferences as a JSON object (no secrets)", "json"),
), ("participant_id",))

DIARY = Table("diary", "One row per participant and diary day", (
    PARTICIPANT, UUID,
    _c("date", "date", "Diary day"),
    _c("pain", "integer", "Pain that day, 0 (none) to 10 (worst)"),
    _c("limitation", "integer", "How much pain limited the day, 0 to 10"),
    _c("walking_minutes", "integer", "Minutes walked, 0-1440 (empty: not answered; 0 is no walk)"),
    _c("flare_up", "boolean", "1 if the patient marked a flare-up"),
    _c("sleep", "integer", "Sleep quality 0-10 (empty: not answered)"),
    _c("mood", "integer", "Mood 0-10 (empty: not answered)"),
    _c("exercises", "text", "Back exercises done, keys separated by ';'", "list"),
    _c("note", "text", "Free text the patient wrote (may identify them: handle with care)"),
    UPDATED,
), ("date",), section="diary")

GOALS = Table("goals", "One row per goal set at a weekly session", (
    PARTICIPANT, UUID,
    _c("session_number", "integer", "Session at which the goal was set"),
    _c("activity", "text", "walking or exercises"),
    _c("level", "integer", "Goal level in the programme's ladder"),
    _c("days_per_week", "integer", "Days per week aimed for"),
    _c("minutes_per_day", "integer", "Walking minutes per day aimed for (walking goals)"),
    _c("exercise_count", "integer", "Number of exercises (exercise goals)"),
    _c("repetitions", "integer", "Repetitions of each exercise"),
    _c("times_per_day", "integer", "Times per day"),
    _c("exercises", "text", "Exercise keys chosen, ';' separated", "list"),
    _c("plan_when", "text", "When the patient planned to do it (free text)"),
    _c("plan_where", "text", "Where the patient planned to do it (free text)"),
    _c("set_on", "date", "Day the goal was set"),
    UPDATED,
), ("session_number", "activity"), section="goals")

SESSIONS = Table("sessions", "One row per completed weekly session", (
    PARTICIPANT, UUID,
    _c("number", "integer", "Session number (1-6; later numbers are weekly reviews)"),
    _c("completed_on", "date", "Day the session was completed"),
    _c("limitation", "integer", "Limitation over the past week, 0-10 (empty: not asked)"),
    _c("level", "integer", "Goal level reached"),
    _c("days_met", "integer", "Days last week's goal was met"),
    _c("days_planned", "integer", "Days last week's goal asked for"),
    _c("feedback_key", "text", "Which feedback message the patient saw"),
    _c("obstacle", "text", "Obstacle the patient chose, if any"),
    _c("goal_choice", "text", "keep, step_up, step_down or change (empty at session 1)"),
    _c("module_id", "text", "Learning module chosen at the session"),
    UPDATED,
), ("number",), section="sessions")

QUESTIONNAIRES = Table("questionnaires", "One row per questionnaire item answered on an occasion", (
    PARTICIPANT, UUID,
    _c("questionnaire", "text", "rmdq, baseline, screening, barriers, clearance, confirmation, check_request, "
                                "phq2 or gad2 (resources/schema/README.md)"),
    _c("occasion", "text", "onboarding, baseline, sessionN, monthN..."),
    _c("item_id", "text", "Item within the questionnaire"),
    _c("value", "integer", "1/0 for yes/no items, 0-10 for ratings, 0-3 for mood items"),
    _c("answered_on", "date", "Day answered"),
    UPDATED,
), ("questionnaire", "occasion", "item_id"), section="questionnaires")

EVENTS = Table("events", "One row per usage event recorded by the app", (
    PARTICIPANT, UUID,
    _c("kind", "text", "What happened (diary_saved, session_completed, export_made...)"),
    _c("occurred_at", "time", "When it happened (UTC)"),
    _c("detail", "text", "Small JSON object with details (never free text the patient typed)", "json"),
    UPDATED,
), ("uuid",), ("occurred_at", "uuid"), section="events")

ACTIVITY_RATINGS = Table("activity_ratings", "One row per activity rated for pain before and after (export schema 2; "
                         "empty for schema-1 exports)", (
    PARTICIPANT, UUID,
    _c("date", "date", "Day of the activity"),
    _c("activity", "text", "What the activity was"),
    _c("expected_pain", "integer", "Pain the patient expected the activity to bring, 0-10"),
    _c("pain_before", "integer", "Pain just before, 0-10 (empty: not answered)"),
    _c("pain_after", "integer", "Pain just after, 0-10 (empty: not answered)"),
    UPDATED,
), ("uuid",), ("date", "uuid"), section="activity_ratings")

CALL_REQUESTS = Table("call_requests", "One row per request to talk to a physio (export schema 2; empty for "
                      "schema-1 exports)", (
    PARTICIPANT, UUID,
    _c("requested_on", "date", "Day the patient asked for a call"),
    _c("reason", "text", "The patient's optional reason, as typed (empty: none given)"),
    _c("withdrawn", "boolean", "1 if the patient later said they no longer need the call"),
    UPDATED,
), ("uuid",), ("requested_on", "uuid"), section="call_requests")

ACTIVITY = Table("activity", "One row per participant and day of steps measured by a phone or wearable, imported by "
                 "the patient (export schema 2; empty for schema-1 exports and for patients who imported none)", (
    PARTICIPANT, UUID,
    _c("date", "date", "Day the steps were counted (the patient's local time)"),
    _c("steps", "integer", "Steps that day, 0-200000 (empty: the source recorded walks but no steps)"),
    _c("walking_minutes", "integer", "Minutes of walks the device recorded, 0-1440 (empty: the source does not "
                                     "record walks; unlike the diary's own walking answer)"),
    _c("source", "text", "What counted them: Apple Watch, iPhone, Fitbit, Google Fit, CSV file or an app's name "
                         "(never the device's owner name)"),
    UPDATED,
), ("date",), section="measured_activity")

DELETIONS = Table("deletions",
                  "One row per row the patient deleted on the device (already left out of the other tables)", (
    PARTICIPANT,
    _c("section", "text", "Table the deleted row belonged to: diary, goals, sessions, questionnaires or events"),
    UUID,
    _c("deleted_at", "time", "When it was deleted on the device (UTC); a row changed later than this is kept"),
), ("section", "uuid"))

ROW_TABLES = (DIARY, GOALS, SESSIONS, QUESTIONNAIRES, EVENTS, ACTIVITY_RATINGS, CALL_REQUESTS, ACTIVITY)
ALL_TABLES = (PARTICIPANTS, *ROW_TABLES, DELETIONS)
