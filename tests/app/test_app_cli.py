"""``batuta app validate | render | score | serve`` through the real CLI entry point."""

from __future__ import annotations

import json
import threading
import urllib.request
from pathlib import Path

import pytest

from batuta.cli import main
from batuta.cli.app import APP_PREFIX, make_server

EXAMPLES = Path(__file__).resolve().parents[2] / "static" / "apps"
NAMES = ["dataset-explorer", "converter-playground", "migration-dashboard"]


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, dict]:  # type: ignore[type-arg]
    rc = main(argv)
    return rc, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("name", NAMES)
def test_validate_and_score_examples(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    rc, out = _json(capsys, ["app", "validate", str(EXAMPLES / name), "--format", "json"])
    assert rc == 0 and out["valid"] and out["name"] == name and out["source_errors"] == {}
    rc, out = _json(capsys, ["app", "score", str(EXAMPLES / name), "--format", "json"])
    assert rc == 0 and 0 <= out["score"] <= 100
    assert [c["weight"] for c in out["components"]] == [25, 20, 20, 15, 10, 10]


@pytest.mark.parametrize("name", NAMES)
def test_render_examples_to_png(name: str, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    out_png = tmp_path / f"{name}.png"
    rc, out = _json(capsys, ["app", "render", str(EXAMPLES / name), "-o", str(out_png),
                             "--state", '{"region": "North", "convert_button": 1}',
                             "--format", "json"])
    assert rc == 0
    data = out_png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") == out["width"] == 1280
    assert int.from_bytes(data[20:24], "big") == out["height"]


def test_bad_app_gives_code_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                       ) -> None:
    (tmp_path / "app.yaml").write_text("presentar: '0.1'\nname: x\nversion: 1\nlayout: 3\n")
    rc, out = _json(capsys, ["app", "validate", str(tmp_path), "--format", "json"])
    assert rc == 1
    assert out["error"]["code"] == "BATUTA-X-010"
    assert "app.yaml:4:9" in out["error"]["message"]


def test_bomb_and_escape_rejected_by_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                         ) -> None:
    (tmp_path / "app.yaml").write_text("a: !!python/object:os.system x\n")
    rc, out = _json(capsys, ["app", "validate", str(tmp_path), "--format", "json"])
    assert rc == 1 and out["error"]["code"] == "BATUTA-X-012"
    app = (EXAMPLES / "dataset-explorer" / "app.yaml").read_text()
    (tmp_path / "app.yaml").write_text(app.replace("source: harvest.csv",
                                                   "source: ../../etc/passwd.csv"))
    rc, out = _json(capsys, ["app", "validate", str(tmp_path), "--format", "json"])
    assert rc == 0 and out["source_errors"]["harvest"]["code"] == "BATUTA-X-013"


def test_serve_serves_dist_and_app_folder_only(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "app.html").write_text("<html>runner</html>")
    (tmp_path / "secret.txt").write_text("secret")
    app_dir = EXAMPLES / "dataset-explorer"
    server = make_server(dist, app_dir, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with urllib.request.urlopen(f"{base}/app.html", timeout=10) as r:
            assert b"runner" in r.read()
            assert "default-src 'self'" in r.headers["Content-Security-Policy"]
        with urllib.request.urlopen(f"{base}{APP_PREFIX}harvest.csv", timeout=10) as r:
            assert r.read().startswith(b"region,month")
        for bad in (f"{APP_PREFIX}../secret.txt", f"{APP_PREFIX}%2e%2e/%2e%2e/secret.txt",
                    "/../secret.txt"):
            with pytest.raises(urllib.error.HTTPError) as info:
                urllib.request.urlopen(base + bad, timeout=10)
            assert info.value.code == 404
    finally:
        server.shutdown()
        server.server_close()


def test_serve_command_prints_a_working_url(tmp_path: Path) -> None:
    import subprocess
    import sys

    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "app.html").write_text("<html>runner</html>")
    proc = subprocess.Popen(
        [sys.executable, "-m", "batuta", "app", "serve", str(EXAMPLES / "dataset-explorer"),
         "--port", "0", "--dist", str(dist)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        url = line.split(": ", 1)[1].strip()
        assert url.startswith("http://127.0.0.1:") and "app.html?app=/user-app/app.yaml" in url
        base = url.split("app.html")[0]
        with urllib.request.urlopen(base + "user-app/app.yaml", timeout=10) as r:
            assert b"dataset-explorer" in r.read()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    missing = subprocess.run([sys.executable, "-m", "batuta", "app", "serve",
                              str(EXAMPLES / "dataset-explorer"), "--dist",
                              str(tmp_path / "nope")], capture_output=True, text=True,
                             timeout=60)
    assert missing.returncode == 1 and "BATUTA-X-005" in missing.stderr
