"""Safe reads: size caps, binary sniffing, any encoding, symlink and special-file containment."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from portfolio_lint.untrusted.reads import (
    contained_path,
    decode_text,
    display_name,
    looks_binary,
    read_capped,
)

TEXT = "Prix: 12 € — naïve café\n"


@pytest.mark.parametrize(
    ("data", "binary"),
    [
        (b"plain text\n", False),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", True),
        (TEXT.encode("utf-16"), False),  # NULs, but a byte-order mark says text
        (TEXT.encode("utf-32"), False),
        (TEXT.encode("utf-16-le"), True),  # no BOM: git calls it binary too
        (b"x" * 9000 + b"\x00", False),  # only the first 8 KiB are sniffed
    ],
)
def test_looks_binary(data: bytes, binary: bool) -> None:
    assert looks_binary(data) is binary


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        TEXT.encode("utf-8-sig"),
        TEXT.encode("utf-16"),
        TEXT.encode("utf-32"),
    ],
)
def test_decode_text_round_trips_unicode_encodings(data: bytes) -> None:
    assert decode_text(data) == TEXT


def test_decode_text_tolerates_any_bytes() -> None:
    assert decode_text("café".encode("latin-1")) == "café"
    assert isinstance(decode_text(b"\xff\xfe\xd8"), str)  # odd-length UTF-16 does not raise
    assert decode_text(bytes(range(256)))


def test_read_capped_stops_at_the_limit_on_a_huge_single_line(tmp_path: Path) -> None:
    (tmp_path / "huge.csv").write_bytes(b"a," * (10 * 1024 * 1024))  # 20 MB, no newline
    data = read_capped(tmp_path, "huge.csv", 1024 * 1024)
    assert data is not None and len(data) == 1024 * 1024


def test_symlinks_out_of_the_root_are_not_followed(tmp_path: Path) -> None:
    root, outside = tmp_path / "repo", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text("private\n")
    (root / "inside.txt").write_text("ok\n")
    (root / "file-link").symlink_to(outside / "secret.txt")
    (root / "dir-link").symlink_to(outside, target_is_directory=True)
    (root / "inner-link").symlink_to("inside.txt")
    assert read_capped(root, "file-link") is None
    assert read_capped(root, "dir-link/secret.txt") is None
    assert read_capped(root, "../outside/secret.txt") is None
    assert read_capped(root, str(outside / "secret.txt")) is None
    assert read_capped(root, "inner-link") == b"ok\n"


def test_loops_and_special_files_are_not_read(tmp_path: Path) -> None:
    (tmp_path / "loop-a").symlink_to("loop-b")
    (tmp_path / "loop-b").symlink_to("loop-a")
    os.mkfifo(tmp_path / "pipe")  # opening it for reading would block forever
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "sock"))
        for name in ("loop-a", "pipe", "sock", "missing", "bad\0name"):
            assert read_capped(tmp_path, name) is None
            assert contained_path(tmp_path, name) is None
    (tmp_path / "folder").mkdir()
    assert read_capped(tmp_path, "folder") is None


def test_display_name_escapes_bytes_that_are_not_utf8() -> None:
    assert display_name(os.fsdecode(b"caf\xe9/n\xff.py")) == "caf\\xe9/n\\xff.py"
    assert display_name("café/ok.py") == "café/ok.py"
    display_name(os.fsdecode(b"\xff")).encode("utf-8")  # encodable: no lone surrogate left


def test_read_fd_counts_the_head_towards_the_limit(tmp_path) -> None:
    import os

    from portfolio_lint.untrusted.reads import read_fd

    path = tmp_path / "data.bin"
    path.write_bytes(b"abcdefghij")
    fd = os.open(path, os.O_RDONLY)
    try:
        head = os.read(fd, 3)
        assert read_fd(fd, 6, head=head) == b"abcdef"
        assert read_fd(fd, 100) == b"ghij"  # what is left, no more
    finally:
        os.close(fd)
