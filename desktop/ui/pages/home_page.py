"""Home: is today's diary done, and the last seven days at a glance."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from desktop.content.loader import text
from desktop.domain.schedule import SessionState, current_session
from desktop.store.diary_service import DiaryService
from desktop.store.programme_service import ProgrammeService
from desktop.store.settings_service import SettingsService
from desktop.ui.base.signals import AppSignals
from desktop.ui.pages.start_prompts import StartPrompts
from desktop.ui.pages.week_strip import WeekStrip
from desktop.ui.widgets.formatting import long_day, summary
from desktop.ui.widgets.reflow_row import ReflowRow
from desktop.ui.widgets.widgets import label, repolish


class HomePage(QWidget):
    def __init__(self, diary: DiaryService, signals: AppSignals, parent: QWidget | None = None,
                 programme: ProgrammeService | None = None, settings: SettingsService | None = None):
        super().__init__(parent)
        self.setObjectName("page")
        self.diary = diary
        self.signals = signals
        self.programme = programme
        self.settings = settings

        # It scrolls up and down: on a small screen (a 1024x600 clinic kiosk) or with large text
        # the cards keep their height instead of being squeezed over each other. Its width is
        # always the window's (no sideways scrolling).
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        outer.addWidget(scroll)
        body = QWidget()
        body.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(16)
        self.greeting = label("", "h1")
        self.date_label = label("", "muted")
        layout.addWidget(self.greeting)
        layout.addWidget(self.date_label)
        layout.addWidget(label(text("home_intro")))
        self.prompts = StartPrompts()
        self.prompts.day_requested.connect(self.signals.day_open_requested)
        self.prompts.session_requested.connect(lambda: self.signals.section_requested.emit("week"))
        layout.addWidget(self.prompts)
        # Keep my clinic up to date: said calmly when the clinic's folder could not be reached.
        self.sync_note = label("")
        self.sync_note.setObjectName("syncNote")
        self.sync_note.hide()
        layout.addWidget(self.sync_note)
        signals.folder_export_attempted.connect(self.show_folder_export)

        status = QWidget()
        status_column = QVBoxLayout(status)
        status_column.setContentsMargins(0, 0, 0, 0)
        self.today_status = label("", "h2")
        self.today_summary = label("")
        status_column.addWidget(self.today_status)
        status_column.addWidget(self.today_summary)
        self.today_button = QPushButton()
        self.today_button.setObjectName("primary")
        self.today_button.clicked.connect(lambda: self.signals.day_open_requested.emit(self.diary.clock.today()))
        self.today_card = ReflowRow(status, self.today_button)  # the button under the words when narrow
        layout.addWidget(self.today_card)

        week_card = QFrame()
        week_card.setObjectName("card")
        week = QVBoxLayout(week_card)
        week.setContentsMargins(20, 16, 20, 16)
        week.addWidget(label(text("week_heading"), "h2"))
        self.week_hint = label(text("week_hint"), "muted")
        week.addWidget(self.week_hint)
        self.week_strip = WeekStrip()
        self.week_strip.day_chosen.connect(self.signals.day_open_requested)
        week.addWidget(self.week_strip)
        layout.addWidget(week_card)

        if programme is not None:
            self.programme_text = label("")
            self.programme_button = QPushButton()
            self._follow_up: str | None = None  # a questionnaire due: the button opens it
            self.programme_button.clicked.connect(self._programme_clicked)
            self.programme_card = ReflowRow(self.programme_text, self.programme_button)  # stacked when narrow
            self.programme_card.setObjectName("card")
            layout.insertWidget(layout.indexOf(self.today_card) + 1, self.programme_card)
            from desktop.ui.pages.today_goal import TodayGoalCard

            self.today_goal = TodayGoalCard(diary)
            self.today_goal.diary_prefill_requested.connect(self.signals.today_prefill_requested)
            layout.insertWidget(layout.indexOf(self.today_card) + 1, self.today_goal)
            flare_row = QHBoxLayout()
            flare_row.addWidget(label(text("home_flare_hint"), "muted"), 1)
            self.flare_button = QPushButton(self.tr("I'm having a &flare-up"))
            self.flare_button.setObjectName("flareButton")
            self.flare_button.clicked.connect(self.show_flare_up)
            flare_row.addWidget(self.flare_button)
            layout.addLayout(flare_row)
            from desktop.store.call_requests import CallRequestService
            from desktop.ui.pages.call_request_card import CallRequestCard

            self.call_request = CallRequestCard(CallRequestService(diary.database, diary.clock))
            signals.call_request_changed.connect(self.call_request.refresh)
            layout.addWidget(self.call_request)
            signals.programme_changed.connect(self.refresh)
        layout.addStretch(1)

        for signal in (signals.diary_saved, signals.diary_deleted):
            signal.connect(lambda _day: self.refresh())
        signals.diary_replaced.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        today = self.diary.clock.today()
        hour = dt.datetime.now().hour
        greeting = "greeting_morning" if hour < 12 else "greeting_afternoon" if hour < 18 else "greeting_evening"
        self.greeting.setText(text(greeting))
        self.date_label.setText(long_day(today))
        entries = {e.day: e for e in self.diary.between(today - dt.timedelta(days=6), today)}
        entry = entries.get(today)
        self.today_card.setObjectName("doneCard" if entry else "todoCard")
        repolish(self.today_card)
        self.today_status.setText(("✓ " + text("today_done")) if entry else text("today_missing"))
        self.today_summary.setText(self.tr("Today: %1").replace("%1", summary(entry)) if entry else "")
        self.today_summary.setVisible(entry is not None)
        self.today_button.setText(self.tr("Change today's entry") if entry else self.tr("Fill in today's diary"))
        self.week_hint.setText(text("week_hint") if entries else text("week_empty"))
        self.week_strip.show_days(today, entries)
        if self.programme is not None:
            self._refresh_programme()
            self.today_goal.show_today(self.programme.snapshot().goals, entry)

    def show_folder_export(self, outcome) -> None:
        """A copy for the clinic was written (the note goes), or could not be (it says so, calmly)."""
        if not outcome.problem:
            self.sync_note.hide()
            return
        missing = outcome.problem == "folder_missing"
        self.sync_note.setText(text("home_folder_sync_missing" if missing else "home_folder_sync_problem"))
        self.sync_note.show()

    def _programme_clicked(self) -> None:
        if self._follow_up is not None:
            self.signals.follow_up_requested.emit(self._follow_up)
        else:
            self.signals.section_requested.emit("week")

    def _refresh_programme(self) -> None:
        snapshot = self.programme.snapshot()
        self._follow_up = None
        if snapshot.paused_for_safety:
            words, button = text("home_programme_paused"), self.tr("Read the safety advice")
        elif not snapshot.onboarded:
            words, button = text("home_programme_start"), self.tr("Start the programme")
        elif self.programme.in_library(snapshot) and self.programme.follow_ups_due(snapshot):
            self._follow_up = self.programme.follow_ups_due(snapshot)[0]
            words = text("home_follow_up_due", when=text(f"home_follow_up_{self._follow_up}"))
            button = self.tr("Answer the questionnaire")
        elif self.programme.in_library(snapshot):
            words, button = text("home_library"), self.tr("Open This week")
        else:
            status = current_session(self.programme.statuses(snapshot))
            if status.state == SessionState.OPEN:
                words = text("home_session_ready", number=status.number)
                button = self.tr("Start session %1").replace("%1", str(status.number))
            else:
                words, button = text("home_session_locked", date=long_day(status.opens_on)), self.tr("See your goal")
        self.programme_text.setText(words)
        self.programme_button.setText(button)

    def show_start_prompts(self) -> None:
        """Once, when the app opens: missed days and a ready session (each only ever mentioned once)."""
        if self.settings is None or self.programme is None:
            return
        snapshot = self.programme.snapshot()
        status = current_session(self.programme.statuses(snapshot)) if snapshot.onboarded else None
        ready = status.number if status is not None and status.state == SessionState.OPEN else None
        self.prompts.show_for(self.diary, self.settings, ready)

    def show_flare_up(self) -> None:
        from desktop.ui.pages.flare_up_dialog import FlareUpDialog

        dialog = FlareUpDialog(self.programme.content, self.diary,
                               lambda flare_up: self.signals.flare_up_day_requested.emit(self.diary.clock.today()),
                               self)
        dialog.exec()
