"""Contract: one tree served locally, through a clone, through the API and from memory gives
one verdict."""

from __future__ import annotations

import json
import random
import shutil
import string
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import git
import pytest

from portfolio_lint.core.config import Config
from portfolio_lint.core.model import Report, RuleResult, Status
from portfolio_lint.core.rubric import Rubric
from portfolio_lint.engine.run import lint
from portfolio_lint.facts.repo import Repo, RunOptions
from portfolio_lint.sources.base import Source
from portfolio_lint.sources.clone import ensure_checkout
from portfolio_lint.sources.github import ApiSettings, GitHubSource
from portfolio_lint.sources.local import LocalSource
from portfolio_lint.sources.memory import MemorySource
from portfolio_lint.sources.targets import parse_target
from tests.conftest import EPOCH, FIXTURES, commit_all, write_tree
from tests.fake_github import FakeGitHub, FakeRepo, serve
from tests.sources.test_clone import publish

HISTORY_RULES = ("VCS007", "VCS008", "VCS009", "VCS010", "VCS011")
TREES = ("middling", "strong", "weak", "notebook-only", "hostile")


def fake_token() -> str:
    """A GitHub-token-shaped value built at run time, so this file holds no secret."""
    alphabet = string.ascii_letters + string.digits
    rng = random.Random(5)
    return "gh" + "p_" + "".join(rng.choice(alphabet) for _ in range(36))


def notebook() -> str:
    """A notebook run out of order, with an error output and a Colab path in its code."""
    cells = [
        {
            "cell_type": "code",
            "execution_count": 3,
            "metadata": {},
            "outputs": [],
            "source": ["import pandas as pd\n", "df = pd.read_csv('/content/drive/MyDrive/x.csv')"],
        },
        {
            "cell_type": "code",
            "execution_count": 1,
            "metadata": {},
            "source": ["df.fit()"],
            "outputs": [
                {
                    "output_type": "error",
                    "ename": "AttributeError",
                    "evalue": "no fit",
                    "traceback": ["AttributeError: no fit"],
                }
            ],
        },
        {"cell_type": "markdown", "metadata": {}, "source": ["## Results\n", "F1 0.81"]},
    ]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def hostile_tree() -> dict[str, str | bytes]:
    """A tree that makes many rules fire: paths, a secret, notebooks, big and binary files."""
    rows = "".join(f"{i},{i * 7 % 13},{i % 2}\n" for i in range(150_000))
    return {
        "README.md": (
            "# Churn predictor\n\nPredicts which customers leave.\n\n## Install\n\n"
            "```bash\npip install -r requirements.txt\n```\n\nSee [setup](docs/setup.md) and "
            "[notes](docs/café notes.md) and [gone](docs/missing.md).\n"
        ),
        "docs/café notes.md": "# Notes\n\nAccuracy was high.\n",
        "docs/what?#1 100%.md": "Names a URL must quote: `pd.read_csv('/Users/ada/x.csv')`\n",
        "src/churn/__init__.py": "",
        "requirements.txt": "pandas\nscikit-learn>=1.0\ntorch==2.1.0\n",
        ".env": "OPENAI_API_KEY=your_key_here\n",
        ".DS_Store": b"\0\0\0\1Bud1" + bytes(range(256)),
        "src/churn/train.py": (
            '"""Training."""\nimport pandas as pd\n\n'
            f'GITHUB_TOKEN = "{fake_token()}"\n'
            'DATA = "C:\\\\Users\\\\ada\\\\Desktop\\\\churn.csv"\n\n\n'
            "def load(kind):\n    if kind == 1:\n"
            "        return pd.read_csv('/kaggle/input/c.csv')\n"
            "    elif kind == 2:\n        return pd.read_csv(DATA)\n    return None\n"
        ),
        "src/churn/legacy.py": "# caf\xe9 in latin-1\nname = 'caf\xe9'\n".encode("latin-1"),
        "notebooks/eda.ipynb": notebook(),
        "notebooks/broken.ipynb": "{ not json",
        "tests/test_train.py": "from churn.train import load\n\n\ndef test_load():\n"
        "    assert load(3) is None\n",
        ".github/workflows/ci.yml": (
            "name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
            "      - uses: actions/checkout@v4\n      - run: pip install -r requirements.txt\n"
            "      - run: pytest\n"
        ),
        "data/train.csv": "id,x,y\n" + rows,  # over 1 MB: the API serves it as a blob
        "models/model.pkl": random.Random(1).randbytes(150_000),
        ".gitignore": "__pycache__/\nmodels/\n",  # models/model.pkl is tracked all the same
    }


def build_work_tree(name: str, root: Path) -> Path:
    """The tree as a committed git work tree (fixtures copied, the hostile one written)."""
    if name == "hostile":
        write_tree(root, hostile_tree())
        commit_all(root, "Add project", EPOCH)
        with git.Repo(root) as repo:  # tracked although .gitignore covers it
            repo.git.add("-f", "models/model.pkl")
        commit_all(root, "Add model", EPOCH)
    else:
        shutil.copytree(FIXTURES / name, root)
        commit_all(root, "Add project", EPOCH)
    return root


def publish_filtering(work: Path, bare: Path) -> str:
    """Publish `work` to a bare repository that honours partial-clone filters, as GitHub does.

    (Without uploadpack.allowFilter git ignores --filter=blob:none and clones every blob,
    which hid that a blobless checkout could not fetch the blobs it needs.)
    """
    url = publish(work, bare)
    with git.Repo(bare) as remote, remote.config_writer() as config:
        config.set_value("uploadpack", "allowFilter", "true")
        config.set_value("uploadpack", "allowAnySHA1InWant", "true")
    return url


def committed_files(root: Path) -> dict[str, bytes]:
    """Path → bytes of every file in HEAD's tree (what a host would serve)."""
    with git.Repo(root) as repo:
        paths = repo.git.ls_files("-z").split("\0")
    return {p: (root / p).read_bytes() for p in paths if p}


@pytest.fixture(params=TREES)
def work(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    return build_work_tree(str(request.param), tmp_path / "work")


@pytest.fixture
def served(work: Path) -> Iterator[FakeGitHub]:
    """The work tree's commit served by the fake GitHub (no licence or other host extras)."""
    fake = FakeGitHub()
    fake.repos["ada/project"] = FakeRepo(committed_files(work), workflow_conclusion=None)
    with serve(fake):
        yield fake


def api_source(fake: FakeGitHub) -> Source:
    settings = ApiSettings(base_url=fake.base_url, backoff=0.0, max_rate_limit_wait=1.0)
    return GitHubSource("ada/project", settings=settings)


def lint_source(source: Source, rubric: Rubric) -> Report:
    return lint(
        Repo(source, Config(), RunOptions(use_cache=False, history=False)), rubric, Config()
    )


def verdict(result: RuleResult) -> tuple[object, ...]:
    findings = sorted((f.fingerprint, f.message, f.location, f.severity) for f in result.findings)
    return (result.status, result.score, findings)


def test_same_tree_same_verdicts(
    work: Path, served: FakeGitHub, rubric: Rubric, tmp_path: Path
) -> None:
    url = publish_filtering(work, tmp_path / "remote.git")
    checkout = ensure_checkout(parse_target(url), cache=tmp_path / "clones", history=False)
    with git.Repo(checkout.path) as clone:  # really blobless, not silently a full clone
        assert clone.git.config("--get", "remote.origin.promisor") == "true"
    reports = {
        "local": lint_source(LocalSource(work), rubric),
        "clone": lint_source(LocalSource(checkout.path), rubric),
        "api": lint_source(api_source(served), rubric),
        "memory": lint_source(MemorySource(committed_files(work)), rubric),
    }
    by_mode = {mode: {r.rule.code: r for r in report.results} for mode, report in reports.items()}
    assert all(results.keys() == by_mode["local"].keys() for results in by_mode.values())
    for code, local in by_mode["local"].items():
        assert verdict(by_mode["clone"][code]) == verdict(local), code
        assert verdict(by_mode["memory"][code]) == verdict(local), code
        api_result = by_mode["api"][code]
        if api_result.status is Status.NOT_APPLICABLE and local.status is not api_result.status:
            assert api_result.reason, f"{code}: not applicable through the API, no reason given"
            continue
        assert verdict(api_result) == verdict(local), code
    assert reports["local"].score == reports["clone"].score == reports["memory"].score
    assert reports["local"].commit == reports["clone"].commit
    assert reports["api"].commit  # the fake's commit id: a different hash scheme
    assert not any(r.status is Status.ERROR for r in reports["api"].results)
    assert not reports["api"].warnings  # every file was read
    assert not reports["memory"].warnings and reports["memory"].commit is None
    # Each file costs one request at most, however many rules read it (rate limits).
    reads = [n for path, n in served.faults.requests.items() if "/contents/" in path]
    assert reads and max(reads) == 1


def test_history_rules_say_why_they_do_not_apply(served: FakeGitHub, rubric: Rubric) -> None:
    """With history on, API mode still cannot read it: those rules say so."""
    repo = Repo(api_source(served), Config(), RunOptions(use_cache=False, history=True))
    report = lint(repo, rubric, Config())
    history = [r for r in report.results if r.rule.code in HISTORY_RULES]
    assert len(history) == len(HISTORY_RULES)
    assert all(r.status is Status.NOT_APPLICABLE for r in history)
    assert all("API mode" in (r.reason or "") for r in history)


def test_the_hostile_tree_makes_rules_fire(tmp_path: Path, rubric: Rubric) -> None:
    """The contract is only worth something if the tree exercises findings, not just passes."""
    report = lint_source(LocalSource(build_work_tree("hostile", tmp_path / "w")), rubric)
    fired = {r.rule.code for r in report.results if r.findings}
    assert {
        "DAT001",
        "SEC001",
        "QUA005",
        "QUA007",
        "QUA008",
        "VCS005",
        "VCS006",
        "SEC003",
        "DOC008",
    } <= fired
    assert fake_token() not in json.dumps([f.evidence for f in report.findings])


def test_blobless_clone_reads_history_like_the_work_tree(tmp_path: Path, rubric: Rubric) -> None:
    """History rules see deleted files' blobs in a clone whose server honours the filter."""
    work = tmp_path / "work"
    write_tree(
        work,
        {
            "README.md": "# x\n",
            "keys.py": f'TOKEN = "{fake_token()}"\n',
            ".env": "A=b\n",
            "weights.pt": random.Random(2).randbytes(5_300_000),
        },
    )
    commit_all(work, "Add everything", EPOCH)
    for name in ("keys.py", ".env", "weights.pt"):
        (work / name).unlink()
    commit_all(work, "Remove secrets and weights", EPOCH + timedelta(days=1))
    url = publish_filtering(work, tmp_path / "remote.git")
    checkout = ensure_checkout(parse_target(url), cache=tmp_path / "clones")
    options = RunOptions(use_cache=False, history=True)
    reports = [
        lint(Repo(LocalSource(root), Config(), options), rubric, Config())
        for root in (work, checkout.path)
    ]
    local, clone = ({r.rule.code: verdict(r) for r in report.results} for report in reports)
    assert clone == local
    assert all(local[code][0] is Status.FAILED for code in ("VCS007", "VCS008", "VCS009"))
