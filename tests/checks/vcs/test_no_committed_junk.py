"""Tests of VCS006 no-committed-junk: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from tests.checks.vcs.conftest import README

VENV = {
    "venv/pyvenv.cfg": "home = /usr/bin\n",
    "venv/bin/activate": "# activate\n",
    "venv/lib/python3.11/site-packages/numpy/__init__.py": "x = 1\n",
    "venv/lib/python3.11/site-packages/numpy/core.py": "x = 2\n",
}


@pytest.mark.parametrize(
    ("files", "roots"),
    [
        (VENV, ["venv/"]),
        ({"env/Lib/site-packages/six.py": "x\n", "env/Scripts/activate.bat": "x\n"}, ["env/"]),
        ({"conda/conda-meta/history": "x\n", "conda/lib/libz.so": b"\x7fELF"}, ["conda/"]),
        (
            {
                "src/__pycache__/a.cpython-311.pyc": b"\x00\x01",
                "src/__pycache__/b.cpython-311.pyc": b"\x00\x02",
            },
            ["src/__pycache__/"],
        ),
        (
            {"notebooks/.ipynb_checkpoints/eda-checkpoint.ipynb": "{}"},
            ["notebooks/.ipynb_checkpoints/"],
        ),
        ({".DS_Store": b"\x00\x00", "data/.DS_Store": b"\x00\x01"}, [".DS_Store"]),
        ({"old.pyc": b"\x00"}, ["*.pyc"]),
        ({".idea/workspace.xml": "<project/>", ".idea/misc.xml": "<project/>"}, [".idea/"]),
        ({"node_modules/left-pad/index.js": "x\n"}, ["node_modules/"]),
        ({"churn.egg-info/PKG-INFO": "Name: churn\n"}, ["churn.egg-info/"]),
        (
            {".pytest_cache/v/cache/lastfailed": "{}", "Thumbs.db": b"\x00"},
            [".pytest_cache/", "Thumbs.db"],
        ),
        (
            {
                "wandb/run-20240301_101010-abc123/files/config.yaml": "lr: 0.1\n",
                "wandb/latest-run/logs/debug.log": "x\n",
            },
            ["wandb/"],
        ),
        ({"mlruns/0/meta.yaml": "artifact_location: file:///Users/ana/mlruns/0\n"}, ["mlruns/"]),
        ({"lightning_logs/version_0/hparams.yaml": "lr: 0.1\n"}, ["lightning_logs/"]),
    ],
)
def test_committed_junk_fires(make_repo, run_rule, files, roots):
    result = run_rule("VCS006", make_repo({**README, **files}))
    assert result.status is Status.FAILED
    assert sorted(f.message.split(":")[0] for f in result.findings) == sorted(roots)


def test_committed_venv_is_one_finding_with_a_count(make_repo, run_rule):
    result = run_rule("VCS006", make_repo({**README, **VENV}))
    assert len(result.findings) == 1
    assert "4 committed files" in result.findings[0].message


@pytest.mark.parametrize(
    "files",
    [
        {".vscode/extensions.json": "{}", ".vscode/settings.json": "{}"},  # shared on purpose
        {".idea/codeStyles/Project.xml": "<code_scheme/>"},  # shared code style
        {"src/churn/__init__.py": "", "src/churn/lib/helpers.py": "x = 1\n"},
        {"docs/bin/activate_guide.md": "# Activate\n"},
        {".gitignore": "__pycache__/\n.DS_Store\n"},
        {"src/trackers/wandb/__init__.py": "", "src/trackers/wandb/logger.py": "x = 1\n"},
    ],
)
def test_committed_junk_quiet(make_repo, run_rule, files):
    assert run_rule("VCS006", make_repo({**README, **files})).status is Status.PASSED


def test_untracked_junk_is_not_committed(make_repo, run_rule):
    repo = make_repo(README, git_repo=True)
    (repo.source.root / ".DS_Store").write_bytes(b"\x00\x00")
    assert run_rule("VCS006", repo).status is Status.PASSED


def test_junk_in_plain_folder_is_not_applicable(make_repo, run_rule):
    repo = make_repo({**README, ".DS_Store": b"\x00"}, git_repo=False)
    assert run_rule("VCS006", repo).status is Status.NOT_APPLICABLE
