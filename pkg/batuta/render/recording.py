"""The recording: the upload / dispatch / read-back commands an engine replays.

A recording is plain data (vello's ``recording.rs``): the GPU engine (wgpu-py), the browser
engine (``web/render/webgpu.js``) and the CPU reference all replay the same list, and tests and
the cost model read it without a GPU. Buffers are named; ``Upload`` fills one from a named blob
of the encoding, ``Create`` makes a zero-filled one, ``Clear`` zeroes one again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from batuta.errors import RenderError

WORKGROUP_2D = 8  # shaders/*.wgsl per-pixel passes use @workgroup_size(8, 8)
WORKGROUP_1D = 256  # points, hist_bin: @workgroup_size(256); shapes, points_composite: 16x16
MAX_WORKGROUPS = 65535


@dataclass(frozen=True)
class Upload:
    buffer: str
    blob: str


@dataclass(frozen=True)
class Create:
    buffer: str
    size: int


@dataclass(frozen=True)
class Clear:
    buffer: str


@dataclass(frozen=True)
class Dispatch:
    """Run ``shaders/<pass_name>.wgsl`` with buffers bound to @binding(0..n) in order."""

    pass_name: str
    bindings: tuple[str, ...]
    workgroups: tuple[int, int, int]
    defines: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Readback:
    buffer: str


Op = Upload | Create | Clear | Dispatch | Readback

_KINDS: dict[str, type] = {"upload": Upload, "create": Create, "clear": Clear,
                           "dispatch": Dispatch, "readback": Readback}


def pixel_workgroups(width: int, height: int, side: int = WORKGROUP_2D) -> tuple[int, int, int]:
    """Workgroups covering a width x height image with side x side tiles."""
    return (-(-width // side), -(-height // side), 1)


def item_workgroups(n: int, per_group: int = WORKGROUP_1D) -> tuple[int, int, int]:
    """Workgroups for ``n`` items, folded into 2-D past the 65535 per-dimension limit."""
    groups = max(1, -(-n // per_group))
    if groups <= MAX_WORKGROUPS:
        return (groups, 1, 1)
    rows = -(-groups // MAX_WORKGROUPS)
    if rows > MAX_WORKGROUPS:
        raise RenderError(f"{n} items exceed the dispatch limit", items=n)
    return (MAX_WORKGROUPS, rows, 1)


def to_json(ops: tuple[Op, ...]) -> list[dict[str, Any]]:
    """The JSON form the browser engine replays."""
    out: list[dict[str, Any]] = []
    for op in ops:
        kind = next(k for k, t in _KINDS.items() if isinstance(op, t))
        if isinstance(op, Dispatch):
            out.append({"op": kind, "pass": op.pass_name, "bindings": list(op.bindings),
                        "workgroups": list(op.workgroups), "defines": dict(op.defines)})
        else:
            out.append({"op": kind, **op.__dict__})
    return out


def from_json(items: list[dict[str, Any]]) -> tuple[Op, ...]:
    """Parse the JSON form back; unknown ops are a ``RenderError``."""
    ops: list[Op] = []
    for item in items:
        kind = item.get("op")
        if kind == "dispatch":
            ops.append(Dispatch(str(item["pass"]), tuple(item["bindings"]),
                                (int(item["workgroups"][0]), int(item["workgroups"][1]),
                                 int(item["workgroups"][2])),
                                tuple(sorted((str(k), int(v))
                                             for k, v in item.get("defines", {}).items()))))
        elif kind in _KINDS:
            fields = {k: v for k, v in item.items() if k != "op"}
            ops.append(_KINDS[kind](**fields))
        else:
            raise RenderError(f"unknown recording op {kind!r}")
    return tuple(ops)


def summary(ops: tuple[Op, ...], blob_sizes: dict[str, int]) -> dict[str, int]:
    """Counts the cost model and tests read: bytes uploaded, dispatches, invocations."""
    uploaded = sum(blob_sizes.get(op.blob, 0) for op in ops if isinstance(op, Upload))
    dispatches = [op for op in ops if isinstance(op, Dispatch)]
    invocations = 0
    for op in dispatches:
        x, y, z = op.workgroups
        wide = ("points", "hist_bin", "shapes", "points_composite")
        size = WORKGROUP_1D if op.pass_name in wide else WORKGROUP_2D ** 2
        invocations += x * y * z * size
    return {"bytes_uploaded": uploaded, "dispatches": len(dispatches),
            "invocations": invocations,
            "readbacks": sum(isinstance(op, Readback) for op in ops)}
