"""A motion file (videos/motions/*.json) -> the pose at any moment, and caption cues.

A motion is a start pose, then a cycle of steps (each: a partial pose to move to, how long
the move takes, how long to hold it, and a caption) repeated a few times. Moves use a
smooth ease-in-out, so the figure speeds up and slows down like a person does.
"""

from __future__ import annotations

import copy
import json
import math
from dataclasses import dataclass
from pathlib import Path

MOTIONS_DIR = Path(__file__).resolve().parent / "motions"


class MotionError(ValueError):
    pass


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str


@dataclass(frozen=True)
class Key:
    time: float
    pose: dict
    caption: str


def merge(base: dict, change: dict) -> dict:
    """``change`` laid over ``base``; nested objects merge, anything else replaces."""
    out = copy.deepcopy(base)
    for name, value in change.items():
        if isinstance(value, dict) and isinstance(out.get(name), dict):
            out[name] = merge(out[name], value)
        else:
            out[name] = copy.deepcopy(value)
    return out


def blend(a, b, s: float):
    """Numbers and lists of numbers mix; objects mix key by key (a missing weight is 0)."""
    if isinstance(a, dict) and isinstance(b, dict):
        out = {}
        for name in a.keys() | b.keys():
            if name in a and name in b:
                out[name] = blend(a[name], b[name], s)
            else:
                present = a.get(name, b.get(name))
                out[name] = blend(_zero(present), present, s) if name in b else blend(present, _zero(present), s)
        return out
    if isinstance(a, list):
        return [blend(x, y, s) for x, y in zip(a, b)]
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a + (b - a) * s
    return b if s >= 0.5 else a


def _zero(value):
    if isinstance(value, dict):
        return {k: _zero(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_zero(v) for v in value]
    return 0.0 if isinstance(value, (int, float)) else value


def ease(u: float) -> float:
    return 0.5 - 0.5 * math.cos(math.pi * max(0.0, min(1.0, u)))


class Motion:
    def __init__(self, data: dict, source: str = "motion"):
        self.data = data
        self.source = source
        try:
            self.id: str = data["id"]
            self.view: str = data.get("view", "side")
            self.keys = self._keys()
        except (KeyError, TypeError) as exc:
            raise MotionError(f"{source}: missing or wrong entry {exc}") from None
        self.duration = self.keys[-1].time
        if not 10 <= self.duration <= 25:
            raise MotionError(f"{source}: lasts {self.duration:.1f} s; keep clips between 10 and 25 s.")

    @classmethod
    def load(cls, path: Path) -> Motion:
        return cls(json.loads(path.read_text(encoding="utf-8")), str(path))

    def _keys(self) -> list[Key]:
        pose = self.data["start"]
        keys = [Key(0.0, pose, self.data["intro"])]
        t = float(self.data.get("intro_s", 2.0))
        keys.append(Key(t, pose, self.data["intro"]))
        caption = self.data["intro"]
        by_rep = self.data.get("rep_captions", [])  # for quick cycles (walking): one caption a repetition
        for rep in range(int(self.data["repetitions"])):
            for index, step in enumerate(self.data["cycle"]):
                if index == 0 and by_rep:
                    caption = by_rep[min(rep, len(by_rep) - 1)]
                caption = step.get("caption", caption)
                pose = merge(pose, step["pose"])
                t += float(step["move_s"])
                keys.append(Key(t, pose, caption))
                if step.get("hold_s", 0):
                    t += float(step["hold_s"])
                    keys.append(Key(t, pose, caption))
        self.active = (keys[1].time, t)  # when the cycle runs (a walking floor moves only then)
        t += float(self.data.get("outro_s", 1.5))
        keys.append(Key(t, merge(pose, self.data.get("finish", {})), self.data["outro"]))
        return keys

    def pose_at(self, t: float) -> dict:
        for before, after in zip(self.keys, self.keys[1:]):
            if t <= after.time:
                span = after.time - before.time
                u = (t - before.time) / span if span else 1.0
                linear = self.data.get("easing") == "linear" and self.active[0] <= before.time < self.active[1]
                return blend(before.pose, after.pose, u if linear else ease(u))
        return self.keys[-1].pose

    def cues(self) -> list[Cue]:
        """One caption per change of text: the step being done, from its start to the next."""
        cues: list[Cue] = []
        start = 0.0
        for before, after in zip(self.keys, self.keys[1:]):
            if after.caption != before.caption:
                cues.append(Cue(start, before.time, before.caption))
                start = before.time
        cues.append(Cue(start, self.duration, self.keys[-1].caption))
        return [c for c in cues if c.end > c.start]

    def step_poses(self) -> list[tuple[str, dict]]:
        """The start pose and the pose at the end of each step of the first repetition."""
        poses = [(self.data["intro"], self.data["start"])]
        pose = self.data["start"]
        caption = self.data.get("rep_captions", [self.data["intro"]])[0]
        chosen = self.data.get("keyframe_steps")  # e.g. walking: only the two strides, not every phase
        for index, step in enumerate(self.data["cycle"]):
            pose = merge(pose, step["pose"])
            caption = step.get("caption", caption)
            if chosen is not None and index not in chosen:
                continue
            if all(pose != seen for _text, seen in poses):  # a return to an earlier pose adds nothing
                poses.append((step.get("keyframe_caption", caption), pose))
        return poses

    def ground_shift(self, t: float) -> float:
        """How far a walking floor has moved by time t."""
        moving = min(max(t, self.active[0]), self.active[1]) - self.active[0]
        return float(self.data.get("ground_speed", 0.0)) * moving


def load_motions(folder: Path = MOTIONS_DIR) -> list[Motion]:
    return [Motion.load(path) for path in sorted(folder.glob("*.json"))]
