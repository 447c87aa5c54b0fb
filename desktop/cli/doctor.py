"""``supportback doctor``: check what the app depends on and say plainly what to fix."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from desktop import paths


@dataclass(frozen=True)
class Finding:
    ok: bool
    what: str
    fix: str = ""


def run_doctor(root: Path, profile: str | None) -> int:
    findings = list(check_all(root, profile))
    for finding in findings:
        print(("ok       " if finding.ok else "PROBLEM  ") + finding.what)
        if finding.fix:
            print("         fix: " + finding.fix)
    problems = sum(not f.ok for f in findings)
    print(f"\n{len(findings) - problems} checks passed, {problems} problem{'s' if problems != 1 else ''} found.")
    return 0 if problems == 0 else 1


def check_all(root: Path, profile: str | None):
    yield _check_data_dir(root)
    yield _check_content()
    from desktop.store.profiles import list_profiles

    profiles = [profile] if profile else list_profiles(root)
    if not profiles:
        yield Finding(True, "No profiles yet: one is made the first time you open SupportBack.")
    for name in profiles:
        yield from _check_profile(root, name)
    yield _check_multimedia()
    yield from _check_videos()


def _check_data_dir(root: Path) -> Finding:
    try:
        root.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=root, prefix=".doctor-"):
            pass
    except OSError as exc:
        return Finding(False, f"Data folder {root} cannot be written ({exc.strerror or exc}).",
                       "choose another folder with --data-dir, or fix its permissions.")
    return Finding(True, f"Data folder {root} is writable.")


def _check_content() -> Finding:
    from desktop.content.exercise_guides import exercise_guides
    from desktop.content.loader import ContentError, exercise_catalogue, texts

    try:
        exercise_catalogue()
        exercise_guides()
        texts()
    except ContentError as exc:
        return Finding(False, f"App content is damaged: {exc}", "reinstall SupportBack.")
    return Finding(True, "App content (text and exercise list) is complete.")


def _check_profile(root: Path, name: str):
    from desktop.store import backup
    from desktop.store.schema import HEAD_REVISION, current_revision, known_revisions

    db = paths.database_path(root, name)
    if not db.exists():
        yield Finding(False, f"Profile {name!r} has no diary file at {db}.",
                      "open SupportBack with this profile to create it.")
        return
    from desktop.security.keys import is_encrypted, key_for
    from desktop.security.profile_lock import ProfileLock

    if is_encrypted(db) and key_for(db) is None and ProfileLock(db.parent).is_protected:
        yield Finding(True, f"Profile {name!r} is encrypted with a passphrase (not checked inside without it).",
                      f"to check it too: supportback --profile {name!r} --passphrase-file F doctor")
        return
    problem = backup.check_integrity(db, full=True)
    if problem:
        good = backup.latest_good_backup(paths.backups_dir(root, name))
        fix = (f"open SupportBack and accept the offer to restore the backup from {good.taken_at:%Y-%m-%d %H:%M} UTC."
               if good else "no good backup exists; keep the file and ask for help before changing anything.")
        yield Finding(False, f"Profile {name!r}: the diary file is damaged ({problem}).", fix)
        return
    revision = current_revision(db)
    if revision == HEAD_REVISION:
        yield Finding(True, f"Profile {name!r}: diary file is healthy and up to date.")
    elif revision is not None and revision not in known_revisions():
        yield Finding(False, f"Profile {name!r} was saved by a newer SupportBack (schema {revision}).",
                      "install the latest version of SupportBack.")
    else:
        yield Finding(True, f"Profile {name!r}: diary file is healthy; it will be updated when the app next opens it.")
    backups = backup.list_backups(paths.backups_dir(root, name))
    if not backups:
        yield Finding(False, f"Profile {name!r} has no backups yet.",
                      "open SupportBack (it backs up automatically) or use Settings > Back up now.")
        return
    newest = backups[0]
    age = dt.datetime.now(dt.UTC) - newest.taken_at
    bad = [b.path.name for b in backups if backup.check_integrity(b.path)]
    if bad:
        yield Finding(False, f"Profile {name!r}: {len(bad)} backup(s) are damaged: {', '.join(bad)}.",
                      "use Settings > Back up now to make a fresh one; old backups roll off by themselves.")
    else:
        yield Finding(True, f"Profile {name!r}: {len(backups)} backup(s), newest {age.days} day(s) old, all readable.")


def _check_multimedia() -> Finding:
    try:
        from desktop.ui.video.multimedia import multimedia_problem
    except ImportError as exc:
        return Finding(False, f"Qt cannot be loaded ({exc}).", "run the set-up command in README.md again.")
    problem = multimedia_problem()
    if problem:
        return Finding(False, f"Video playback is not available: {problem}",
                       "on Debian or Ubuntu: sudo apt-get install libpulse0" if os.name == "posix"
                       else "reinstall SupportBack.")
    return Finding(True, "Video playback (QtMultimedia) is available.")


def _check_videos():
    """Every video in videos/manifest.json is there, unchanged, and has readable captions."""
    from desktop.content.captions import CaptionError, read_vtt
    from desktop.content.loader import ContentError
    from desktop.content.video_catalogue import VideoStatus, load_video_catalogue

    try:
        catalogue = load_video_catalogue()
    except ContentError as exc:
        yield Finding(False, f"The exercise videos cannot be used: {exc}",
                      "reinstall SupportBack (the written steps still work).")
        return
    bad = []
    for entry in catalogue.entries.values():
        status = catalogue.status(entry.id)
        if status is VideoStatus.MISSING:
            bad.append(f"{entry.id}: file {entry.path} is missing")
        elif status is VideoStatus.DAMAGED:
            bad.append(f"{entry.id}: file {entry.path} does not match its checksum in the manifest")
        try:
            read_vtt(entry.captions)
        except CaptionError as exc:
            bad.append(f"{entry.id}: {exc}")
    if bad:
        yield Finding(False, "Some exercise videos cannot be played (the app shows the written steps instead): "
                      + "; ".join(bad) + ".",
                      "reinstall SupportBack, or if your clinic replaced a clip, update its 'bytes' and 'sha256' "
                      "in videos/manifest.json (see videos/README.md).")
    else:
        yield Finding(True, f"All {len(catalogue.entries)} exercise videos and their captions are complete.")
