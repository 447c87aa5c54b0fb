"""What changed in a profile's data, announced by the store after each commit.

Every writing service passes what it changes to ``Database.writing(...)``; once the
transaction has committed, the database's ``ChangeFeed`` hands each change to every
listener. Pages listen (through ui/base/signals.py) and so show a change made anywhere else
(Home, the Diary, a session, an import, a restored backup) at once, without each writer
having to remember whom to tell. No Qt here: the command line and tests listen the same way.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DiaryChanged:
    days: tuple[dt.date, ...] = ()  # empty: any number of days (an import, a restored backup)
    deleted: bool = False


@dataclass(frozen=True)
class ProgrammeChanged:
    """Onboarding, a safety answer, a questionnaire, a session or a goal was saved."""


@dataclass(frozen=True)
class RatingsChanged:
    """A before-and-after pain rating of a walk or exercise session was saved or deleted."""

    days: tuple[dt.date, ...] = ()  # empty: any number of days (a restored backup)


@dataclass(frozen=True)
class ActivityChanged:
    """Measured steps were imported (store/activity_service.py): these days were added or corrected."""

    days: tuple[dt.date, ...] = ()  # empty: any number of days (a restored backup)



@dataclass(frozen=True)
class CallRequestChanged:
    """A request to talk to a physio was made or withdrawn."""



Change = DiaryChanged | ProgrammeChanged | RatingsChanged | ActivityChanged | CallRequestChanged
Listener = Callable[[Change], None]
EVERYTHING: tuple[Change, ...] = (DiaryChanged(), ProgrammeChanged(), RatingsChanged(), ActivityChanged(),
                                  CallRequestChanged())


class ChangeFeed:
    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` with every change from now on; returns the way to stop."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def announce(self, *changes: Change) -> None:
        # The data is already committed: a listener that fails must not make the write look
        # failed, nor keep the other listeners from hearing of it.
        for change in changes:
            for listener in list(self._listeners):
                try:
                    listener(change)
                except Exception:  # noqa: BLE001 - logged; the change itself stands
                    _log.exception("a listener failed on %s", type(change).__name__)
