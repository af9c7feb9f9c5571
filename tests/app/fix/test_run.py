"""`portfolio-lint fix` on the sample portfolios: the dry run's diff, the applied result, the
score gain, idempotence, and the refusals; nothing outside the repository changes."""

from __future__ import annotations

import hashlib
import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from portfolio_lint.app import cli
from portfolio_lint.app.fix.change import FixSettings
from portfolio_lint.app.fix.projection import lint_source
from portfolio_lint.app.fix.run import FixRequest, run
from portfolio_lint.app.lint_run import open_source
from tests.conftest import EPOCH, FIXTURES, commit_all

# What fix creates or appends to on each sample, with --license MIT --notebooks.
EXPECTED = {
    "weak": {".gitignore", "README.md", ".github/workflows/ci.yml", "LICENSE"},
    "notebook-only": {
        ".gitignore",
        "README.md",
        ".github/workflows/ci.yml",
        "LICENSE",
        "titanic-model.ipynb",
    },
    "middling": {
        ".gitignore",
        ".env.example",
        "LICENSE",
        "README.md",
        ".github/workflows/ci.yml",
        "pyproject.toml",
    },
}
SETTINGS = FixSettings(license="MIT", holder="Ada Student", notebooks=True)


def snapshot(folder: Path) -> dict[str, tuple[int, str]]:
    """Every file and folder under `folder` (symlinks not followed): mode and content digest."""
    seen: dict[str, tuple[int, str]] = {}
    for top, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(top) / name
            info = path.lstat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
            seen[str(path.relative_to(folder))] = (info.st_mode, digest)
    return seen


@pytest.fixture
def sample(tmp_path: Path):
    """A sample portfolio committed in tmp_path/work/NAME (the cache and HOME elsewhere)."""

    def build(name: str) -> Path:
        root = tmp_path / "work" / name
        shutil.copytree(FIXTURES / name, root)
        commit_all(root, "Add project", EPOCH - timedelta(days=30))
        return root

    return build


def fix(root: Path, *, write: bool = False, allow_dirty: bool = False, score: bool = True):
    out: list[str] = []
    err: list[str] = []
    request = FixRequest(root, SETTINGS, write, allow_dirty, score)
    code = run(request, out.append, err.append)
    return code, "\n".join(out), "\n".join(err)


def added_lines(diff: str, path: str) -> list[str]:
    """The lines the diff adds to `path`."""
    block = diff.split(f"+++ b/{path}\n")[1].split("\n--- ")[0]
    return [line[1:] for line in block.splitlines()[1:] if line.startswith("+")]


def score(root: Path) -> float:
    return lint_source(open_source(str(root), api=False)).score or 0.0


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_dry_run_shows_a_diff_and_the_score_gain_and_writes_nothing(sample, name):
    root = sample(name)
    before = snapshot(root.parent)

    code, diff, messages = fix(root)

    assert code == 1
    shown = {line[len("+++ b/") :] for line in diff.splitlines() if line.startswith("+++ b/")}
    assert shown == EXPECTED[name]
    summary = messages.splitlines()[-1]
    assert summary.startswith(f"{len(EXPECTED[name])} files, +")
    assert float(summary.split(", ")[1].split()[0]) > 5  # points gained
    assert snapshot(root.parent) == before


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_apply_writes_the_diff_reaches_the_score_and_a_second_run_proposes_nothing(
    sample, tmp_path, name
):
    root = sample(name)
    outside = snapshot(tmp_path / "work")
    _, diff, messages = fix(root)
    old, projected = (
        float(x.split()[-1]) for x in messages.splitlines()[-2].split(" once")[0].split("→")
    )

    code, _, written = fix(root, write=True)

    assert code == 0 and written.endswith("written")
    now = snapshot(tmp_path / "work")
    changed = {p for p in set(now) | set(outside) if now.get(p) != outside.get(p)}
    inside = {p.removeprefix(f"{name}/") for p in changed if not p.startswith(f"{name}/.git/")}
    # Only the proposed files (and folders created for them) changed; nothing outside.
    assert all(p.startswith(f"{name}/") or p == name for p in changed)
    assert inside - {name, ".github", ".github/workflows"} == EXPECTED[name]
    commit_all(root, "Apply portfolio-lint fix", EPOCH - timedelta(days=29))
    reached = score(root)
    assert reached == pytest.approx(projected, abs=1.5)  # one more commit in the history
    assert reached > old + 5
    code, diff, messages = fix(root)
    assert (code, diff, messages.splitlines()[-1]) == (0, "", "nothing to fix")


def test_the_applied_files_are_the_ones_the_diff_showed(sample):
    root = sample("weak")
    _, diff, _ = fix(root, score=False)

    fix(root, write=True, score=False)

    assert (root / ".gitignore").read_text().splitlines() == added_lines(diff, ".gitignore")
    readme = (root / "README.md").read_text()
    assert readme.splitlines()[1:] == added_lines(diff, "README.md")
    assert readme.startswith("# House Price Prediction\n\n## About\n")
    assert "python house_prices.py" in readme and "pip install -r requirements.txt" in readme
    assert (root / "LICENSE").read_text().startswith("MIT License\n\nCopyright (c) 2025 Ada")


def test_a_dirty_work_tree_is_refused_unless_allowed(sample):
    root = sample("weak")
    (root / "utils.py").write_text("# edited, not committed\n")

    code, diff, messages = fix(root, write=True)

    assert (code, diff) == (2, "")
    assert "1 uncommitted change (utils.py...)" in messages and "--allow-dirty" in messages
    assert not (root / ".gitignore").exists()
    assert fix(root, write=True, allow_dirty=True, score=False)[0] == 0
    assert (root / ".gitignore").exists()


def test_a_symlinked_target_is_refused_and_the_file_it_points_at_is_untouched(sample, tmp_path):
    root = sample("weak")
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("not the repository's\n")
    (root / ".gitignore").symlink_to(elsewhere)
    commit_all(root, "Link")

    code, _, messages = fix(root, write=True)

    assert code == 2 and ".gitignore is a symlink" in messages
    assert elsewhere.read_text() == "not the repository's\n"
    assert not (root / "LICENSE").exists()


def test_a_read_only_folder_is_refused_and_the_dry_run_warns(sample):
    root = sample("weak")
    root.chmod(0o555)
    try:
        dry = fix(root, score=False)
        applied = fix(root, write=True, score=False)
    finally:
        root.chmod(0o755)

    assert dry[0] == 1 and "--apply would be refused: .: read-only" in dry[2]
    assert applied[0] == 2 and "read-only; nothing written" in applied[2]
    assert not (root / "LICENSE").exists()


def test_the_command_line_routes_fix_and_exits_1_on_a_dry_run(sample, capsys):
    root = sample("weak")

    with pytest.raises(SystemExit) as exit_info:
        cli.main(["fix", str(root), "--license", "MIT", "--holder", "Ada", "--no-score"])

    assert exit_info.value.code == 1
    captured = capsys.readouterr()
    assert "+++ b/LICENSE" in captured.out
    assert captured.err.strip().endswith("4 files")


def test_a_readme_that_is_not_utf8_is_skipped_with_a_note_and_the_rest_proposed(sample):
    root = sample("weak")
    (root / "README.md").write_bytes(b"# Maisons \xe9\n")
    commit_all(root, "Latin-1 README")

    code, diff, messages = fix(root, score=False)

    assert code == 1 and "+++ b/README.md" not in diff and "+++ b/.gitignore" in diff
    assert "readme: skipped: README.md: not UTF-8 text" in messages


def test_a_project_folder_of_a_bigger_repository_is_fixed_in_place(tmp_path):
    top = tmp_path / "work" / "portfolio"
    shutil.copytree(FIXTURES / "weak", top / "projects" / "houses")
    (top / "README.md").write_text("# My portfolio\n")
    commit_all(top, "Portfolio", EPOCH - timedelta(days=30))
    folder = top / "projects" / "houses"

    code, diff, messages = fix(folder)

    assert code == 1
    shown = {line[len("+++ b/") :] for line in diff.splitlines() if line.startswith("+++ b/")}
    assert shown == {".gitignore", "README.md", "LICENSE"}  # paths are the folder's
    assert "ci: GitHub reads workflows at the repository's top only" in messages
    assert "Copyright (c) 2025 Ada Student" in diff
    (top / "README.md").write_text("# My portfolio, edited\n")  # a change outside the folder
    assert fix(folder, write=True, score=False)[0] == 0
    assert (folder / "LICENSE").exists() and not (top / "LICENSE").exists()
    commit_all(top, "Apply fix")
    (folder / "utils.py").write_text("# edited\n")
    code, _, messages = fix(folder, write=True, score=False)
    assert code == 2 and "uncommitted change (projects/houses/utils.py" in messages


def test_a_plain_folder_is_refused_unless_allowed(tmp_path):
    plain = tmp_path / "plain"
    shutil.copytree(FIXTURES / "weak", plain)

    code, _, messages = fix(plain)

    assert code == 2 and "not a git repository" in messages
    assert fix(plain, allow_dirty=True, score=False)[0] == 1


def test_the_strong_sample_needs_nothing(sample):
    root = sample("strong")
    before = snapshot(root.parent)

    code, diff, messages = fix(root)

    assert (code, diff) == (0, "")
    assert messages.splitlines() == [
        "note: LICENSE: the repository already has a licence file; kept",  # --license MIT
        "nothing to fix",
    ]
    assert snapshot(root.parent) == before
