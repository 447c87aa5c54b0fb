"""Read WebVTT caption files (the subset we write and that common tools produce).

A cue is a timing line ``00:00:01.000 --> 00:00:03.500`` (hours optional, settings after
the end time ignored) followed by one or more text lines; an optional identifier line may
come first; NOTE and STYLE blocks are skipped. Anything else is an error that names the
file and the line, so a clinic that edits captions by hand learns what to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_TIME = r"(?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})"
_TIMING = re.compile(rf"^{_TIME}\s+-->\s+{_TIME}(?:\s+.*)?$")
_TAG = re.compile(r"</?[^>]+>")


class CaptionError(ValueError):
    pass


@dataclass(frozen=True)
class Cue:
    start_ms: int
    end_ms: int
    text: str


def _ms(hours: str | None, minutes: str, seconds: str, millis: str) -> int:
    if int(minutes) > 59 or int(seconds) > 59:
        raise ValueError("minutes and seconds go up to 59")
    return ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(millis)


def parse_vtt(text: str, source: str = "captions") -> list[Cue]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines or not lines[0].lstrip("\ufeff").startswith("WEBVTT"):
        raise CaptionError(f"{source}: line 1 must start with WEBVTT.")
    cues: list[Cue] = []
    index = 1
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        block_start = index
        block = []
        while index < len(lines) and lines[index].strip():
            block.append(lines[index])
            index += 1
        if block[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        timing_at = 0 if "-->" in block[0] else 1
        if timing_at >= len(block) or "-->" not in block[timing_at]:
            raise CaptionError(f"{source}: line {block_start + 1}: expected a timing line like "
                               "'00:00:01.000 --> 00:00:03.000'.")
        match = _TIMING.match(block[timing_at].strip())
        line_no = block_start + timing_at + 1
        if not match:
            raise CaptionError(f"{source}: line {line_no}: the timing '{block[timing_at].strip()}' is not valid.")
        try:
            start, end = _ms(*match.groups()[:4]), _ms(*match.groups()[4:])
        except ValueError as exc:
            raise CaptionError(f"{source}: line {line_no}: {exc}.") from None
        if end <= start:
            raise CaptionError(f"{source}: line {line_no}: a caption must end after it starts.")
        words = " ".join(_TAG.sub("", line).strip() for line in block[timing_at + 1:])
        if not words:
            raise CaptionError(f"{source}: line {line_no}: the caption has no text.")
        cues.append(Cue(start, end, words))
    return cues


def read_vtt(path: Path) -> list[Cue]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CaptionError(f"Caption file is missing: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CaptionError(f"Caption file {path} cannot be read: {exc}") from None
    return parse_vtt(text, str(path))


def cue_at(cues: list[Cue], position_ms: int) -> str:
    """The caption to show at a moment of the video ("" between captions)."""
    for cue in cues:
        if cue.start_ms <= position_ms < cue.end_ms:
            return cue.text
    return ""
