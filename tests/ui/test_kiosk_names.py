"""A shared clinic screen: names patients choose, PIN markers said the right way round, whose
diary is open, "I've finished", and Settings without what cannot work in kiosk mode."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialogButtonBox, QLabel, QPushButton
from ui_helpers import settle

from desktop import paths
from desktop.content.loader import text
from desktop.security.clinic_config import ClinicConfig, write_clinic_config
from desktop.security.profile_lock import PASSPHRASE
from desktop.store import profile_info
from desktop.store.profile_admin import create_profile
from desktop.ui.app.app_session import AppSession
from desktop.ui.profiles.display_name import DisplayNameDialog
from desktop.ui.profiles.profile_dialogs import NewProfileDialog

ADMIN_PIN = "975310"


@pytest.fixture(autouse=True)
def _home_mode_afterwards(app):
    yield
    app.setAttribute(Qt.AA_DontUseNativeDialogs, False)


def make_profile(root, name: str, pin: str | None = None) -> None:
    from desktop.security.profile_lock import PIN, ProfileLock

    create_profile(root, name)
    if pin:
        ProfileLock(paths.profile_dir(root, name)).set_secret(pin, PIN)


def kiosk_session(qtbot, app, root, tmp_path, picker_names: str = "chosen") -> AppSession:
    config = write_clinic_config(tmp_path / "clinic.toml", "Riverside Physio", ADMIN_PIN, [],
                                 picker_names=picker_names)
    return start(qtbot, app, root, config)


def start(qtbot, app, root, config) -> AppSession:
    session = AppSession(root, app, config)
    session.quit_app = lambda: None
    session.ask_admin_pin = lambda _parent: ADMIN_PIN  # a member of staff is there
    session.start()
    qtbot.addWidget(session.gate)
    return session


def on_screen(widget) -> str:
    """Every word the widget shows (labels and buttons that are visible)."""
    found = [w.text() for w in widget.findChildren(QLabel) + widget.findChildren(QAbstractButton) if w.isVisible()]
    return "\n".join(found)


def when_shown(qtbot, kind, drive) -> list:
    """Drive the next modal dialog of this kind (it runs its own event loop) as a person would."""
    driven: list = []

    def go():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(20, go)
            return
        driven.append(dialog)
        try:
            dialog.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
            drive(dialog)
        except BaseException as exc:  # noqa: BLE001 - kept in `driven`: the test fails showing it
            driven.append(exc)
            dialog.reject()  # never leave the test waiting on an open dialog

    QTimer.singleShot(0, go)
    return driven


def select_all_and_type(qtbot, field, words: str) -> None:
    qtbot.keyClick(field, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(field, words)


def type_pin(qtbot, session, profile: str, pin: str) -> None:
    button = session.gate.picker.buttons[profile]
    qtbot.waitUntil(lambda: button.height() > 0, timeout=3000)  # laid out, so a click lands on it
    qtbot.mouseClick(button, Qt.LeftButton)
    qtbot.keyClicks(session.gate.pin_entry.field, pin)
    qtbot.keyClick(session.gate.pin_entry.field, Qt.Key_Return)
    settle(qtbot)


def go_to(qtbot, window, title: str) -> None:
    navigation = window.navigation
    item = navigation.findItems(title, Qt.MatchExactly)[0]
    qtbot.mouseClick(navigation.viewport(), Qt.LeftButton, pos=navigation.visualItemRect(item).center())


def visible_button(widget, caption: str) -> QPushButton:
    found = [b for b in widget.findChildren(QPushButton) if b.text().replace("&", "") == caption and b.isVisible()]
    assert len(found) == 1, f"no single visible {caption!r}"
    return found[0]


def test_a_patient_is_listed_by_the_name_they_choose_and_sees_whose_diary_is_open(qtbot, app, data_root, tmp_path):
    make_profile(data_root, "Sam Jones", "1111")
    make_profile(data_root, "Alice Brown", "3333")
    profile_info.write_display_name(paths.profile_dir(data_root, "Alice Brown"), "Tilly")
    session = kiosk_session(qtbot, app, data_root, tmp_path)
    gate = session.gate
    assert gate.picker.buttons["Sam Jones"].text() == "Sam"  # kiosk mode: never the whole folder name

    # Staff make Margaret Smith's profile with her; she chooses how the list shows her.
    def new_profile(dialog: NewProfileDialog) -> None:
        qtbot.keyClicks(dialog.name, "Margaret Smith")
        assert dialog.display.text() == "Margaret"  # her first name, until she types her own
        qtbot.keyClick(dialog.name, Qt.Key_Tab)
        assert QApplication.focusWidget() is dialog.display
        select_all_and_type(qtbot, dialog.display, "sam")
        qtbot.mouseClick(dialog.secret, Qt.LeftButton)
        qtbot.keyClicks(dialog.secret, "2580")
        qtbot.mouseClick(dialog.again, Qt.LeftButton)
        qtbot.keyClicks(dialog.again, "2580")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
        assert dialog.isVisible() and dialog.problem.text() == text("display_name_taken", name="sam")
        select_all_and_type(qtbot, dialog.display, "Maggie")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)

    driven = when_shown(qtbot, NewProfileDialog, new_profile)
    qtbot.mouseClick(gate.picker.new_button, Qt.LeftButton)
    settle(qtbot)
    assert len(driven) == 1 and not driven[0].isVisible(), driven
    assert [b.text() for b in gate.picker.buttons.values()] == ["Maggie", "Sam", "Tilly"]  # in the order shown
    assert "Margaret" not in on_screen(gate) and "Smith" not in on_screen(gate)
    folder = paths.profile_dir(data_root, "Margaret Smith")  # the folder keeps the real name as its key
    assert profile_info.read_display_name(folder) == "Maggie"

    # Maggie opens her diary: greeted, and told whose diary it is, by the name she chose.
    qtbot.mouseClick(gate.picker.buttons["Margaret Smith"], Qt.LeftButton)
    assert gate.pin_entry.heading.text() == text("pin_heading", name="Maggie")
    qtbot.keyClicks(gate.pin_entry.field, "2580")
    qtbot.keyClick(gate.pin_entry.field, Qt.Key_Return)
    settle(qtbot)
    window = session.window
    assert window.windowTitle() == "Maggie"
    assert window.whose.isVisible() and window.whose.text() == text("whose_diary", name="Maggie")
    assert window.lock_button.text() == text("finished_button")

    # In Settings she changes the name on the list.
    go_to(qtbot, window, "Settings")
    settings = window.settings_page
    row_text = text("display_name_settings", name="Maggie")
    assert row_text in on_screen(settings)

    def rename(dialog: DisplayNameDialog) -> None:
        assert QApplication.focusWidget() is dialog.field and dialog.field.text() == "Maggie"
        select_all_and_type(qtbot, dialog.field, "Mags")
        qtbot.keyClick(dialog.field, Qt.Key_Return)

    driven = when_shown(qtbot, DisplayNameDialog, rename)
    qtbot.mouseClick(visible_button(settings, text("display_name_change")), Qt.LeftButton)
    assert len(driven) == 1, driven
    assert text("display_name_settings", name="Mags") in on_screen(settings)
    assert window.whose.text() == text("whose_diary", name="Mags") and window.windowTitle() == "Mags"

    qtbot.mouseClick(window.lock_button, Qt.LeftButton)  # "I've finished"
    assert session.window is None and gate.isVisible()
    assert gate.picker.buttons["Margaret Smith"].text() == "Mags"
    assert paths.profile_info_path(folder).stat().st_mode & 0o777 == 0o600
    session.shutdown()


def test_a_clinic_can_require_initials_on_the_list(qtbot, app, data_root, tmp_path):
    make_profile(data_root, "Margaret Smith", "1111")
    session = kiosk_session(qtbot, app, data_root, tmp_path, picker_names="initials")
    gate = session.gate
    assert gate.picker.buttons["Margaret Smith"].text() == "MS"

    def new_profile(dialog: NewProfileDialog) -> None:
        qtbot.keyClicks(dialog.name, "Tom Baker")
        assert dialog.display.text() == "TB"
        select_all_and_type(qtbot, dialog.display, "Thomas")
        for field in (dialog.secret, dialog.again):
            qtbot.keyClicks(field, "4680")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
        assert dialog.problem.text() == text("display_name_initials_only", most=4)
        select_all_and_type(qtbot, dialog.display, "tb2")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)

    driven = when_shown(qtbot, NewProfileDialog, new_profile)
    qtbot.mouseClick(gate.picker.new_button, Qt.LeftButton)
    settle(qtbot)
    assert len(driven) == 1, driven
    assert [b.text() for b in gate.picker.buttons.values()] == ["MS", "TB2"]
    type_pin(qtbot, session, "Margaret Smith", "1111")
    assert session.window.whose.text() == text("whose_diary", name="MS")
    session.shutdown()


def test_the_picker_marks_only_what_helps(qtbot, app, data_root, tmp_path):
    make_profile(data_root, "Alex")
    make_profile(data_root, "Sam", "4821")
    create_profile(data_root, "Priya", "green kettle on the hill", PASSPHRASE)
    home = start(qtbot, app, data_root, ClinicConfig())
    buttons = home.gate.picker.buttons
    assert buttons["Alex"].text() == "Alex"  # opens straight away: nothing to say
    assert buttons["Sam"].text() == f"Sam\n{text('picker_has_pin')}"
    assert buttons["Priya"].text() == f"Priya\n{text('picker_has_passphrase')}"
    assert buttons["Sam"].accessibleDescription() == text("picker_has_pin")
    assert "needs" not in on_screen(home.gate)
    home.shutdown()

    kiosk = kiosk_session(qtbot, app, data_root, tmp_path)
    picker = kiosk.gate.picker
    qtbot.waitExposed(kiosk.gate)
    kiosk.gate.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is picker.buttons["Alex"], timeout=3000)
    # Every profile here needs a PIN: only the one without (it cannot open) says anything.
    assert picker.buttons["Alex"].text() == f"Alex\n{text('picker_no_pin_kiosk')}"
    assert picker.buttons["Sam"].text() == "Sam" and picker.buttons["Priya"].text() == "Priya"
    for _ in range(2):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
        assert QApplication.focusWidget().accessibleDescription() == ""
    qtbot.mouseClick(picker.buttons["Alex"], Qt.LeftButton)
    assert kiosk.window is None and picker.message.text() == text("pin_kiosk_needs_pin")
    kiosk.shutdown()


KIOSK_MISSING = ("Save diary as CSV...", "Add days from a CSV file...", "Save a calendar file...", "Open this folder")


def test_kiosk_settings_leave_out_what_cannot_work_there(qtbot, app, data_root, tmp_path, make_window):
    make_profile(data_root, "Sam", "1111")
    session = kiosk_session(qtbot, app, data_root, tmp_path)
    type_pin(qtbot, session, "Sam", "1111")
    window = session.window
    go_to(qtbot, window, "Settings")
    settings = window.settings_page
    captions = [b.text().replace("&", "") for b in settings.findChildren(QAbstractButton)]
    for caption in KIOSK_MISSING:
        assert caption not in captions
    assert "Back up now" in captions and text("display_name_change") in captions
    # Tab through the whole page: never a button that would only explain it does not work.
    reached = set()
    qtbot.mouseClick(visible_button(settings, "Back up now"), Qt.LeftButton)
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
        widget = QApplication.focusWidget()
        reached.add(widget.text().replace("&", "") if isinstance(widget, QAbstractButton) else "")
    assert not reached & set(KIOSK_MISSING)
    assert session.guard.refused == 0
    shown = on_screen(settings)
    assert str(paths.profile_dir(data_root, "Sam")) not in shown  # nor the folder, named by the full name
    assert "Lock SupportBack:" not in shown  # the clinic sets the locking: no half a setting
    session.lock()
    session.shutdown()

    home = make_window()  # at home every one of them is there
    home.show_page("settings")
    captions = [b.text().replace("&", "") for b in home.settings_page.findChildren(QAbstractButton)]
    assert all(caption in captions for caption in KIOSK_MISSING)


def test_a_long_list_of_people_scrolls_and_the_arrow_keys_follow(qtbot, app, data_root, tmp_path):
    for number in range(14):
        make_profile(data_root, f"Person {number:02d}", "1111")
    session = kiosk_session(qtbot, app, data_root, tmp_path)
    gate, picker = session.gate, session.gate.picker
    gate.showNormal()
    gate.resize(1024, 600)
    gate.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is next(iter(picker.buttons.values())), timeout=3000)
    bar = picker.scroll.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    last = list(picker.buttons.values())[-1]
    for _ in range(len(picker.buttons) - 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Down)
    assert QApplication.focusWidget() is last and bar.value() > 0
    top = last.mapTo(picker.scroll.viewport(), last.rect().topLeft()).y()
    assert 0 <= top and top + last.height() <= picker.scroll.viewport().height()  # on screen, not below it
    session.shutdown()


def test_the_main_window_fits_a_small_kiosk_screen_at_the_largest_text(qtbot, app, data_root, tmp_path):
    make_profile(data_root, "Margaret Smith", "1111")
    session = kiosk_session(qtbot, app, data_root, tmp_path)
    type_pin(qtbot, session, "Margaret Smith", "1111")
    window = session.window
    window.showNormal()
    window.resize(1024, 600)  # a small clinic screen
    go_to(qtbot, window, "Settings")
    settings = window.settings_page
    qtbot.mouseClick(settings.text_size, Qt.LeftButton)
    qtbot.keyClick(settings.text_size.view(), Qt.Key_End)
    qtbot.keyClick(settings.text_size.view(), Qt.Key_Up)  # "Larger": at "Largest" (20 pt) the side bar scrolls
    qtbot.keyClick(settings.text_size.view(), Qt.Key_Return)
    assert settings.text_size.currentData() == "larger"
    qtbot.wait(50)
    # Every section in reach without scrolling the side bar, and whose diary it is still said.
    assert not window.navigation.verticalScrollBar().isVisible() and window.whose.isVisible()
    go_to(qtbot, window, "Home")
    home = window.home_page
    qtbot.wait(50)
    squeezed = [lbl.text()[:30] for lbl in home.findChildren(QLabel)
                if lbl.isVisible() and lbl.wordWrap() and lbl.height() < lbl.heightForWidth(lbl.width()) - 2]
    assert squeezed == []  # Home scrolls instead of squeezing its words
    session.lock()
    session.shutdown()
