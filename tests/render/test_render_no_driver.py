"""With no GPU driver at all, native rendering falls back to the CPU reference, never a crash."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_app_render_without_any_vulkan_driver_uses_the_cpu_reference(tmp_path: Path) -> None:
    # An ICD list naming no file makes wgpu raise a plain RuntimeError when it looks for an
    # adapter; `app render` used to stop there with "unexpected RuntimeError".
    env = {**os.environ, "VK_ICD_FILENAMES": str(tmp_path / "none.json"),
           "WGPU_BACKEND_TYPE": "Vulkan"}
    out = tmp_path / "app.png"
    proc = subprocess.run(
        [sys.executable, "-m", "batuta", "app", "render",
         str(REPO / "static/apps/migration-dashboard"), "-o", str(out)],
        capture_output=True, text=True, env=env, timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
