"""Pre-compressed copies of ``dist/`` files, made at build time and served as a static host would.

``build.py`` writes ``NAME.br`` (Brotli) and ``NAME.gz`` (gzip) beside every file of the build
that shrinks by at least 10 %; ``build.Handler`` sends the smallest variant the browser accepts,
with ``Content-Encoding`` and ``Vary: Accept-Encoding``. Nothing compresses at request time.

Why both: Chromium accepts Brotli (smaller: the memory snapshot is 5.3 MB as Brotli, 6.5 MB as
gzip), while gzip is what every client accepts (level 6 above 512 KB). Brotli quality 11 costs
~3 s a MB here, so files over 512 KB get quality 9 (the 17 MB snapshot: 2 s instead of 56 s,
12 % bigger; Pyodide's 1.2 MB JS: 0.06 s instead of 1.7 s, 11 % bigger). Archives and images
are already compressed and are skipped unread. The output is a pure function of the input
bytes, cached under ``.cache/precompressed/`` by SHA-256, so a rebuild of unchanged files
(Pyodide's, the test of deterministic builds) costs nothing.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterable
from pathlib import Path

import brotli  # build-time only (the `test` extra); the browser bundle never imports it

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache" / "precompressed"
MIN_SIZE = 1024  # a smaller file gains less than the headers cost
MAX_RATIO = 0.9  # keep a variant only if it saves 10 %
BIG = 512 * 1024  # above this, Brotli quality 9 (see the module docstring)
COMPRESSED = (".zip", ".whl", ".png", ".gz", ".br", ".tgz", ".jpg", ".woff2")
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))  # best first


def _compress(data: bytes, encoding: str) -> bytes:
    big = len(data) > BIG
    if encoding == "br":
        return bytes(brotli.compress(data, quality=9 if big else 11))
    # gzip is for clients without Brotli: level 6 on the big files (the snapshot: 3x faster
    # than 9 for 2 % more bytes). mtime=0: the same bytes every build.
    return gzip.compress(data, compresslevel=6 if big else 9, mtime=0)


def _cached(data: bytes, encoding: str, cache: Path) -> bytes:
    key = hashlib.sha256(data).hexdigest()
    path = cache / f"{key}.{encoding}"
    if path.exists():
        return path.read_bytes()
    out = _compress(data, encoding)
    cache.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.tmp-{id(out)}")
    tmp.write_bytes(out)
    tmp.replace(path)  # atomic: concurrent builds share the cache
    return out


def precompress(dist: Path, names: Iterable[str], *, cache: Path = CACHE) -> int:
    """Write ``.br`` and ``.gz`` beside each file of ``names`` (paths relative to ``dist``).

    Returns the number of variants written. Files that do not shrink enough get none.
    """
    written = 0
    for name in sorted(names):
        path = dist / name
        if name.endswith(COMPRESSED):
            continue
        data = path.read_bytes()
        if len(data) < MIN_SIZE:
            continue
        for encoding, suffix in ENCODINGS:
            out = _cached(data, encoding, cache)
            if len(out) <= MAX_RATIO * len(data):
                path.with_name(path.name + suffix).write_bytes(out)
                written += 1
    return written


def accepted(header: str | None) -> set[str]:
    """The codings an ``Accept-Encoding`` header accepts (``q=0`` refuses one)."""
    codings = set()
    for part in (header or "").split(","):
        name, _, params = part.strip().partition(";")
        q = params.strip().removeprefix("q=") if params.strip().startswith("q=") else "1"
        try:
            if float(q) > 0 and name.strip():
                codings.add(name.strip().lower())
        except ValueError:
            continue
    return codings


def variant(path: Path, accept_encoding: str | None) -> tuple[Path, str | None]:
    """The file to send for ``path``: its best accepted pre-compressed copy, or itself.

    A copy older than its file is stale (the file was edited after the build) and not sent.
    """
    codings = accepted(accept_encoding)
    mtime = path.stat().st_mtime_ns
    for encoding, suffix in ENCODINGS:
        candidate = path.with_name(path.name + suffix)
        if (encoding in codings or "*" in codings) and candidate.is_file() \
                and candidate.stat().st_mtime_ns >= mtime:
            return candidate, encoding
    return path, None


def has_variants(path: Path) -> bool:
    return any(path.with_name(path.name + suffix).is_file() for _, suffix in ENCODINGS)


__all__ = ["accepted", "has_variants", "precompress", "variant"]
