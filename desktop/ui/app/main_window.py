"""The main window: navigation on the left, one page at a time on the right.

Only Home is built at start-up; the other pages are built the first time they are shown,
so the window paints quickly even with years of diary.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.content.loader import text
from desktop.store.diary_service import DiaryService
from desktop.store.programme_service import ProgrammeService
from desktop.store.settings_service import SettingsService
from desktop.ui.app.side_navigation import SideNavigation
from desktop.ui.base.clinic_policy import HOME as AT_HOME
from desktop.ui.base.clinic_policy import ClinicPolicy
from desktop.ui.base.signals import AppSignals
from desktop.ui.pages.home_page import HomePage
from desktop.ui.programme.safety_gate import SafetyGate

HOME, WEEK, DIARY, PROGRESS, EXERCISES, LEARN, SETTINGS = (
    "home", "week", "diary", "progress", "exercises", "learn", "settings")


class MainWindow(QMainWindow):
    def __init__(self, diary: DiaryService, settings: SettingsService, signals: AppSignals, profile: str,
                 programme: ProgrammeService, policy: ClinicPolicy = AT_HOME):
        super().__init__()
        # Qt adds the app's display name to other titles: "Sam — SupportBack", never "SupportBack" twice.
        self.setWindowTitle(self.tr("SupportBack") if profile == "default" else profile)
        self.resize(1200, 760)
        self.setMinimumSize(900, 600)
        self.signals = signals
        self.policy = policy  # the clinic's set-up, for the cards that show it
        self._built: dict[str, QWidget] = {}
        # Pages are made as children of the stack: a page made without a parent would be a
        # top-level window for a moment, and the main window would lose keyboard focus.
        self.pages = _Pages()
        # The sections, in navigation order (Ctrl+1, Ctrl+2 ... follow it): key, title, factory.
        self._sections: list[tuple[str, str, Callable[[], QWidget]]] = [
            (HOME, self.tr("Home"), lambda: HomePage(diary, signals, self.pages, programme, settings)),
            (WEEK, self.tr("This week"), lambda: _week_page(programme, diary, signals, self.pages)),
            (DIARY, self.tr("Diary"), lambda: _diary_page(diary, signals, self.pages, programme)),
            (PROGRESS, self.tr("Progress"), lambda: _progress_page(diary, signals, self.pages, programme)),
            (EXERCISES, self.tr("Exercises"), lambda: _exercises_page(diary, signals, self.pages, programme)),
            (LEARN, self.tr("Learn"), lambda: _learn_page(programme, signals, self.pages)),
            (SETTINGS, self.tr("Settings"),
             lambda: _settings_page(diary, settings, signals, self.pages, programme, policy)),
        ]
        self._keys = [key for key, _title, _factory in self._sections]
        # Pages that can be built a part at a time (when_idle_load_pages).
        self._stepwise = {PROGRESS: lambda: _progress_page(diary, signals, self.pages, programme, stepwise=True)}

        self.navigation = SideNavigation()  # closer rows when the roomy ones would not fit
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(self.tr("Sections"))
        for index, (key, title, _factory) in enumerate(self._sections):
            self.navigation.addItem(title)
            shortcut = f"Ctrl+{index + 1}"
            self.navigation.item(index).setToolTip(f"{title} ({shortcut})")
            QShortcut(QKeySequence(shortcut), self, activated=lambda k=key: self.show_page(k))
        self.pages.setCurrentWidget(self.page(HOME))
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
        self.whose = QLabel()  # whose diary this is, when several people use this computer (show_whose)
        self.whose.setObjectName("whoseDiary")
        self.whose.setWordWrap(True)
        self.whose.hide()
        side_layout.addWidget(self.whose)
        side_layout.addWidget(self.navigation, 1)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(side)
        # Safety first: open advice, or a check the diary asked for, above or instead of the page.
        self.gate = SafetyGate(programme, diary, signals)
        self.gate.covering_changed.connect(lambda covers: self.pages.setVisible(not covers))
        self.gate.confirmed.connect(self._checked)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        right_layout.addWidget(self.gate)
        right_layout.addWidget(self.pages, 1)
        layout.addWidget(right, 1)
        self.setCentralWidget(central)

        signals.day_open_requested.connect(self.open_diary_day)
        signals.section_requested.connect(self.show_page)
        signals.exercise_requested.connect(self.show_exercise)
        signals.flare_up_day_requested.connect(lambda day: self.open_diary_day(day, flare_up=True))
        signals.today_prefill_requested.connect(self._open_today_filled_in)
        signals.follow_up_requested.connect(self._open_follow_up)
        signals.text_size_changed.connect(lambda _size: self._fit_side())
        self._fit_side()

    # Pages, built on first use --------------------------------------------------
    def page(self, key: str) -> QWidget:
        if key not in self._built:
            self._add(key, self._sections[self._keys.index(key)][2]())
        widget = self._built[key]
        if hasattr(widget, "finish_building"):  # begun in idle time: the rest now
            widget.finish_building()
        return widget

    def _add(self, key: str, widget: QWidget) -> None:
        self._built[key] = widget
        self.pages.addWidget(widget)
        if key == SETTINGS:
            from desktop.ui.profiles.display_name import DisplayNameRow

            for row in widget.findChildren(DisplayNameRow):
                row.changed.connect(self._name_changed)

    def build_step(self, key: str) -> bool:
        """One slice of idle time towards the page ``key``; True once it is complete."""
        if key not in self._built and key in self._stepwise:
            self._add(key, self._stepwise[key]())
            return False
        widget = self._built.get(key) or self.page(key)
        return widget.build_step() if hasattr(widget, "build_step") else True

    def when_idle_load_pages(self) -> None:
        """After Home's first paint, build the other pages in idle time (page_preloader.py)."""
        from desktop.ui.app.page_preloader import PagePreloader

        self.preloader = PagePreloader(self, self.page(HOME))

    # Whose diary --------------------------------------------------------------------
    def show_whose(self, name: str) -> None:
        """Say whose diary is open, by the name it is listed under: the title and a line in the side bar."""
        self.setWindowTitle(name)
        self.whose.setText(text("whose_diary", name=name))
        self.whose.show()

    def _name_changed(self, name: str) -> None:
        if not self.whose.isHidden():
            self.show_whose(name)

    @property
    def home_page(self):
        return self.page(HOME)

    @property
    def diary_page(self):
        return self.page(DIARY)

    @property
    def settings_page(self):
        return self.page(SETTINGS)

    def _diary_if_built(self):
        return self._built.get(DIARY)

    def page_if_built(self, key: str) -> QWidget | None:
        return self._built.get(key)

    # Navigation ---------------------------------------------------------------------
    def section_keys(self) -> list[str]:
        """The sections in navigation order (Ctrl+1 is the first)."""
        return list(self._keys)

    def show_exercise(self, key: str) -> None:
        self.show_page(EXERCISES)
        if self.current_section() == EXERCISES:  # not if the patient chose to stay on the diary
            self.page(EXERCISES).show_exercise(key)

    def current_section(self) -> str:
        return self._keys[self.navigation.currentRow()]

    def show_start(self) -> None:
        """Where a patient begins when the window opens: a new profile (never started, nothing in
        the diary) goes straight to the welcome and the safety check; anyone else to Home, with
        its notes on opening."""
        programme = self.home_page.programme
        if programme is not None and not programme.snapshot().onboarded and self.home_page.diary.count() == 0:
            week = self.page(WEEK)
            if getattr(week, "ready_to_start", False):  # not a kept flow, a safety hold or half-way through
                self.show_page(WEEK)
                week.start_onboarding()
                return
            if week.flow is not None or getattr(week, "kept", None) is not None:
                return  # carrying on: This week is already on show with its offer
        self.home_page.show_start_prompts()

    def _open_today_filled_in(self, walking: int | None, exercises: frozenset[str]) -> None:
        """Home's ticks on a day not yet in the diary: today's diary with the activity filled in."""
        self.open_diary_day(self.home_page.diary.clock.today())
        form = self.diary_page.form
        if walking is not None and (form.walking.minutes() or 0) < walking:
            form.walking.set_minutes(walking)
        for key in exercises:
            if key in form.exercise_boxes:
                form.exercise_boxes[key].setChecked(True)

    def _open_follow_up(self, occasion: str) -> None:
        self.show_page(WEEK)
        week = self.page(WEEK)
        if week.flow is None:
            week.start_rmdq(occasion)

    def show_page(self, key: str) -> None:
        self.navigation.setCurrentRow(self._keys.index(key))

    def open_diary_day(self, day, flare_up: bool = False) -> None:
        diary = self._diary_if_built()
        if diary is not None and self.pages.currentWidget() is not diary and not diary.confirm_leave():
            return
        self.diary_page.open_day(day)
        if flare_up:
            self.diary_page.form.flare_up.setChecked(True)
        self.show_page(DIARY)

    def _navigation_changed(self, row: int) -> None:
        key = self._keys[row]
        diary = self._diary_if_built()
        leaving_diary = diary is not None and self.pages.currentWidget() is diary and key != DIARY
        if leaving_diary and not diary.confirm_leave():
            self.navigation.blockSignals(True)
            self.navigation.setCurrentRow(self._keys.index(DIARY))
            self.navigation.blockSignals(False)
            return
        if leaving_diary:
            diary.open_day(diary.day)  # drop answers the user chose to discard
        self.pages.setCurrentWidget(self.page(key))
        self.gate.show_for(key)

    def _checked(self, _level: str) -> None:
        """Confirmed after emergency advice (on any page): carry on where the patient was."""
        self.show_page(WEEK)
        self.page(WEEK).resume_after_check()

    def _fit_side(self) -> None:
        # The navigation grows with the text size so its words never get cut off.
        self.side.setFixedWidth(round(QApplication.font().pointSizeF() * 17))

    def bring_forward(self) -> None:
        self.setWindowState((self.windowState() & ~Qt.WindowMinimized) | Qt.WindowActive)
        self.show()
        self.raise_()
        self.activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:
        diary = self._diary_if_built()
        if diary is None or diary.confirm_leave():
            event.accept()
        else:
            event.ignore()


class _Pages(QStackedWidget):
    """The pages, as small as the page on show allows (not the largest of all of them), so a
    small screen is not held to the Home page's size on every other page."""

    def __init__(self):
        super().__init__()
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def minimumSizeHint(self):
        current = self.currentWidget()
        return current.minimumSizeHint() if current is not None else super().minimumSizeHint()


def _week_page(programme: ProgrammeService, diary: DiaryService, signals: AppSignals, parent: QWidget) -> QWidget:
    from desktop.ui.programme.week_page import WeekPage

    return WeekPage(programme, diary, signals, parent)


def _learn_page(programme: ProgrammeService, signals: AppSignals, parent: QWidget) -> QWidget:
    from desktop.ui.pages.learn_page import LearnPage

    return LearnPage(programme, signals, parent)


def _diary_page(diary: DiaryService, signals: AppSignals, parent: QWidget, programme: ProgrammeService) -> QWidget:
    from desktop.ui.pages.diary_page import DiaryPage

    page = DiaryPage(diary, signals, parent)
    # The diary's tick for new numbness or weakness brings up the nerve questions at once.
    page.form.new_symptoms.toggled.connect(lambda on: on and programme.request_check("diary"))
    return page


def _settings_page(diary: DiaryService, settings: SettingsService, signals: AppSignals, parent: QWidget,
                   programme: ProgrammeService, policy: ClinicPolicy) -> QWidget:
    from desktop.ui.settings.settings_page import SettingsPage

    return SettingsPage(diary, settings, signals, parent, programme, policy=policy)


def _progress_page(diary: DiaryService, signals: AppSignals, parent: QWidget, programme: ProgrammeService,
                   stepwise: bool = False) -> QWidget:
    from desktop.ui.pages.progress_page import ProgressPage

    return ProgressPage(diary, signals, parent, rmdq_scores=programme.rmdq_scores,
                        walking_goals=programme.walking_goal_periods, stepwise=stepwise)


def _exercises_page(diary: DiaryService, signals: AppSignals, parent: QWidget, programme: ProgrammeService) -> QWidget:
    from desktop.store.usage_service import UsageService
    from desktop.ui.pages.exercises_page import ExercisesPage

    def goal_exercises() -> frozenset[str]:
        return frozenset().union(*(g.exercises for g in programme.snapshot().goals))

    def hidden_exercises() -> frozenset[str]:
        from desktop.store.safety_service import pregnant

        if not pregnant(programme.safety_record()):
            return frozenset()
        return frozenset(e.key for e in diary.catalogue.exercises if e.prone)

    page = ExercisesPage(UsageService(diary.database), signals, parent, goal_exercises=goal_exercises,
                         hidden_exercises=hidden_exercises)
    # The walking guide's "stop if your legs feel weak or numb" leads to the nerve questions.
    page.guide_view.nerve_warning.connect(lambda: programme.request_check("walking"))
    return page
