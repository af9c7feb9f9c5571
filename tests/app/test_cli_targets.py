"""What the command line takes as a target: a typo never reaches the network; folders of a
bigger repository, local or on GitHub."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from portfolio_lint.app import cli
from tests.conftest import commit_all, write_tree
from tests.fake_github import FakeGitHub, FakeRepo, serve


@pytest.fixture(autouse=True)
def _private_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture
def github(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGitHub]:
    """The GitHub fake on 127.0.0.1, where every GitHub URL points; no program may start."""
    started: list[object] = []

    def no_process(*args: object, **kwargs: object) -> None:
        started.append(args[0] if args else kwargs.get("args"))
        raise AssertionError(f"a process was started: {started[-1]}")

    fake = FakeGitHub()
    fake.repos["ada/churn"] = FakeRepo({"README.md": b"# Churn\n"})
    with serve(fake):
        monkeypatch.setenv("GITHUB_SERVER_URL", fake.base_url)
        monkeypatch.setenv("GITHUB_API_URL", fake.base_url)
        monkeypatch.delenv("GITHUB_TOKEN", raising=False)
        monkeypatch.delenv("GH_TOKEN", raising=False)
        monkeypatch.setattr(subprocess, "Popen", no_process)
        yield fake
    assert started == []


def run(*args: str) -> Result:
    return CliRunner().invoke(cli.main, list(args))


@pytest.mark.parametrize("typo", ["repos/nonexistent", "ada/churn", "ada/churn@main"])
def test_a_typo_is_no_such_folder_and_never_reaches_the_network(
    typo: str, github: FakeGitHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(typo, "--api", "--no-cache")
    assert result.exit_code == 2
    assert result.stderr == (
        f"portfolio-lint: error: no such folder: {typo} "
        "(to lint a GitHub repository, write gh:owner/repo)\n"
    )
    assert not github.faults.requests  # nothing asked of the (fake) GitHub


def test_the_gh_prefix_is_what_reaches_github(github: FakeGitHub) -> None:
    result = run("gh:ada/churn", "--api", "--no-cache", "-f", "json")
    assert json.loads(result.stdout)["target"].startswith("ada/churn")
    assert github.faults.requests["/repos/ada/churn"] >= 1


def test_a_project_folder_reports_its_paths_and_the_repositorys_commit(tmp_path: Path) -> None:
    root = tmp_path / "portfolio"
    write_tree(
        root,
        {
            ".gitignore": ".env\n",
            "titanic/README.md": "# Titanic\n",
            "titanic/train.py": "import pandas\n",
            "house/app.py": "x = 1\n",
        },
    )
    commit = commit_all(root)
    write_tree(root, {"titanic/.env": "OPENAI_API_KEY=sk-proj-abc\n"})
    out = tmp_path / "report.json"
    result = run(str(root / "titanic"), "--no-cache", "-f", f"json:{out}")
    assert result.exit_code in (0, 1), result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert (report["target"], report["commit"]) == (str(root / "titanic"), commit)
    paths = {
        finding["location"]["path"]
        for rule in report["results"]
        for finding in rule["findings"]
        if finding["location"]
    }
    assert paths and not any(p.startswith(("titanic/", "house/")) or p == ".env" for p in paths)


def test_a_folder_of_a_github_repository_in_api_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    github = FakeGitHub()
    github.repos["ada/portfolio"] = FakeRepo(
        {
            "README.md": b"# Portfolio\n",
            "projects/titanic/README.md": b"# Titanic\n\n" + b"Who survived, and why. " * 8,
            "projects/titanic/app.py": b"SECRET\n",
            "projects/house/app.py": b"SECRET\n",
        }
    )
    with serve(github):
        monkeypatch.setenv("GITHUB_API_URL", github.base_url)
        monkeypatch.delenv("GITHUB_TOKEN", raising=False)
        monkeypatch.delenv("GH_TOKEN", raising=False)
        result = run("gh:ada/portfolio//projects/titanic", "--api", "--no-cache", "-f", "json")
        missing = run("gh:ada/portfolio//projects/nope", "--api", "--no-cache")
    report = json.loads(result.stdout)
    assert report["target"] == "ada/portfolio@main//projects/titanic"
    readme = next(r for r in report["results"] if r["code"] == "DOC001")
    assert readme["status"] == "passed"  # the folder's README is its root README
    assert missing.exit_code == 2
    assert "no folder 'projects/nope' with files in ada/portfolio" in missing.stderr
