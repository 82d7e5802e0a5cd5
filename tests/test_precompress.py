"""Pre-compressed files (tools/precompress.py) and how build.Handler serves them: the variant the
client accepts, with Content-Encoding and Vary; 304 on a matching validator; a stale variant is
never sent; any Accept-Encoding header parses without an error."""

from __future__ import annotations

import gzip
import http.client
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import brotli
import pytest
from hypothesis import given
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
import build  # noqa: E402
from tools import precompress  # noqa: E402

TEXT = ("export const answer = 42;\n" * 400).encode()


@pytest.fixture()
def site(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "app.js").write_bytes(TEXT)
    (dist / "tiny.txt").write_bytes(b"hi")
    (dist / "noise.bin").write_bytes(os.urandom(4096))  # does not compress: no variant
    written = precompress.precompress(dist, ["app.js", "tiny.txt", "noise.bin"],
                                      cache=tmp_path / "cache")
    assert written == 2
    server, _ = build.start_server(dist, 0)
    try:
        yield dist, int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()


def _get(port: int, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers=headers)
    res = conn.getresponse()
    body = res.read()
    conn.close()
    return res.status, {k.lower(): v for k, v in res.getheaders()}, body


def test_variants_are_written_only_where_they_pay(site: tuple[Path, int]) -> None:
    dist, _ = site
    assert brotli.decompress((dist / "app.js.br").read_bytes()) == TEXT
    assert gzip.decompress((dist / "app.js.gz").read_bytes()) == TEXT
    assert not (dist / "tiny.txt.br").exists() and not (dist / "noise.bin.gz").exists()


def test_the_accepted_variant_is_sent_with_its_headers(site: tuple[Path, int]) -> None:
    _, port = site
    status, headers, body = _get(port, "/app.js", **{"Accept-Encoding": "gzip, deflate, br"})
    assert status == 200 and headers["content-encoding"] == "br"
    assert headers["vary"] == "Accept-Encoding" and headers["content-type"] == "text/javascript"
    assert brotli.decompress(body) == TEXT and int(headers["content-length"]) == len(body)
    status, headers, body = _get(port, "/app.js", **{"Accept-Encoding": "gzip, br;q=0"})
    assert headers["content-encoding"] == "gzip" and gzip.decompress(body) == TEXT
    status, headers, body = _get(port, "/app.js")
    assert "content-encoding" not in headers and body == TEXT
    assert "Content-Security-Policy".lower() in headers  # the Handler's own headers stay


def test_revalidation_gets_304(site: tuple[Path, int]) -> None:
    _, port = site
    _, headers, _ = _get(port, "/app.js", **{"Accept-Encoding": "br"})
    status, _, body = _get(port, "/app.js", **{"Accept-Encoding": "br",
                                                "If-None-Match": headers["etag"]})
    assert status == 304 and body == b""
    status, _, _ = _get(port, "/app.js", **{"Accept-Encoding": "br",
                                             "If-Modified-Since": headers["last-modified"]})
    assert status == 304
    status, _, _ = _get(port, "/app.js", **{"Accept-Encoding": "br", "If-None-Match": '"x"'})
    assert status == 200


def test_a_file_edited_after_the_build_is_sent_as_it_is(site: tuple[Path, int]) -> None:
    dist, port = site
    edited = b"export const answer = 43;\n" * 400
    (dist / "app.js").write_bytes(edited)
    later = (dist / "app.js.br").stat().st_mtime_ns + 10**9
    os.utime(dist / "app.js", ns=(later, later))
    _, headers, body = _get(port, "/app.js", **{"Accept-Encoding": "br, gzip"})
    assert "content-encoding" not in headers and body == edited


@given(st.text(max_size=200))
def test_any_accept_encoding_header_parses(header: str) -> None:
    codings = precompress.accepted(header)
    assert all(isinstance(c, str) for c in codings)


def test_quality_zero_refuses_a_coding() -> None:
    assert precompress.accepted("br;q=0, gzip;q=0.5") == {"gzip"}
    assert precompress.accepted(None) == set()
