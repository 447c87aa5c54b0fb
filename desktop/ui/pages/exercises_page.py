"""Exercises: choose one, watch how it is done, read the steps, when to stop, easier and harder.

The player (QtMultimedia) is made when this page is first built, never at start-up. If it
cannot load, or a clip is missing, damaged or will not play, the page says so in plain
words and shows the written steps with key-frame pictures instead.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from desktop.content.exercise_guides import ExerciseGuide, exercise_guides
from desktop.content.loader import ContentError, text
from desktop.content.video_catalogue import VideoCatalogue, VideoStatus, load_video_catalogue
from desktop.store.usage_service import UsageService
from desktop.ui.base.signals import AppSignals
from desktop.ui.video.exercise_guide_view import ExerciseGuideView
from desktop.ui.video.video_fallback import VideoFallback
from desktop.ui.widgets.widgets import label, list_beside_detail

_STATUS_TEXT = {VideoStatus.MISSING: "video_missing", VideoStatus.DAMAGED: "video_damaged",
                VideoStatus.UNLISTED: "video_unlisted"}


class ExercisesPage(QWidget):
    def __init__(self, usage: UsageService, signals: AppSignals, parent: QWidget | None = None,
                 catalogue: VideoCatalogue | None = None,
                 goal_exercises: Callable[[], frozenset[str]] | None = None,
                 hidden_exercises: Callable[[], frozenset[str]] | None = None):
        """``hidden_exercises``: keys not to show now (those done lying on the front, in pregnancy)."""
        super().__init__(parent)
        self.setObjectName("page")
        self.usage = usage
        self.signals = signals
        self.goal_exercises = goal_exercises or frozenset
        self.hidden_exercises = hidden_exercises or frozenset
        self.all_guides: tuple[ExerciseGuide, ...] = exercise_guides()
        self.guides = self._shown_guides()
        self.guide: ExerciseGuide | None = None
        self.catalogue = catalogue
        self.catalogue_problem = ""
        if self.catalogue is None:
            try:
                self.catalogue = load_video_catalogue()
            except ContentError:
                self.catalogue_problem = text("video_list_unreadable")
        self.player = self._make_player()

        splitter, _left, self.list = list_beside_detail(self, self.tr("Exercises"), "h2", "exerciseList",
                                                        self.tr("Exercises"))
        for guide in self.guides:
            self.list.addItem(guide.title)

        content = QWidget()
        content.setObjectName("page")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(12, 0, 12, 12)
        layout.setSpacing(12)
        self.title = label("", "h1")
        layout.addWidget(self.title)
        layout.addWidget(label(text("exercises_intro"), "muted"))
        self.purpose = label("")
        layout.addWidget(self.purpose)
        if self.player is not None:
            layout.addWidget(self.player)
        self.fallback = VideoFallback()
        layout.addWidget(self.fallback)
        self.guide_view = ExerciseGuideView()
        layout.addWidget(self.guide_view)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)  # text wraps instead
        scroll.setFrameShape(QScrollArea.NoFrame)
        scroll.setWidget(content)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 900])

        self.list.currentRowChanged.connect(self._row_chosen)
        self.mark_goal_exercises()
        signals.programme_changed.connect(self._programme_changed)
        self.list.setCurrentRow(0)
        signals.text_size_changed.connect(lambda _size: self._fit_list())
        self._fit_list()

    def _fit_list(self) -> None:
        # Wide enough for the longest name at the chosen text size, so none is cut short.
        longest = max(self.list.fontMetrics().horizontalAdvance(g.title) for g in self.guides)
        self.list.setMinimumWidth(longest + 48)

    def _make_player(self):
        try:
            from desktop.ui.video.video_player import VideoPlayer
        except ImportError:  # no QtMultimedia (on Linux, usually libpulse0 is missing)
            self.player_problem = text("video_no_player")
            return None
        self.player_problem = ""
        player = VideoPlayer()
        player.started.connect(lambda video: self.usage.record("video_started", video=video))
        player.progressed.connect(self._record_progress)
        player.failed.connect(self._play_failed)
        return player

    def _shown_guides(self) -> tuple[ExerciseGuide, ...]:
        hidden = self.hidden_exercises()
        return tuple(g for g in self.all_guides if g.key not in hidden)

    def _programme_changed(self) -> None:
        shown = self._shown_guides()
        if shown != self.guides:
            current = self.guide.key if self.guide else None
            self.guides = shown
            self.list.blockSignals(True)
            self.list.clear()
            for guide in shown:
                self.list.addItem(guide.title)
            self.list.blockSignals(False)
            keys = [g.key for g in shown]
            self.list.setCurrentRow(keys.index(current) if current in keys else 0)
            if current not in keys:
                self._row_chosen(0)
        self.mark_goal_exercises()

    def mark_goal_exercises(self) -> None:
        """Say, in words, which exercises are part of this week's goal."""
        in_goal = self.goal_exercises()
        for row, guide in enumerate(self.guides):
            words = guide.title + ("\n" + self.tr("✓ In your goal") if guide.key in in_goal else "")
            self.list.item(row).setText(words)
            self.list.item(row).setData(Qt.AccessibleTextRole, words.replace("\n", ", "))

    # Choosing an exercise -----------------------------------------------------------
    def show_exercise(self, key: str) -> None:
        keys = [g.key for g in self.guides]
        if key in keys:  # not one hidden now
            self.list.setCurrentRow(keys.index(key))

    def _row_chosen(self, row: int) -> None:
        if row < 0:
            return
        self.guide = guide = self.guides[row]
        self.title.setText(guide.title)
        self.purpose.setText(guide.purpose)
        self.guide_view.show_guide(guide)
        entry = self.catalogue.get(guide.video) if self.catalogue else None
        problem = self.catalogue_problem or self.player_problem
        if not problem:
            status = self.catalogue.status(guide.video)
            problem = text(_STATUS_TEXT[status]) if status in _STATUS_TEXT else ""
        if problem:
            self._show_fallback(problem)
        else:
            self.fallback.hide()
            self.player.show()
            self.player.load(entry)

    def _show_fallback(self, message: str) -> None:
        if self.player is not None:
            self.player.unload()
            self.player.hide()
        entry = self.catalogue.get(self.guide.video) if self.catalogue and self.guide else None
        self.fallback.show_problem(message, entry.keyframes if entry else ())
        self.fallback.show()

    def _play_failed(self, video: str) -> None:
        if self.guide is not None and self.guide.video == video:
            self._show_fallback(text("video_play_failed"))

    def _record_progress(self, video: str, watched_s: float, duration_s: float) -> None:
        fraction = round(min(1.0, watched_s / duration_s), 2) if duration_s else 0.0
        self.usage.record("video_progress", video=video, watched_s=watched_s, duration_s=duration_s,
                          fraction=fraction)

    # Leaving the page ---------------------------------------------------------------
    def hideEvent(self, event) -> None:
        # Another page (or the window closing): stop the clip and note how far it got.
        if self.player is not None and not self.player.isWindow():
            self.player.player.pause()
            self.player.end_viewing()
        super().hideEvent(event)
