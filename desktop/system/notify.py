"""One desktop notification, shown with the computer's own tool, without Qt and without a network.

Linux: ``notify-send`` (libnotify) when it is installed. macOS: ``osascript``'s
``display notification``. Windows: a PowerShell toast. Only Linux has been tried; with no
tool, the caller prints the message instead.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable

NOTIFY_TIMEOUT_S = 15


def applescript_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def powershell_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _windows_toast(title: str, message: str) -> str:
    # The notifier id is PowerShell's own, which Windows already knows, so no registration is needed.
    return (
        "[Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, ContentType = WindowsRuntime]"
        " > $null; "
        "$template = [Windows.UI.Notifications.ToastNotificationManager]::GetTemplateContent("
        "[Windows.UI.Notifications.ToastTemplateType]::ToastText02); "
        "$texts = $template.GetElementsByTagName('text'); "
        f"$texts.Item(0).AppendChild($template.CreateTextNode({powershell_string(title)})) > $null; "
        f"$texts.Item(1).AppendChild($template.CreateTextNode({powershell_string(message)})) > $null; "
        "$toast = [Windows.UI.Notifications.ToastNotification]::new($template); "
        "[Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier("
        "'{1AC14E77-02E7-4E5D-B744-2EB1AE5198B7}\\WindowsPowerShell\\v1.0\\powershell.exe').Show($toast)"
    )


def notification_command(title: str, message: str, platform: str = sys.platform,
                         which: Callable[[str], str | None] = shutil.which) -> list[str] | None:
    """The command that shows the notification here, or None when there is no tool for it."""
    if platform.startswith("linux") or platform.startswith("freebsd"):
        tool = which("notify-send")
        return [tool, "--app-name=SupportBack", title, message] if tool else None
    if platform == "darwin":
        tool = which("osascript")
        script = f"display notification {applescript_string(message)} with title {applescript_string(title)}"
        return [tool, "-e", script] if tool else None
    if platform == "win32":
        tool = which("powershell")
        return ([tool, "-NoProfile", "-NonInteractive", "-WindowStyle", "Hidden", "-Command",
                 _windows_toast(title, message)] if tool else None)
    return None


def show_notification(title: str, message: str) -> bool:
    """Show it; False when this computer has no tool for it, or the tool failed."""
    command = notification_command(title, message)
    if command is None:
        return False
    try:
        result = subprocess.run(command, check=False, capture_output=True, timeout=NOTIFY_TIMEOUT_S)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0
