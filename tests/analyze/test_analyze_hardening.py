"""Issue 16's attacks on the analysis core: each ends in a typed error (or a correct answer)
within seconds and bounded memory. Each test failed (hung, blew up or raised a bare exception)
on the code before the fix."""

from __future__ import annotations

import gzip
import io
import random
import tarfile
import time

import pytest

from batuta.analyze.archive import read_archive
from batuta.analyze.dependencies import parse_manifest
from batuta.analyze.project import analyze_project
from batuta.errors import UnsafeArchiveError


def _timed(seconds: float) -> float:
    return time.perf_counter() + seconds


# --- attack 2: PEP 735 include-groups, each including the next one twice -------------------------
@pytest.mark.parametrize("levels", [18, 30])
def test_include_group_fan_out_is_linear(levels: int) -> None:
    lines = ["[dependency-groups]"]
    for i in range(levels):
        lines.append(f'g{i} = ["pkg{i}", {{include-group = "g{i + 1}"}}, '
                     f'{{include-group = "g{i + 1}"}}]')
    lines.append(f'g{levels} = ["leaf"]')
    deadline = _timed(2.0)
    result = parse_manifest("pyproject.toml", "\n".join(lines) + "\n")
    assert time.perf_counter() < deadline
    g0 = [p.name for p in result.packages if p.group == "group:g0"]
    assert g0 == [f"pkg{i}" for i in range(levels)] + ["leaf"]  # each requirement once


# --- attack 3: environment.yml merge keys --------------------------------------------------------
def test_environment_merge_key_fan_out_is_refused_at_once() -> None:
    lines = ["m0: &m0 {a0: 1}"]
    for i in range(1, 13):
        refs = ", ".join([f"*m{i - 1}"] * 10)
        lines.append(f"m{i}: &m{i} {{<<: [{refs}], a{i}: 1}}")
    lines.append("dependencies: [numpy]")
    deadline = _timed(2.0)
    result = parse_manifest("environment.yml", "\n".join(lines) + "\n")
    assert time.perf_counter() < deadline
    assert result.error is not None and "merge keys" in result.error


# --- attack 4: tar headers declaring huge payloads -----------------------------------------------
def _long_name_tar(declared: int, payload: int) -> bytes:
    """A gzip'd tar whose first header is a GNU long name declaring ``declared`` bytes."""
    header = bytearray(512)
    header[:13] = b"././@LongLink"
    header[100:108] = b"0000644\0"
    header[124:136] = f"{declared:011o}\0".encode()
    header[156:157] = b"L"
    header[257:263] = b"ustar "
    header[148:156] = b"        "
    header[148:155] = f"{sum(header):06o}\0".encode()
    return gzip.compress(bytes(header) + b"a" * payload + bytes(1024), compresslevel=9)


@pytest.mark.parametrize(("declared", "payload"), [
    (100 * 1024 * 1024, 100 * 1024 * 1024),  # ~97 KB compressed, a 100 MB "name"
    (1024 * 1024 * 1024, 4 * 1024 * 1024),  # declares 1 GB
])
def test_tar_long_name_header_is_bounded(declared: int, payload: int) -> None:
    data = _long_name_tar(declared, payload)
    deadline = _timed(5.0)
    with pytest.raises(UnsafeArchiveError):
        read_archive(data, "x.tar.gz")
    assert time.perf_counter() < deadline


def test_pax_header_is_bounded() -> None:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tf:
        info = tarfile.TarInfo("a.py")
        info.pax_headers = {"comment": random.Random(7).randbytes(1024 * 1024).hex()}
        tf.addfile(info, io.BytesIO(b""))
    with pytest.raises(UnsafeArchiveError, match="pax header"):
        read_archive(gzip.compress(buf.getvalue()), "x.tgz")


def test_gzip_bomb_stops_while_reading() -> None:
    data = gzip.compress(bytes(64 * 1024 * 1024), compresslevel=9)  # ~64 KB, 1000:1
    deadline = _timed(5.0)
    with pytest.raises(UnsafeArchiveError, match=r"ratio|expands"):
        read_archive(data, "bomb.tar.gz")
    assert time.perf_counter() < deadline


def test_ordinary_tar_with_long_names_still_reads() -> None:
    buf = io.BytesIO()
    name = "pkg/" + "d" * 150 + "/mod.py"
    with tarfile.open(fileobj=buf, mode="w:gz", format=tarfile.GNU_FORMAT) as tf:
        info = tarfile.TarInfo(name)
        info.size = 6
        tf.addfile(info, io.BytesIO(b"x = 1\n"))
    assert read_archive(buf.getvalue(), "ok.tgz", strip_root=False) == {name: b"x = 1\n"}


# --- attack 1 through the public entry point -----------------------------------------------------
def test_gitignore_attack_through_analyze_project() -> None:
    tree = {".gitignore": b"*a*a*a*a*a*a*a*a*a*a*a*ab\n[z-a]\n", "a" * 60 + "c.py": b"x = 1\n"}
    deadline = _timed(3.0)
    result = analyze_project(tree)
    assert time.perf_counter() < deadline
    assert [f.path for f in result.files] == ["a" * 60 + "c.py"]


# --- found by the fuzz campaign: a corrupt deflate stream inside a zip ---------------------------
def test_corrupt_zip_member_is_a_typed_error() -> None:
    import contextlib
    import zipfile

    from batuta.errors import BatutaError

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.py", "x = 1\n" * 200)
    good = buf.getvalue()
    start = 30 + len("a.py")  # the member's compressed bytes follow its local header
    for at in range(start, start + 40):
        for byte in (0x00, 0xFF, 0x07):
            bad = bytearray(good)
            bad[at] = byte
            with contextlib.suppress(BatutaError):  # zlib.error escaped here before
                read_archive(bytes(bad), "x.zip")


def test_zip_entry_with_an_empty_name_is_typed() -> None:
    # Found by the fuzz campaign: ZipInfo.is_dir() raised IndexError on an empty name.
    import zipfile

    from batuta.errors import BatutaError

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("ab.py", b"x = 1\n")
    data = buf.getvalue().replace(b"ab.py", b"\x00b.py")  # the name cuts at NUL: empty
    with pytest.raises(BatutaError):
        read_archive(data, "x.zip")
