"""What the diary commands share: a profile's database and its diary service."""

from __future__ import annotations

from pathlib import Path

DEMO_PROFILE = "Demo"  # the profile ``supportback demo`` fills with made-up days


def open_services(root: Path, profile: str):
    """(database, DiaryService) of ``profile``; the caller closes the database."""
    from desktop.content.loader import exercise_catalogue
    from desktop.domain.clock import clock_from_environment
    from desktop.store.database import open_database
    from desktop.store.diary_service import DiaryService

    database = open_database(root, profile)
    return database, DiaryService(database, exercise_catalogue(), clock_from_environment())
