"""History rules VCS007-VCS011 on real git repositories with pinned authors and dates."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path

import git
import pytest

from portfolio_lint.checks.history import is_vague
from portfolio_lint.core.model import Severity, Status
from portfolio_lint.facts.repo import Repo, RunOptions
from portfolio_lint.sources.local import LocalSource
from tests.conftest import EPOCH, FileContent, commit_all, write_tree

if sys.version_info >= (3, 11):
    pass
else:  # pragma: no cover
    pass

TOKEN = "ghp_" + "Xk29QmT7bR4vL8nW2pY6cZ1dF5gH3jK0aS9e"
Step = tuple[dict[str, FileContent], Sequence[str], str, int]  # write, remove, message, day


HISTORY_CODES = ("VCS007", "VCS008", "VCS009", "VCS010", "VCS011")


@pytest.fixture
def history_repo(tmp_path: Path) -> Callable[..., Repo]:
    """A repository built commit by commit: steps of (files, removed paths, message, day)."""

    def build(steps: Sequence[Step], **options: object) -> Repo:
        root = tmp_path / "repo"
        root.mkdir(exist_ok=True)
        for files, removed, message, day in steps:
            write_tree(root, files)
            for path in removed:
                (root / path).unlink()
            commit_all(root, message, EPOCH + timedelta(days=day, minutes=len(message)))
        run = RunOptions(use_cache=False, **options)  # type: ignore[arg-type]
        return Repo(LocalSource(root), options=run)

    return build


def _linear(messages: Sequence[str], days: Sequence[int]) -> list[Step]:
    pairs = enumerate(zip(messages, days, strict=True))
    return [({"log.md": f"{i}\n"}, (), message, day) for i, (message, day) in pairs]


# --- VCS007 history-secrets ------------------------------------------------------------------


def test_key_deleted_later_fails_with_the_commit_and_revoke(history_repo, run_rule) -> None:
    repo = history_repo(
        [
            ({"app.py": f'TOKEN = "{TOKEN}"\n'}, (), "Add client", 0),
            ({"app.py": "import os\nTOKEN = os.environ['TOKEN']\n"}, (), "Use env var", 1),
        ]
    )
    result = run_rule("VCS007", repo)
    assert result.status is Status.FAILED
    (finding,) = result.findings
    leaked_in = repo.history.commits[-1].sha[:8]
    assert leaked_in in finding.message and "revoke" in finding.message
    assert finding.location is not None and finding.location.path == "app.py"
    assert TOKEN not in finding.message


@pytest.mark.parametrize(
    "steps",
    [
        [({"app.py": "import os\nTOKEN = os.environ['TOKEN']\n"}, (), "Add client", 0)],
        # Still in the current tree: SEC001 reports it, not the history rule.
        [
            ({"app.py": f'TOKEN = "{TOKEN}"\n'}, (), "Add client", 0),
            ({"README.md": "# x\n"}, (), "Add readme", 1),
        ],
    ],
)
def test_history_secrets_stays_quiet(history_repo, run_rule, steps) -> None:
    assert run_rule("VCS007", history_repo(steps)).status is Status.PASSED


# --- VCS008 history-sensitive-files ---------------------------------------------------------


@pytest.mark.parametrize(
    ("removed", "status"),
    [
        (".env", Status.FAILED),
        ("kaggle.json", Status.FAILED),
        (".ssh/id_rsa", Status.FAILED),
        ("certs/server.key", Status.FAILED),
        ("certs/public.pem", Status.PASSED),
        (".env.example", Status.PASSED),
        ("notes.txt", Status.PASSED),
    ],
)
def test_sensitive_file_committed_then_removed(history_repo, run_rule, removed, status) -> None:
    repo = history_repo(
        [
            ({removed: "KEY=value\n", "a.py": ""}, (), "Add project", 0),
            ({}, (removed,), "Remove file", 1),
        ]
    )
    result = run_rule("VCS008", repo)
    assert result.status is status
    if status is Status.FAILED:
        assert "still in the history" in result.findings[0].message


def test_sensitive_file_still_present_is_left_to_the_secrets_rules(history_repo, run_rule) -> None:
    repo = history_repo([({".env": "KEY=value\n"}, (), "Add env", 0)])
    assert run_rule("VCS008", repo).status is Status.PASSED


# --- VCS009 history-large-binaries ----------------------------------------------------------


@pytest.mark.parametrize(("removed", "status"), [(True, Status.FAILED), (False, Status.PASSED)])
def test_large_binary_only_in_history(history_repo, run_rule, removed, status) -> None:
    steps = [({"model.pt": os.urandom(6 * 1024 * 1024), "a.py": ""}, (), "Add model", 0)]
    if removed:
        steps.append(({}, ("model.pt",), "Remove model", 1))
    result = run_rule("VCS009", history_repo(steps))
    assert result.status is status
    if removed:
        assert result.findings[0].location.path == "model.pt"
        assert "6.0 MB" in result.findings[0].message


def test_large_binary_floor_option(history_repo) -> None:
    from portfolio_lint.checks.history import history_large_binaries

    repo = history_repo(
        [
            ({"model.pt": os.urandom(1_200_000)}, (), "Add model", 0),
            ({}, ("model.pt",), "Remove model", 1),
        ]
    )
    assert history_large_binaries(repo, min_size_mb=1.0).score == 0.0
    assert history_large_binaries(repo, min_size_mb=5.0).score == 1.0


# --- VCS010 commit-cadence ------------------------------------------------------------------


def test_single_commit_dump_is_a_finding(history_repo, run_rule) -> None:
    result = run_rule("VCS010", history_repo(_linear(["Initial commit"], [0])))
    assert result.status in (Status.PARTIAL, Status.FAILED)
    assert "one commit" in result.findings[0].message


def test_steady_work_over_days_passes(history_repo, run_rule) -> None:
    messages = [f"Add step {i} of the pipeline" for i in range(12)]
    result = run_rule("VCS010", history_repo(_linear(messages, list(range(12)))))
    assert result.status is Status.PASSED


def test_many_commits_on_one_day_score_partially(history_repo, run_rule) -> None:
    messages = [f"Add step {i} of the pipeline" for i in range(12)]
    result = run_rule("VCS010", history_repo(_linear(messages, [0] * 12)))
    assert result.status is Status.PARTIAL
    assert result.score is not None and 0.0 < result.score < 1.0
    assert "distinct day" in result.findings[0].message


def test_one_upload_then_small_touches_is_a_dump(history_repo, run_rule) -> None:
    code = "".join(f"value_{i} = {i}\n" for i in range(600))
    steps: list[Step] = [({"src/model.py": code}, (), "Upload project", 0)]
    steps += [
        ({"README.md": f"# Project\n\nStep {day}\n"}, (), f"Describe step {day}", day)
        for day in range(1, 12)
    ]
    result = run_rule("VCS010", history_repo(steps))
    assert result.status is Status.PARTIAL
    assert any("uploaded rather than built" in f.message for f in result.findings)


def test_code_added_across_many_commits_is_not_a_dump(history_repo, run_rule) -> None:
    steps: list[Step] = [
        (
            {f"src/part_{day}.py": "".join(f"v{i} = {i}\n" for i in range(60))},
            (),
            f"Add part {day} of the pipeline",
            day,
        )
        for day in range(12)
    ]
    assert run_rule("VCS010", history_repo(steps)).status is Status.PASSED


# --- VCS011 commit-messages -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "vague"),
    [
        ("update", True),
        ("Update", True),
        ("fix", True),
        ("asdf", True),
        ("wip", True),
        ("update 2", True),
        ("...", True),
        ("aaaaaa", True),
        ("Add files via upload", True),
        ("Add stratified split to avoid leakage", False),
        ("Fix off-by-one in the data loader", False),
        ("Update README with install steps", False),
        ("Initial commit", False),
        ("Обновить README: добавить установку", False),
        ("修复数据加载错误", False),
        # GitHub's and Colab's default messages name a file, not a change
        ("Update README.md", True),
        ("Create train.py", True),
        ("Delete notebooks/old.ipynb", True),
        ("Created using Colaboratory", True),
        ("Created using Colab", True),
        ("Update README.md with the results table", False),
        ("Add Dockerfile", False),
        ("Rename eda.ipynb to 01_eda.ipynb", False),
        ("Update scikit-learn to 1.5", False),
    ],
)
def test_is_vague(subject: str, vague: bool) -> None:
    assert is_vague(subject) is vague


def test_vague_messages_score_partially_with_examples(history_repo, run_rule) -> None:
    messages = ["Add data loader", "update", "fix", "asdf", "update", "Add training loop"]
    result = run_rule("VCS011", history_repo(_linear(messages, range(6))))
    assert result.status is Status.PARTIAL
    assert result.score == pytest.approx(2 / 6)
    assert "4 of 6" in result.findings[0].message


def test_repeated_default_messages_are_grouped(history_repo, run_rule) -> None:
    messages = ["Add files via upload", *["Update README.md"] * 6, "Add SHAP plots of drivers"]
    result = run_rule("VCS011", history_repo(_linear(messages, range(8))))
    message = result.findings[0].message
    assert "7 of 8" in message and "'Update README.md' (x6)" in message
    assert message.count("Update README.md") == 1


def test_descriptive_messages_pass(history_repo, run_rule) -> None:
    messages = ["Add data loader", "Train baseline model", "Report accuracy in README"]
    assert run_rule("VCS011", history_repo(_linear(messages, range(3)))).status is Status.PASSED


# --- not applicable ---------------------------------------------------------------------------


@pytest.mark.parametrize("code", HISTORY_CODES)
def test_plain_folder_and_no_history_are_not_applicable(make_repo, run_rule, code) -> None:
    plain = make_repo({"a.py": ""}, git_repo=False)
    turned_off = make_repo({"a.py": ""}, history=False)
    for repo in (plain, turned_off):
        result = run_rule(code, repo)
        assert result.status is Status.NOT_APPLICABLE
        assert result.reason


@pytest.mark.parametrize("code", HISTORY_CODES)
def test_repository_without_commits_is_not_applicable(tmp_path, run_rule, code) -> None:
    git.Repo.init(tmp_path).close()
    (tmp_path / "a.py").write_text("")
    result = run_rule(code, Repo(LocalSource(tmp_path), options=RunOptions(use_cache=False)))
    assert result.status is Status.NOT_APPLICABLE


def test_removed_env_that_held_no_values_is_information_only(history_repo, run_rule) -> None:
    repo = history_repo(
        [
            ({".env": "OPENAI_API_KEY=\n", "a.py": ""}, (), "Add project", 0),
            ({}, (".env",), "Remove env", 1),
        ]
    )
    result = run_rule("VCS008", repo)
    assert result.status is Status.PASSED
    (finding,) = result.findings
    assert finding.severity is Severity.INFO
    assert "held no values" in finding.message and "rotate" not in finding.message


def test_removed_env_that_held_a_value_still_fails(history_repo, run_rule) -> None:
    repo = history_repo(
        [
            ({".env": "OPENAI_API_KEY=\n", "a.py": ""}, (), "Add project", 0),
            ({".env": "OPENAI_API_KEY=sk-abc\n"}, (), "Fill env", 1),
            ({"config/.env.prod": "DB_PASSWORD=\n"}, (".env",), "Remove env", 2),
            ({}, ("config/.env.prod",), "Remove prod env", 3),
        ]
    )
    result = run_rule("VCS008", repo)
    assert result.status is Status.FAILED
    by_path = {f.location.path: f for f in result.findings if f.location}
    assert by_path[".env"].severity is Severity.WARNING
    assert "held no values" not in by_path[".env"].message
    assert by_path["config/.env.prod"].severity is Severity.INFO
