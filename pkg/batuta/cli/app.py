"""``batuta app validate | render | score | serve | show | export APP_DIR``: YAML apps natively.

``validate`` loads and checks the app (errors name file, line, column); ``render`` writes the
app as a PNG through wgpu-py (NumPy CPU fallback); ``score`` prints the quality score;
``serve`` serves the browser bundle ``dist/`` with the app folder on 127.0.0.1 (``--engine panel``:
the app on Panel's server instead); ``show`` opens a live window and ``export`` writes standalone
interactive HTML (both in ``batuta.desktop``).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import sys
import threading
import urllib.parse
from pathlib import Path
from typing import Any

from batuta.cli._common import EXIT_OK, add_common_options, print_json
from batuta.errors import InvalidArgumentError, OutputWriteError, SourceNotFoundError
from batuta.limits import SERVE_TIMEOUT_S

APP_PREFIX = "/user-app/"
"""Where ``serve`` mounts the app folder beside ``dist/``."""
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; "
       "connect-src 'self'; img-src 'self' data: blob:; style-src 'self'; font-src 'self'; "
       "object-src 'none'; base-uri 'self'; form-action 'self'")


def register(subparsers: Any) -> None:
    """Add ``app`` with its sub-commands."""
    parser = subparsers.add_parser("app", help="validate, render, score or serve a YAML app",
                                   description="presentar-style YAML apps (SPEC.md §9).")
    sub = parser.add_subparsers(dest="app_command", metavar="ACTION", required=True)
    for name, helptext, func in (
        ("validate", "load and check APP_DIR/app.yaml", run_validate),
        ("render", "render the app to a PNG (wgpu-py, CPU fallback)", run_render),
        ("score", "the app's quality score and grade", run_score),
        ("serve", "serve the browser runner with this app on 127.0.0.1", run_serve),
        ("show", "open the app in a live desktop window (wgpu-py)", run_show),
        ("export", "write a standalone interactive HTML snapshot (Bokeh)", run_export),
    ):
        p = sub.add_parser(name, help=helptext, description=helptext)
        p.add_argument("app_dir", metavar="APP_DIR", help="app folder (or its app.yaml)")
        p.add_argument("--project", metavar="DIR", help="project to analyze for 'analysis' "
                       "data sources")
        p.add_argument("--analysis", metavar="FILE", help="saved analysis JSON for 'analysis' "
                       "data sources")
        add_common_options(p)
        p.set_defaults(func=func)
        if name == "render":
            p.add_argument("-o", "--output", metavar="OUT.png", type=Path,
                           help="PNG to write (default: APP_DIR/<name>.png)")
            p.add_argument("--width", type=int, default=1280, help="viewport width (1280)")
            p.add_argument("--state", metavar="JSON", default="{}",
                           help='widget state, e.g. \'{"region": "North"}\'')
        if name == "serve":
            p.add_argument("--port", type=int, default=8000, help="port (0 = any free port)")
            p.add_argument("--dist", type=Path, default=Path("dist"),
                           help="built browser bundle (python build.py)")
            p.add_argument("--engine", choices=("browser", "panel"), default="browser",
                           help="browser: the offline bundle's runner; panel: a Panel app "
                                "on Panel's own server (batuta[desktop])")
        if name == "show":
            p.add_argument("--save-dir", type=Path, metavar="DIR",
                           help="where the 's' key saves PNGs (default: current directory)")
        if name == "export":
            p.add_argument("-o", "--output", metavar="OUT.html", type=Path, required=True,
                           help="HTML file to write")


def _open(args: argparse.Namespace) -> tuple[Any, Any, Any]:
    from batuta.app import open_app

    app, files = open_app(args.app_dir)
    return app, files, _analysis(args)


def _analysis(args: argparse.Namespace) -> Any:
    if args.project and args.analysis:
        raise InvalidArgumentError("give --project or --analysis, not both")
    if args.project:
        from batuta.api import analyze_project

        return analyze_project(args.project)
    if args.analysis:
        try:
            return json.loads(Path(args.analysis).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise SourceNotFoundError(f"{args.analysis}: cannot read the analysis JSON: {exc}",
                                      path=args.analysis) from exc
    return None


def run_validate(args: argparse.Namespace) -> int:
    """Validate; also load every data source so a missing file shows up here."""
    from batuta.app import load_data

    app, files, analysis = _open(args)
    _, errors = load_data(app, files, analysis=analysis)
    summary = {"valid": True, "file": app.file, "name": app.name, "version": app.version,
               "widgets": len(app.widgets()), "sources": sorted(app.data),
               "source_errors": {k: v.to_dict() for k, v in errors.items()}}
    if args.format == "json":
        print_json(summary)
    else:
        sys.stdout.write(f"{app.file}: valid ({summary['widgets']} widgets, "
                         f"{len(app.data)} data sources)\n")
        for name, err in errors.items():
            sys.stdout.write(f"  warning: source {name}: {err}\n")
    return EXIT_OK


def run_score(args: argparse.Namespace) -> int:
    """Print the score, the grade and what each category missed."""
    from batuta.app import score

    app, files, analysis = _open(args)
    result = score(app, files, analysis=analysis)
    if args.format == "json":
        print_json(result)
        return EXIT_OK
    sys.stdout.write(f"{app.name}: {result.score:.1f}/100 ({result.grade})\n")
    for c in result.components:
        sys.stdout.write(f"  {c.name:<14} {c.points:5.1f} / {c.weight:.0f}\n")
        for failed in c.failed:
            sys.stdout.write(f"      missed: {failed}\n")
    return EXIT_OK


def run_render(args: argparse.Namespace) -> int:
    """Render the app view to a PNG."""
    from batuta.app import build_view
    from batuta.app.native import render_png

    app, files, analysis = _open(args)
    try:
        state = json.loads(args.state)
    except ValueError as exc:
        raise InvalidArgumentError(f"--state is not JSON: {exc}") from exc
    if not isinstance(state, dict):
        raise InvalidArgumentError("--state must be a JSON object of widget id -> value")
    view = build_view(app, files, state=state, analysis=analysis, width=args.width)
    png = render_png(view)
    from batuta.app.view import find_app_file

    out = args.output or find_app_file(args.app_dir).parent / f"{app.name}.png"
    try:
        out.write_bytes(png)
    except OSError as exc:
        raise OutputWriteError(f"{out}: cannot write the PNG ({exc.strerror})") from exc
    if args.format == "json":
        print_json({"output": str(out), "bytes": len(png), "width": view["layout"]["width"],
                    "height": view["layout"]["height"]})
    else:
        sys.stdout.write(f"wrote {out} ({view['layout']['width']}x{view['layout']['height']})\n")
    return EXIT_OK


_DENIED = "\x00denied"
_LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]"})


class _Handler(http.server.SimpleHTTPRequestHandler):
    """``dist/`` at the root and the app folder under :data:`APP_PREFIX`; nothing else.

    Hardened for a server a browser on the same machine talks to: only ``Host`` headers naming
    this machine are answered (a DNS-rebinding page cannot reach it by another name), no
    directory is listed, a bad path (``%00``, a symlink loop) is a 404 rather than a dropped
    connection, and each connection has a socket timeout so a slow client cannot hold a thread.
    """

    app_root: Path = Path(".")
    timeout = SERVE_TIMEOUT_S

    def translate_path(self, path: str) -> str:
        clean = urllib.parse.urlsplit(path).path
        if clean.startswith(APP_PREFIX):
            rel = urllib.parse.unquote(clean[len(APP_PREFIX):])
            try:
                target = (self.app_root / rel).resolve()
                base = self.app_root.resolve()
            except (OSError, RuntimeError, ValueError):  # loop, NUL byte
                return _DENIED
            return str(target) if target.is_relative_to(base) else _DENIED
        if "\x00" in urllib.parse.unquote(clean):
            return _DENIED
        return super().translate_path(path)

    def send_head(self) -> Any:
        if not self._host_allowed():
            self.send_error(421, "this server answers only to 127.0.0.1 and localhost")
            return None
        try:
            if self.translate_path(self.path) == _DENIED:
                self.send_error(404, "outside the app folder")
                return None
            return super().send_head()
        except (OSError, RuntimeError, ValueError):
            self.send_error(404, "not readable")
            return None

    def _host_allowed(self) -> bool:
        host = (self.headers.get("Host") or "").strip().lower()
        if host.startswith("["):
            name = host[:host.find("]") + 1]
        else:
            name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
        return name in _LOCAL_HOSTS

    def list_directory(self, path: Any) -> None:
        self.send_error(404, "directory listings are off")
        return None

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: the URL printed at start is what matters


def check_port(port: object) -> int:
    """A TCP port number 0-65535 (0: any free port), else InvalidArgumentError."""
    if isinstance(port, bool) or not isinstance(port, int) or not 0 <= port <= 65535:
        raise InvalidArgumentError(f"--port must be 0-65535 (0 = any free port), not {port!r}")
    return port


def make_server(dist: Path, app_dir: Path, port: int = 0) -> http.server.ThreadingHTTPServer:
    """A server for ``dist`` plus the app folder, on 127.0.0.1 only.

    Raises:
        InvalidArgumentError: the port is out of range or already in use.
    """
    handler = type("AppHandler", (_Handler,), {"app_root": app_dir,
                                               "extensions_map": {
                                                   **_Handler.extensions_map,
                                                   ".mjs": "text/javascript",
                                                   ".js": "text/javascript",
                                                   ".wasm": "application/wasm",
                                                   ".yaml": "text/plain",
                                                   ".whl": "application/zip"}})
    try:
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", check_port(port)), functools.partial(handler, directory=str(dist)))
    except OSError as exc:
        raise InvalidArgumentError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc} "
                                   "(choose another --port, or 0 for any free one)",
                                   port=port) from exc
    server.daemon_threads = True
    return server


def run_show(args: argparse.Namespace) -> int:
    """Open the app in a live window (batuta.desktop.window)."""
    from batuta.desktop.commands import show_app

    return show_app(args.app_dir, analysis=_analysis(args), save_dir=args.save_dir)


def run_export(args: argparse.Namespace) -> int:
    """Write the app's standalone interactive HTML snapshot."""
    from batuta.desktop.commands import export_app

    out = export_app(args.app_dir, args.output, analysis=_analysis(args))
    if args.format == "json":
        print_json({"output": str(out), "bytes": out.stat().st_size})
    else:
        sys.stdout.write(f"wrote {out}\n")
    return EXIT_OK


def _serve_panel(args: argparse.Namespace) -> int:
    """The app on Panel's own server (batuta.desktop.panel_app)."""
    from batuta.desktop.panel_app import serve

    def ready(url: str) -> None:
        if args.format == "json":
            print_json({"url": url})
        else:
            sys.stdout.write(f"Batuta app on Panel: {url}\nPress Ctrl+C to stop.\n")
        sys.stdout.flush()

    return serve(args.app_dir, port=args.port, analysis=_analysis(args), on_ready=ready)


def run_serve(args: argparse.Namespace) -> int:
    """Serve until interrupted; prints the runner URL."""
    from batuta.app.view import find_app_file

    if getattr(args, "engine", "browser") == "panel":
        return _serve_panel(args)

    app_file = find_app_file(args.app_dir)
    dist = Path(args.dist)
    if not (dist / "app.html").is_file():
        raise SourceNotFoundError(f"{dist}/app.html missing: build the bundle first "
                                  "(python build.py)", path=str(dist))
    server = make_server(dist, app_file.parent, args.port)
    url = (f"http://127.0.0.1:{server.server_address[1]}/app.html?app="
           f"{APP_PREFIX}{urllib.parse.quote(app_file.name)}")
    if args.format == "json":
        print_json({"url": url})
    else:
        sys.stdout.write(f"Batuta app runner: {url}\nPress Ctrl+C to stop.\n")
    sys.stdout.flush()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return EXIT_OK


__all__ = ["make_server", "register"]
