"""Another repository is never graded as this one; tree bombs and special files are bounded.

Each attack is built on disk with real git: pointers in the git data (a `.git` file, commondir,
a fake `worktrees/` layout, alternates), forged index paths, FIFOs among the git data, a tree
that reuses itself, a tree object deleted from a bare repository.
"""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from portfolio_lint.app import cli
from portfolio_lint.app.batch.grade import GradeSettings, grade
from portfolio_lint.app.batch.roster import Assignment
from portfolio_lint.app.lint_run import UserError, open_source
from portfolio_lint.sources import gittree
from portfolio_lint.sources.clone import clone_dir, ensure_checkout
from portfolio_lint.sources.gittree import MAX_TREE_ENTRIES, GitTreeSource
from portfolio_lint.sources.local import LocalSource
from portfolio_lint.sources.targets import Target
from portfolio_lint.untrusted.hardened_git import GitError
from tests.conftest import EPOCH, commit_all, write_tree

SECRET_FILE = "their_secret_model.py"


def git(cwd: Path, *args: str, stdin: bytes | None = None) -> str:
    """Run the real git CLI (test setup only) and return its stdout."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "a",
        "GIT_AUTHOR_EMAIL": "a@example.com",
        "GIT_COMMITTER_NAME": "a",
        "GIT_COMMITTER_EMAIL": "a@example.com",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, input=stdin, capture_output=True, check=True
    )
    return done.stdout.decode().strip()


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """Another student's repository on the grader's disk."""
    root = tmp_path / "victim"
    write_tree(root, {SECRET_FILE: "weights = 'private'\n", "README.md": "# theirs\n"})
    commit_all(root, "theirs")
    return root


@pytest.fixture
def student(tmp_path: Path) -> Path:
    root = tmp_path / "student"
    write_tree(root, {"mine.py": "x = 1\n"})
    return root


def assert_not_graded_as(source: LocalSource, victim: Path, reason: str) -> None:
    paths = [entry.path for entry in source.files()]
    assert SECRET_FILE not in paths and "README.md" not in paths
    assert source.git_root() is None and source.commit() is None
    victim_head = git(victim, "rev-parse", "HEAD")
    assert source.commit() != victim_head
    assert any(reason in warning for warning in source.warnings()), source.warnings()


# --- pointers in the git data -------------------------------------------------------------


def test_a_real_dot_git_with_a_commondir_naming_another_repository(
    student: Path, victim: Path
) -> None:
    git(student, "init", "-q")
    (student / ".git" / "commondir").write_text(f"{victim / '.git'}\n")
    assert git(student, "rev-parse", "HEAD") == git(victim, "rev-parse", "HEAD")  # the attack
    assert_not_graded_as(LocalSource(student), victim, "commondir names another repository")


def test_a_dot_git_file_pointing_at_a_fake_worktrees_layout_in_the_students_tree(
    student: Path, victim: Path
) -> None:
    fake = student / "vendor" / ".git" / "worktrees" / "x"
    write_tree(
        fake,
        {
            "HEAD": git(victim, "rev-parse", "HEAD") + "\n",
            "commondir": f"{victim / '.git'}\n",
            "gitdir": f"{student / '.git'}\n",
        },
    )
    (student / ".git").write_text("gitdir: vendor/.git/worktrees/x\n")
    assert git(student, "rev-parse", "HEAD") == git(victim, "rev-parse", "HEAD")
    assert_not_graded_as(LocalSource(student), victim, "not this repository's own git data")


def test_a_fake_worktrees_layout_outside_the_tree_that_names_the_student_back(
    tmp_path: Path, student: Path, victim: Path
) -> None:
    # Shaped like `<repo>/.git/worktrees/<name>` (what the old check looked for), with a
    # back-pointer, but its commondir is someone else's repository.
    fake = tmp_path / "elsewhere" / ".git" / "worktrees" / "x"
    write_tree(
        fake,
        {
            "HEAD": git(victim, "rev-parse", "HEAD") + "\n",
            "commondir": f"{victim / '.git'}\n",
            "gitdir": f"{student / '.git'}\n",
        },
    )
    (student / ".git").write_text(f"gitdir: {fake}\n")
    assert_not_graded_as(LocalSource(student), victim, "not this repository's own git data")


def test_a_dot_git_file_pointing_at_another_repositorys_real_worktree(
    tmp_path: Path, student: Path, victim: Path
) -> None:
    git(victim, "worktree", "add", "-q", str(tmp_path / "their-worktree"))
    (student / ".git").write_text(f"gitdir: {victim / '.git' / 'worktrees' / 'their-worktree'}\n")
    assert_not_graded_as(LocalSource(student), victim, "not this repository's own git data")


def superproject_with_submodule(tmp_path: Path, submodule: Path) -> Path:
    """A real superproject with `submodule` added as `lib` (its git dir in .git/modules/lib)."""
    superproject = tmp_path / "super"
    write_tree(superproject, {"README.md": "# super\n"})
    commit_all(superproject, "super")
    git(
        superproject,
        "-c",
        "protocol.file.allow=always",
        "submodule",
        "add",
        "-q",
        str(submodule),
        "lib",
    )
    return superproject


def test_a_dot_git_file_pointing_at_another_repositorys_submodule_git_dir(
    tmp_path: Path, student: Path, victim: Path
) -> None:
    superproject = superproject_with_submodule(tmp_path, victim)
    (student / ".git").write_text(f"gitdir: {superproject / '.git' / 'modules' / 'lib'}\n")
    assert_not_graded_as(LocalSource(student), victim, "not this repository's own git data")


@pytest.mark.parametrize("how", ["absolute", "relative"])
def test_alternates_naming_another_repositorys_objects(
    student: Path, victim: Path, how: str
) -> None:
    git(student, "init", "-q")
    objects = victim / ".git" / "objects"
    line = (
        str(objects)
        if how == "absolute"
        else os.path.relpath(objects, student / ".git" / "objects")
    )
    (student / ".git" / "objects" / "info" / "alternates").write_text(line + "\n")
    head = git(victim, "rev-parse", "HEAD")
    (student / ".git" / "refs" / "heads" / "main").write_text(head + "\n")
    (student / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    assert_not_graded_as(LocalSource(student), victim, "alternates names objects of another")


@pytest.mark.parametrize("linked", ["objects", "refs"])
def test_git_data_folders_symlinked_to_another_repository(
    student: Path, victim: Path, linked: str
) -> None:
    git(student, "init", "-q")
    if linked == "refs":
        git(student, "commit", "-q", "--allow-empty", "-m", "mine")
    mine = student / ".git" / linked
    os.rename(mine, student / f"{linked}.orig")
    mine.symlink_to(victim / ".git" / linked, target_is_directory=True)
    assert_not_graded_as(LocalSource(student), victim, "symlink out of the git data")


def test_a_bare_repository_whose_objects_are_another_repositorys(
    tmp_path: Path, victim: Path
) -> None:
    bare = tmp_path / "student.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    (bare / "objects").rename(tmp_path / "unused")
    (bare / "objects").symlink_to(victim / ".git" / "objects", target_is_directory=True)
    (bare / "refs" / "heads" / "main").write_text(git(victim, "rev-parse", "HEAD") + "\n")
    (bare / "HEAD").write_text("ref: refs/heads/main\n")
    with pytest.raises(UserError, match="symlink out of the git data"):
        open_source(str(bare), api=False)


@pytest.mark.parametrize("attack", ["gitdir-file", "commondir", "alternates"])
def test_batch_as_of_never_clones_another_repository(
    tmp_path: Path, student: Path, victim: Path, attack: str
) -> None:
    if attack == "gitdir-file":
        (student / ".git").write_text(f"gitdir: {victim / '.git'}\n")
    else:
        git(student, "init", "-q")
        if attack == "commondir":
            (student / ".git" / "commondir").write_text(f"{victim / '.git'}\n")
        else:
            (student / ".git" / "objects" / "info" / "alternates").write_text(
                f"{victim / '.git' / 'objects'}\n"
            )
            (student / ".git" / "refs" / "heads" / "main").write_text(
                git(victim, "rev-parse", "HEAD") + "\n"
            )
            (student / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    cache = tmp_path / "cache"
    settings = GradeSettings(clone_cache=cache, as_of=EPOCH.replace(year=2030), timeout=60.0)
    result = grade(Assignment("mallory", str(student)), settings)
    assert result.status == "error" and result.report is None
    assert "another repository" in (result.error or "") or "own git data" in (result.error or "")
    assert not any(cache.rglob(SECRET_FILE))


def test_the_quiet_side_real_worktrees_submodules_and_clones_still_work(
    tmp_path: Path, victim: Path
) -> None:
    git(victim, "worktree", "add", "-q", str(tmp_path / "wt"))
    worktree = LocalSource(tmp_path / "wt")
    assert SECRET_FILE in [e.path for e in worktree.files()] and not worktree.warnings()
    assert worktree.commit() == git(victim, "rev-parse", "HEAD")

    superproject = superproject_with_submodule(tmp_path, victim)
    submodule = LocalSource(superproject / "lib")
    assert SECRET_FILE in [e.path for e in submodule.files()] and not submodule.warnings()
    assert LocalSource(superproject).commit() is not None

    checkout = ensure_checkout(
        Target("victim", url=victim.as_uri()), cache=tmp_path / "c", history=False
    )
    assert (checkout.path / SECRET_FILE).is_file()


# --- index paths outside the work tree ----------------------------------------------------


def forge_index(root: Path, hostile: list[str]) -> None:
    """Add placeholder entries of the same length, then rename them in the index bytes and
    fix the checksum: git itself refuses to add such paths."""
    blob = git(root, "hash-object", "-w", "--stdin", stdin=b"placeholder\n")
    placeholders = [chr(ord("a") + i) * len(path) for i, path in enumerate(hostile)]
    for placeholder in placeholders:
        git(root, "update-index", "--add", "--cacheinfo", f"100644,{blob},{placeholder}")
    index = root / ".git" / "index"
    data = index.read_bytes()[:-20]
    for placeholder, path in zip(placeholders, hostile, strict=True):
        data = data.replace(placeholder.encode(), path.encode())
    index.write_bytes(data + hashlib.sha1(data).digest())


def test_index_paths_outside_the_work_tree_are_never_statted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "outside"
    write_tree(outside, {"secret.txt": "s" * 4321})
    root = tmp_path / "repo"
    write_tree(root, {"zz.py": "x = 1\n"})
    commit_all(root)
    (root / "lnk").symlink_to(outside, target_is_directory=True)
    hostile = [
        "../outside/secret.txt",
        str(outside / "secret.txt"),
        "lnk/secret.txt",
        "./../outside/secret.txt",
        ".git/config",
    ]
    forge_index(root, sorted(hostile))
    assert set(hostile) <= set(git(root, "ls-files").splitlines())  # git lists them

    statted: list[Path] = []
    real_lstat = Path.lstat
    monkeypatch.setattr(
        Path, "lstat", lambda self: statted.append(Path(os.path.normpath(self))) or real_lstat(self)
    )
    source = LocalSource(root)
    entries = source.files()
    assert [e.path for e in entries] == ["zz.py"]  # lnk is an out-of-tree symlink: skipped
    # Only names inside the tree are statted (the symlink `lnk` itself, not through it).
    assert all(p.is_relative_to(root) for p in statted), statted
    assert root / "lnk" / "secret.txt" not in statted
    assert 4321 not in [e.size for e in entries]
    warnings = " ".join(source.warnings())
    assert "index path(s) outside the work tree" in warnings


def test_a_normal_index_with_dotted_names_is_listed_as_before(tmp_path: Path) -> None:
    files = {"a..b.py": "", "..hidden/x.py": "", "dir/.gitkeep": "", "x/.github/ci.yml": ""}
    write_tree(tmp_path, files)
    commit_all(tmp_path)
    source = LocalSource(tmp_path)
    assert sorted(e.path for e in source.files()) == sorted(files)
    assert not source.warnings()


# --- special files among the git data -------------------------------------------------------


def finishes_within(seconds: float, work: Callable[[], object]) -> object:
    """Run `work` in a thread; fail (instead of hanging the suite) when it takes too long."""
    result: list[object] = []
    thread = threading.Thread(target=lambda: result.append(work()), daemon=True)
    started = time.monotonic()
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds}s"
    assert time.monotonic() - started < seconds
    return result[0] if result else None


SPECIAL = [
    "index",
    "packed-refs",
    "HEAD",
    "config",
    "refs/heads/main",
    "logs/HEAD",
    "objects/info/alternates",
    "commondir",
    "shallow",
    "FETCH_HEAD",
    "objects/pack/pack-1.idx",
]


@pytest.mark.parametrize("where", SPECIAL)
def test_a_fifo_in_the_git_data_is_refused_before_git_opens_it(tmp_path: Path, where: str) -> None:
    write_tree(tmp_path, {"a.py": "x = 1\n"})
    commit_all(tmp_path)
    fifo = tmp_path / ".git" / where
    fifo.parent.mkdir(parents=True, exist_ok=True)
    fifo.unlink(missing_ok=True)
    os.mkfifo(fifo)
    source = finishes_within(20, lambda: _listed(LocalSource(tmp_path)))
    assert isinstance(source, LocalSource) and source.git_root() is None
    assert any("special file" in w for w in source.warnings()), source.warnings()


@pytest.mark.parametrize("where", ["worktree", "submodule"])
def test_a_fifo_in_a_linked_git_dir_is_refused_before_git_opens_it(
    tmp_path: Path, victim: Path, where: str
) -> None:
    if where == "worktree":
        git(victim, "worktree", "add", "-q", str(tmp_path / "wt"))
        folder, git_dir = tmp_path / "wt", victim / ".git" / "worktrees" / "wt"
    else:
        superproject = tmp_path / "super"
        write_tree(superproject, {"README.md": "# super\n"})
        commit_all(superproject, "super")
        git(
            superproject,
            "-c",
            "protocol.file.allow=always",
            "submodule",
            "add",
            "-q",
            str(victim),
            "lib",
        )
        folder, git_dir = superproject / "lib", superproject / ".git" / "modules" / "lib"
    (git_dir / "HEAD").unlink()
    os.mkfifo(git_dir / "HEAD")
    source = finishes_within(20, lambda: _listed(LocalSource(folder)))
    assert isinstance(source, LocalSource) and source.git_root() is None
    assert any("special file" in w for w in source.warnings()), source.warnings()


def _listed(source: LocalSource) -> LocalSource:
    source.files()
    return source


def test_sockets_and_symlinks_out_of_the_git_data_are_refused(tmp_path: Path, victim: Path) -> None:
    root = tmp_path / "repo"
    write_tree(root, {"a.py": "x = 1\n"})
    commit_all(root)
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(root / ".git" / "refs" / "heads" / "sock"))
        assert LocalSource(root).git_root() is None
    (root / ".git" / "refs" / "heads" / "sock").unlink()
    assert LocalSource(root).git_root() == root  # the quiet side: back to normal
    (root / ".git" / "packed-refs").symlink_to(
        victim / ".git" / "packed-refs"
        if (victim / ".git" / "packed-refs").exists()
        else victim / ".git" / "HEAD"
    )
    source = LocalSource(root)
    assert source.git_root() is None
    assert any("symlink out of the git data" in w for w in source.warnings())


def test_a_fifo_in_a_bare_repository_is_a_clear_error(tmp_path: Path) -> None:
    work = tmp_path / "work"
    write_tree(work, {"a.py": "x = 1\n"})
    commit_all(work)
    bare = tmp_path / "bare.git"
    git(tmp_path, "clone", "-q", "--bare", str(work), str(bare))
    os.mkfifo(bare / "packed-refs.new")
    (bare / "packed-refs").unlink(missing_ok=True)
    os.rename(bare / "packed-refs.new", bare / "packed-refs")

    def opened() -> str:
        with pytest.raises(UserError) as error:
            open_source(str(bare), api=False)
        return str(error.value)

    message = finishes_within(20, opened)
    assert "special file" in str(message) and "packed-refs" in str(message)


# --- tree bombs and damaged repositories ----------------------------------------------------


def tree_bomb(tmp_path: Path, levels: int = 6) -> Path:
    """A bare repository whose HEAD tree names 10**levels files in a few KB of objects."""
    bare = tmp_path / "bomb.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    blob = git(bare, "hash-object", "-w", "--stdin", stdin=b"boom\n")
    tree = git(
        bare, "mktree", stdin="".join(f"100644 blob {blob}\tf{i}\n" for i in range(10)).encode()
    )
    for _ in range(levels - 1):
        tree = git(
            bare, "mktree", stdin="".join(f"040000 tree {tree}\td{i}\n" for i in range(10)).encode()
        )
    commit = git(bare, "commit-tree", tree, "-m", "bomb")
    git(bare, "update-ref", "refs/heads/main", commit)
    git(bare, "symbolic-ref", "HEAD", "refs/heads/main")
    return bare


def test_a_tree_bomb_in_a_bare_repository_stops_at_the_cap(tmp_path: Path) -> None:
    bare = tree_bomb(tmp_path)
    started = time.monotonic()
    result = CliRunner().invoke(cli.main, [str(bare), "--no-cache"])
    assert time.monotonic() - started < 30
    assert result.exit_code == 2 and "internal error" not in result.output
    assert f"more than {MAX_TREE_ENTRIES} files" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_tree_just_under_the_cap_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bare = tree_bomb(tmp_path, levels=3)  # 1,000 files
    monkeypatch.setattr(gittree, "MAX_TREE_ENTRIES", 1_000)
    with GitTreeSource(bare, "HEAD") as source:
        assert len(source.files()) == 1_000 and not source.warnings()
        assert source.read_bytes("d9/d9/f9", 100) == b"boom\n"
    monkeypatch.setattr(gittree, "MAX_TREE_ENTRIES", 999)
    with GitTreeSource(bare, "HEAD") as source, pytest.raises(GitError, match="more than 999"):
        source.files()


def test_a_tree_bomb_is_never_checked_out_into_the_cache(tmp_path: Path) -> None:
    bare = tree_bomb(tmp_path)
    cache = tmp_path / "cache"
    target = Target("bomb", url=bare.as_uri())
    started = time.monotonic()
    with pytest.raises(GitError, match=f"more than {MAX_TREE_ENTRIES} files"):
        ensure_checkout(target, cache=cache, history=False)
    assert time.monotonic() - started < 60
    assert not clone_dir(cache, bare.as_uri()).exists()
    assert sum(1 for _ in cache.rglob("f0")) == 0

    result = grade(
        Assignment("bomb", str(bare)), GradeSettings(clone_cache=cache, timeout=60.0, history=False)
    )
    assert result.status == "error" and "more than" in (result.error or "")
    assert not clone_dir(cache, bare.as_uri()).exists()


def test_a_bare_repository_with_a_missing_tree_object_is_one_clear_line(tmp_path: Path) -> None:
    bare = tree_bomb(tmp_path, levels=2)
    tree = git(bare, "rev-parse", "HEAD^{tree}")
    (bare / "objects" / tree[:2] / tree[2:]).unlink()
    result = CliRunner().invoke(cli.main, [str(bare), "--no-cache"])
    assert result.exit_code == 2, result.output
    assert "internal error" not in result.output
    assert "cannot read the repository's files" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_batch_on_a_bare_repository_with_a_missing_tree_is_an_error_row(tmp_path: Path) -> None:
    bare = tree_bomb(tmp_path, levels=2)
    tree = git(bare, "rev-parse", "HEAD^{tree}")
    (bare / "objects" / tree[:2] / tree[2:]).unlink()
    cache = tmp_path / "cache"
    result = grade(Assignment("x", str(bare)), GradeSettings(clone_cache=cache, timeout=60.0))
    assert result.status == "error" and "internal" not in (result.error or "")
    assert not clone_dir(cache, bare.as_uri()).exists()
