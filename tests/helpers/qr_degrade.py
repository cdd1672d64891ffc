"""Deterministic camera frames of QR codes, clean and degraded, for decoder tests and benchmarks.

A frame is what the kiosk's camera would see: a 640×480 BGR picture of a receipt or a phone
screen showing a QR code, held somewhere in front of a cluttered background. The payloads are
the kinds of text people bring to the kiosk (receipt lookup URLs with case numbers, short
Chinese text, Chinese URLs, 电子证照-style JSON), encoded as UTF-8 in QR byte mode the way
domestic generators do it: most without an ECI header, some with ECI 26 (UTF-8).

Every frame comes from a seed, so a test or a benchmark run sees the same pixels every time.
Nothing here runs on the kiosk: tests and ``benchmarks/`` share this one definition of "a
degraded frame".
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray

from drivers.qr.render import render_qr

Image = NDArray[np.uint8]

FRAME_WIDTH = 640
FRAME_HEIGHT = 480

DEFAULT_SEED = 20261123


class Condition(Enum):
    """What went wrong between the code and the camera (one kind, or all of them at once)."""

    CLEAN = "clean"
    ROTATION = "rotation"
    BLUR = "blur"
    NOISE = "noise"
    LOW_CONTRAST = "low_contrast"
    PERSPECTIVE = "perspective"
    GLARE = "glare"
    JPEG = "jpeg"
    ALL = "all_at_once"


@dataclass(frozen=True)
class Sample:
    """One generated frame and the text its code carries."""

    payload: str
    condition: Condition
    seed: int
    eci: bool
    frame: Image


# -- payloads --------------------------------------------------------------------------------

_SHORT_CHINESE = (
    "办件查询",
    "预约取号",
    "不动产登记",
    "社保卡申领",
    "公积金提取",
    "营业执照",
    "已受理",
    "户籍证明",
    "一网通办",
    "告知承诺",
)
_MATTERS = ("不动产登记", "社保卡补领", "营业执照变更", "居住证办理", "住房公积金提取")
_NAMES = ("王秀英", "李建国", "张三", "陈𬌗", "欧阳明月", "刘洋")  # 𬌗 is outside the BMP
_ISSUERS = ("北京市公安局朝阳分局", "广州市市场监督管理局", "上海市不动产登记局")
_LICENCES = ("居民身份证", "营业执照", "不动产权证书", "结婚证", "驾驶证")
_PLATES = ("粤B·12345", "京A·8K2M7", "沪C·D3309")


def _case_number(rng: np.random.Generator) -> str:
    kiosk = "".join(f"{int(d):X}" for d in rng.integers(0, 16, size=8))
    day = f"2026{int(rng.integers(1, 13)):02d}{int(rng.integers(1, 29)):02d}"
    return f"T{kiosk}-{day}-{int(rng.integers(0, 1_000_000)):06d}"


def make_payload(rng: np.random.Generator, kind: int | None = None) -> str:
    """A realistic payload; ``kind`` 0–4 picks the family (URL, short Chinese, Chinese URL,
    电子证照 JSON, mixed text), else the generator does."""
    if kind is None:
        kind = int(rng.integers(0, 5))

    def pick(options: Sequence[str]) -> str:
        return options[int(rng.integers(0, len(options)))]

    match kind % 5:
        case 0:
            return f"https://zwfw.example.gov.cn/progress?case={_case_number(rng)}"
        case 1:
            return pick(_SHORT_CHINESE)
        case 2:
            return (
                f"https://zwfw.example.gov.cn/办件/查询?事项={pick(_MATTERS)}"
                f"&申请人={pick(_NAMES)}&办件编号={_case_number(rng)}"
            )
        case 3:
            licence = {
                "证照类型": pick(_LICENCES),
                "持证人": pick(_NAMES),
                "证照编号": f"{int(rng.integers(10**11, 10**12))}{int(rng.integers(0, 10**6)):06d}",
                "签发机关": pick(_ISSUERS),
                "有效期至": f"20{int(rng.integers(27, 46))}-0{int(rng.integers(1, 10))}-15",
            }
            return json.dumps(licence, ensure_ascii=False, separators=(",", ":"))
        case _:
            return (
                f"{pick(_PLATES)} {pick(_LICENCES)} 办件编号：SQ-{int(rng.integers(0, 10**6)):06d}"
            )


# -- scene -----------------------------------------------------------------------------------


@dataclass
class _Placement:
    """How the code sits in the frame: size, rotation, tilt and what it is shown on."""

    module_px: float
    angle: float = 0.0
    tilt_x: float = 0.0
    tilt_y: float = 0.0
    on_phone: bool = False


def _background(rng: np.random.Generator) -> NDArray[np.float32]:
    """A cluttered, unevenly lit room: smooth colour blobs and a few sharp-edged objects."""
    grey = rng.uniform(50, 190, size=(6, 8, 1))
    coarse = (grey + rng.uniform(-30, 30, size=(6, 8, 3))).astype(np.float32)
    frame = cv2.resize(coarse, (FRAME_WIDTH, FRAME_HEIGHT), interpolation=cv2.INTER_CUBIC)
    for _ in range(int(rng.integers(2, 6))):
        x, y = int(rng.integers(0, FRAME_WIDTH)), int(rng.integers(0, FRAME_HEIGHT))
        w, h = int(rng.integers(30, 200)), int(rng.integers(30, 200))
        colour = tuple(float(c) for c in rng.uniform(0, 255, size=3))
        cv2.rectangle(frame, (x, y), (x + w, y + h), colour, thickness=-1)
    return np.asarray(frame, dtype=np.float32)


def _carrier(
    qr: Image, module_px: float, on_phone: bool, rng: np.random.Generator
) -> tuple[NDArray[np.float32], float]:
    """The code on its carrier (receipt paper, or a phone screen with a dark bezel), rendered
    at a whole number of pixels per module at least twice the target, and that scale."""
    scale = max(2, math.ceil(module_px * 2))
    sheet = cv2.resize(qr, None, fx=scale, fy=scale, interpolation=cv2.INTER_NEAREST)
    sheet = sheet.astype(np.float32)
    margin = int(rng.integers(1, 5)) * scale  # paper or screen beyond the quiet zone
    sheet = cv2.copyMakeBorder(
        sheet, margin, margin, margin, margin, cv2.BORDER_CONSTANT, value=255.0
    )
    if on_phone:
        bezel = int(rng.integers(2, 5)) * scale
        sheet = cv2.copyMakeBorder(
            sheet, bezel, bezel, bezel, bezel, cv2.BORDER_CONSTANT, value=15.0
        )
    return np.asarray(sheet, dtype=np.float32), float(scale)


def _corners(
    side: float, placement: _Placement, centre: tuple[float, float]
) -> NDArray[np.float32]:
    """Where a square of ``side`` pixels lands after rotating and tilting it in 3-D and
    projecting it with a webcam-like focal length."""
    half = side / 2
    square = np.array([[-half, -half, 0], [half, -half, 0], [half, half, 0], [-half, half, 0]])
    ax, ay, az = (math.radians(a) for a in (placement.tilt_x, placement.tilt_y, placement.angle))
    rx = np.array([[1, 0, 0], [0, math.cos(ax), -math.sin(ax)], [0, math.sin(ax), math.cos(ax)]])
    ry = np.array([[math.cos(ay), 0, math.sin(ay)], [0, 1, 0], [-math.sin(ay), 0, math.cos(ay)]])
    rz = np.array([[math.cos(az), -math.sin(az), 0], [math.sin(az), math.cos(az), 0], [0, 0, 1]])
    points = square @ (rx @ ry @ rz).T
    focal = 600.0  # a 640×480 webcam has a horizontal field of view of about 55°
    depth = focal + points[:, 2]
    projected = points[:, :2] * (focal / depth)[:, None]
    return np.asarray(projected + np.array(centre), dtype=np.float32)


def _compose(
    qr: Image, placement: _Placement, rng: np.random.Generator
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """The frame (float BGR) with the carrier warped into it, and the carrier's mask."""
    frame = _background(rng)
    sheet, scale = _carrier(qr, placement.module_px, placement.on_phone, rng)
    side = sheet.shape[0] * placement.module_px / scale
    # Where the code itself (quiet zone included) lands around (0, 0); the carrier may run
    # off the edge of the picture, the code may not.
    code = _corners(qr.shape[0] * placement.module_px, placement, (0.0, 0.0))
    low, high = code.min(axis=0), code.max(axis=0)
    limits = [
        (4 - low[i], size - 4 - high[i]) for i, size in enumerate((FRAME_WIDTH, FRAME_HEIGHT))
    ]
    x, y = (float(rng.uniform(a, b)) if a < b else (a + b) / 2 for a, b in limits)
    centre = (x, y)
    n = float(sheet.shape[0])
    source = np.array([[0, 0], [n, 0], [n, n], [0, n]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(source, _corners(side, placement, centre))
    size = (FRAME_WIDTH, FRAME_HEIGHT)
    warped = cv2.warpPerspective(sheet, matrix, size, flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.ones_like(sheet), matrix, size, flags=cv2.INTER_LINEAR)
    # Paper is slightly warm, a phone screen slightly blue.
    tint = np.array([0.92, 0.97, 1.0] if not placement.on_phone else [1.0, 0.97, 0.93])
    carrier = warped[:, :, None] * tint.astype(np.float32)
    frame = frame * (1 - mask[:, :, None]) + carrier * mask[:, :, None]
    return np.asarray(frame, dtype=np.float32), np.asarray(mask, dtype=np.float32)


# -- degradations (each on a float BGR frame, returning a new one) ------------------------------


def _blur(
    frame: NDArray[np.float32], rng: np.random.Generator, strength: float
) -> NDArray[np.float32]:
    """Defocus (Gaussian) or hand shake (a line kernel); ``strength`` in pixels."""
    if rng.random() < 0.5:
        return np.asarray(cv2.GaussianBlur(frame, (0, 0), strength), dtype=np.float32)
    length = max(3, round(strength * 3))
    kernel = np.zeros((length, length), np.float32)
    kernel[length // 2, :] = 1.0
    rotation = cv2.getRotationMatrix2D(
        ((length - 1) / 2, (length - 1) / 2), float(rng.uniform(0, 180)), 1.0
    )
    turned = np.asarray(cv2.warpAffine(kernel, rotation, (length, length)), dtype=np.float32)
    turned /= max(float(turned.sum()), 1e-6)
    return np.asarray(cv2.filter2D(frame, -1, turned), dtype=np.float32)


def _noise(
    frame: NDArray[np.float32], rng: np.random.Generator, sigma: float
) -> NDArray[np.float32]:
    """Sensor noise in a dim room: Gaussian per channel plus a few dead/hot pixels."""
    noisy = frame + rng.standard_normal(frame.shape, dtype=np.float32) * np.float32(sigma)
    speckle = rng.random(frame.shape[:2]) < 0.004
    noisy[speckle] = rng.choice(np.array([0.0, 255.0], np.float32), size=(int(speckle.sum()), 1))
    return noisy


def _low_contrast(
    frame: NDArray[np.float32], rng: np.random.Generator, spread: tuple[float, float]
) -> NDArray[np.float32]:
    """Squeeze 0–255 into a narrow band, dark (backlit) or washed out (overexposed)."""
    width = float(rng.uniform(*spread))
    middle = float(rng.uniform(40 + width / 2, 215 - width / 2))
    return (frame - 127.5) * (width / 255.0) + middle


def _glare(
    frame: NDArray[np.float32],
    mask: NDArray[np.float32],
    rng: np.random.Generator,
    peak: tuple[float, float],
) -> NDArray[np.float32]:
    """A phone screen under the hall's lights: a brightness gradient, a specular highlight
    that lifts dark modules towards white, and a moiré pattern (screen pixels beating with the
    camera's sensor grid)."""
    ys, xs = np.mgrid[0:FRAME_HEIGHT, 0:FRAME_WIDTH].astype(np.float32)
    points = np.argwhere(mask > 0.5)
    cy, cx = points[int(rng.integers(0, len(points)))] if len(points) else (240, 320)
    radius = float(rng.uniform(25, 90))
    highlight = float(rng.uniform(*peak)) * np.exp(
        -((xs - cx) ** 2 + (ys - cy) ** 2) / (2 * radius**2)
    )
    direction = float(rng.uniform(0, 2 * math.pi))
    gradient = float(rng.uniform(20, 60)) * (
        (xs * math.cos(direction) + ys * math.sin(direction)) / FRAME_WIDTH
    )
    period = float(rng.uniform(2.5, 7.0))
    beat = float(rng.uniform(0, math.pi))
    moire = np.sin(
        (xs * math.cos(beat) + ys * math.sin(beat)) * (2 * math.pi / period)
        + 3.0 * np.sin(ys / float(rng.uniform(20, 60)))
    )
    amplitude = float(rng.uniform(0.06, 0.16))
    screen = frame * (1 + amplitude * moire)[:, :, None] + (highlight + gradient)[:, :, None]
    return np.asarray(frame * (1 - mask[:, :, None]) + screen * mask[:, :, None], np.float32)


def _jpeg(frame: Image, quality: int) -> Image:
    """Round-trip through a JPEG encoder (MJPEG webcams, or a photo of a photo)."""
    ok, data = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        return frame
    return np.asarray(cv2.imdecode(data, cv2.IMREAD_COLOR), dtype=np.uint8)


def _to_uint8(frame: NDArray[np.float32]) -> Image:
    return np.asarray(np.clip(frame + 0.5, 0, 255), dtype=np.uint8)


# -- frames ----------------------------------------------------------------------------------


def degraded_frame(payload: str, condition: Condition, seed: int, *, eci: bool = False) -> Image:
    """A 640×480 BGR frame of ``payload``'s code under ``condition``, the same for the same
    arguments."""
    rng = np.random.default_rng([seed, list(Condition).index(condition)])
    qr = render_qr(payload, eci=eci)
    modules = qr.shape[0]
    # Held at a comfortable distance the code (quiet zone included) spans 140–330 px, small
    # enough to stay whole in the 480 px frame at any rotation; at least 2.5 px per module,
    # or no decoder stands a chance.
    module_px = min(max(2.5, float(rng.uniform(140, 330)) / modules), 9.0)
    c, every = condition, condition is Condition.ALL
    # Held by hand, a code is never quite upright.
    placement = _Placement(module_px=module_px, angle=float(rng.uniform(-4, 4)))
    placement.on_phone = c is Condition.GLARE or every or rng.random() < 0.3
    if c is Condition.ROTATION or every:
        placement.angle = float(rng.uniform(0, 360))
    if c is Condition.PERSPECTIVE or every:
        most = 55 if c is Condition.PERSPECTIVE else 35  # degrees of tilt towards the camera
        placement.tilt_x, placement.tilt_y = (float(t) for t in rng.uniform(-most, most, 2))
    frame, mask = _compose(qr, placement, rng)
    # Single conditions go to the edge of what a decoder can read; "all at once" combines
    # milder doses of every one, as a real bad frame does.
    if c is Condition.GLARE or every:
        frame = _glare(frame, mask, rng, peak=(80, 180) if every else (120, 260))
    if c is Condition.LOW_CONTRAST or every:
        frame = _low_contrast(frame, rng, spread=(40, 110) if every else (10, 40))
    if c is Condition.BLUR or every:
        frame = _blur(frame, rng, float(rng.uniform(*((0.8, 1.6) if every else (1.0, 2.2)))))
    else:  # every camera's optics blur a little
        frame = np.asarray(cv2.GaussianBlur(frame, (0, 0), 0.5), dtype=np.float32)
    if c is Condition.NOISE or every:
        frame = _noise(frame, rng, float(rng.uniform(*((6, 15) if every else (15, 45)))))
    else:  # and every sensor has a little noise
        frame += rng.standard_normal(frame.shape, dtype=np.float32) * 1.5
    image = _to_uint8(frame)
    if c is Condition.JPEG or every:
        image = _jpeg(image, int(rng.integers(*((20, 50) if every else (5, 20)))))
    return image


def sample(condition: Condition, index: int, *, seed: int = DEFAULT_SEED) -> Sample:
    """Sample ``index`` of ``condition`` in the set for ``seed``: payload families in turn,
    every fourth code with an ECI header. The same index gives the same payload in every
    condition, so conditions compare like with like."""
    frame_seed = seed * 1_000_003 + index
    payload = make_payload(np.random.default_rng([frame_seed, 7]), kind=index % 5)
    eci = index % 4 == 3
    frame = degraded_frame(payload, condition, frame_seed, eci=eci)
    return Sample(payload, condition, frame_seed, eci, frame)


def blank_frame(seed: int) -> Image:
    """A frame with no code in it: the hall, as the camera sees it while nobody is there."""
    rng = np.random.default_rng([seed, 99])
    frame = np.asarray(cv2.GaussianBlur(_background(rng), (0, 0), 0.5), dtype=np.float32)
    frame += rng.standard_normal(frame.shape, dtype=np.float32) * 1.5
    return _to_uint8(frame)


class EmptyScene(Enum):
    """What an idle camera sees when no code is held up."""

    BLANK = "blank"  # a plain wall or a closed shutter: flat grey and sensor noise
    NOISE = "noise"  # noise all over: a covered lens at full gain
    HALL = "hall"  # the hall as it is (``blank_frame``)
    BLURRED = "blurred"  # the hall out of focus, or smeared by a passer-by
    DEGRADED = "degraded"  # the hall through a noisy sensor and a cheap MJPEG webcam
    DARK = "dark"  # the hall at night, lights dimmed: little contrast, the same noise


def empty_frame(scene: EmptyScene, seed: int) -> Image:
    """A 640×480 BGR frame without a code, of the kind ``scene``, the same for the same
    arguments."""
    rng = np.random.default_rng([seed, 98, list(EmptyScene).index(scene)])
    shape = (FRAME_HEIGHT, FRAME_WIDTH, 3)
    if scene is EmptyScene.BLANK:
        grey = np.full(shape, float(rng.uniform(60, 200)), np.float32)
        return _to_uint8(grey + rng.standard_normal(shape, dtype=np.float32) * 1.5)
    if scene is EmptyScene.NOISE:
        return np.asarray(rng.integers(0, 256, size=shape), dtype=np.uint8)
    hall = np.asarray(cv2.GaussianBlur(_background(rng), (0, 0), 0.5), dtype=np.float32)
    if scene is EmptyScene.BLURRED:
        hall = _blur(hall, rng, float(rng.uniform(1.5, 4.0)))
    elif scene is EmptyScene.DEGRADED:
        hall = _noise(hall, rng, float(rng.uniform(8, 25)))
    elif scene is EmptyScene.DARK:
        hall = _low_contrast(hall, rng, spread=(10, 40))
    if scene is not EmptyScene.DEGRADED:
        hall += rng.standard_normal(shape, dtype=np.float32) * 1.5
    image = _to_uint8(hall)
    if scene is EmptyScene.DEGRADED:
        image = _jpeg(image, int(rng.integers(10, 40)))
    return image


def write_clip(path: Path, frames: Sequence[Image], fps: float = 10.0) -> Path:
    """A recorded clip of ``frames`` (MJPG in AVI, which every OpenCV build writes and reads),
    standing for what a camera filmed."""
    height, width = frames[0].shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), fps, (width, height))
    if not writer.isOpened():
        raise RuntimeError(f"OpenCV cannot write {path}")
    try:
        for frame in frames:
            writer.write(frame)
    finally:
        writer.release()
    return path
