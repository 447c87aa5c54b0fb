"""Shown instead of the video when it cannot play: why, in plain words, and key-frame pictures."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from desktop.content.video_catalogue import Keyframe
from desktop.ui.widgets import label

COLUMNS = 3
PICTURE_WIDTH = 220  # three fit beside each other at the smallest window size


class VideoFallback(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("todoCard")
        layout = QVBoxLayout(self)
        self.message = label("")
        self.message.setObjectName("videoProblem")
        layout.addWidget(self.message)
        self.pictures = QGridLayout()
        self.pictures.setHorizontalSpacing(12)
        layout.addLayout(self.pictures)
        self.pictures.setColumnStretch(COLUMNS, 1)
        self.shown_pictures = 0

    def show_problem(self, message: str, keyframes: tuple[Keyframe, ...] = ()) -> None:
        self.message.setText(message)
        while self.pictures.count():
            item = self.pictures.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
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
            self.pictures.addWidget(cell, self.shown_pictures // COLUMNS, self.shown_pictures % COLUMNS)
            self.shown_pictures += 1
