"""The name a profile is listed under: chosen by its patient, shown on the picker before unlocking.

The profile's folder name stays its key (and may be a full name a clinic's staff typed). What
the picker, the PIN page and the open window show is the name the patient chose, kept in
``profile.json`` beside the diary: outside the database, which may be encrypted and is only
opened after the PIN. Written atomically and owner-only (security/private_files.py).

A clinic can require initials (``picker_names = "initials"`` in its configuration); in kiosk
mode a profile whose patient has not chosen a name is listed by its first word, never the
whole folder name.
"""

from __future__ import annotations

import json
from pathlib import Path

from desktop import paths
from desktop.content.loader import text
from desktop.security.clinic_config import PICKER_NAMES
from desktop.security.private_files import write_json_atomically

CHOSEN, INITIALS = PICKER_NAMES
MAX_LENGTH = 30
MAX_INITIALS = 4


def read_display_name(profile_folder: Path) -> str:
    """The chosen name, or "" when none was chosen (or the file cannot be read)."""
    try:
        data = json.loads(paths.profile_info_path(profile_folder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    name = data.get("display_name") if isinstance(data, dict) else None
    return tidy(name) if isinstance(name, str) else ""


def write_display_name(profile_folder: Path, name: str) -> None:
    write_json_atomically(paths.profile_info_path(profile_folder), {"display_name": tidy(name)})


def tidy(name: str) -> str:
    return " ".join(name.split())


def is_initials(name: str) -> bool:
    return 1 <= len(name) <= MAX_INITIALS and name.isalnum() and name == name.upper()


def initials(name: str) -> str:
    """'Margaret Smith' -> 'MS', 'Mary-Jane O'Neil' -> 'MJO'; initials stay as they are."""
    name = tidy(name)
    if is_initials(name.replace(" ", "")):
        return name.replace(" ", "")
    words = name.replace("-", " ").replace("_", " ").replace(".", " ").split()
    letters = [next((c for c in word if c.isalnum()), "") for word in words]
    return "".join(letters).upper()[:MAX_INITIALS]


def suggested_name(profile_name: str, picker_names: str, kiosk: bool) -> str:
    """What the 'name on the list' field starts with for a new profile."""
    if picker_names == INITIALS:
        return initials(profile_name)
    words = tidy(profile_name).split()
    return (words[0] if words else "") if kiosk else tidy(profile_name)


def problem_with(name: str, picker_names: str, taken: set[str] = frozenset()) -> str:
    """"" when the name can be used; otherwise what to change, in words. ``taken``: others' names, casefolded."""
    name = tidy(name)
    if not name:
        return text("display_name_empty")
    if picker_names == INITIALS and not is_initials(name.upper()):
        return text("display_name_initials_only", most=MAX_INITIALS)
    if len(name) > MAX_LENGTH or not name.isprintable():
        return text("display_name_too_long", most=MAX_LENGTH)
    if name.casefold() in taken:
        return text("display_name_taken", name=name)
    return ""


def picker_labels(profiles: list[tuple[str, str]], picker_names: str, kiosk: bool) -> dict[str, str]:
    """(folder name, chosen name or "") of each profile -> what the picker shows for it.

    Names that would read the same get told apart: a default first name by the last name's
    initial, anything else by a number.
    """
    labels: dict[str, str] = {}
    defaults: set[str] = set()
    for key, chosen in profiles:
        if picker_names == INITIALS:
            labels[key] = initials(chosen or key)
        elif chosen:
            labels[key] = chosen
        elif kiosk:
            labels[key] = suggested_name(key, CHOSEN, True)
            defaults.add(key)
        else:
            labels[key] = key
    clashing = [key for key in defaults if _count(labels, labels[key]) > 1]
    for key in clashing:
        words = tidy(key).split()
        if len(words) > 1:
            labels[key] = f"{words[0]} {words[-1][0].upper()}."
    twice = {label.casefold() for label in labels.values() if _count(labels, label) > 1}
    seen: dict[str, int] = {}
    for key, _chosen in profiles:
        label = labels[key]
        if label.casefold() in twice:
            seen[label.casefold()] = seen.get(label.casefold(), 0) + 1
            labels[key] = f"{label} ({seen[label.casefold()]})"
    return labels


def _count(labels: dict[str, str], label: str) -> int:
    return sum(1 for other in labels.values() if other.casefold() == label.casefold())


def labels_here(root: Path, picker_names: str, kiosk: bool, including: str = "") -> dict[str, str]:
    """The picker's label for every profile in ``root`` (and ``including``, though it is not made yet)."""
    from desktop.store.profiles import list_profiles

    names = list_profiles(root)
    if including and including not in names:
        names.append(including)
    return picker_labels([(name, read_display_name(paths.profile_dir(root, name))) for name in names],
                         picker_names, kiosk)


def cleaned(name: str, picker_names: str) -> str:
    """A checked name as it is kept: spaces tidied, initials in capitals."""
    name = tidy(name)
    return name.upper() if picker_names == INITIALS else name
