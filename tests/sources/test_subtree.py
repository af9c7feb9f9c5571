"""A project folder inside a portfolio repository is linted as that subtree of it."""

from __future__ import annotations

import os
import shutil
from datetime import timedelta
from pathlib import Path

import git
import pytest

from portfolio_lint.core.model import RuleResult, Status
from portfolio_lint.engine.rubric import load_rubric
from portfolio_lint.engine.run import lint
from portfolio_lint.facts.git_dates import last_change_of, last_python_change
from portfolio_lint.facts.repo import Repo, RunOptions
from portfolio_lint.sources.local import LocalSource
from portfolio_lint.sources.open import open_source
from portfolio_lint.sources.subtree import SubtreeSource, enclosing_work_tree, subtree_of
from portfolio_lint.sources.targets import Target, parse_target
from portfolio_lint.untrusted.hardened_git import GitError
from tests.conftest import AUTHOR, EPOCH, commit_all, git_date, write_tree

TITANIC = "projects/titanic"
OPENAI_KEY = "sk-proj-" + "Qm7Tb4Lw2Yc6Zd1Fg5Hj3Ks9Ae8Rn0Px" * 3 + "T3BlbkFJ"
GITHUB_TOKEN = "ghp_" + "Xk29QmT7bR4vL8nW2pY6cZ1dF5gH3jK0aS9e"


def portfolio(root: Path) -> list[str]:
    """Two projects in one repository: titanic committed once, house five more times (a token
    committed, then removed); a never-committed, ignored .env and an untracked script in
    titanic.
    Returns the commits, oldest first."""
    write_tree(
        root,
        {
            ".gitignore": ".env\n__pycache__/\n",
            f"{TITANIC}/README.md": "# Titanic survival\n\nA logistic regression.\n",
            f"{TITANIC}/train.py": "import pandas as pd\n",
            "projects/house/README.md": "# House prices\n",
            "projects/house/model.py": "x = 0\n",
        },
    )
    commits = [commit_all(root, "Add two projects", EPOCH)]
    for day in range(1, 4):
        write_tree(root, {"projects/house/model.py": f"x = {day}\n"})
        commits.append(
            commit_all(root, f"Tune the house model, step {day}", EPOCH + timedelta(day))
        )
    write_tree(root, {"projects/house/upload.py": f'TOKEN = "{GITHUB_TOKEN}"\n'})
    commits.append(commit_all(root, "Upload the house model", EPOCH + timedelta(days=5)))
    write_tree(root, {"projects/house/upload.py": 'TOKEN = os.environ["GH_TOKEN"]\n'})
    commits.append(commit_all(root, "Token from the environment", EPOCH + timedelta(days=5)))
    write_tree(
        root,
        {f"{TITANIC}/.env": f"OPENAI_API_KEY={OPENAI_KEY}\n", f"{TITANIC}/notes.py": "y = 2\n"},
    )
    return commits


def lint_results(folder: Path) -> dict[str, RuleResult]:
    source = open_source(parse_target(str(folder)))
    report = lint(Repo(source, options=RunOptions(use_cache=False)), load_rubric())
    return {result.rule.code: result for result in report.results}


def lint_folder(folder: Path) -> dict[str, str]:
    return {code: result.status.value for code, result in lint_results(folder).items()}


def test_a_project_folder_is_its_repositorys_subtree(tmp_path: Path) -> None:
    commits = portfolio(tmp_path)
    source = open_source(parse_target(str(tmp_path / TITANIC)))
    assert isinstance(source, LocalSource)
    assert (source.subtree, source.git_root(), source.commit()) == (TITANIC, tmp_path, commits[-1])
    listing = {entry.path: entry.tracked for entry in source.files()}
    assert listing == {"README.md": True, "train.py": True, "notes.py": False}  # no .env
    assert source.read_bytes("train.py", 100) == b"import pandas as pd\n"
    assert source.unavailable() is None


def test_the_parents_gitignore_keeps_a_never_committed_env_out(tmp_path: Path) -> None:
    portfolio(tmp_path)
    verdicts = lint_folder(tmp_path / TITANIC)
    assert [verdicts[code] for code in ("SEC001", "SEC003", "VCS001", "VCS002")] == ["passed"] * 4
    # The same folder outside any repository: the .env is read, and is an error.
    plain = tmp_path.parent / f"{tmp_path.name}-plain"
    shutil.copytree(tmp_path / TITANIC, plain)
    outside = lint_folder(plain)
    assert [outside[code] for code in ("SEC001", "SEC003", "VCS001")] == ["failed"] * 3


def test_history_is_the_folders_own(tmp_path: Path) -> None:
    commits = portfolio(tmp_path)
    titanic = Repo(open_source(parse_target(str(tmp_path / TITANIC))), options=RunOptions())
    house = Repo(open_source(parse_target(str(tmp_path / "projects/house"))), options=RunOptions())
    assert titanic.history is not None and house.history is not None
    assert [c.sha for c in titanic.history.commits] == commits[:1]
    assert [c.sha for c in house.history.commits] == commits[::-1]
    assert {p.path for p in titanic.history.added_paths} == {"README.md", "train.py"}
    assert [s.path for s in house.history.secrets] == ["upload.py"]  # paths of the folder
    assert titanic.history.secrets == ()
    assert last_python_change(titanic) == EPOCH
    assert last_change_of(house, "model.py") == EPOCH + timedelta(days=3)
    assert last_change_of(titanic, "model.py") is None


def test_history_rules_count_only_the_folders_commits(tmp_path: Path) -> None:
    portfolio(tmp_path)
    titanic = lint_results(tmp_path / TITANIC)
    house = lint_results(tmp_path / "projects/house")
    assert (titanic["VCS007"].status, house["VCS007"].status) == (Status.PASSED, Status.FAILED)
    (finding,) = house["VCS007"].findings
    assert finding.location is not None and finding.location.path == "upload.py"
    assert [f.message for f in titanic["VCS010"].findings] == [
        "The whole history is one commit: the process is invisible"
    ]
    assert (titanic["VCS010"].score or 0) < (house["VCS010"].score or 0)


def test_a_large_blob_of_another_project_is_not_the_folders(tmp_path: Path) -> None:
    portfolio(tmp_path)
    write_tree(tmp_path, {"projects/house/weights.bin": bytes(range(256)) * 4096})  # 1 MiB
    commit_all(tmp_path, "Add weights", EPOCH + timedelta(days=6))
    (tmp_path / "projects/house/weights.bin").unlink()
    commit_all(tmp_path, "Remove weights", EPOCH + timedelta(days=7))
    titanic = Repo(open_source(parse_target(str(tmp_path / TITANIC))), options=RunOptions())
    house = Repo(open_source(parse_target(str(tmp_path / "projects/house"))), options=RunOptions())
    assert titanic.history is not None and titanic.history.large_blobs == ()
    assert house.history is not None
    assert [b.path for b in house.history.large_blobs] == ["weights.bin"]


def test_a_nested_gitignore_un_ignoring_wins_over_the_parent(tmp_path: Path) -> None:
    portfolio(tmp_path)
    write_tree(tmp_path, {f"{TITANIC}/.gitignore": "!.env\n"})
    commit_all(tmp_path, "Keep the env", EPOCH + timedelta(days=6))
    repo = Repo(open_source(parse_target(str(tmp_path / TITANIC))), options=RunOptions())
    assert ".env" in repo.by_path and not repo.is_ignored(".env")
    assert repo.is_ignored("__pycache__/x.pyc")  # the root's pattern still applies


def test_a_folder_the_repository_tracks_nothing_in_is_a_plain_folder(tmp_path: Path) -> None:
    portfolio(tmp_path)
    write_tree(tmp_path, {"scratch/a.py": "x = 1\n"})
    assert enclosing_work_tree(tmp_path / "scratch") is None
    source = open_source(parse_target(str(tmp_path / "scratch")))
    assert isinstance(source, LocalSource) and source.subtree is None
    assert source.git_root() is None


def test_a_nested_repository_is_its_own_repository(tmp_path: Path) -> None:
    portfolio(tmp_path)
    inner = tmp_path / TITANIC / "vendor"
    write_tree(inner, {"lib.py": "z = 1\n"})
    commit_all(inner)
    source = open_source(parse_target(str(inner)))
    assert isinstance(source, LocalSource) and source.subtree is None and source.top == inner


def test_a_revision_of_the_folder_for_diff_base(tmp_path: Path) -> None:
    commits = portfolio(tmp_path)
    write_tree(tmp_path, {f"{TITANIC}/train.py": "import numpy\n"})
    commit_all(tmp_path, "Switch to numpy", EPOCH + timedelta(days=8))
    target = Target(commits[0], local=tmp_path, ref=commits[0], subdir=TITANIC)
    source = open_source(target)
    assert isinstance(source, SubtreeSource) and subtree_of(source) == TITANIC
    with source.inner:  # type: ignore[attr-defined]
        assert sorted(e.path for e in source.files()) == ["README.md", "train.py"]
        assert source.read_bytes("train.py", 100) == b"import pandas as pd\n"
        assert source.commit() == commits[0]


def published(work: Path, bare: Path) -> Path:
    git.Repo.init(bare, bare=True).close()
    with git.Repo(work) as repo:
        repo.git.push(str(bare), "HEAD:refs/heads/main")
    with git.Repo(bare) as remote:
        remote.git.symbolic_ref("HEAD", "refs/heads/main")
    return bare


def test_a_folder_of_a_cloned_repository(tmp_path: Path) -> None:
    commits = portfolio(tmp_path / "work")
    bare = published(tmp_path / "work", tmp_path / "portfolio.git")
    target = parse_target(f"{bare.as_uri()}//{TITANIC}")
    source = open_source(target, clone_cache=tmp_path / "clones")
    assert isinstance(source, LocalSource) and source.subtree == TITANIC
    assert source.root.is_relative_to(tmp_path / "clones")
    assert sorted(e.path for e in source.files()) == ["README.md", "train.py"]
    repo = Repo(source, options=RunOptions(use_cache=False))
    assert repo.commit == commits[-1]
    assert repo.history is not None and [c.sha for c in repo.history.commits] == commits[:1]
    with pytest.raises(GitError, match="no folder 'projects/nope'"):
        open_source(parse_target(f"{bare.as_uri()}//projects/nope"), clone_cache=tmp_path / "c")


def test_a_symlinked_folder_of_a_clone_is_refused(tmp_path: Path) -> None:
    portfolio(tmp_path / "work")
    (tmp_path / "work/projects/away").symlink_to(tmp_path)  # out of the repository
    (tmp_path / "work/projects/alias").symlink_to("titanic")
    commit_all(tmp_path / "work", "Links", EPOCH + timedelta(days=9))
    bare = published(tmp_path / "work", tmp_path / "portfolio.git")
    for name in ("away", "alias"):
        with pytest.raises(GitError, match=f"no folder 'projects/{name}'"):
            open_source(parse_target(f"{bare.as_uri()}//projects/{name}"), clone_cache=tmp_path)


def test_a_deadline_grades_the_folder_at_the_repositorys_commit(tmp_path: Path) -> None:
    commits = portfolio(tmp_path / "work")
    source = open_source(
        Target("titanic", local=tmp_path / "work" / TITANIC),
        as_of=EPOCH + timedelta(days=2, hours=1),
        clone_cache=tmp_path / "clones",
        clone_local_commits=True,
    )
    assert isinstance(source, LocalSource) and source.subtree == TITANIC
    assert source.commit() == commits[2]  # the repository's last commit before the deadline
    assert sorted(e.path for e in source.files()) == ["README.md", "train.py"]


def test_git_dates_escape_wildcards_in_the_folder_name(tmp_path: Path) -> None:
    write_tree(tmp_path, {"we*ird/a.py": "x = 1\n", "we-ird/b.py": "y = 1\n"})
    with git.Repo.init(tmp_path) as repo:
        for path, day in (("we-ird/b.py", 3), ("we*ird/a.py", 1)):
            repo.index.add([path])
            stamp = git_date(EPOCH + timedelta(days=day))
            repo.index.commit(
                path, author=AUTHOR, committer=AUTHOR, author_date=stamp, commit_date=stamp
            )
    weird = Repo(open_source(parse_target(str(tmp_path / "we*ird"))), options=RunOptions())
    assert weird.subtree == "we*ird"
    assert last_python_change(weird) == EPOCH + timedelta(days=1)


@pytest.mark.parametrize("tree", ["hostile", "weak"])
def test_a_folder_gives_the_verdicts_of_the_same_tree_on_its_own(tree: str, tmp_path: Path) -> None:
    """The contract of tests/sources/test_contract.py, for a folder of a bigger repository:
    locally, from a clone, from a commit's tree and through the API."""
    from tests.fake_github import FakeGitHub, FakeRepo, serve
    from tests.sources.test_contract import (
        api_source,
        build_work_tree,
        committed_files,
        lint_source,
        publish_filtering,
        verdict,
    )

    alone = build_work_tree(tree, tmp_path / "alone")
    bigger = tmp_path / "portfolio"
    shutil.copytree(alone, bigger / TITANIC, ignore=shutil.ignore_patterns(".git"))
    write_tree(bigger, {"projects/house/app.py": "x = 1\n", "README.md": "# Portfolio\n"})
    commit_all(bigger, "Add everything", EPOCH)
    with git.Repo(bigger) as repo:  # the hostile tree tracks a file its .gitignore covers
        repo.git.add("-f", ".")
    commit_all(bigger, "Add ignored files too", EPOCH)
    url = publish_filtering(bigger, tmp_path / "remote.git")
    fake = FakeGitHub()
    prefix = f"{TITANIC}/"
    fake.repos["ada/project"] = FakeRepo(
        {prefix + path: data for path, data in committed_files(alone).items()},
        workflow_conclusion=None,
    )
    rubric = load_rubric()
    with serve(fake):
        sources = {
            "local": open_source(parse_target(str(bigger / TITANIC))),
            "clone": open_source(
                parse_target(f"{url}//{TITANIC}"), clone_cache=tmp_path / "c", history=False
            ),
            "tree": open_source(Target("HEAD", local=bigger, ref="HEAD", subdir=TITANIC)),
            "api": SubtreeSource(api_source(fake), TITANIC),
        }
        reports = {mode: lint_source(source, rubric) for mode, source in sources.items()}
    sources["tree"].close()  # type: ignore[attr-defined]
    expected = {r.rule.code: verdict(r) for r in lint_source(LocalSource(alone), rubric).results}
    for mode, report in reports.items():
        for result in report.results:
            if mode == "api" and result.status is Status.NOT_APPLICABLE:
                continue  # what the API cannot serve, as for a whole repository
            assert verdict(result) == expected[result.rule.code], (mode, result.rule.code)


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_git_data_of_another_user_above_the_folder_is_not_used(tmp_path: Path) -> None:
    portfolio(tmp_path)
    os.lchown(tmp_path / ".git", 54321, 54321)  # neither us nor the folder's owner
    assert enclosing_work_tree(tmp_path / TITANIC) is None
    source = open_source(parse_target(str(tmp_path / TITANIC)))
    assert isinstance(source, LocalSource) and source.subtree is None
    os.chown(tmp_path / TITANIC, 54321, 54321)  # the folder's owner owns the repository
    assert enclosing_work_tree(tmp_path / TITANIC) == tmp_path


def test_a_gitignore_above_with_patterns_git_could_hang_on_is_walked(tmp_path: Path) -> None:
    portfolio(tmp_path)
    write_tree(tmp_path, {"projects/.gitignore": "*a" * 26 + "*b\n"})
    commit_all(tmp_path, "Ignore things", EPOCH + timedelta(days=6))  # notes.py too
    write_tree(tmp_path, {f"{TITANIC}/later.py": "z = 3\n", "projects/house/x.py": ""})
    source = open_source(parse_target(str(tmp_path / TITANIC)))
    listing = {entry.path: entry.tracked for entry in source.files()}
    assert listing == {"README.md": True, "train.py": True, "notes.py": True, "later.py": False}
    assert any("walking the folder" in warning for warning in source.warnings())
