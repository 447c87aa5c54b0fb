"""A video player for the exercise clips: play/pause, replay, slower speed, a scrubber,
captions (on by default), full screen, and keyboard control.

Keys (while the player or one of its controls has focus): Space play/pause (on a focused
button, Space presses that button), Left/Right back/forward 5 seconds, C captions on/off,
F full screen, Esc leave full screen.
QtMultimedia is imported here, and this module is imported only when the Exercises page is
built, so start-up never pays for it. Playback is asynchronous: nothing here waits.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QLoggingCategory, Qt, QUrl, Signal
from PySide6.QtGui import QKeySequence, QShortcut

os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")  # optional back-ends Qt looks for
QLoggingCategory.setFilterRules("qt.multimedia.*=false")  # also once Qt has read the environment

from PySide6.QtMultimedia import QMediaPlayer  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from desktop.content.captions import CaptionError, Cue, cue_at, read_vtt  # noqa: E402
from desktop.content.loader import text  # noqa: E402
from desktop.content.video_catalogue import VideoEntry  # noqa: E402
from desktop.ui.video.video_surface import VideoSurface  # noqa: E402
from desktop.ui.widgets.widgets import repolish  # noqa: E402

SEEK_MS = 5000
SPEEDS = ((1.0, "Normal speed"), (0.75, "Slower (0.75x)"), (0.5, "Slowest (0.5x)"))


def _clock(ms: int) -> str:
    seconds = max(0, ms) // 1000
    return f"{seconds // 60}:{seconds % 60:02d}"


class VideoPlayer(QWidget):
    started = Signal(str)  # video id, the first time a loaded clip plays
    progressed = Signal(str, float, float)  # video id, furthest second watched, clip length in seconds
    failed = Signal(str)  # video id: the clip cannot be played here

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("videoPlayer")
        self.entry: VideoEntry | None = None
        self.cues: list[Cue] = []
        self._furthest_ms = 0
        self._started = False
        self._reported = True

        self.player = QMediaPlayer(self)
        self.video = VideoSurface()
        self.video.setAccessibleName(self.tr("Exercise video"))
        self.player.setVideoSink(self.video.sink)

        self.caption = QLabel()
        self.caption.setObjectName("caption")
        self.caption.setWordWrap(True)
        self.caption.setAlignment(Qt.AlignCenter)
        self.caption.setAccessibleName(self.tr("Caption"))
        self.caption.setProperty("empty", True)
        self.caption.setMinimumHeight(self.caption.fontMetrics().lineSpacing() * 2 + 16)
        self.caption_note = QLabel()
        self.caption_note.setObjectName("muted")
        self.caption_note.hide()

        self.play_button = QPushButton(self.tr("Play"))
        self.play_button.setObjectName("primary")
        self.replay_button = QPushButton(self.tr("Replay"))
        self.speed = QComboBox()
        self.speed.setAccessibleName(self.tr("Playback speed"))
        for rate, label in SPEEDS:
            self.speed.addItem(self.tr(label), rate)
        self.captions_button = QPushButton(self.tr("Captions on"))
        self.captions_button.setCheckable(True)
        self.captions_button.setChecked(True)
        self.captions_button.setToolTip(self.tr("Show or hide the captions (C)"))
        self.full_button = QPushButton(self.tr("Full screen"))
        self.full_button.setToolTip(self.tr("Full screen (F); Esc to leave"))
        self.scrubber = QSlider(Qt.Horizontal)
        self.scrubber.setAccessibleName(self.tr("Position in the video"))
        self.scrubber.setRange(0, 0)
        self.scrubber.setPageStep(SEEK_MS)
        self.time_label = QLabel(_clock(0) + " / " + _clock(0))
        self.time_label.setObjectName("muted")

        # One row of controls, or two when large text makes one row too wide (see resizeEvent).
        self.controls = QGridLayout()
        self._control_widgets = (self.play_button, self.replay_button, self.speed, self.captions_button,
                                 self.full_button)
        self._columns = 0
        self._arrange_controls(len(self._control_widgets))
        seek_row = QHBoxLayout()
        seek_row.addWidget(self.scrubber, 1)
        seek_row.addWidget(self.time_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.video, 1)
        layout.addWidget(self.caption)
        layout.addWidget(self.caption_note)
        layout.addLayout(seek_row)
        layout.addLayout(self.controls)

        self.play_button.clicked.connect(self.toggle_play)
        self.replay_button.clicked.connect(self.replay)
        self.speed.currentIndexChanged.connect(lambda _i: self.player.setPlaybackRate(self.speed.currentData()))
        self.captions_button.toggled.connect(self._captions_toggled)
        self.full_button.clicked.connect(self.toggle_full_screen)
        self.scrubber.valueChanged.connect(self._scrubbed)
        self.player.positionChanged.connect(self._position_changed)
        self.player.durationChanged.connect(self._duration_changed)
        self.player.playbackStateChanged.connect(self._state_changed)
        self.player.mediaStatusChanged.connect(self._status_changed)
        self.player.errorOccurred.connect(self._error)
        self._keys = {Qt.Key_Space: self.toggle_play, Qt.Key_Left: lambda: self.seek_by(-SEEK_MS),
                      Qt.Key_Right: lambda: self.seek_by(SEEK_MS), Qt.Key_C: self.captions_button.toggle,
                      Qt.Key_F: self.toggle_full_screen, Qt.Key_Escape: self.leave_full_screen}
        for key, action in self._keys.items():  # also while a button or the scrubber has focus
            if key != Qt.Key_Space:  # Space stays with a focused button (so Replay works by keyboard)
                QShortcut(QKeySequence(key), self, activated=action, context=Qt.WidgetWithChildrenShortcut)
        # Clicking the picture plays or pauses and gives the keys to the player; Tab reaches
        # its buttons, which show their focus.
        self.video.clicked.connect(self._picture_clicked)
        self.setFocusPolicy(Qt.ClickFocus)

    def _arrange_controls(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for widget in self._control_widgets:
            self.controls.removeWidget(widget)
        for index, widget in enumerate(self._control_widgets):
            self.controls.addWidget(widget, index // columns, index % columns)
        for column in range(len(self._control_widgets) + 1):
            self.controls.setColumnStretch(column, 1 if column == columns else 0)

    def resizeEvent(self, event) -> None:
        spacing = max(self.controls.horizontalSpacing(), 6)
        widths = [w.sizeHint().width() + spacing for w in self._control_widgets]

        def fits(columns: int) -> bool:  # the widest grid column, times the columns
            return sum(max(widths[c::columns]) for c in range(columns)) <= event.size().width()

        self._arrange_controls(next((n for n in (len(widths), 3, 2) if fits(n)), 1))
        super().resizeEvent(event)

    def keyPressEvent(self, event) -> None:
        # The same keys when a shortcut cannot fire (the full-screen window not yet active).
        action = self._keys.get(event.key()) if event.modifiers() == Qt.NoModifier else None
        if action is None:
            super().keyPressEvent(event)
        else:
            action()

    # Loading ------------------------------------------------------------------------
    def load(self, entry: VideoEntry) -> None:
        """Show a clip, paused at its start; captions are read from its WebVTT file."""
        self.report_progress()
        self.entry = entry
        self._furthest_ms, self._started, self._reported = 0, False, True
        try:
            self.cues = read_vtt(entry.captions)
            self.caption_note.hide()
        except CaptionError:
            self.cues = []
            self.caption_note.setText(text("captions_unavailable"))
            self.caption_note.show()
        self._show_caption("")
        self.video.clear()
        self.player.setSource(QUrl.fromLocalFile(str(entry.path)))

    def unload(self) -> None:
        self.report_progress()
        # Not stop(): with Qt 6.12's FFmpeg back-end, stop() after a seek can hang for good.
        self.player.pause()
        self.player.setSource(QUrl())
        self.entry = None

    # Controls -----------------------------------------------------------------------
    def is_playing(self) -> bool:
        return self.player.playbackState() == QMediaPlayer.PlayingState

    def _picture_clicked(self) -> None:
        self.setFocus(Qt.MouseFocusReason)
        self.toggle_play()

    def toggle_play(self) -> None:
        if self.entry is None:
            return
        if self.is_playing():
            self.player.pause()
        else:
            if self.player.mediaStatus() == QMediaPlayer.EndOfMedia:
                self.end_viewing()
                self.player.setPosition(0)
            self.player.play()

    def replay(self) -> None:
        if self.entry is not None:
            self.end_viewing()
            self.player.setPosition(0)
            self.player.play()

    def end_viewing(self) -> None:
        """Report how far this viewing got; the next play counts as a new start."""
        self.report_progress()
        self._furthest_ms, self._started, self._reported = 0, False, True

    def seek_by(self, delta_ms: int) -> None:
        if self.entry is not None:
            self.player.setPosition(max(0, min(self.player.duration(), self.player.position() + delta_ms)))

    def set_speed(self, rate: float) -> None:
        self.speed.setCurrentIndex(max(0, self.speed.findData(rate)))

    def captions_on(self) -> bool:
        return self.captions_button.isChecked()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.leave_full_screen()
        else:
            # The whole player (video, captions and controls) becomes its own window.
            self.setWindowFlag(Qt.Window, True)
            self.showFullScreen()
            self.layout().setContentsMargins(24, 24, 24, 24)  # after: set before, Qt drops the state
            self.full_button.setText(self.tr("Leave full screen"))
            self.activateWindow()
            self.play_button.setFocus()  # visible focus, and Space plays or pauses

    def leave_full_screen(self) -> None:
        if self.isWindow():
            self.setWindowFlag(Qt.Window, False)
            self.layout().setContentsMargins(0, 0, 0, 0)
            self.showNormal()
            self.show()
            self.full_button.setText(self.tr("Full screen"))
            self.full_button.setFocus()

    def report_progress(self) -> None:
        """Tell listeners how far the clip was watched (once per viewing)."""
        if self.entry is not None and self._started and not self._reported:
            self._reported = True
            duration = max(self.player.duration(), 1) / 1000
            self.progressed.emit(self.entry.id, round(self._furthest_ms / 1000, 1), round(duration, 1))

    # Player events ------------------------------------------------------------------
    def _captions_toggled(self, on: bool) -> None:
        self.captions_button.setText(self.tr("Captions on") if on else self.tr("Captions off"))
        self.caption.setVisible(on)

    def _scrubbed(self, value: int) -> None:
        if abs(value - self.player.position()) > 50:
            self.player.setPosition(value)

    def _position_changed(self, ms: int) -> None:
        if self._started and self.is_playing():
            self._furthest_ms = max(self._furthest_ms, ms)
        self.scrubber.blockSignals(True)
        self.scrubber.setValue(ms)
        self.scrubber.blockSignals(False)
        self.time_label.setText(_clock(ms) + " / " + _clock(self.player.duration()))
        self._show_caption(cue_at(self.cues, ms))

    def _show_caption(self, words: str) -> None:
        if words != self.caption.text():
            self.caption.setText(words)
            self.caption.setProperty("empty", not words)
            repolish(self.caption)

    def _duration_changed(self, ms: int) -> None:
        self.scrubber.setRange(0, max(0, ms))
        self.time_label.setText(_clock(self.player.position()) + " / " + _clock(ms))

    def _state_changed(self, state) -> None:
        playing = state == QMediaPlayer.PlayingState
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Play"))
        if playing and self.entry is not None and not self._started:
            self._started, self._reported = True, False
            self.started.emit(self.entry.id)

    def _status_changed(self, status) -> None:
        if status == QMediaPlayer.EndOfMedia:
            self._furthest_ms = max(self._furthest_ms, self.player.duration())
            self.report_progress()
        elif status == QMediaPlayer.InvalidMedia and self.entry is not None:
            self.failed.emit(self.entry.id)

    def _error(self, error, _message: str = "") -> None:
        if error != QMediaPlayer.NoError and self.entry is not None:
            self.failed.emit(self.entry.id)
