"""Render the exercise demonstration videos from the motion files, reproducibly.

    .venv/bin/python -m videos.render            # every motion in videos/motions/
    .venv/bin/python -m videos.render bridge     # only some

For each motion it writes videos/<id>.mp4 (H.264, yuv420p, through imageio-ffmpeg),
videos/<id>.vtt (captions), small key-frame pictures videos/keyframes/<id>-N.png (shown
when a video cannot play), and updates videos/manifest.json. Same motion file, same frames:
nothing is random and the encoder runs single-threaded with bit-exact flags.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication, QImage, QPainter

from videos.figure import MAT_TOP, SideView, draw_lower_back, lowest_point, solve
from videos.figure_lying_3d import LyingView
from videos.timeline import Motion, load_motions

VIDEOS_DIR = Path(__file__).resolve().parent
WIDTH, HEIGHT, FPS = 640, 360, 24
KEYFRAME_WIDTH, KEYFRAME_HEIGHT = 320, 180


def frame_count(motion: Motion) -> int:
    return round(motion.duration * FPS)


def draw_pose(motion: Motion, pose: dict, t: float, width: int = WIDTH, height: int = HEIGHT) -> QImage:
    image = QImage(width, height, QImage.Format_RGB888)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    factor = width / WIDTH
    camera = motion.data.get("camera", {})
    if motion.view == "lying-3d":
        LyingView(width, height, camera.get("scale", 240) * factor).draw(painter, pose)
    else:
        view = SideView(width, height, camera.get("scale", 200) * factor, tuple(camera.get("centre", [0.0, 0.6])),
                        height * camera.get("floor", 0.8))
        joints = solve(pose)
        if motion.data.get("keep_feet_on_floor"):
            drop = lowest_point(joints)
            pose = dict(pose, pelvis=[pose["pelvis"][0], pose["pelvis"][1] - drop])
            joints = solve(pose)
        walking = "ground_speed" in motion.data
        view.draw_scene(painter, motion.data.get("mat"), motion.ground_shift(t) if walking else None)
        mat_top = MAT_TOP if motion.data.get("mat") else 0.0
        if "lower_back" in pose:
            draw_lower_back(view, painter, joints, pose["lower_back"], mat_top, figure_drawn=False)
        view.draw_figure(painter, joints)
        if "lower_back" in pose:
            draw_lower_back(view, painter, joints, pose["lower_back"], mat_top, figure_drawn=True)
        if "arrow" in pose:
            view.draw_arrow(painter, pose["arrow"])
    painter.end()
    return image


def render_frame(motion: Motion, index: int, width: int = WIDTH, height: int = HEIGHT) -> QImage:
    t = index / FPS
    return draw_pose(motion, motion.pose_at(t), t, width, height)


def frame_bytes(image: QImage) -> bytes:
    # Rows of a QImage are padded to 4 bytes; 640 * 3 already is, so constBits is the frame.
    return bytes(image.constBits())[: image.width() * image.height() * 3]


def write_captions(motion: Motion, path: Path) -> None:
    lines = ["WEBVTT", ""]
    for number, cue in enumerate(motion.cues(), 1):
        lines += [str(number), f"{_stamp(cue.start)} --> {_stamp(cue.end)}", cue.text, ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def _stamp(seconds: float) -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def write_video(motion: Motion, path: Path) -> int:
    import imageio_ffmpeg

    writer = imageio_ffmpeg.write_frames(
        str(path), (WIDTH, HEIGHT), fps=FPS, codec="libx264", pix_fmt_out="yuv420p", quality=None,
        macro_block_size=8, output_params=[
            "-crf", "24", "-preset", "slow", "-tune", "animation", "-threads", "1",
            "-movflags", "+faststart", "-fflags", "+bitexact", "-flags:v", "+bitexact", "-map_metadata", "-1",
        ])
    writer.send(None)
    count = frame_count(motion)
    for index in range(count):
        writer.send(frame_bytes(render_frame(motion, index)))
    writer.close()
    return count


def write_keyframes(motion: Motion, folder: Path) -> list[str]:
    folder.mkdir(exist_ok=True)
    names = []
    for number, (_caption, pose) in enumerate(motion.step_poses(), 1):
        name = f"{motion.id}-{number}.png"
        draw_pose(motion, pose, 0.0, KEYFRAME_WIDTH, KEYFRAME_HEIGHT).save(str(folder / name), "PNG")
        names.append(f"keyframes/{name}")
    return names


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def render(motion: Motion, folder: Path = VIDEOS_DIR) -> dict:
    video, captions = folder / f"{motion.id}.mp4", folder / f"{motion.id}.vtt"
    frames = write_video(motion, video)
    write_captions(motion, captions)
    keyframes = write_keyframes(motion, folder / "keyframes")
    return {
        "id": motion.id, "file": video.name, "captions": captions.name,
        "duration_s": round(frames / FPS, 3), "frames": frames, "fps": FPS, "width": WIDTH, "height": HEIGHT,
        "bytes": video.stat().st_size, "sha256": sha256(video), "keyframes": keyframes,
        "keyframe_captions": [caption for caption, _pose in motion.step_poses()],
    }


def main(argv: list[str]) -> int:
    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841  (fonts, painting)
    manifest_path = VIDEOS_DIR / "manifest.json"
    entries = {e["id"]: e for e in json.loads(manifest_path.read_text())["videos"]} if manifest_path.exists() else {}
    for motion in load_motions():
        if argv and motion.id not in argv:
            continue
        print(f"rendering {motion.id} ({motion.duration:.1f} s)", flush=True)
        entries[motion.id] = render(motion)
    manifest = {"videos": sorted(entries.values(), key=lambda e: e["id"])}
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    total = sum(p.stat().st_size for p in VIDEOS_DIR.rglob("*") if p.is_file())
    print(f"videos/ holds {total / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
