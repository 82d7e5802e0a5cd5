"""Build the offline browser bundle ``dist/`` and serve it on 127.0.0.1.

``dist/`` holds: the Pyodide runtime from the pinned npm package (``pyodide/``), the ``batuta``
wheel and every runtime dependency as a pure-Python wheel (``wheels/``), the packages the browser
imports merged into ``site-packages.zip`` with their bytecode (``tools/build_site.py``; the
stdlib zip gets bytecode too), ``web/``, ``shaders/``, ``static/``, the sample project as a zip,
an optional Pyodide memory snapshot (``snapshot/``, named by content hash), and
``manifest.json``: the wheel list, the site zip, the snapshot, and every file with its SHA-256
(the service worker's precache list). Same inputs give byte-identical output.

Usage:
    python build.py                     build dist/ (with a memory snapshot)
    python build.py --no-snapshot       build without the snapshot (normal boot only)
    python build.py --serve-only --sample   serve dist/ and print the playground URL
"""

from __future__ import annotations

import argparse
import email.utils
import functools
import hashlib
import http.server
import json
import math
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import tomllib
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tools import snapshot_format  # the snapshot file without its zero pages
from tools.build_extension import build_extension  # issue 7 surfaces (browser extension)
from tools.build_pyscript import add_pyscript  # issue 7 surfaces (PyScript page)
from tools.build_site import add_site_packages  # the worker's one zip of packages + bytecode
from tools.precompress import has_variants, precompress, variant  # .br/.gz beside files

ROOT = Path(__file__).resolve().parent
DIST = ROOT / "dist"
CACHE = ROOT / ".cache" / "wheels"
PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                 "pyodide-lock.json", "package.json")
PY_VERSION = "3.14"
EPOCH = 315532800  # 1980-01-01, the earliest zip timestamp: deterministic archives
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; "
       "connect-src 'self'; img-src 'self' data: blob:; style-src 'self'; font-src 'self'; "
       "object-src 'none'; base-uri 'self'; form-action 'self'")
# Issue 7: PyScript builds its worker hooks with Function(), so its page alone gets 'unsafe-eval'.
CSP_PYSCRIPT = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'")
MIME = {".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm",
        ".webmanifest": "application/manifest+json", ".json": "application/json",
        ".wgsl": "text/plain", ".whl": "application/zip", ".bin": "application/octet-stream",
        ".zip": "application/zip", ".ts": "text/plain"}


class BuildError(RuntimeError):
    """The bundle cannot be built (missing npm package, impure wheel, pip failure)."""


def log(msg: str) -> None:
    print(f"[build] {msg}", file=sys.stderr, flush=True)


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# --- wheels --------------------------------------------------------------------------------------
def runtime_requirements() -> list[str]:
    """The pinned runtime dependencies from pyproject.toml."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return sorted(project.get("dependencies", []))


def check_pure(wheel: Path) -> None:
    """Fail loudly unless ``wheel`` is a pure-Python wheel the browser can use."""
    parts = wheel.name[:-4].split("-")
    python, abi, platform = parts[-3], parts[-2], parts[-1]
    if abi != "none" or platform != "any" or not set(python.split(".")) <= {"py3", "py2"}:
        raise BuildError(f"{wheel.name} is not a pure-Python wheel (py3-none-any); the browser "
                         "bundle can only ship pure wheels")


def dependency_wheels(requirements: list[str]) -> list[Path]:
    """Download (once; cached under .cache/wheels) the pure wheels of the runtime deps."""
    key = hashlib.sha256(json.dumps(requirements).encode()).hexdigest()[:16]
    stamp = CACHE / f"set-{key}.json"
    if stamp.exists():
        names = json.loads(stamp.read_text())
        if all((CACHE / n).exists() for n in names):
            return [CACHE / n for n in names]
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
               "--only-binary=:all:", "--python-version", PY_VERSION, "--platform", "any",
               "--implementation", "py", "--abi", "none", "-d", tmp, *requirements]
        log("pip download " + " ".join(requirements))
        if subprocess.run(cmd, check=False).returncode != 0:
            raise BuildError("pip download of the runtime dependencies failed")
        names = sorted(p.name for p in Path(tmp).glob("*.whl"))
        for n in names:
            shutil.copy2(Path(tmp) / n, CACHE / n)
    for n in names:
        check_pure(CACHE / n)
    stamp.write_text(json.dumps(names))
    return [CACHE / n for n in names]


def batuta_wheel(out: Path) -> Path:
    """Build the batuta wheel with ``pip wheel --no-deps`` (SOURCE_DATE_EPOCH: reproducible).

    It builds from a private copy of the sources, so concurrent builds and a stale ``build/``
    folder in the checkout cannot leak into (or break) the wheel.
    """
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH), "PYTHONHASHSEED": "0"}
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
        shutil.copytree(ROOT / "pkg", src / "pkg", ignore=ignore)
        # shaders/ is the one source of WGSL; the installed package carries a copy of it.
        shutil.copytree(ROOT / "shaders", src / "pkg/batuta/render/shaders")
        for name in ("pyproject.toml", "README.md", "LICENSE"):
            if (ROOT / name).exists():
                shutil.copyfile(ROOT / name, src / name)
        cmd = [sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check",
               "--no-deps", "-w", tmp, str(src)]
        if subprocess.run(cmd, check=False, env=env).returncode != 0:
            raise BuildError("pip wheel of the batuta package failed")
        built = next(Path(tmp).glob("batuta-*.whl"))
        check_pure(built)
        target = out / built.name
        normalize_zip(built, target)
    return target


def normalize_zip(src: Path, dst: Path) -> None:
    """Rewrite a zip with sorted entries and fixed timestamps: equal content, equal bytes."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in sorted(zin.infolist(), key=lambda i: i.filename):
            zout.writestr(_zinfo(info.filename, info.external_attr), zin.read(info))


def _zinfo(name: str, attr: int = 0o644 << 16) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, ZIP_DATE)
    info.external_attr = attr or (0o644 << 16)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def zip_tree(src: Path, dst: Path) -> None:
    """Zip a folder deterministically (sorted, fixed timestamps); used for the sample project."""
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for path in sorted(p for p in src.rglob("*") if p.is_file()):
            rel = path.relative_to(src).as_posix()
            if "__pycache__" in rel:
                continue
            zout.writestr(_zinfo(f"{src.name}/{rel}"), path.read_bytes())


# --- icons ---------------------------------------------------------------------------------------
def png(width: int, height: int, rows: Iterable[bytes]) -> bytes:
    """Encode 8-bit RGB rows as a PNG (deterministic: fixed zlib level, no timestamps)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    raw = b"".join(b"\0" + row for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


def icon(size: int) -> bytes:
    """The app icon: a white conductor's baton across a navy square."""
    bg, fg, tip = (0x12, 0x35, 0x5B), (0xFF, 0xFF, 0xFF), (0xF2, 0xB1, 0x34)
    x0, y0, x1, y1 = 0.22 * size, 0.80 * size, 0.80 * size, 0.22 * size
    dx, dy = x1 - x0, y1 - y0
    length2 = dx * dx + dy * dy
    rows = []
    for y in range(size):
        row = bytearray()
        for x in range(size):
            t = max(0.0, min(1.0, ((x - x0) * dx + (y - y0) * dy) / length2))
            dist = math.hypot(x - (x0 + t * dx), y - (y0 + t * dy))
            width = size * (0.075 - 0.05 * t)  # thick handle, thin tip
            colour = (tip if t < 0.22 else fg) if dist <= width else bg
            row += bytes(colour)
        rows.append(bytes(row))
    return png(size, size, rows)


def write_icons(dst: Path) -> None:
    dst.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        (dst / f"icon-{size}.png").write_bytes(icon(size))


# --- tree copy -----------------------------------------------------------------------------------
def copy_tree(src: Path, dst: Path) -> None:
    if not src.exists():
        return
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        if path.is_dir() or "__pycache__" in rel.parts or path.name.startswith("."):
            continue
        (dst / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dst / rel)


# --- the playground editor (issue 17) ------------------------------------------------------------
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"
EDITOR_SRC = ROOT / "web" / "editor" / "editor.js"


def bundle_editor(dst: Path) -> None:
    """CodeMirror 6 and web/editor/editor.js as one minified ES module, dist/editor/editor.js.

    esbuild is pinned in package-lock.json; the bundle holds only what the editor imports."""
    if not ESBUILD.exists():
        raise BuildError("node_modules/.bin/esbuild is missing: run `npm ci` first")
    out = dst / "editor" / "editor.js"
    cmd = [str(ESBUILD), str(EDITOR_SRC), "--bundle", "--format=esm", "--minify",
           "--target=es2020", "--legal-comments=none", f"--outfile={out}", "--log-level=warning"]
    if subprocess.run(cmd, check=False, cwd=ROOT).returncode != 0:
        raise BuildError("esbuild could not bundle web/editor/editor.js")


def write_limits(dst: Path) -> None:
    """limits.json: the input bounds the core enforces, so the page can refuse an oversized
    paste before sending it to the worker. One source of truth, ``batuta.limits``: the page
    guard's own constants (web/elements/batuta-guard.js) must equal it, or the build stops."""
    if str(ROOT / "pkg") not in sys.path:  # build.py may run outside the project's venv
        sys.path.insert(0, str(ROOT / "pkg"))
    from batuta import limits as lim

    values = lim.js_limits()
    guard = (ROOT / "web" / "elements" / "batuta-guard.js").read_text()
    for js_name, key in (("DOCS_MAX_CHARS", "docs_chars"),
                         ("EXTENSION_MAX_CHARS", "extension_chars")):
        found = re.search(rf"export const {js_name} = ([\d_]+);", guard)
        if found is None or int(found.group(1).replace("_", "")) != values[key]:
            raise BuildError(f"batuta-guard.js {js_name} differs from batuta.limits "
                             f"({values[key]}): change it in pkg/batuta/limits.py and there")
    (dst / "limits.json").write_text(json.dumps(values, sort_keys=True) + "\n")


def copy_pyodide(dst: Path) -> str:
    if not (PYODIDE_NPM / "pyodide.mjs").exists():
        raise BuildError("node_modules/pyodide is missing: run `npm ci` first")
    dst.mkdir(parents=True)
    for name in PYODIDE_FILES:
        shutil.copyfile(PYODIDE_NPM / name, dst / name)
    version: str = json.loads((PYODIDE_NPM / "package.json").read_text())["version"]
    return version


def file_list(dist: Path, skip: Iterable[str]) -> dict[str, str]:
    skipped = set(skip)
    return {p.relative_to(dist).as_posix(): sha256(p) for p in sorted(dist.rglob("*"))
            if p.is_file() and p.relative_to(dist).as_posix() not in skipped}


def write_manifest(dist: Path, meta: dict[str, Any]) -> str:
    files = file_list(dist, {"manifest.json", "sw.js"})
    digest = hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()[:16]
    manifest = {**meta, "build": digest, "files": files}
    (dist / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    sw = dist / "sw.js"
    if sw.exists():  # the build id in sw.js makes the browser install the new service worker
        sw.write_text(sw.read_text().replace("__BUILD_ID__", digest))
    return digest


# --- build ---------------------------------------------------------------------------------------
def build(dist: Path = DIST, *, snapshot: bool = True) -> dict[str, Any]:
    """Build ``dist`` from scratch and return its manifest."""
    # A private staging folder: several builds may run at once (tests build when dist/ is
    # missing), and none may delete another's work.
    dist.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dist.name}-", dir=dist.parent))
    try:
        return _build_into(tmp, dist, snapshot=snapshot)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _build_into(tmp: Path, dist: Path, *, snapshot: bool) -> dict[str, Any]:
    pyodide_version = copy_pyodide(tmp / "pyodide")
    wheels_dir = tmp / "wheels"
    wheels_dir.mkdir()
    wheels = [batuta_wheel(wheels_dir)]
    for dep in dependency_wheels(runtime_requirements()):
        shutil.copyfile(dep, wheels_dir / dep.name)
        wheels.append(wheels_dir / dep.name)
    copy_tree(ROOT / "web", tmp)
    bundle_editor(tmp)  # issue 17: replaces the copied editor source with its bundle
    write_limits(tmp)
    copy_tree(ROOT / "shaders", tmp / "shaders")
    copy_tree(ROOT / "static", tmp / "static")
    write_icons(tmp / "icons")
    sample = ROOT / "static" / "sample-project"
    if sample.is_dir():
        zip_tree(sample, tmp / "sample-project.zip")
    meta: dict[str, Any] = {
        "pyodide": pyodide_version,
        "wheels": sorted(f"wheels/{w.name}" for w in wheels),
        "sample": "sample-project.zip" if sample.is_dir() else None,
        "snapshot": None,
        # Before the snapshot: the snapshot's imports come from these zips, byte for byte.
        "site": add_site_packages(tmp, wheels),
    }
    add_pyscript(tmp, meta)  # issue 7: @pyscript/core runtime + pyscript.json (local wheels)
    (tmp / "manifest.json").write_text(json.dumps(meta))
    if snapshot:
        meta["snapshot"] = make_snapshot(tmp, meta)
    write_manifest(tmp, meta)
    manifest: dict[str, Any] = json.loads((tmp / "manifest.json").read_text())
    build_extension(tmp, manifest)  # issue 7: after the manifest, so the PWA never precaches it
    add_precompressed(tmp, manifest)  # last: the variants are in no file list
    old = dist.with_name(f".{dist.name}-old-{os.getpid()}")
    if dist.exists():
        dist.rename(old)
    tmp.rename(dist)  # the swap leaves dist/ complete at every moment but this one
    shutil.rmtree(old, ignore_errors=True)
    return manifest


def make_snapshot(dist: Path, meta: dict[str, Any]) -> str | None:
    """Boot Pyodide in headless Chromium with batuta imported and save its memory snapshot.

    Returns the snapshot's path inside ``dist`` (``snapshot/<sha256>.bin``), or None when the
    snapshot could not be made (the normal boot still works; the reason is logged loudly).
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        log("WARNING: playwright missing, no memory snapshot (normal boot only)")
        return None
    server, url = start_server(dist, port=0, accept_upload=True)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=shutil.which("chromium")
                                         or "/usr/bin/chromium", args=BROWSER_ARGS)
            page = browser.new_page()
            page.goto(url + "manifest.json")  # any same-origin page will do
            status = page.evaluate(SNAPSHOT_JS)
            browser.close()
    except Exception as exc:  # any failure falls back to the normal boot
        log(f"WARNING: memory snapshot failed ({exc}); normal boot only")
        return None
    finally:
        server.shutdown()
        server.server_close()
    data = getattr(server, "upload", None)
    if status != "ok" or not data:
        log(f"WARNING: memory snapshot failed ({status}); normal boot only")
        return None
    packed = snapshot_format.pack(data)  # zero pages dropped: less to read at every boot
    name = f"snapshot/{hashlib.sha256(packed).hexdigest()[:20]}.bin"
    (dist / "snapshot").mkdir(exist_ok=True)
    (dist / name).write_bytes(packed)
    log(f"memory snapshot {name}: {len(packed) / 1e6:.1f} MB ({len(data) / 1e6:.1f} MB of memory)")
    return name


BROWSER_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"]

SNAPSHOT_JS = """async () => {
  const worker = new Worker("worker.js", { type: "module" });
  const reply = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ error: { message: "timeout" } }), 120000);
    worker.onmessage = (ev) => { if (ev.data.type === "progress") return;
                                 clearTimeout(timer); resolve(ev.data); };
    worker.onerror = (ev) => { clearTimeout(timer); resolve({ error: { message: ev.message } }); };
    worker.postMessage({ id: 1, type: "makeSnapshot" });
  });
  worker.terminate();
  if (reply.error) return "worker: " + reply.error.message;
  const res = await fetch("__snapshot__", { method: "PUT", body: reply.snapshot });
  return res.ok ? "ok" : "upload failed " + res.status;
}"""


def add_precompressed(dist: Path, manifest: dict[str, Any]) -> None:
    """Brotli and gzip copies of every file the pages load, for ``Handler`` to send."""
    names = [*manifest["files"], "manifest.json", "sw.js"]
    log(f"pre-compressed {precompress(dist, names)} variants (.br, .gz)")


# --- serving -------------------------------------------------------------------------------------
class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files with the right MIME types, CSP and no-cache headers (the SW does caching)."""

    extensions_map = {  # noqa: RUF012 (the base class declares it as an instance variable)
        **http.server.SimpleHTTPRequestHandler.extensions_map, **MIME}

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy",  # issue 7: PyScript page, see CSP_PYSCRIPT
                         CSP_PYSCRIPT if self.path.split("?")[0] == "/pyscript.html" else CSP)
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def send_head(self) -> Any:
        # As a static host does: the .br/.gz made at build time when the browser accepts it
        # (tools/precompress.py), with Vary so no cache hands it to a client that does not.
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if not path.is_file() or not has_variants(path):
            return super().send_head()
        body, encoding = variant(path, self.headers.get("Accept-Encoding"))
        stat = body.stat()
        etag = f'"{stat.st_size:x}-{stat.st_mtime_ns:x}"'
        if self._not_modified(etag, stat.st_mtime):
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            return None
        source = body.open("rb")
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(stat.st_size))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        self.send_header("Vary", "Accept-Encoding")
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.end_headers()
        return source

    def _not_modified(self, etag: str, mtime: float) -> bool:
        """The request's validators (ETag first, else the date) match the file."""
        if "If-None-Match" in self.headers:
            return self.headers["If-None-Match"] == etag
        since = self.headers.get("If-Modified-Since")
        try:
            return since is not None and email.utils.parsedate_to_datetime(since).timestamp() \
                >= int(mtime)
        except (TypeError, ValueError, IndexError, OverflowError):
            return False

    def copyfile(self, source: Any, outputfile: Any) -> None:
        # sendfile: the kernel copies the 17 MB snapshot and the 10 MB wasm, leaving the CPU to
        # the browser booting beside us. A browser that drops a download it no longer needs
        # (a cancelled fetch, a closed tab) is not a server error worth a traceback.
        try:
            self.connection.sendfile(source)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def do_PUT(self) -> None:
        # Only the build-time server accepts one upload: the snapshot made in the browser.
        if not getattr(self.server, "accept_upload", False) or self.path != "/__snapshot__":
            self.send_error(405)
            return
        length = int(self.headers.get("Content-Length", "0"))
        self.server.upload = self.rfile.read(length)  # type: ignore[attr-defined]
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        if os.environ.get("BATUTA_SERVE_LOG"):
            super().log_message(format, *args)


def free_port(preferred: int) -> int:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", preferred))
        except OSError:
            s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(dist: Path = DIST, port: int = 0, *, accept_upload: bool = False
                 ) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``dist`` on 127.0.0.1 in a background thread; returns (server, base URL)."""
    handler = functools.partial(Handler, directory=str(dist))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    server.accept_upload = accept_upload  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DIST)
    parser.add_argument("--no-snapshot", action="store_true", help="skip the memory snapshot")
    parser.add_argument("--serve-only", action="store_true", help="serve the built dist/")
    parser.add_argument("--serve", action="store_true", help="build, then serve")
    parser.add_argument("--sample", action="store_true", help="open the sample project")
    parser.add_argument("--port", type=int, default=8000, help="preferred port (8000)")
    args = parser.parse_args(argv)
    try:
        if not args.serve_only:
            manifest = build(args.out, snapshot=not args.no_snapshot)
            log(f"built {args.out} ({len(manifest['files'])} files, build {manifest['build']}, "
                f"snapshot {manifest['snapshot'] or 'none'})")
        if args.serve_only or args.serve:
            return serve_forever(args.out, args.port, args.sample)
    except BuildError as exc:
        log(f"ERROR: {exc}")
        return 1
    return 0


def serve_forever(dist: Path, port: int, sample: bool) -> int:
    if not (dist / "manifest.json").exists():
        log(f"ERROR: {dist} is not built; run `python build.py` first")
        return 1
    server, url = start_server(dist, free_port(port))
    print(f"Batuta playground: {url}{'?sample=1' if sample else ''}", flush=True)
    print("Press Ctrl+C to stop.", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
