"""Safe archive reading: traversal, links, bombs and corrupt input are rejected with a code."""

from __future__ import annotations

import io
import stat
import tarfile
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from batuta.analyze.archive import ArchiveLimits, read_archive, safe_member_path
from batuta.errors import BatutaError, InvalidArchiveError, UnsafeArchiveError


def make_zip(entries: dict[str, bytes], *, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def make_tar(entries: dict[str, bytes], mode: str = "w:gz") -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode) as tf:  # type: ignore[call-overload]
        for name, data in entries.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def test_zip_round_trip_and_root_strip() -> None:
    data = make_zip({"proj/a.py": b"x = 1\n", "proj/pkg/b.py": b"", "proj/README": b"hi"})
    assert read_archive(data) == {"README": b"hi", "a.py": b"x = 1\n", "pkg/b.py": b""}
    assert set(read_archive(data, strip_root=False)) == {"proj/a.py", "proj/pkg/b.py",
                                                          "proj/README"}


@pytest.mark.parametrize("mode", ["w", "w:gz", "w:bz2", "w:xz"])
def test_tar_round_trip(mode: str) -> None:
    data = make_tar({"a.py": b"print(1)\n", "sub/c.sh": b"echo\n"}, mode)
    assert read_archive(data, "p.tar") == {"a.py": b"print(1)\n", "sub/c.sh": b"echo\n"}


@pytest.mark.parametrize("name", ["../evil.py", "a/../../evil.py", "/etc/passwd", "C:/x.py",
                                  "..\\evil.py", "a/.."])
def test_traversal_names_are_rejected(name: str) -> None:
    with pytest.raises(UnsafeArchiveError) as err:
        read_archive(make_zip({"ok.py": b"1", name: b"2"}))
    assert err.value.code == "BATUTA-X-003"
    with pytest.raises(UnsafeArchiveError):
        read_archive(make_tar({name: b"2"}))


def test_nul_in_name_is_rejected() -> None:
    # zipfile itself cuts names at NUL when writing, so check the name rule directly.
    with pytest.raises(UnsafeArchiveError, match="NUL"):
        safe_member_path("x\x00y")


def test_zip_symlink_is_rejected() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        info = zipfile.ZipInfo("link.py")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    with pytest.raises(UnsafeArchiveError, match="symbolic link"):
        read_archive(buf.getvalue())


@pytest.mark.parametrize("kind", [tarfile.SYMTYPE, tarfile.LNKTYPE, tarfile.CHRTYPE,
                                  tarfile.FIFOTYPE])
def test_tar_links_and_devices_are_rejected(kind: bytes) -> None:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tf:
        info = tarfile.TarInfo("x.py")
        info.type = kind
        info.linkname = "/etc/passwd"
        tf.addfile(info)
    with pytest.raises(UnsafeArchiveError):
        read_archive(buf.getvalue())


def test_zip_bomb_ratio_is_rejected() -> None:
    bomb = make_zip({"zeros.py": b"\0" * (20 * 1024 * 1024)})
    assert len(bomb) * 1000 < 20 * 1024 * 1024 * 1.1  # it really is ~1000:1
    with pytest.raises(UnsafeArchiveError, match=r"ratio|expands"):
        read_archive(bomb)


def test_tar_bomb_ratio_is_rejected() -> None:
    with pytest.raises(UnsafeArchiveError, match="ratio"):
        read_archive(make_tar({"z.py": b"\0" * (8 * 1024 * 1024)}))


def test_total_size_and_entry_count_limits() -> None:
    small = ArchiveLimits(max_total_bytes=1000, max_entries=3)
    with pytest.raises(UnsafeArchiveError, match="expands"):
        read_archive(make_zip({"a": b"x" * 600, "b": b"y" * 600}, method=zipfile.ZIP_STORED),
                     limits=small)
    with pytest.raises(UnsafeArchiveError, match="entries"):
        read_archive(make_zip({f"f{i}": b"" for i in range(4)}), limits=small)
    with pytest.raises(UnsafeArchiveError, match="entries"):
        read_archive(make_tar({f"f{i}": b"" for i in range(4)}), limits=small)


def test_duplicate_entries_are_rejected() -> None:
    with pytest.raises(UnsafeArchiveError, match="more than once"):
        read_archive(make_zip({"a.py": b"1", "./a.py": b"2"}))


def test_lying_zip_header_is_caught() -> None:
    data = bytearray(make_zip({"a.py": b"A" * 5000}, method=zipfile.ZIP_STORED))
    # Shrink the declared uncompressed size in the central directory: the read must not trust it.
    cd = data.rfind(b"PK\x01\x02")
    data[cd + 24:cd + 28] = (10).to_bytes(4, "little")
    with pytest.raises(InvalidArchiveError):
        read_archive(bytes(data))


@pytest.mark.parametrize("blob", [b"", b"garbage", b"PK\x03\x04broken", b"\x1f\x8b\x08junk"])
def test_garbage_is_invalid(blob: bytes) -> None:
    with pytest.raises(InvalidArchiveError) as err:
        read_archive(blob, "x.zip")
    assert err.value.code == "BATUTA-X-004"


def test_macos_junk_is_skipped() -> None:
    data = make_zip({"p/a.py": b"1", "__MACOSX/p/._a.py": b"junk"})
    assert read_archive(data) == {"a.py": b"1"}


SEGMENT = st.text(st.characters(codec="utf-8", exclude_characters="/\\\x00"), min_size=1,
                  max_size=8)


@settings(max_examples=60)
@given(st.text(max_size=40))
def test_safe_member_path_never_escapes(name: str) -> None:
    try:
        path = safe_member_path(name)
    except UnsafeArchiveError:
        return
    assert not path.startswith("/") and ".." not in path.split("/") and path
    assert "\\" not in path and "\x00" not in path


@settings(max_examples=40)
@given(st.dictionaries(st.lists(SEGMENT.filter(lambda s: s not in (".", "..")), min_size=1,
                                max_size=3).map("/".join), st.binary(max_size=200), max_size=6))
def test_zip_and_tar_round_trip(files: dict[str, bytes]) -> None:
    # Names that collide after normalization ("a/b" vs a file "a") are not the point here, nor
    # Windows drive names ("c:x"), which are rejected on purpose.
    if any(other.startswith(p + "/") for p in files for other in files):
        return
    if any(len(p) > 1 and p[1] == ":" and p[0].isascii() and p[0].isalpha() for p in files):
        return
    files = {p: v for p, v in files.items()  # macOS litter is skipped on purpose
             if not p.startswith("__MACOSX/") and not p.rsplit("/", 1)[-1].startswith("._")}
    assert read_archive(make_zip(files), strip_root=False) == dict(sorted(files.items()))
    assert read_archive(make_tar(files), strip_root=False) == dict(sorted(files.items()))


@settings(max_examples=60)
@given(st.data())
def test_mangled_archives_fail_with_a_code(data: st.DataObject) -> None:
    original = make_zip({"a.py": b"print(1)\n" * 50, "b/c.py": b"x = 2\n"})
    blob = bytearray(original)
    for _ in range(data.draw(st.integers(1, 5))):
        at = data.draw(st.integers(0, len(blob) - 1))
        blob[at] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(blob)))
    try:
        out = read_archive(bytes(blob[:cut]))
    except BatutaError as exc:
        assert exc.code in ("BATUTA-X-003", "BATUTA-X-004")
        return
    assert all(isinstance(v, bytes) for v in out.values())
