"""Where the WGSL lives: one canonical ``shaders/`` folder, found from a checkout or a wheel.

Order: ``$BATUTA_SHADER_DIR``; the repository's ``shaders/`` beside ``pkg/`` (source checkout and
editable installs); ``batuta/render/shaders`` inside an installed wheel, which ``build.py``
fills by copying the repository folder at build time (never edited there, so nothing diverges).
"""

from __future__ import annotations

import os
from pathlib import Path

from batuta.errors import RenderError


def shader_dir() -> Path:
    """The directory holding ``clear.wgsl``, ``shapes.wgsl``, ... and ``shared/``.

    Raises:
        RenderError: no candidate holds the shaders.
    """
    here = Path(__file__).resolve().parent
    candidates = [Path(os.environ["BATUTA_SHADER_DIR"])] if os.environ.get(
        "BATUTA_SHADER_DIR") else []
    candidates += [here.parents[2] / "shaders", here / "shaders"]
    for cand in candidates:
        if (cand / "shapes.wgsl").is_file():
            return cand
    raise RenderError("WGSL shaders not found; set BATUTA_SHADER_DIR to the repo's shaders/",
                      tried=[str(c) for c in candidates])
