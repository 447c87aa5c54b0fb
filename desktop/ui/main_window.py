"""The main window: navigation on the left, one page at a time on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QListWidget, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from desktop.store.diary_service import DiaryService
from desktop.store.settings_service import SettingsService
from desktop.ui.diary_page import DiaryPage
from desktop.ui.home_page import HomePage
from desktop.ui.settings_page import SettingsPage
from desktop.ui.signals import AppSignals


class MainWindow(QMainWindow):
    def __init__(self, diary: DiaryService, settings: SettingsService, signals: AppSignals, profile: str):
        super().__init__()
        self.setWindowTitle(self.tr("SupportBack") + ("" if profile == "default" else f" - {profile}"))
        self.resize(1200, 760)
        self.setMinimumSize(900, 600)
        self.signals = signals

        self.home_page = HomePage(diary, signals)
        self.diary_page = DiaryPage(diary, signals)
        self.settings_page = SettingsPage(diary, settings, signals)
        self.pages = QStackedWidget()
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(self.tr("Sections"))
        for number, (title, page) in enumerate(
            [(self.tr("Home"), self.home_page), (self.tr("Diary"), self.diary_page), (self.tr("Settings"), self.settings_page)],
            start=1,
        ):
            self.navigation.addItem(title)
            self.navigation.item(number - 1).setToolTip(self.tr("%1 (Ctrl+%2)").replace("%1", title).replace("%2", str(number)))
            self.pages.addWidget(page)
            QShortcut(QKeySequence(f"Ctrl+{number}"), self, activated=lambda i=number - 1: self.show_page(i))
        self.navigation.setCurrentRow(0)
        self.navigation.currentRowChanged.connect(self._navigation_changed)

        side = self.side = QWidget()
        side.setObjectName("side")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.setSpacing(0)
        name = QLabel(self.tr("SupportBack"))
        name.setObjectName("appName")
        side_layout.addWidget(name)
        side_layout.addWidget(self.navigation, 1)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(side)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        signals.day_open_requested.connect(self.open_diary_day)
        signals.text_size_changed.connect(lambda _size: self._fit_side())
        self._fit_side()

    def _fit_side(self) -> None:
        # The navigation grows with the text size so its words never get cut off.
        self.side.setFixedWidth(round(QApplication.font().pointSizeF() * 17))

    def show_page(self, index: int) -> None:
        self.navigation.setCurrentRow(index)

    def open_diary_day(self, day) -> None:
        if self.pages.currentWidget() is self.diary_page or self.diary_page.confirm_leave():
            self.diary_page.open_day(day)
            self.show_page(1)

    def _navigation_changed(self, row: int) -> None:
        leaving_diary = self.pages.currentWidget() is self.diary_page and row != 1
        if leaving_diary and not self.diary_page.confirm_leave():
            self.navigation.blockSignals(True)
            self.navigation.setCurrentRow(1)
            self.navigation.blockSignals(False)
            return
        if leaving_diary:
            self.diary_page.open_day(self.diary_page.day)  # drop discarded edits
        self.pages.setCurrentIndex(row)

    def bring_forward(self) -> None:
        self.setWindowState((self.windowState() & ~Qt.WindowMinimized) | Qt.WindowActive)
        self.show()
        self.raise_()
        self.activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.diary_page.confirm_leave():
            event.accept()
        else:
            event.ignore()
