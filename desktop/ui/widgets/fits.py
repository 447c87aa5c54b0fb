"""Widgets that fit themselves to their width: the one hook for a resize and a new text size."""

from __future__ import annotations

from PySide6.QtCore import QEvent


class FitsItself:
    """Mix in before the Qt class (``class Row(FitsItself, QFrame)``) and define ``_fit``: it
    runs after every resize and after every change of font (the patient's text size)."""

    def _fit(self) -> None:
        raise NotImplementedError

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.FontChange:
            self._fit()
