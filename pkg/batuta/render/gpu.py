"""The wgpu-py engine: replays an encoding's recording offscreen and reads back RGBA.

Native only (imports ``wgpu``). Pipelines are cached per engine; every buffer and bind group of a
frame is destroyed when the frame ends and ``close()`` releases the rest, so object counts
return to where they started (``wgpu.diagnostics.object_counts``; tested).
"""

from __future__ import annotations

from types import TracebackType
from typing import Any

from batuta.errors import RenderError
from batuta.render import recording as rec
from batuta.render import shaders
from batuta.render.encoding import Encoding, histogram_encoding


class GpuEngine:
    """One wgpu device and its compute pipelines.

    Example:
        >>> with GpuEngine() as engine:  # doctest: +SKIP
        ...     rgba = engine.render(encode(scene))
    """

    def __init__(self, *, power_preference: str = "high-performance") -> None:
        try:
            import wgpu
        except ImportError as exc:
            raise RenderError("wgpu-py is not installed (pip install batuta[native])") from exc
        self._wgpu = wgpu
        adapter = wgpu.gpu.request_adapter_sync(power_preference=power_preference)
        if adapter is None:
            raise RenderError("no WebGPU adapter (install mesa-vulkan-drivers for lavapipe)")
        self.adapter_name = f"{adapter.info['device']} ({adapter.info['backend_type']})"
        limits = {k: adapter.limits[k] for k in ("max-storage-buffer-binding-size",
                                                 "max-buffer-size")}
        self._device: Any = adapter.request_device_sync(required_limits=limits)
        self._pipelines: dict[tuple[str, tuple[tuple[str, int], ...]], Any] = {}

    def __enter__(self) -> GpuEngine:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Release the pipelines and the device."""
        self._pipelines.clear()
        if self._device is not None:
            self._device.destroy()
            self._device = None

    def render(self, encoding: Encoding) -> bytes:
        """RGBA8 pixels (row-major, ``width*height*4`` bytes) of a scene encoding."""
        return self.run(encoding)["out"][: encoding.width * encoding.height * 4]

    def histogram(self, samples: Any, lo: float, hi: float, nbins: int) -> list[int]:
        """Bin counts through the ``hist_bin`` compute pass."""
        data = self.run(histogram_encoding(samples, lo, hi, nbins))["counts"]
        return list(memoryview(data).cast("I"))[:nbins]

    def run(self, encoding: Encoding) -> dict[str, bytes]:
        """Replay the recording; returns the bytes of every read-back buffer by name."""
        if self._device is None:
            raise RenderError("GPU engine is closed")
        wgpu, dev = self._wgpu, self._device
        usage = (wgpu.BufferUsage.STORAGE | wgpu.BufferUsage.COPY_SRC
                 | wgpu.BufferUsage.COPY_DST)
        buffers: dict[str, Any] = {}
        readbacks: list[str] = []
        encoder = dev.create_command_encoder()
        try:
            for op in encoding.recording:
                if isinstance(op, rec.Upload):
                    buffers[op.buffer] = dev.create_buffer_with_data(
                        data=encoding.blobs[op.blob], usage=usage)
                elif isinstance(op, rec.Create):
                    buffers[op.buffer] = dev.create_buffer(size=max(16, op.size), usage=usage)
                elif isinstance(op, rec.Clear):
                    encoder.clear_buffer(buffers[op.buffer])
                elif isinstance(op, rec.Dispatch):
                    self._dispatch(encoder, op, buffers)
                else:
                    readbacks.append(op.buffer)
            dev.queue.submit([encoder.finish()])
            return {name: bytes(dev.queue.read_buffer(buffers[name])) for name in readbacks}
        finally:
            for buf in buffers.values():
                buf.destroy()

    def _dispatch(self, encoder: Any, op: rec.Dispatch, buffers: dict[str, Any]) -> None:
        pipeline = self._pipeline(op.pass_name, op.defines)
        group = self._device.create_bind_group(
            layout=pipeline.get_bind_group_layout(0),
            entries=[{"binding": i, "resource": {"buffer": buffers[name], "offset": 0,
                                                 "size": buffers[name].size}}
                     for i, name in enumerate(op.bindings)])
        cpass = encoder.begin_compute_pass()
        cpass.set_pipeline(pipeline)
        cpass.set_bind_group(0, group)
        cpass.dispatch_workgroups(*op.workgroups)
        cpass.end()

    def _pipeline(self, name: str, defines: tuple[tuple[str, int], ...]) -> Any:
        key = (name, defines)
        if key not in self._pipelines:
            module = self._device.create_shader_module(code=shaders.load(name, defines))
            self._pipelines[key] = self._device.create_compute_pipeline(
                layout="auto", compute={"module": module, "entry_point": "main"})
        return self._pipelines[key]
