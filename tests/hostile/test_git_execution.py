"""No program configured by the repository (or a repository embedded in it) ever runs; git is
found on absolute PATH entries only; the repository's config cannot change what the scan sees."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from portfolio_lint.app import cli
from portfolio_lint.core.model import RuleResult, Status
from portfolio_lint.engine.run import lint
from portfolio_lint.facts.repo import Repo, RunOptions
from portfolio_lint.scanners.history import History, scan_history
from portfolio_lint.sources.local import LocalSource
from portfolio_lint.untrusted import hardened_git
from portfolio_lint.untrusted.hardened_git import GitError, run_git, stream_git
from tests.conftest import EPOCH, commit_all, write_tree
from tests.untrusted.test_hardened_git import registered_rubric

TOKEN = "ghp_" + "Xk29QmT7bR4vL8nW2pY6cZ1dF5gH3jK0aS9e"
EVIL_ATTRIBUTES = "* diff=evil filter=evil merge=evil\n"
# Commands any part of the tool runs on a work tree, plus the diff-family ones that would
# start a git inside an embedded repository if submodules were shown as diffs or statuses.
COMMANDS = (
    ["log", "-p", "HEAD"],
    ["log", "-p", "--submodule=diff", "HEAD"],
    ["show", "HEAD"],
    ["diff", "HEAD~1", "HEAD"],
    ["diff"],
    ["status", "--porcelain"],
    ["diff-tree", "-p", "-r", "HEAD"],
    ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
    ["blame", "app.py"],
    ["grep", "-e", "TOKEN", "--", "."],
)


def plain_git(
    root: Path, *args: str, path: str | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Unhardened git as a user runs it: used to build the traps and prove they are armed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)
    if path is not None:
        env["PATH"] = path
    return subprocess.run(
        ["git", *args], cwd=root, env=env, capture_output=True, check=False, timeout=60
    )


def marker_script(base: Path, markers: Path) -> str:
    """A program that leaves a file named after its first argument, then passes data through."""
    script = base / "evil.sh"
    script.write_text(f'#!/bin/sh\ntouch "{markers}/$1"\ncat\n')
    script.chmod(0o755)
    return f"{script} "


def fired(markers: Path) -> list[str]:
    return sorted(path.name for path in markers.iterdir())


def arm_config(root: Path, run: str, tag: str) -> None:
    """Point every driver and program-running key of `root`'s own config at the marker."""
    for key, value in {
        "diff.evil.command": "diff-command",
        "diff.evil.textconv": "textconv",
        "filter.evil.clean": "clean",
        "filter.evil.smudge": "smudge",
        "filter.evil.process": "process",
        "filter.evil.required": None,
        "merge.evil.driver": "merge",
        "core.fsmonitor": "fsmonitor",
        "core.pager": "pager",
    }.items():
        plain_git(root, "config", key, "true" if value is None else f"{run}{tag}-{value}")


def make_embedded(base: Path, *, declared: bool = False) -> tuple[Path, Path]:
    """An outer repository with a committed embedded repository (a gitlink to a folder with
    its own .git) whose config defines drivers selected by its .gitattributes; the outer
    config asks git to show submodules as diffs and statuses (`declared`: a .gitmodules
    also names it, with `ignore = none`). Returns (outer, markers)."""
    outer, markers = base / "outer", base / "markers"
    markers.mkdir(parents=True)
    run = marker_script(base, markers)
    sub = outer / "vendor" / "tool"
    write_tree(sub, {"x.py": "a = 1\n", "notes.txt": "one\n", ".gitattributes": EVIL_ATTRIBUTES})
    commit_all(sub, "Tool")
    write_tree(outer, {"README.md": "# Outer\n", "app.py": "import os\n"})
    commit_all(outer, "Add the tool", EPOCH)
    write_tree(sub, {"x.py": "a = 2\nb = 3\n"})
    commit_all(sub, "Change the tool", EPOCH + timedelta(days=1))
    write_tree(outer, {"app.py": "import os\nimport sys\n"})
    commit_all(outer, "Bump the tool", EPOCH + timedelta(days=2))
    arm_config(sub, run, "embedded")
    (sub / "notes.txt").write_text("one\ntwo\n")  # dirty: status would look inside
    for key, value in {
        "diff.submodule": "diff",
        "status.submoduleSummary": "true",
        "submodule.recurse": "true",
        "diff.ignoreSubmodules": "none",
    }.items():
        plain_git(outer, "config", key, value)
    if declared:
        (outer / ".gitmodules").write_text(
            '[submodule "tool"]\n\tpath = vendor/tool\n\turl = ./tool\n\tignore = none\n'
        )
        plain_git(outer, "config", "submodule.tool.ignore", "none")
    return outer, markers


@pytest.fixture(params=[False, True], ids=["embedded", "declared"])
def embedded(tmp_path: Path, request: pytest.FixtureRequest) -> tuple[Path, Path]:
    return make_embedded(tmp_path, declared=request.param)


def test_the_embedded_trap_is_armed_for_plain_git(embedded: tuple[Path, Path]) -> None:
    outer, markers = embedded
    # --no-ext-diff and --no-textconv do not reach the git that runs inside the embedded repo
    plain_git(outer, "log", "-p", "--no-ext-diff", "--no-textconv", "HEAD")
    after_log = set(fired(markers))
    assert after_log & {"embedded-diff-command", "embedded-process", "embedded-smudge"}
    plain_git(outer, "status")
    assert "embedded-fsmonitor" in set(fired(markers)) - after_log


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args[:2]))
def test_no_git_runs_a_program_of_an_embedded_repository(
    embedded: tuple[Path, Path], args: list[str]
) -> None:
    outer, markers = embedded
    run_git(outer, args, check=False)
    assert fired(markers) == []


def test_history_scan_and_lint_run_nothing_in_an_embedded_repository(
    embedded: tuple[Path, Path],
) -> None:
    outer, markers = embedded
    history = scan_history(outer)
    assert [c.subject for c in history.commits] == ["Bump the tool", "Add the tool"]
    assert {"vendor/tool", "app.py"} <= {a.path for a in history.added_paths}
    report = lint(
        Repo(LocalSource(outer), options=RunOptions(use_cache=False)),
        registered_rubric(outer.parent),
    )
    assert report.results
    assert fired(markers) == []


def test_the_cli_and_batch_run_nothing_in_an_embedded_repository(
    embedded: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outer, markers = embedded
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    registered_rubric(tmp_path)
    rubric = tmp_path / "rubric.toml"
    single = CliRunner().invoke(
        cli.main, [str(outer), "--rubric", str(rubric), "--no-cache", "--output-format", "json"]
    )
    assert single.exit_code in (0, 1), single.output
    roster = tmp_path / "roster.csv"
    roster.write_text(f"student,repo\nmallory,{outer}\n", encoding="utf-8")
    batch = CliRunner().invoke(
        cli.main,
        [
            "batch",
            "--roster",
            str(roster),
            "--rubric",
            str(rubric),
            "--output-dir",
            str(tmp_path / "out"),
        ],
    )
    assert batch.exit_code in (0, 1), batch.output
    (record,) = json.loads((tmp_path / "out" / "results.json").read_text())["results"]
    assert record["status"] == "ok" and record["commit"]
    assert fired(markers) == []


# --- key names that -c cannot express ---------------------------------------------------


@pytest.mark.parametrize(
    ("section", "attributes"),
    [
        ('filter "evil.clean=RUN #"', "* filter=evil\n"),
        ('filter "evil.process=RUN #"', "* filter=evil\n"),
        ('diff "evil.textconv=RUN #"', "* diff=evil\n"),
        ('diff "evil.command=RUN #"', "* diff=evil\n"),
    ],
)
def test_a_driver_name_holding_an_equals_sign_sets_no_program(
    tmp_path: Path, section: str, attributes: str
) -> None:
    # Blanking `<section>.<name>.smudge` on a command line as `-c key=` would split at the
    # first '=' and set `evil.clean` (etc.) to the marker instead.
    root, markers = tmp_path / "repo", tmp_path / "markers"
    markers.mkdir()
    run = marker_script(tmp_path, markers)
    write_tree(root, {"data.txt": "one\n", "app.py": "x = 1\n", ".gitattributes": attributes})
    commit_all(root, "one")
    write_tree(root, {"data.txt": "one\ntwo\n", "app.py": "x = 2\n"})
    commit_all(root, "two", EPOCH + timedelta(days=1))
    (root / "data.txt").write_text("one\ntwo\nthree\n")
    with (root / ".git" / "config").open("a") as config:
        config.write(f"[{section.replace('RUN', run + 'injected')}]\n\tsmudge = cat\n")
    for args in (
        ["status"],
        ["diff"],
        ["log", "-p", "HEAD"],
        ["show", "HEAD"],
        ["blame", "app.py"],
        ["ls-files", "--others"],
    ):
        run_git(root, args, check=False)
    scan_history(root)
    assert fired(markers) == []


# --- git by absolute path ---------------------------------------------------------------


@pytest.fixture
def fresh_git_lookup() -> Iterator[None]:
    hardened_git.git_executable.cache_clear()
    yield
    hardened_git.git_executable.cache_clear()


def test_a_relative_path_entry_never_runs_the_repositorys_own_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_git_lookup: None
) -> None:
    real = shutil.which("git")
    assert real is not None
    markers = tmp_path / "markers"
    markers.mkdir()
    root, elsewhere = tmp_path / "repo", tmp_path / "cwd"
    write_tree(root, {"README.md": "# x\n", "app.py": f'TOKEN = "{TOKEN}"\n'})
    commit_all(root, "Add app")
    (root / "app.py").write_text("import os\n")
    commit_all(root, "Remove the token", EPOCH + timedelta(days=1))
    for folder in (root, elsewhere, root / "bin"):
        fake = folder / "git"
        fake.parent.mkdir(parents=True, exist_ok=True)
        fake.write_text(f'#!/bin/sh\ntouch "{markers}/fake-git"\nexit 1\n')
        fake.chmod(0o755)
    hostile_path = os.pathsep.join(["", ".", "bin", str(Path(real).parent)])
    assert plain_git(root, "--version", path=hostile_path).returncode == 1  # armed: fake ran
    assert fired(markers) == ["fake-git"]
    (markers / "fake-git").unlink()
    monkeypatch.setenv("PATH", hostile_path)
    monkeypatch.chdir(elsewhere)
    assert hardened_git.git_executable() == str(Path(real).parent / "git")
    assert all(
        Path(entry).is_absolute()
        for entry in hardened_git.git_environment(root)["PATH"].split(os.pathsep)
    )
    history = scan_history(root)
    assert len(history.commits) == 2
    assert [s.path for s in history.secrets] == ["app.py"]
    assert {"README.md", "app.py"} <= {entry.path for entry in LocalSource(root).files()}
    assert list(stream_git(root, ["rev-parse", "HEAD"]))
    assert fired(markers) == []


def test_no_absolute_path_entry_with_git_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_git_lookup: None
) -> None:
    write_tree(tmp_path, {"git": "#!/bin/sh\nexit 0\n"})
    (tmp_path / "git").chmod(0o755)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", os.pathsep.join(["", ".", "relative/bin"]))
    with pytest.raises(GitError, match="absolute entries of PATH"):
        run_git(tmp_path, ["rev-parse", "HEAD"])


# --- output-shaping config ----------------------------------------------------------------

SHAPING_CONFIG = {
    "diff.interHunkContext": "10",
    "diff.context": "8",
    "diff.noprefix": "true",
    "diff.mnemonicPrefix": "true",
    "diff.relative": "true",
    "diff.algorithm": "patience",
    "diff.indentHeuristic": "false",
    "diff.renames": "copies",
    "diff.suppressBlankEmpty": "true",
    "diff.submodule": "log",
    "diff.ignoreSubmodules": "all",
    "diff.dirstat": "files",
    "diff.colorMoved": "zebra",
    "color.ui": "always",
    "color.diff": "always",
    "core.quotePath": "true",
    "core.abbrev": "7",
    "core.bigFileThreshold": "1",
    "i18n.logOutputEncoding": "ISO-8859-1",
    "log.follow": "true",
    "log.decorate": "full",
    "log.showRoot": "false",
    "log.showSignature": "true",
    "log.mailmap": "true",
    "log.date": "relative",
    "log.abbrevCommit": "true",
    "log.diffMerges": "first-parent",
    "format.pretty": "oneline",
    "notes.displayRef": "refs/notes/*",
    "diff.shaped.binary": "true",
    "diff.shaped.xfuncname": "^(.*)$",
}


def _shaped_history(root: Path) -> None:
    """A token committed between other edits (hunks two lines apart), then reverted; a
    .gitattributes naming a driver that the hostile config defines."""
    lines = [f"setting_{i} = {i}" for i in range(12)]
    write_tree(
        root,
        {
            "config.py": "\n".join(lines) + "\n",
            "README.md": "# x\n",
            ".gitattributes": "*.py diff=shaped\n",
            "données/clé.txt": "a\n",
        },
    )
    commit_all(root, "Add the settings", EPOCH)
    leaking = [*lines]
    leaking[3] = "setting_3 = 30"
    leaking[5] = f'GITHUB_TOKEN = "{TOKEN}"'
    leaking[7] = "setting_7 = 70"
    write_tree(
        root,
        {"config.py": "\n".join(leaking) + "\n", "données/clé.txt": f"b\nGITHUB_TOKEN={TOKEN}\n"},
    )
    commit_all(root, "Tune the settings", EPOCH + timedelta(days=1))
    write_tree(root, {"config.py": "\n".join(lines) + "\n", "données/clé.txt": "a\n"})
    commit_all(root, "Revert the settings", EPOCH + timedelta(days=2))


def _arm_shaping(root: Path) -> None:
    mailmap = root.parent / "mailmap"
    mailmap.write_text("Someone Else <else@example.com> <ada@example.com>\n")
    order = root.parent / "order"
    order.write_text("README.md\n")
    for key, value in {
        **SHAPING_CONFIG,
        "mailmap.file": str(mailmap),
        "diff.orderFile": str(order),
    }.items():
        plain_git(root, "config", key, value)
    plain_git(
        root, "-c", "user.name=A", "-c", "user.email=a@b", "notes", "add", "-m", "a note", "HEAD~1"
    )


def test_output_shaping_config_changes_nothing_the_scan_sees(
    tmp_path: Path, run_rule: Callable[[str, Repo], RuleResult]
) -> None:
    root = tmp_path / "repo"
    _shaped_history(root)
    plain = scan_history(root)
    assert {(s.path, s.hit.line) for s in plain.secrets} == {
        ("config.py", 6),
        ("données/clé.txt", 2),
    }
    _arm_shaping(root)
    # armed: for plain git this config merges the hunks and hides config.py as binary
    shown = plain_git(root, "log", "-p", "-U0", "HEAD~1", "-1").stdout
    assert b"Binary files" in shown or b"\x1b[" in shown
    shaped: History = scan_history(root)
    assert shaped == plain
    vcs007 = run_rule("VCS007", Repo(LocalSource(root), options=RunOptions(use_cache=False)))
    assert vcs007.status is Status.FAILED
    assert len(vcs007.findings) == 1  # one token, committed in two files


# --- attributes that make git print text as "Binary files ... differ" ---------------------

HIDING_ATTRIBUTES = {
    "minus-diff": {".gitattributes": "*.py -diff\n"},
    "binary-macro": {".gitattributes": "*.py binary\n"},
    "own-macro": {".gitattributes": "[attr]hide -diff\n*.py hide\n"},
    "nested": {"sub/.gitattributes": "*.py -diff\n"},
    "directory-pattern": {".gitattributes": "/sub/** -diff\n"},
    "all-files": {".gitattributes": "* -diff\n"},
    "info": {},  # $GIT_DIR/info/attributes, written below
    # `!diff` leaves the choice to git's heuristic: not hidden, and found as before
    "unset-diff": {".gitattributes": "* -diff\n*.py !diff\n"},
}


def _hidden_token_history(root: Path, attributes: dict[str, str], path: str) -> None:
    """`path` holds a token in one commit and loses it in the next, behind `attributes`."""
    root.mkdir()
    plain_git(root, "init", "-q")
    if not attributes:
        (root / ".git" / "info").mkdir(exist_ok=True)
        (root / ".git" / "info" / "attributes").write_text("*.py -diff\n")
    write_tree(root, {**attributes, "README.md": "# x\n", path: f'KEY = "{TOKEN}"\n'})
    commit_all(root, "Add the key", EPOCH)
    write_tree(root, {path: "KEY = None\n"})
    commit_all(root, "Remove the key", EPOCH + timedelta(days=1))


@pytest.mark.parametrize("case", sorted(HIDING_ATTRIBUTES))
def test_attributes_that_hide_text_do_not_hide_a_token_in_history(
    tmp_path: Path, case: str, run_rule: Callable[[str, Repo], RuleResult]
) -> None:
    root = tmp_path / "repo"
    path = "sub/app.py" if case in ("nested", "directory-pattern") else "app.py"
    _hidden_token_history(root, HIDING_ATTRIBUTES[case], path)
    # armed: plain git shows the commit that added the token as binary
    shown = plain_git(root, "log", "-p", "HEAD~1", "-1").stdout
    assert (TOKEN.encode() in shown) is (case == "unset-diff")
    history = scan_history(root)
    assert [(s.path, s.hit.line, s.commit) for s in history.secrets] == [
        (path, 1, history.commits[1].sha)
    ]
    vcs007 = run_rule("VCS007", Repo(LocalSource(root), options=RunOptions(use_cache=False)))
    assert vcs007.status is Status.FAILED
    assert [f.location.path for f in vcs007.findings if f.location] == [path]


def test_a_hidden_token_deep_in_a_large_text_file_is_found(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    padding = "".join(f"row_{i} = {i}\n" for i in range(60_000))  # about 1 MiB of text
    root.mkdir()
    write_tree(root, {".gitattributes": "*.py -diff\n", "data.py": padding + f'KEY = "{TOKEN}"\n'})
    commit_all(root, "Add data", EPOCH)
    write_tree(root, {"data.py": padding})
    commit_all(root, "Drop the key", EPOCH + timedelta(days=1))
    history = scan_history(root)
    assert [(s.path, s.hit.line) for s in history.secrets] == [("data.py", 60_001)]


def test_hidden_env_files_are_judged_by_their_content(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    write_tree(
        root,
        {
            ".gitattributes": ".env* -diff\n",
            ".env": "API_KEY=hunter2\n",
            ".env.example": "API_KEY=\n# comment\n",
        },
    )
    commit_all(root, "Add env", EPOCH)
    _remove_all(root, ".env", ".env.example")
    commit_all(root, "Remove env", EPOCH + timedelta(days=1))
    assert scan_history(root).valueless_env_files == (".env.example",)


def _remove_all(root: Path, *paths: str) -> None:
    for path in paths:
        (root / path).unlink()


PNG_WITH_TOKEN = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    + b"\x00" * 64
    + f'tEXt KEY = "{TOKEN}"\n'.encode()
    + b"\x00\x01" * 32
)


def test_real_binaries_holding_token_bytes_stay_binary(tmp_path: Path) -> None:
    import pickle

    root = tmp_path / "repo"
    root.mkdir()
    pickled = pickle.dumps({"key": f'KEY = "{TOKEN}"', "weights": list(range(50))}, protocol=4)
    assert b"\0" in pickled[:8000]
    for attributes in ("", "*.png binary\n*.pkl -diff\n"):
        write_tree(
            root,
            {
                ".gitattributes": attributes,
                "logo.png": PNG_WITH_TOKEN,
                "model.pkl": pickled,
                "app.py": "x = 1\n",
            },
        )
        commit_all(root, f"Add assets {attributes!r}", EPOCH)
        _remove_all(root, "logo.png", "model.pkl")
        commit_all(root, "Remove assets", EPOCH + timedelta(days=1))
    history = scan_history(root)
    assert history.secrets == ()
    assert {p.path for p in history.added_paths} >= {"logo.png", "model.pkl"}


def test_attributes_do_not_hide_a_token_in_a_sha256_repository(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    plain_git(root, "init", "-q", "--object-format=sha256")
    write_tree(root, {".gitattributes": "*.py -diff\n", "app.py": f'KEY = "{TOKEN}"\n'})
    for message in ("Add the key", "Remove the key"):
        plain_git(root, "add", "-A")
        plain_git(root, "-c", "user.name=A", "-c", "user.email=a@b", "commit", "-qm", message)
        write_tree(root, {"app.py": "KEY = None\n"})
    history = scan_history(root)
    assert len(history.commits[1].sha) == 64
    assert [(s.path, s.commit) for s in history.secrets] == [("app.py", history.commits[1].sha)]
