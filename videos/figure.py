"""The demonstration figure: a pose (numbers) -> joint positions -> a drawing with QPainter.

World units are metres-ish: the floor is y = 0, y points up, angles are degrees measured
anticlockwise from +x. A limb is either given by angles (forward kinematics) or by where
its end should be (two-link inverse kinematics), so a foot or hand stays planted while the
body moves. Nothing here is random: the same pose always gives the same picture.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

# Segment lengths and thicknesses (world units).
LOWER_BACK, UPPER_BACK, NECK, HEAD_R = 0.22, 0.35, 0.08, 0.115
UPPER_ARM, FOREARM, HAND_R = 0.27, 0.24, 0.045
THIGH, SHIN, FOOT = 0.44, 0.43, 0.15
TORSO_W, LIMB_W, ARM_W = 0.21, 0.115, 0.085
MAT_TOP = 0.035  # the exercise mat's thickness

SKIN = QColor("#e8b99a")
SHIRT, SHIRT_FAR = QColor("#2f7fc1"), QColor("#8dbde4")
TROUSERS, TROUSERS_FAR = QColor("#35506b"), QColor("#8497ab")
SKIN_FAR = QColor("#f1d3c0")
OUTLINE = QColor("#27323d")


def direction(angle: float) -> tuple[float, float]:
    rad = math.radians(angle)
    return math.cos(rad), math.sin(rad)


def along(origin: tuple[float, float], angle: float, length: float) -> tuple[float, float]:
    dx, dy = direction(angle)
    return origin[0] + dx * length, origin[1] + dy * length


def two_link(root, target, first: float, second: float, bend: float) -> tuple[tuple[float, float], tuple[float, float]]:
    """Middle joint and end point of a two-segment limb reaching from root towards target."""
    dx, dy = target[0] - root[0], target[1] - root[1]
    distance = min(max(math.hypot(dx, dy), abs(first - second) + 1e-6), first + second - 1e-6)
    aim = math.degrees(math.atan2(dy, dx))
    cos_a = (first * first + distance * distance - second * second) / (2 * first * distance)
    opening = math.degrees(math.acos(max(-1.0, min(1.0, cos_a))))
    middle = along(root, aim + bend * opening, first)
    end = along(root, aim, distance)
    return middle, end


@dataclass
class Joints:
    pelvis: tuple[float, float]
    waist: tuple[float, float]
    shoulder: tuple[float, float]
    head: tuple[float, float]
    face_angle: float  # where the face points
    limbs: dict[str, tuple[tuple[float, float], ...]]  # name -> (root, middle, end[, toe])


def _target(spec, known: dict[str, tuple[float, float]]) -> tuple[float, float]:
    """A target is a point, or a blend of a point and named joints by weight."""
    if isinstance(spec, list):
        return spec[0], spec[1]
    point = spec.get("point", [0.0, 0.0])
    x, y, rest = 0.0, 0.0, 1.0
    for name, weight in spec.get("joints", {}).items():
        jx, jy = known[name]
        x, y, rest = x + weight * jx, y + weight * jy, rest - weight
    return x + rest * point[0] + spec.get("offset", [0, 0])[0], y + rest * point[1] + spec.get("offset", [0, 0])[1]


def solve(pose: dict) -> Joints:
    pelvis = tuple(pose["pelvis"])
    waist = along(pelvis, pose["trunk"], LOWER_BACK)
    upper = pose["trunk"] + pose.get("spine", 0.0)
    shoulder = along(waist, upper, UPPER_BACK)
    head_angle = upper + pose.get("head", 0.0)
    head = along(shoulder, head_angle, NECK + HEAD_R)
    known = {"pelvis": pelvis, "waist": waist, "shoulder": shoulder, "head": head}
    limbs: dict[str, tuple] = {}
    for side in ("far", "near"):
        leg = pose[f"{side}_leg"]
        if "foot" in leg:
            knee, ankle = two_link(pelvis, _target(leg["foot"], known), THIGH, SHIN, leg.get("bend", 1))
        else:
            knee = along(pelvis, leg["hip"], THIGH)
            ankle = along(knee, leg["hip"] - leg["knee"], SHIN)
        shin_angle = math.degrees(math.atan2(ankle[1] - knee[1], ankle[0] - knee[0]))
        toe = along(ankle, leg["toe"] if "toe" in leg else shin_angle + leg.get("ankle", 90), FOOT)
        limbs[f"{side}_leg"] = (pelvis, knee, ankle, toe)
        known[f"{side}_knee"], known[f"{side}_ankle"] = knee, ankle
    for side in ("far", "near"):
        arm = pose[f"{side}_arm"]
        if "hand" in arm:
            elbow, hand = two_link(shoulder, _target(arm["hand"], known), UPPER_ARM, FOREARM, arm.get("bend", 1))
        else:
            elbow = along(shoulder, arm["shoulder"], UPPER_ARM)
            hand = along(elbow, arm["shoulder"] + arm["elbow"], FOREARM)
        limbs[f"{side}_arm"] = (shoulder, elbow, hand)
    return Joints(pelvis, waist, shoulder, head, head_angle - 90, limbs)


def lowest_point(joints: Joints) -> float:
    """Height of the lowest edge of the feet, so a walking figure can be kept on the floor."""
    ends = [joints.limbs[f"{side}_leg"][i][1] for side in ("far", "near") for i in (2, 3)]
    return min(ends) - LIMB_W / 2


class SideView:
    """Maps world units to pixels and draws the figure, mat and floor seen from the side."""

    def __init__(self, width: int, height: int, scale: float, centre: tuple[float, float], floor_px: float):
        self.width, self.height, self.scale = width, height, scale
        self.cx, self.cy = centre
        self.floor_px = floor_px

    def p(self, point: tuple[float, float]) -> QPointF:
        return QPointF(self.width / 2 + (point[0] - self.cx) * self.scale, self.floor_px - point[1] * self.scale)

    def pen(self, colour: QColor, width: float) -> QPen:
        pen = QPen(colour, width * self.scale)
        pen.setCapStyle(Qt.RoundCap)
        pen.setJoinStyle(Qt.RoundJoin)
        return pen

    def draw_scene(self, painter: QPainter, mat: tuple[float, float] | None, ground_shift: float) -> None:
        painter.fillRect(QRectF(0, 0, self.width, self.height), QColor("#f4f1ea"))
        painter.fillRect(QRectF(0, self.floor_px, self.width, self.height - self.floor_px), QColor("#d9cfbd"))
        painter.setPen(QPen(QColor("#8a7a60"), 3))
        painter.drawLine(QPointF(0, self.floor_px), QPointF(self.width, self.floor_px))
        if mat:
            left, right = self.p((mat[0], MAT_TOP)), self.p((mat[1], 0.0))
            painter.setPen(Qt.NoPen)
            painter.setBrush(QColor("#5aa88f"))
            painter.drawRoundedRect(QRectF(left, right), 5, 5)
        if ground_shift is not None:  # marks on the floor that slide past a walking figure
            painter.setPen(QPen(QColor("#b9ab91"), 2))
            spacing = 0.5
            offset = -(ground_shift % spacing)
            x = self.cx - self.width / 2 / self.scale + offset
            while x < self.cx + self.width / 2 / self.scale + spacing:
                a = self.p((x, 0))
                painter.drawLine(a + QPointF(0, 10), a + QPointF(-18, 24))
                x += spacing

    def draw_figure(self, painter: QPainter, joints: Joints) -> None:
        painter.setBrush(Qt.NoBrush)
        self._limb(painter, joints.limbs["far_arm"], ARM_W, SHIRT_FAR, SKIN_FAR)
        self._leg(painter, joints.limbs["far_leg"], TROUSERS_FAR, SKIN_FAR)
        torso = QPainterPath(self.p(joints.pelvis))
        # A curve through the waist, so a rounded or arched back looks like one.
        pelvis, waist, shoulder = joints.pelvis, joints.waist, joints.shoulder
        control = (2 * waist[0] - (pelvis[0] + shoulder[0]) / 2, 2 * waist[1] - (pelvis[1] + shoulder[1]) / 2)
        torso.quadTo(self.p(control), self.p(shoulder))
        painter.setPen(self.pen(OUTLINE, TORSO_W + 0.02))
        painter.drawPath(torso)
        painter.setPen(self.pen(SHIRT, TORSO_W))
        painter.drawPath(torso)
        # Hips in trouser colour, so the body reads as shirt above and trousers below.
        painter.setPen(self.pen(TROUSERS, TORSO_W))
        painter.drawPoint(self.p(joints.pelvis))
        self._head(painter, joints)
        self._leg(painter, joints.limbs["near_leg"], TROUSERS, SKIN)
        self._limb(painter, joints.limbs["near_arm"], ARM_W, SHIRT, SKIN)

    def _limb(self, painter, points, width, colour, skin) -> None:
        path = QPainterPath(self.p(points[0]))
        for point in points[1:]:
            path.lineTo(self.p(point))
        painter.setPen(self.pen(OUTLINE, width + 0.02))
        painter.drawPath(path)
        painter.setPen(self.pen(colour, width))
        painter.drawPath(path)
        painter.setPen(self.pen(OUTLINE, 0.01))
        painter.setBrush(skin)
        painter.drawEllipse(self.p(points[-1]), HAND_R * self.scale, HAND_R * self.scale)
        painter.setBrush(Qt.NoBrush)

    def _leg(self, painter, points, colour, skin) -> None:
        hip, knee, ankle, toe = points
        painter.setPen(self.pen(OUTLINE, 0.07))
        painter.drawLine(self.p(ankle), self.p(toe))
        painter.setPen(self.pen(QColor("#4a4a4a"), 0.05))
        painter.drawLine(self.p(ankle), self.p(toe))
        path = QPainterPath(self.p(hip))
        path.lineTo(self.p(knee))
        path.lineTo(self.p(ankle))
        painter.setPen(self.pen(OUTLINE, LIMB_W + 0.02))
        painter.drawPath(path)
        painter.setPen(self.pen(colour, LIMB_W))
        painter.drawPath(path)

    def _head(self, painter, joints: Joints) -> None:
        r = HEAD_R * self.scale
        centre = self.p(joints.head)
        painter.setPen(self.pen(OUTLINE, 0.012))
        painter.setBrush(SKIN)
        painter.drawEllipse(centre, r, r)
        # Hair on the back of the head, an eye and a smile towards the face.
        up = joints.face_angle + 90
        hair = QPainterPath()
        rect = QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r)
        hair.arcMoveTo(rect, up - 10)
        hair.arcTo(rect, up - 10, 150)
        painter.setPen(self.pen(QColor("#6b4a35"), 0.04))
        painter.setBrush(Qt.NoBrush)
        painter.drawPath(hair)
        eye = self.p(along(along(joints.head, joints.face_angle, HEAD_R * 0.55), up, HEAD_R * 0.2))
        painter.setPen(Qt.NoPen)
        painter.setBrush(OUTLINE)
        painter.drawEllipse(eye, r * 0.11, r * 0.11)
        painter.setBrush(Qt.NoBrush)
        painter.setPen(self.pen(OUTLINE, 0.012))
        mouth = QRectF(centre.x() - r * 0.75, centre.y() - r * 0.75, r * 1.5, r * 1.5)
        painter.drawArc(mouth, round((joints.face_angle - 35) * 16), 40 * 16)

    def draw_arrow(self, painter: QPainter, arrow: dict) -> None:
        """A curved arrow showing which way to move; it fades in and out with 'alpha'."""
        alpha = max(0.0, min(1.0, arrow.get("alpha", 1.0)))
        if alpha < 0.02:
            return
        colour = QColor("#e07b24")
        colour.setAlphaF(alpha)
        centre, radius = arrow["at"], arrow["radius"]
        start, end = arrow["from"], arrow["to"]
        steps = 24
        points = [self.p(along(centre, start + (end - start) * i / steps, radius)) for i in range(steps + 1)]
        path = QPainterPath(points[0])
        for point in points[1:]:
            path.lineTo(point)
        painter.setBrush(Qt.NoBrush)
        painter.setPen(self.pen(colour, 0.025))
        painter.drawPath(path)
        tip = along(centre, end, radius)
        heading = end + (90 if end > start else -90)  # the arc's direction at its end
        wing = 0.07
        head = QPainterPath(self.p(tip))
        head.lineTo(self.p(along(tip, heading + 150, wing)))
        head.lineTo(self.p(along(tip, heading - 150, wing)))
        head.closeSubpath()
        painter.setPen(Qt.NoPen)
        painter.setBrush(colour)
        painter.drawPath(head)
        painter.setBrush(Qt.NoBrush)


def back_edge(joints: Joints, upto: float = 0.55, steps: int = 16) -> list[tuple[float, float]]:
    """Points along the underside of the lower back: the torso's curve from the pelvis towards the
    waist, moved half the torso's width to its floor side."""
    pelvis, waist, shoulder = joints.pelvis, joints.waist, joints.shoulder
    control = (2 * waist[0] - (pelvis[0] + shoulder[0]) / 2, 2 * waist[1] - (pelvis[1] + shoulder[1]) / 2)
    points = []
    for i in range(steps + 1):
        t = upto * i / steps
        x = (1 - t) ** 2 * pelvis[0] + 2 * (1 - t) * t * control[0] + t * t * shoulder[0]
        y = (1 - t) ** 2 * pelvis[1] + 2 * (1 - t) * t * control[1] + t * t * shoulder[1]
        dx = 2 * (1 - t) * (control[0] - pelvis[0]) + 2 * t * (shoulder[0] - control[0])
        dy = 2 * (1 - t) * (control[1] - pelvis[1]) + 2 * t * (shoulder[1] - control[1])
        length = math.hypot(dx, dy) or 1.0
        nx, ny = -dy / length, dx / length
        if ny > 0:  # the floor side
            nx, ny = -nx, -ny
        points.append((x + nx * TORSO_W / 2, y + ny * TORSO_W / 2))
    return points


def draw_lower_back(view: SideView, painter: QPainter, joints: Joints, spec: dict, floor_y: float,
                    figure_drawn: bool) -> None:
    """The pelvic tilt made visible: the space under the lower back shaded (it closes as the back
    presses down), then, over the figure, the lower back and pelvis outlined in a bright colour."""
    alpha = max(0.0, min(1.0, spec.get("alpha", 1.0)))
    edge = back_edge(joints)
    if not figure_drawn:
        gap = QPainterPath(view.p((edge[0][0], floor_y)))
        for x, y in edge:
            gap.lineTo(view.p((x, max(y, floor_y))))
        gap.lineTo(view.p((edge[-1][0], floor_y)))
        gap.closeSubpath()
        shade = QColor("#f2a33a")
        shade.setAlphaF(0.55 * alpha)
        painter.setPen(Qt.NoPen)
        painter.setBrush(shade)
        painter.drawPath(gap)
        painter.setBrush(Qt.NoBrush)
        return
    glow = QColor("#ffd166")
    glow.setAlphaF(alpha)
    path = QPainterPath(view.p(edge[0]))
    for point in edge[1:]:
        path.lineTo(view.p(point))
    painter.setPen(view.pen(OUTLINE, 0.034))
    painter.drawPath(path)
    painter.setPen(view.pen(glow, 0.022))
    painter.drawPath(path)
    # The pelvis as a tilted bar through the hip, so its rocking shows.
    tilt = spec.get("pelvis_angle")
    if tilt is not None:
        half = TORSO_W * 0.42
        a, b = along(joints.pelvis, tilt, half), along(joints.pelvis, tilt + 180, half)
        painter.setPen(view.pen(OUTLINE, 0.05))
        painter.drawLine(view.p(a), view.p(b))
        painter.setPen(view.pen(glow, 0.034))
        painter.drawLine(view.p(a), view.p(b))
