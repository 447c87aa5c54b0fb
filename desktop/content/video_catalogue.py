"""The exercise videos listed in videos/manifest.json, and whether each one can be trusted.

The manifest is the single place a clinic edits to replace a clip: each entry names the
file, its captions, its length, its size and its SHA-256. A file that is missing, or whose
size or checksum differs from the manifest, is not played; the app shows the written steps
and key-frame pictures instead.

Captions in another language live in ``videos/<lang>/``: the same caption file names, and
``keyframe_captions.json`` for the pictures' words. Whatever a language lacks is English.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from desktop.content.loader import DEFAULT_LANGUAGE, ContentError, resolve_language
from desktop.paths import videos_dir

MANIFEST = "manifest.json"
_REQUIRED = {"id": str, "file": str, "captions": str, "duration_s": (int, float), "bytes": int, "sha256": str}


class VideoStatus(enum.Enum):
    OK = "ok"
    MISSING = "missing"  # no file where the manifest says
    DAMAGED = "damaged"  # size or checksum differ from the manifest
    UNLISTED = "unlisted"  # the manifest has no entry for this exercise


@dataclass(frozen=True)
class Keyframe:
    path: Path
    caption: str


@dataclass(frozen=True)
class VideoEntry:
    id: str
    path: Path
    captions: Path
    duration_s: float
    size: int
    sha256: str
    frames: int | None
    keyframes: tuple[Keyframe, ...]


@dataclass(frozen=True)
class VideoCatalogue:
    folder: Path
    entries: dict[str, VideoEntry]

    def get(self, video_id: str) -> VideoEntry | None:
        return self.entries.get(video_id)

    def status(self, video_id: str) -> VideoStatus:
        entry = self.entries.get(video_id)
        return VideoStatus.UNLISTED if entry is None else check_file(entry)


def check_file(entry: VideoEntry) -> VideoStatus:
    try:
        size = entry.path.stat().st_size
    except OSError:
        return VideoStatus.MISSING
    if size != entry.size or file_sha256(entry.path) != entry.sha256.lower():
        return VideoStatus.DAMAGED
    return VideoStatus.OK


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def load_video_catalogue(folder: Path | None = None, language: str | None = None) -> VideoCatalogue:
    """The manifest's entries, or ContentError naming the manifest and what is wrong with it;
    captions in the language (the current one unless named) where it has them."""
    folder = folder or videos_dir()
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ContentError(f"The video list is missing: {path}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ContentError(f"The video list {path} cannot be read: {exc}") from None
    items = data.get("videos") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ContentError(f"{path}: needs a top-level 'videos' list.")
    entries: dict[str, VideoEntry] = {}
    for index, item in enumerate(items):
        entry = _entry(folder, path, index, item)
        if entry.id in entries:
            raise ContentError(f"{path}: video {entry.id!r} is listed twice.")
        entries[entry.id] = entry
    language = resolve_language(language)
    if language != DEFAULT_LANGUAGE and (folder / language).is_dir():
        entries = {key: _in_language(entry, folder / language) for key, entry in entries.items()}
    return VideoCatalogue(folder, entries)


def _in_language(entry: VideoEntry, folder: Path) -> VideoEntry:
    """The entry with the language's caption file and picture words, where it has them."""
    captions = folder / entry.captions.name
    words = _keyframe_words(folder).get(entry.id)
    keyframes = entry.keyframes
    if isinstance(words, list) and len(words) == len(keyframes) and all(isinstance(w, str) and w for w in words):
        keyframes = tuple(Keyframe(k.path, w) for k, w in zip(keyframes, words))
    return dataclasses.replace(entry, captions=captions if captions.is_file() else entry.captions, keyframes=keyframes)


def _keyframe_words(folder: Path) -> dict:
    try:
        data = json.loads((folder / "keyframe_captions.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return {}  # the pictures keep their English words
    words = data.get("keyframe_captions") if isinstance(data, dict) else None
    return words if isinstance(words, dict) else {}


def _entry(folder: Path, path: Path, index: int, item: object) -> VideoEntry:
    where = f"{path}: video {index + 1}"
    if not isinstance(item, dict):
        raise ContentError(f"{where} must be an object.")
    for name, kind in _REQUIRED.items():
        if not isinstance(item.get(name), kind) or isinstance(item.get(name), bool):
            raise ContentError(f"{where} needs '{name}'.")
    if item["duration_s"] <= 0 or item["bytes"] <= 0:
        raise ContentError(f"{where} ({item['id']}): 'duration_s' and 'bytes' must be more than 0.")
    if len(item["sha256"]) != 64 or any(c not in "0123456789abcdefABCDEF" for c in item["sha256"]):
        raise ContentError(f"{where} ({item['id']}): 'sha256' must be 64 hexadecimal digits.")
    for name in ("file", "captions"):
        if Path(item[name]).is_absolute() or ".." in Path(item[name]).parts:
            raise ContentError(f"{where} ({item['id']}): '{name}' must be a path inside the videos folder.")
    pictures = item.get("keyframes", [])
    captions = item.get("keyframe_captions", [])
    if not isinstance(pictures, list) or not isinstance(captions, list):
        raise ContentError(f"{where} ({item['id']}): 'keyframes' and 'keyframe_captions' must be lists.")
    keyframes = tuple(Keyframe(folder / str(p), str(captions[i]) if i < len(captions) else "")
                      for i, p in enumerate(pictures))
    frames = item.get("frames")
    return VideoEntry(
        id=item["id"], path=folder / item["file"], captions=folder / item["captions"],
        duration_s=float(item["duration_s"]), size=item["bytes"], sha256=item["sha256"],
        frames=frames if isinstance(frames, int) else None, keyframes=keyframes,
    )
