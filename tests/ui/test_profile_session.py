"""Every way of opening a profile goes through ProfileSession: through the picker too, a second
launch brings the open window forward and the programme's content is checked."""

from __future__ import annotations

import sys
import textwrap

from PySide6.QtCore import Qt
from test_single_instance import Child

from desktop import paths
from desktop.content.loader import ContentError
from desktop.security.clinic_config import ClinicConfig
from desktop.store.profile_admin import create_profile
from desktop.ui.app.app_session import AppSession
from desktop.ui.base.single_instance import SingleInstance

ASKER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication
    from desktop.ui.base.single_instance import SingleInstance
    app = QCoreApplication([])
    second = SingleInstance(Path(sys.argv[1]))
    print("acquired" if second.acquire() else "locked", flush=True)
    print("answered" if second.ask_running_instance_to_raise(5000) else "no answer", flush=True)
""")


def picker_session(qtbot, app, root) -> AppSession:
    session = AppSession(root, app, ClinicConfig())
    session.quit_app = lambda: None
    session.start()
    qtbot.addWidget(session.gate)
    qtbot.waitExposed(session.gate)
    return session


def choose(qtbot, session: AppSession, name: str) -> None:
    """Choose a person on the picker from the keyboard, as someone tabbing to their name would."""
    button = session.gate.picker.buttons[name]
    button.setFocus()
    qtbot.keyClick(button, Qt.Key_Space)


def test_a_second_launch_brings_forward_a_window_opened_through_the_picker(qtbot, app, data_root, dialogs):
    create_profile(data_root, "Alex")
    create_profile(data_root, "Sam")
    session = picker_session(qtbot, app, data_root)
    choose(qtbot, session, "Sam")
    assert session.profile == "Sam" and session.window.isVisible()
    window = session.window
    window.showMinimized()
    qtbot.waitUntil(lambda: session.opened.instance._server is not None, timeout=3000)
    child = Child([sys.executable, "-c", ASKER, str(paths.profile_dir(data_root, "Sam"))])
    try:
        child.wait_for_line("locked")
        qtbot.waitUntil(lambda: not window.isMinimized(), timeout=15000)  # brought forward
        child.wait_for_line("answered")
    finally:
        child.stop()
        session.lock()


def test_damaged_content_is_caught_when_a_profile_opens_through_the_picker(qtbot, app, data_root, dialogs,
                                                                          monkeypatch):
    create_profile(data_root, "Alex")
    create_profile(data_root, "Sam")

    def damaged():
        raise ContentError("resources/content/en/programme/sessions.json: session 2 has no 'title'")

    monkeypatch.setattr("desktop.ui.app.profile_session._programme_content", damaged)
    session = picker_session(qtbot, app, data_root)
    choose(qtbot, session, "Sam")
    assert "sessions.json" in dialogs.of_kind("warning")[-1].text
    assert session.window is None and session.gate.isVisible()  # back at the picker, nothing left open
    again = SingleInstance(paths.profile_dir(data_root, "Sam"))
    assert again.acquire(listen=False)  # its one-instance lock was let go
    again.release()
