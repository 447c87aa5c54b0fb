"""The profile's language: applied when its window is built, asked once at first start (only
when more than one language ships), and changed on the Settings card "Language".

The language decides the patient content (resources/content/<lang>/, English filling any
gap), the captions, and dates through QLocale. A change is saved at once and used when
SupportBack next opens: pages already built keep their words, so nothing shows half in one
language and half in another.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.content.loader import (
    DEFAULT_LANGUAGE,
    current_language,
    language_info,
    set_language,
    shipped_languages,
    text,
)
from desktop.store.settings_service import LANGUAGE_SETTING, SettingsService
from desktop.ui.widgets.widgets import label


def apply_language(settings: SettingsService) -> str:
    """Use the profile's language for content and dates from now on; the language in use."""
    language = set_language(settings.language())
    QLocale.setDefault(QLocale.system() if language == DEFAULT_LANGUAGE else QLocale(language_info(language).locale))
    return language


def ask_language_at_first_start(database, interactive: bool, parent: QWidget | None = None) -> str | None:
    """Before a new profile's window is built, ask its language (once, and only when there is
    a choice to make). The language chosen, or None when nothing was asked or chosen."""
    settings = SettingsService(database)
    if not interactive or len(shipped_languages()) < 2 or settings.language() is not None:
        return None
    try:
        if not settings.is_new_profile():
            return None
    except Exception:  # noqa: BLE001 - an older database: never block opening it with a question
        return None
    dialog = LanguageDialog(parent)
    if dialog.exec() != QDialog.Accepted or dialog.chosen is None:
        return None
    settings.set(LANGUAGE_SETTING, dialog.chosen)
    return dialog.chosen


class LanguageDialog(QDialog):
    """One button per language, each labelled and asked in its own language."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.chosen: str | None = None
        self.setWindowTitle(text("language_choose_title"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        self.buttons: dict[str, QPushButton] = {}
        for language in shipped_languages():
            info = language_info(language)
            layout.addWidget(label(info.choose_prompt, "h2"))
            button = QPushButton(info.name)
            button.setAccessibleName(f"{info.choose_prompt} {info.name}")
            button.clicked.connect(lambda _checked=False, lang=language: self._choose(lang))
            self.buttons[language] = button
            row = QHBoxLayout()
            row.addWidget(button)
            row.addStretch(1)
            layout.addLayout(row)
            if info.draft_notice:
                layout.addWidget(label(info.draft_notice, "muted"))
        self.buttons[DEFAULT_LANGUAGE].setDefault(True)
        # Wrapped words need their height for the width they get: never clipped, at any text size.
        width = max(self.sizeHint().width(), self.fontMetrics().horizontalAdvance("x") * 48)
        self.setMinimumSize(width, layout.totalHeightForWidth(width))

    def _choose(self, language: str) -> None:
        self.chosen = language
        self.accept()


class LanguageCard(QFrame):
    """Settings: the profile's language, saved at once, and the About box."""

    def __init__(self, settings: SettingsService, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        self.settings = settings
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(label(text("language_heading"), "h2"))
        layout.addWidget(label(text("language_hint"), "muted"))
        self.choice = QComboBox()
        self.choice.setAccessibleName(text("language_heading"))
        for language in shipped_languages():
            self.choice.addItem(language_info(language).name, language)
        chosen = settings.language() or current_language()
        self.choice.setCurrentIndex(max(0, self.choice.findData(chosen)))
        self.choice.currentIndexChanged.connect(self._chosen)
        row = QHBoxLayout()
        row.addWidget(self.choice)
        row.addStretch(1)
        self.about_button = QPushButton(text("about_button"))
        self.about_button.clicked.connect(self.show_about)
        row.addWidget(self.about_button)
        layout.addLayout(row)
        self.draft = label(language_info(chosen).draft_notice if chosen in shipped_languages() else "", "muted")
        self.draft.setVisible(bool(self.draft.text()))
        layout.addWidget(self.draft)
        self.status = label("", "muted")
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.status)

    def _chosen(self, _index: int) -> None:
        language = self.choice.currentData()
        info = language_info(language)
        self.settings.set(LANGUAGE_SETTING, language)
        # Said in the language chosen, so whoever chose it can read it.
        key = "language_same" if language == current_language() else "language_saved"
        self.status.setText(text(key, language, name=info.name))
        self.draft.setText(info.draft_notice)
        self.draft.setVisible(bool(info.draft_notice))

    def about_text(self) -> str:
        infos = [language_info(lang) for lang in shipped_languages()]
        words = text("about_text", version=__version__, languages=", ".join(i.name for i in infos))
        drafts = [i for i in infos if i.draft_notice]
        if drafts:  # said in the app's language, and in each draft's own
            words += "\n\n" + text("about_drafts", drafts=", ".join(i.name for i in drafts))
            words += "".join(f"\n\n{i.name}: {i.draft_notice}" for i in drafts if i.code != current_language())
        return words

    def show_about(self) -> None:
        QMessageBox.about(self, text("about_title"), self.about_text())
