"""What the computer's scheduler is given to run ``supportback remind`` each day: pure text.

Linux: a systemd user timer and the service it starts (``~/.config/systemd/user/``).
Windows: the ``schtasks`` command lines that create and delete a daily task.
macOS: a launchd LaunchAgent property list (``~/Library/LaunchAgents/``).
Each runs the command at the chosen time in the computer's local time, and names the data
folder and the profile, so the reminder checks the right diary. Only the Linux files have
been tried on a real system (scheduler.py applies them).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import plistlib
import re
import subprocess
import unicodedata
from pathlib import Path

from desktop.domain.reminders import parse_time

JOB_PREFIX = "supportback-reminder"
LAUNCHD_PREFIX = "org.supportback.reminder"
WINDOWS_TASK_FOLDER = "SupportBack"
WINDOWS_COMMAND_LIMIT = 261  # schtasks refuses a longer /TR


def job_name(root: Path, profile: str) -> str:
    """A name for one profile's reminder: readable, and unique per data folder and profile.

    Only letters, digits and '-', so it is a valid systemd unit name, launchd label and task name.
    """
    ascii_name = unicodedata.normalize("NFKD", profile.casefold()).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:24]
    digest = hashlib.sha256(f"{root}\n{profile}".encode()).hexdigest()[:8]
    return f"{JOB_PREFIX}-{slug or 'profile'}-{digest}"


def remind_arguments(launcher: list[str], root: Path, profile: str) -> list[str]:
    """The command line the scheduler runs: ``supportback remind`` for this data folder and profile."""
    return [*launcher, "remind", "--data-dir", str(root), "--profile", profile]


# Linux: systemd ----------------------------------------------------------------------------------

def systemd_quote(argument: str) -> str:
    """One ExecStart= argument, double-quoted (systemd.service "Command lines").

    Inside quotes systemd reads C escapes (so a backslash or quote is escaped), expands
    %-specifiers (%% is a plain %) and $VARIABLES ($$ is a plain $).
    """
    escaped = (argument.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%").replace("$", "$$")
               .replace("\n", "\\n").replace("\t", "\\t"))
    return f'"{escaped}"'


def _systemd_text(value: str) -> str:
    """Free text for Description=: one line, no specifiers."""
    return " ".join(value.split()).replace("%", "%%")


def systemd_service(description: str, arguments: list[str]) -> str:
    return ("[Unit]\n"
            f"Description={_systemd_text(description)}\n"
            "\n"
            "[Service]\n"
            "Type=oneshot\n"
            f"ExecStart={' '.join(systemd_quote(a) for a in arguments)}\n")


def systemd_timer(description: str, reminder_time: str, service: str) -> str:
    """Daily at the chosen time, in the computer's local time (OnCalendar without a time zone).

    Persistent: a reminder missed while the computer was off or asleep comes when it is back;
    ``supportback remind`` then stays quiet if it is too early or the diary is already in.
    """
    at = parse_time(reminder_time)
    return ("[Unit]\n"
            f"Description={_systemd_text(description)}\n"
            "\n"
            "[Timer]\n"
            f"OnCalendar=*-*-* {at:%H:%M}:00\n"
            "Persistent=true\n"
            f"Unit={service}\n"
            "\n"
            "[Install]\n"
            "WantedBy=timers.target\n")


# Windows: Task Scheduler -------------------------------------------------------------------------

def windows_task_name(name: str) -> str:
    return f"{WINDOWS_TASK_FOLDER}\\{name}"


def windows_command_line(arguments: list[str]) -> str:
    """The arguments as one Windows command line (the quoting the C runtime reads back)."""
    return subprocess.list2cmdline(arguments)


def schtasks_create(name: str, reminder_time: str, arguments: list[str]) -> list[str]:
    """Create (or replace, /F) a daily task at the chosen local time for the signed-in user."""
    command = windows_command_line(arguments)
    if len(command) > WINDOWS_COMMAND_LIMIT:
        raise ValueError(f"The reminder command is {len(command)} characters long; "
                         f"Task Scheduler takes at most {WINDOWS_COMMAND_LIMIT}.")
    return ["schtasks", "/Create", "/F", "/TN", windows_task_name(name), "/SC", "DAILY",
            "/ST", f"{parse_time(reminder_time):%H:%M}", "/TR", command]


def schtasks_delete(name: str) -> list[str]:
    return ["schtasks", "/Delete", "/F", "/TN", windows_task_name(name)]


# macOS: launchd ----------------------------------------------------------------------------------

def launchd_label(name: str) -> str:
    return f"{LAUNCHD_PREFIX}.{name.removeprefix(JOB_PREFIX + '-')}"


def launchd_plist(label: str, reminder_time: str, arguments: list[str]) -> bytes:
    """A LaunchAgent that runs the command daily at the chosen local time (StartCalendarInterval)."""
    at: dt.time = parse_time(reminder_time)
    return plistlib.dumps({
        "Label": label,
        "ProgramArguments": list(arguments),
        "StartCalendarInterval": {"Hour": at.hour, "Minute": at.minute},
        "ProcessType": "Background",
    })
