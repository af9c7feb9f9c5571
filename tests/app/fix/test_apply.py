"""Writing: new files created exclusively, text appended, symlinks and read-only refused."""

from __future__ import annotations

import os

import pytest

from portfolio_lint.app.fix.apply import apply, preflight
from portfolio_lint.app.fix.change import Change
from portfolio_lint.app.fix.safety import FixRefusedError, read_existing, target


def test_a_new_file_and_its_folders_are_created_and_an_append_keeps_the_text(tmp_path):
    (tmp_path / "README.md").write_text("# Demo\n")
    changes = [
        Change(".github/workflows/ci.yml", "ci", "name: CI\n"),
        Change("README.md", "readme", "\n## Usage\n", before="# Demo\n"),
    ]

    apply(tmp_path, changes)

    assert (tmp_path / ".github/workflows/ci.yml").read_text() == "name: CI\n"
    assert (tmp_path / "README.md").read_text() == "# Demo\n\n## Usage\n"


def test_a_file_that_appeared_since_planning_is_never_overwritten(tmp_path):
    (tmp_path / "LICENSE").write_text("mine\n")

    with pytest.raises(FixRefusedError, match="LICENSE: now exists"):
        apply(tmp_path, [Change("LICENSE", "license", "MIT License\n")])
    assert (tmp_path / "LICENSE").read_text() == "mine\n"


def test_a_file_changed_since_planning_is_not_appended_to(tmp_path):
    (tmp_path / ".gitignore").write_text("*.pyc\nedited\n")

    with pytest.raises(FixRefusedError, match="changed since it was read"):
        apply(tmp_path, [Change(".gitignore", "gitignore", ".env\n", before="*.pyc\n")])
    assert (tmp_path / ".gitignore").read_text() == "*.pyc\nedited\n"


def test_nothing_is_written_when_one_change_of_the_set_is_refused(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "repo"
    root.mkdir()
    (root / ".github").symlink_to(outside, target_is_directory=True)
    changes = [
        Change(".gitignore", "gitignore", ".env\n"),
        Change(".github/workflows/ci.yml", "ci", "name: CI\n"),
    ]

    with pytest.raises(FixRefusedError, match=r"\.github is a symlink"):
        apply(root, changes)
    assert not (root / ".gitignore").exists()
    assert list(outside.iterdir()) == []


def test_a_symlinked_file_is_neither_read_nor_appended_to(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("secret\n")
    root = tmp_path / "repo"
    root.mkdir()
    (root / ".gitignore").symlink_to(outside)

    with pytest.raises(FixRefusedError, match="symlink"):
        read_existing(root, ".gitignore")
    with pytest.raises(FixRefusedError, match="symlink"):
        apply(root, [Change(".gitignore", "gitignore", ".env\n", before="secret\n")])
    assert outside.read_text() == "secret\n"


@pytest.mark.parametrize("path", ["../escape.txt", "/etc/passwd", ".git/config", "a//b"])
def test_paths_that_leave_the_repository_or_enter_git_are_refused(tmp_path, path):
    with pytest.raises(FixRefusedError):
        target(tmp_path, path)


def test_a_read_only_folder_is_refused_with_a_clear_message(tmp_path):
    folder = tmp_path / "repo"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(FixRefusedError, match=r"^\.: read-only; nothing written$"):
            preflight(folder, [Change("LICENSE", "license", "MIT License\n")])
    finally:
        folder.chmod(0o755)
    assert list(folder.iterdir()) == []


def test_a_read_only_file_is_not_appended_to(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# Demo\n")
    readme.chmod(0o444)

    with pytest.raises(FixRefusedError, match=r"README\.md: read-only"):
        apply(tmp_path, [Change("README.md", "readme", "## Usage\n", before="# Demo\n")])
    assert readme.read_text() == "# Demo\n"


def test_a_fifo_in_place_of_a_file_does_not_block(tmp_path):
    os.mkfifo(tmp_path / ".gitignore")

    with pytest.raises(FixRefusedError, match="not a regular file"):
        read_existing(tmp_path, ".gitignore")
