"""Giving the reminder to systemd (a fake systemctl records what it was asked), and taking it away."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from scheduler_helpers import calls, fake_tool, path_with

from desktop.system import scheduler
from desktop.system.reminder_state import ReminderState, read_state, state_path, write_state
from desktop.system.schedule_files import job_name, launchd_label

PROFILE = "Ann Smith"


@pytest.fixture
def root(tmp_path) -> Path:
    folder = tmp_path / "data"
    (folder / "profiles" / PROFILE).mkdir(parents=True)
    return folder


@pytest.fixture
def units(tmp_path) -> Path:
    return tmp_path / "home" / ".config" / "systemd" / "user"  # $XDG_CONFIG_HOME (tests/conftest.py)


@pytest.fixture
def systemctl(tmp_path, monkeypatch) -> Path:
    log = fake_tool(tmp_path / "bin", "systemctl")
    monkeypatch.setenv("PATH", path_with(tmp_path / "bin"))
    return log


def test_units_go_under_xdg_config_home(units, monkeypatch, tmp_path):
    assert scheduler.systemd_user_dir() == units
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "elsewhere"))
    assert scheduler.systemd_user_dir() == tmp_path / "elsewhere" / "systemd" / "user"


def test_on_writes_and_enables_the_timer_and_off_removes_it(root, units, systemctl):
    name = job_name(root, PROFILE)
    outcome = scheduler.set_reminder(root, PROFILE, "19:30", "linux")
    assert outcome == scheduler.Outcome(True)
    timer, service = units / f"{name}.timer", units / f"{name}.service"
    assert "OnCalendar=*-*-* 19:30:00" in timer.read_text()
    assert f'"--data-dir" "{root}" "--profile" "{PROFILE}"' in service.read_text()
    assert calls(systemctl) == [["--user", "daemon-reload"], ["--user", "enable", timer.name],
                                ["--user", "restart", timer.name]]
    assert read_state(root / "profiles" / PROFILE) == ReminderState(time="19:30", scheduled=True)

    scheduler.set_reminder(root, PROFILE, "07:00", "linux")  # a new time replaces the old one
    assert "OnCalendar=*-*-* 07:00:00" in timer.read_text()
    assert calls(systemctl)[-1] == ["--user", "restart", timer.name]

    assert scheduler.set_reminder(root, PROFILE, None, "linux") == scheduler.Outcome(False)
    assert not timer.exists() and not service.exists()
    assert calls(systemctl)[-2:] == [["--user", "disable", "--now", timer.name], ["--user", "daemon-reload"]]
    assert read_state(root / "profiles" / PROFILE).time is None
    before = len(calls(systemctl))
    scheduler.set_reminder(root, PROFILE, None, "linux")  # already off: systemd is not asked anything
    assert len(calls(systemctl)) == before


def test_without_systemctl_nothing_is_written(root, units, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    outcome = scheduler.set_reminder(root, PROFILE, "19:30", "linux")
    assert outcome == scheduler.Outcome(False, "systemctl was not found")
    assert not units.exists()
    assert read_state(root / "profiles" / PROFILE) == ReminderState(time="19:30", scheduled=False)


def test_when_systemctl_refuses_nothing_is_left_half_set_up(root, units, tmp_path, monkeypatch):
    fake_tool(tmp_path / "bin", "systemctl", exit_code=1, said="Failed to connect to bus: No medium found")
    monkeypatch.setenv("PATH", path_with(tmp_path / "bin"))
    outcome = scheduler.set_reminder(root, PROFILE, "19:30", "linux")
    assert not outcome.scheduled and "Failed to connect to bus" in outcome.problem
    assert list(units.iterdir()) == []


def test_needs_setting_notices_a_time_chosen_elsewhere_and_missing_files(root, units, systemctl):
    folder = root / "profiles" / PROFILE
    assert not scheduler.needs_setting(root, PROFILE, None, thorough=True)  # never set: nothing to do
    assert scheduler.needs_setting(root, PROFILE, "19:00")  # chosen in onboarding
    scheduler.set_reminder(root, PROFILE, "19:00", "linux")
    assert not scheduler.needs_setting(root, PROFILE, "19:00", thorough=True, platform="linux")
    (units / f"{job_name(root, PROFILE)}.timer").unlink()  # removed by hand, or lost
    assert not scheduler.needs_setting(root, PROFILE, "19:00")  # every minute: only a changed time counts
    assert scheduler.needs_setting(root, PROFILE, "19:00", thorough=True, platform="linux")  # at start-up
    write_state(folder, ReminderState(time="19:00", scheduled=False))  # the scheduler refused last time
    (units / f"{job_name(root, PROFILE)}.timer").write_text("")
    assert scheduler.needs_setting(root, PROFILE, "19:00", thorough=True, platform="linux")
    write_state(folder, ReminderState())  # off, but a timer is left over
    assert scheduler.needs_setting(root, PROFILE, None, thorough=True, platform="linux")


def test_reminder_state_is_private_and_survives_damage(root):
    folder = root / "profiles" / PROFILE
    write_state(folder, ReminderState(time="19:00", scheduled=True, filled_in_on=dt.date(2026, 3, 15)))
    assert state_path(folder).stat().st_mode & 0o077 == 0
    assert read_state(folder).filled_in_on == dt.date(2026, 3, 15)
    state_path(folder).write_text("{not json")
    assert read_state(folder) == ReminderState()


def test_the_scheduler_runs_this_same_supportback(monkeypatch, tmp_path):
    import sys

    assert scheduler.launcher() == [sys.executable, "-m", "desktop"]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "supportback"))
    assert scheduler.launcher() == [str(tmp_path / "supportback")]


def test_macos_and_windows_paths_call_their_tools_as_documented(root, tmp_path, monkeypatch):
    # Only the logic around the tools: neither system is here (README: not tried on them).
    launchctl = fake_tool(tmp_path / "bin", "launchctl")
    schtasks = fake_tool(tmp_path / "bin", "schtasks")
    monkeypatch.setenv("PATH", path_with(tmp_path / "bin"))
    name = job_name(root, PROFILE)
    plist = tmp_path / "home" / "Library" / "LaunchAgents" / f"{launchd_label(name)}.plist"
    assert scheduler.set_system_reminder(root, PROFILE, "19:30", "darwin") == scheduler.Outcome(True)
    assert plist.exists() and calls(launchctl) == [["load", "-w", str(plist)]]
    assert scheduler.set_system_reminder(root, PROFILE, None, "darwin") == scheduler.Outcome(False)
    assert not plist.exists() and calls(launchctl)[-1] == ["unload", "-w", str(plist)]

    assert scheduler.set_system_reminder(root, PROFILE, "19:30", "win32") == scheduler.Outcome(True)
    assert calls(schtasks)[0][:4] == ["/Create", "/F", "/TN", f"SupportBack\\{name}"]
    scheduler.set_system_reminder(root, PROFILE, None, "win32")
    assert calls(schtasks)[-1] == ["/Delete", "/F", "/TN", f"SupportBack\\{name}"]
