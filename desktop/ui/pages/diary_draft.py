"""An unsaved diary entry kept when the app locks, in that profile's own database only.

It is stored as one setting (``diary_draft``) and put back in the Diary page, still marked
"Not saved yet", the next time the same profile is opened; then the setting is removed.
"""

from __future__ import annotations

import datetime as dt
import json

from desktop.domain.diary import DiaryEntry
from desktop.store.settings_service import SettingsService

DRAFT_SETTING = "diary_draft"


def keep_draft(window, settings: SettingsService) -> bool:
    """Store the Diary page's unsaved answers, if there are any. True when a draft was kept."""
    page = window._diary_if_built()
    if page is None or not page.is_dirty():
        return False
    pain, limitation, walking, exercises, flare_up, sleep, mood, note = page.form.snapshot()
    draft = {"day": page.day.isoformat(), "pain": pain, "limitation": limitation, "walking_minutes": walking,
             "exercises": sorted(exercises), "flare_up": flare_up, "sleep": sleep, "mood": mood, "note": note}
    settings.set(DRAFT_SETTING, json.dumps(draft))
    return True


def restore_draft(window, settings: SettingsService) -> bool:
    """Put a kept draft back on the Diary page and show it. True when there was one."""
    raw = settings.get(DRAFT_SETTING, "")
    if not raw:
        return False
    try:
        data = json.loads(raw)
        entry = DiaryEntry(day=dt.date.fromisoformat(data["day"]), pain=data["pain"],
                           walking_minutes=None if data["walking_minutes"] is None else int(data["walking_minutes"]),
                           limitation=data["limitation"],
                           flare_up=bool(data["flare_up"]), exercises=frozenset(data["exercises"]),
                           sleep=data["sleep"], mood=data["mood"], note=str(data["note"]))
    except (ValueError, KeyError, TypeError):
        settings.set(DRAFT_SETTING, "")
        return False
    window.open_diary_day(entry.day)
    page = window.diary_page
    page.form.fill(entry)
    page.form.edited.emit()  # the page shows "Not saved yet"
    settings.set(DRAFT_SETTING, "")
    return True
