"""The "I'm having a flare-up" path from Home."""

from desktop.domain.diary import DiaryEntry


def test_flare_up_plan_marks_todays_entry(qtbot, window, diary, today, monkeypatch):
    from desktop.ui.pages.flare_up_dialog import FlareUpDialog

    diary.save(DiaryEntry(day=today, pain=7, walking_minutes=0, limitation=8))
    shown = []
    monkeypatch.setattr(FlareUpDialog, "exec", lambda self: shown.append(self) or 0)
    window.home_page.flare_button.click()
    dialog = shown[0]
    texts = " ".join(w.text() for w in dialog.findChildren(type(window.home_page.greeting)))
    content = window.page("week").programme.content.flare_up
    assert content.title in texts and content.plan[0] in texts and content.seek_help[0] in texts
    dialog.mark_today()
    assert diary.get(today).flare_up is True and "marked" in dialog.status.text()


def test_flare_up_without_an_entry_opens_todays_diary_with_flare_up_ticked(qtbot, window, today, monkeypatch):
    from desktop.ui.pages.flare_up_dialog import FlareUpDialog

    shown = []
    monkeypatch.setattr(FlareUpDialog, "exec", lambda self: shown.append(self) or 0)
    window.home_page.flare_button.click()
    shown[0].mark_today()
    assert window.current_section() == "diary"
    page = window.diary_page
    assert page.day == today and page.form.flare_up.isChecked() and page.is_dirty()
