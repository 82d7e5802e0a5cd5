"""Issue 16, attacks 14-15 on the command line: ``batuta convert`` checks a file's size before
reading it, and ``batuta app serve`` refuses bad ports, hosts and paths with typed answers."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from batuta.cli.app import APP_PREFIX, make_server
from batuta.errors import InvalidArgumentError

BATUTA = [sys.executable, "-m", "batuta"]


def test_convert_checks_the_size_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.py"
    with big.open("wb") as fh:  # a sparse 1 GB file: reading it whole took 10 s and 2 GiB
        fh.truncate(1024 * 1024 * 1024)
    started = time.perf_counter()
    done = subprocess.run([*BATUTA, "convert", str(big), "--format", "json"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert time.perf_counter() - started < 10
    assert done.returncode == 1
    assert '"BATUTA-X-002"' in done.stdout


def test_convert_stdin_is_bounded() -> None:
    done = subprocess.run([*BATUTA, "convert", "-", "--format", "json"],
                          input="x = 1\n" * 400_000, capture_output=True, text=True, timeout=60,
                          check=False, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert done.returncode == 1
    assert '"BATUTA-X-002"' in done.stdout


# --- batuta app serve ---------------------------------------------------------------------
def _serve(tmp_path: Path) -> tuple[Any, int]:
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "app.html").write_text("<html>runner</html>")
    (dist / "sub").mkdir()
    app_dir = tmp_path / "app"
    app_dir.mkdir()
    (app_dir / "app.yaml").write_text("presentar: '0.1'\n")
    os.symlink("loop2", app_dir / "loop1")
    os.symlink("loop1", app_dir / "loop2")
    server = make_server(dist, app_dir, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


def _get(port: int, path: str, host: str | None = None) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.putrequest("GET", path, skip_host=True)
        conn.putheader("Host", f"127.0.0.1:{port}" if host is None else host)
        conn.endheaders()
        return conn.getresponse().status  # a dropped connection raises here
    finally:
        conn.close()


def test_serve_answers_bad_paths_with_404(tmp_path: Path) -> None:
    server, port = _serve(tmp_path)
    try:
        assert _get(port, "/app.html") == 200
        assert _get(port, f"{APP_PREFIX}app.yaml") == 200
        for bad in (f"{APP_PREFIX}%00", f"{APP_PREFIX}loop1", "/%00", "/app.html%00"):
            assert _get(port, bad) == 404, bad
        for folder in ("/", "/sub/", APP_PREFIX):  # no directory listings
            assert _get(port, folder) == 404, folder
    finally:
        server.shutdown()
        server.server_close()


def test_serve_checks_the_host_header(tmp_path: Path) -> None:
    server, port = _serve(tmp_path)
    try:
        for good in (f"localhost:{port}", "127.0.0.1", f"[::1]:{port}", "LOCALHOST"):
            assert _get(port, "/app.html", good) == 200, good
        for bad in ("evil.example", f"evil.example:{port}", "127.0.0.1.evil.example", ""):
            assert _get(port, "/app.html", bad) == 421, bad
    finally:
        server.shutdown()
        server.server_close()


def test_serve_bad_ports_are_typed(tmp_path: Path) -> None:
    for port in (-1, 70000):
        with pytest.raises(InvalidArgumentError, match="0-65535"):
            make_server(tmp_path, tmp_path, port)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        with pytest.raises(InvalidArgumentError, match="cannot listen"):
            make_server(tmp_path, tmp_path, busy.getsockname()[1])
    done = subprocess.run([*BATUTA, "app", "serve", str(tmp_path), "--port", "70000",
                           "--format", "json"], capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode != 0 and "Traceback" not in done.stderr


def test_serve_times_out_slow_connections(tmp_path: Path) -> None:
    server, port = _serve(tmp_path)
    server.RequestHandlerClass.func.timeout = 0.5
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(b"GET /app.html HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finished
            started = time.perf_counter()
            assert sock.recv(1024) == b""  # the server closed it
            assert time.perf_counter() - started < 5
    finally:
        server.shutdown()
        server.server_close()
