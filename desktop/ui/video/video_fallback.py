"""Shown instead of the video when it cannot play: why, in plain words, and key-frame pictures."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from desktop.content.video_catalogue import Keyframe
from desktop.ui.widgets.widgets import label

PICTURE_WIDTH = 200
SPACING = 12


class VideoFallback(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("todoCard")
        layout = QVBoxLayout(self)
        self.message = label("")
        self.message.setObjectName("videoProblem")
        layout.addWidget(self.message)
        self.pictures = QGridLayout()
        self.pictures.setHorizontalSpacing(SPACING)
        layout.addLayout(self.pictures)
        self.shown_pictures = 0
        self._cells: list[QWidget] = []
        self._columns = 0

    def show_problem(self, message: str, keyframes: tuple[Keyframe, ...] = ()) -> None:
        self.message.setText(message)
        for cell in self._cells:
            self.pictures.removeWidget(cell)
            cell.deleteLater()
        self._cells = []
        self.shown_pictures = 0
        for keyframe in keyframes:
            pixmap = QPixmap(str(keyframe.path))
            if pixmap.isNull():
                continue  # a missing picture: the written steps still say it all
            cell = QWidget()
            cell_layout = QVBoxLayout(cell)
            cell_layout.setContentsMargins(0, 0, 0, 0)
            picture = QLabel()
            pixmap = pixmap.scaledToWidth(PICTURE_WIDTH, Qt.SmoothTransformation)
            picture.setPixmap(pixmap)
            picture.setAlignment(Qt.AlignCenter)
            picture.setAccessibleName(keyframe.caption)
            cell_layout.addWidget(picture)
            words = label(f"{self.shown_pictures + 1}. {keyframe.caption}", "muted")
            words.setMaximumWidth(pixmap.width())
            cell_layout.addWidget(words)
            cell_layout.addStretch(1)
            self._cells.append(cell)
            self.shown_pictures += 1
        self._columns = 0
        self._arrange(self.width())

    def _arrange(self, width: int) -> None:
        # As many pictures a row as fit, so large text or a narrow window never cuts one off.
        columns = max(1, min(len(self._cells), (width - 2 * SPACING) // (PICTURE_WIDTH + SPACING)))
        if columns == self._columns:
            return
        self._columns = columns
        for cell in self._cells:
            self.pictures.removeWidget(cell)
        for index, cell in enumerate(self._cells):
            self.pictures.addWidget(cell, index // columns, index % columns)
        for column in range(len(self._cells) + 1):
            self.pictures.setColumnStretch(column, 1 if column == columns else 0)

    def resizeEvent(self, event) -> None:
        self._arrange(event.size().width())
        super().resizeEvent(event)
