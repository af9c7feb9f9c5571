"""`--output-format FMT[:FILE]` parsing and atomic report files."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio_lint.app.outputs import (
    OutputError,
    OutputSpec,
    parse_output,
    parse_outputs,
    write_output,
)


@pytest.mark.parametrize(
    ("value", "spec"),
    [
        ("json", OutputSpec("json")),
        ("JSON", OutputSpec("json")),
        ("sarif:out/report.sarif", OutputSpec("sarif", Path("out/report.sarif"))),
        ("json:C:\\reports\\r.json", OutputSpec("json", Path("C:\\reports\\r.json"))),  # 1st colon
    ],
)
def test_parse_output(value, spec):
    assert parse_output(value) == spec


def test_text_to_stdout_by_default_and_one_stdout_at_most():
    assert parse_outputs([]) == [OutputSpec("text")]
    with pytest.raises(OutputError, match="only one format can go to stdout"):
        parse_outputs(["text", "markdown"])
    assert len(parse_outputs(["text", "json:a.json", "html:b.html"])) == 3


def test_write_output_creates_folders_and_replaces_atomically(tmp_path):
    target = tmp_path / "deep" / "er" / "report.json"
    write_output(target, "one\n")
    write_output(target, "two\n")
    assert target.read_text() == "two\n"
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]  # no temporary left


def test_unwritable_destination_is_an_output_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="cannot write"):
        write_output(blocker / "report.json", "{}")


def test_a_pipe_is_written_in_place_never_replaced(tmp_path):
    # `-f json:/dev/null` once turned /dev/null into a regular file: the rename clobbered it
    import os
    import stat
    import threading

    fifo = tmp_path / "reader.fifo"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    write_output(fifo, '{"score": 1}\n')
    reader.join(timeout=10)
    assert received == ['{"score": 1}\n']
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["reader.fifo"]  # no temporary file
