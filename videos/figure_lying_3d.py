"""A figure lying on its back, seen from the feet end and above: used for knee rolls,
where the knees move sideways, which a side view cannot show.

Pose numbers: ``roll`` (degrees the bent knees turn about the line from hip to foot,
positive to the figure's left = the viewer's right) and ``head`` (degrees the head turns
the other way, for comfort).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF

from videos.figure import HEAD_R, OUTLINE, SHIRT, SKIN, TROUSERS, two_link

Vec = tuple[float, float, float]
HIP_Y, FOOT_X, SHOULDER_X, SHOULDER_Y = 0.1, 0.55, -0.57, 0.19


def _rotate_about(point: Vec, origin: Vec, axis: Vec, angle: float) -> Vec:
    """Rodrigues' rotation of point about the line through origin along axis."""
    length = math.sqrt(sum(a * a for a in axis))
    k = tuple(a / length for a in axis)
    v = tuple(p - o for p, o in zip(point, origin))
    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    cross = (k[1] * v[2] - k[2] * v[1], k[2] * v[0] - k[0] * v[2], k[0] * v[1] - k[1] * v[0])
    dot = sum(a * b for a, b in zip(k, v))
    return tuple(o + v[i] * c + cross[i] * s + k[i] * dot * (1 - c) for i, o in enumerate(origin))


class LyingView:
    def __init__(self, width: int, height: int, scale: float, elevation: float = 30.0, yaw: float = 32.0):
        self.width, self.height, self.scale = width, height, scale
        self.elev, self.yaw = math.radians(elevation), math.radians(yaw)

    def project(self, point: Vec) -> tuple[QPointF, float]:
        x, y, z = point
        # Turn about the vertical, then tilt: the camera is at the feet end (+x), above.
        xr = x * math.cos(self.yaw) - y * math.sin(self.yaw)
        yr = x * math.sin(self.yaw) + y * math.cos(self.yaw)
        up = z * math.cos(self.elev) - xr * math.sin(self.elev)
        depth = xr * math.cos(self.elev) + z * math.sin(self.elev)  # larger = nearer the camera
        return QPointF(self.width / 2 - yr * self.scale, self.height * 0.58 - up * self.scale), depth

    def pen(self, colour: QColor, width: float) -> QPen:
        pen = QPen(colour, width * self.scale)
        pen.setCapStyle(Qt.RoundCap)
        return pen

    def draw(self, painter: QPainter, pose: dict) -> None:
        painter.fillRect(QRectF(0, 0, self.width, self.height), QColor("#d9cfbd"))
        mat = [(-1.05, -0.62, 0.0), (-1.05, 0.62, 0.0), (0.85, 0.62, 0.0), (0.85, -0.62, 0.0)]
        painter.setPen(QPen(QColor("#3f7f6b"), 2))
        painter.setBrush(QColor("#5aa88f"))
        painter.drawPolygon(QPolygonF([self.project(p)[0] for p in mat]))
        painter.setBrush(Qt.NoBrush)
        roll, head_turn = pose.get("roll", 0.0), pose.get("head", 0.0)
        items: list[tuple[float, object]] = []  # (depth, draw function): far things first

        def segment(a: Vec, b: Vec, colour: QColor, width: float) -> None:
            pa, da = self.project(a)
            pb, db = self.project(b)

            def draw() -> None:
                painter.setPen(self.pen(OUTLINE, width + 0.02))
                painter.drawLine(pa, pb)
                painter.setPen(self.pen(colour, width))
                painter.drawLine(pa, pb)
            items.append(((da + db) / 2, draw))

        def ball(centre: Vec, radius: float, colour: QColor, face: float | None = None) -> None:
            pc, depth = self.project(centre)

            def draw() -> None:
                painter.setPen(self.pen(OUTLINE, 0.012))
                painter.setBrush(colour)
                painter.drawEllipse(pc, radius * self.scale, radius * self.scale)
                painter.setBrush(Qt.NoBrush)
                if face is not None:  # hair at the top of the head, eyes and a smile
                    r = radius * self.scale
                    painter.setPen(self.pen(QColor("#6b4a35"), 0.05))
                    painter.drawArc(QRectF(pc.x() - r, pc.y() - r, 2 * r, 2 * r), round((90 + face - 55) * 16),
                                    110 * 16)
                    painter.setPen(Qt.NoPen)
                    painter.setBrush(OUTLINE)
                    for dx in (-0.35, 0.35):
                        painter.drawEllipse(pc + QPointF((dx - face / 90) * r, 0.05 * r), r * 0.1, r * 0.1)
                    painter.setBrush(Qt.NoBrush)
                    painter.setPen(self.pen(OUTLINE, 0.012))
                    painter.drawArc(QRectF(pc.x() - r * (0.45 + face / 90), pc.y() - r * 0.1, r * 0.9, r * 0.6),
                                    200 * 16, 140 * 16)
            items.append((depth if face is None else depth + 0.6, draw))  # the head rests above the mat

        pelvis = (0.0, 0.0, 0.11)
        segment(pelvis, (SHOULDER_X + 0.08, 0.0, 0.12), SHIRT, 0.3)
        segment((0.02, -0.11, 0.11), (0.02, 0.11, 0.11), TROUSERS, 0.2)
        ball((SHOULDER_X - 0.23, 0.0, 0.13), HEAD_R, SKIN, face=head_turn)
        for side in (-1, 1):
            colour_arm = SHIRT
            shoulder = (SHOULDER_X, side * SHOULDER_Y, 0.1)
            elbow = (SHOULDER_X + 0.13, side * (SHOULDER_Y + 0.26), 0.05)
            hand = (SHOULDER_X + 0.3, side * (SHOULDER_Y + 0.47), 0.05)
            segment(shoulder, elbow, colour_arm, 0.085)
            segment(elbow, hand, colour_arm, 0.085)
            ball(hand, 0.045, SKIN)
            hip, foot = (0.02, side * HIP_Y * 0.8, 0.1), (FOOT_X, side * HIP_Y * 0.8, 0.07)
            knee2d, _ = two_link((hip[0], hip[2]), (foot[0], foot[2]), 0.44, 0.43, 1)
            knee = _rotate_about((knee2d[0], hip[1], knee2d[1]), hip, tuple(f - h for f, h in zip(foot, hip)), roll)
            colour_leg = TROUSERS
            segment(hip, knee, colour_leg, 0.12)
            segment(knee, foot, colour_leg, 0.115)
            segment(foot, (foot[0] + 0.12, foot[1], 0.12), QColor("#4a4a4a"), 0.07)
        for _depth, draw in sorted(items, key=lambda item: item[0]):
            draw()
