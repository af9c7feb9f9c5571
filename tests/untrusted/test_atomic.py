"""The one atomic writer: whole files or none, modes, fsync, devices written in place."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from portfolio_lint.untrusted.atomic import write_atomically


def test_replaces_the_whole_file_creates_folders_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "er" / "gradebook.csv"
    write_atomically(target, "old\n")
    write_atomically(target, "new ✓\n")
    assert target.read_bytes() == "new ✓\n".encode()
    assert sorted(p.name for p in target.parent.iterdir()) == ["gradebook.csv"]


def test_a_failed_write_keeps_the_old_file_and_removes_the_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "results.json"
    write_atomically(target, "complete\n")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        write_atomically(target, "half")
    assert target.read_text() == "complete\n"
    assert [p.name for p in tmp_path.iterdir()] == ["results.json"]


@pytest.mark.parametrize(("durable", "synced"), [(True, 1), (False, 0)])
def test_fsync_only_when_durable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, durable: bool, synced: int
) -> None:
    calls: list[int] = []
    monkeypatch.setattr(os, "fsync", calls.append)
    write_atomically(tmp_path / "report.json", "{}\n", durable=durable)
    assert len(calls) == synced
    assert (tmp_path / "report.json").read_text() == "{}\n"


def test_a_new_file_gets_the_umask_mode_and_a_replaced_file_keeps_its_own(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        write_atomically(tmp_path / "new.json", "{}\n")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640
    kept = tmp_path / "kept.json"
    kept.write_text("old\n")
    kept.chmod(0o604)
    write_atomically(kept, "new\n")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o604 and kept.read_text() == "new\n"


def test_a_fifo_is_written_to_not_replaced(tmp_path: Path) -> None:
    # Like /dev/null: replacing a special file with a regular one would break everyone using it.
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_atomically(fifo, "row\n")
        assert os.read(reader, 100) == b"row\n"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_a_file_where_a_folder_should_be_is_an_os_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OSError):
        write_atomically(blocker / "report.json", "{}")
    assert blocker.read_text() == "x"
