"""VCS001-VCS006 on repositories built on disk: where each fires and where it stays quiet."""

from __future__ import annotations

import pickle

import pytest

from portfolio_lint.core.model import Status
from portfolio_lint.sources.base import HostMetadata

VCS_CODES = {f"VCS00{n}" for n in range(1, 7)}
README = {"README.md": "# Churn model\n\nPredicts churn.\n"}
LFS_POINTER = "version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 99999999\n"
PICKLE = pickle.dumps({"weights": list(range(40_000))}, protocol=4)
DVC_FILE = "outs:\n- md5: abc\n  path: model.pkl\n"
NPY = b"\x93NUMPY\x01\x00v\x00{'descr': '<f8'}" + b"\x00" * 200_000


# --- VCS001 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({".gitignore": "__pycache__/\n.env\n"}, Status.PASSED),
        ({".gitignore": ""}, Status.FAILED),
        ({".gitignore": "# nothing yet\n\n"}, Status.FAILED),
        ({}, Status.FAILED),
        ({"src/.gitignore": "*.pyc\n"}, Status.FAILED),  # only the root one counts
    ],
)
def test_gitignore_present(make_repo, run_rule, files, status):
    assert run_rule("VCS001", make_repo({**README, **files})).status is status


# --- VCS002 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gitignore", "status"),
    [
        (".env\n", Status.PASSED),
        ("*.env\n", Status.PASSED),
        (".env*\n", Status.PASSED),
        ("**/.env\n", Status.PASSED),
        ("/.env\n", Status.PASSED),
        (".env*\n!.env.example\n", Status.PASSED),  # keeping the template is fine
        ("__pycache__/\n", Status.FAILED),
        (".env\n!.env\n", Status.FAILED),
        (".envrc\n", Status.FAILED),
        ("env/\n", Status.FAILED),  # a virtualenv folder, not the secrets file
    ],
)
def test_gitignore_env(make_repo, run_rule, gitignore, status):
    result = run_rule("VCS002", make_repo({**README, ".gitignore": gitignore}))
    assert result.status is status
    if gitignore.endswith("!.env\n"):
        assert result.findings[0].location.line == 2


def test_gitignore_env_not_applicable_without_gitignore(make_repo, run_rule):
    result = run_rule("VCS002", make_repo(README))
    assert result.status is Status.NOT_APPLICABLE
    assert "gitignore-present" in (result.reason or "")


# --- VCS003 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "LICENSE",
        "LICENSE.md",
        "LICENSE.txt",
        "license",
        "LICENCE",
        "COPYING",
        "LICENSE-MIT",
        "License.rst",
        "UNLICENSE",
        "COPYING.LESSER",
    ],
)
def test_license_file_names(make_repo, run_rule, name):
    repo = make_repo({**README, name: "MIT License\n\nCopyright (c) 2026 Ada\n"})
    assert run_rule("VCS003", repo).status is Status.PASSED


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"README.md": "# Churn\n\n## License\n\nMIT\n"}, "only mentioned in the README"),
        ({"README.md": "# Отток\n\n## Лицензия\n\nMIT\n"}, "only mentioned in the README"),
        ({"README.md": "# Churn\n\n## Licencia\n\nMIT\n"}, "only mentioned in the README"),
        ({"README.md": "# 流失\n\n## 许可证\n\nMIT\n"}, "only mentioned in the README"),
        ({"README.md": "# Churn\n\nDistribuido bajo la licencia MIT.\n"}, "only mentioned"),
        ({"README.md": "# Churn\n\nReleased under the MIT licence.\n"}, "only mentioned"),
        (
            {
                "README.md": "# Churn\n\n[![License: MIT](https://img.shields.io/badge/License-MIT-"
                "yellow.svg)](https://opensource.org/licenses/MIT)\n"
            },
            "only mentioned",
        ),
        (
            {"README.md": "# Churn\n\nData: Kaggle Telco churn (licence: see the site).\n"},
            "No LICENSE file",
        ),  # a dataset's licence is not a claim about the code
        ({"README.md": "# Churn\n"}, "No LICENSE file"),
        ({**README, "LICENSE": ""}, "is empty"),
        ({**README, "docs/LICENSE": "MIT License\n"}, "No LICENSE file"),  # root only
        ({**README, "license_plate_detector.py": "x = 1\n"}, "No LICENSE file"),
    ],
)
def test_license_missing(make_repo, run_rule, files, message):
    result = run_rule("VCS003", make_repo(files))
    assert result.status is Status.FAILED
    assert message in result.findings[0].message


def test_license_from_host_metadata(make_repo, run_rule):
    repo = make_repo(README)
    repo.__dict__["metadata"] = HostMetadata(license="MIT")  # as the GitHub source reports it
    assert run_rule("VCS003", repo).status is Status.PASSED


# --- VCS004 ------------------------------------------------------------------------------------


def test_large_file_fires(make_repo, run_rule):
    repo = make_repo({**README, "data/train.csv": "a,b\n" * 3_000_000})  # 12 MB
    result = run_rule("VCS004", repo)
    assert result.status is Status.FAILED
    assert result.findings[0].location.path == "data/train.csv"
    assert "Git LFS" in result.findings[0].message


@pytest.mark.parametrize(
    "files",
    [
        {"data/train.csv": "a,b\n" * 1000},
        {"models/model.pt": LFS_POINTER},  # LFS pointers are small
    ],
)
def test_large_file_quiet(make_repo, run_rule, files):
    assert run_rule("VCS004", make_repo({**README, **files})).status is Status.PASSED


def test_large_untracked_file_is_not_committed(make_repo, run_rule):
    repo = make_repo(README)
    (repo.source.root / "dump.csv").write_text("a,b\n" * 3_000_000)
    assert run_rule("VCS004", repo).status is Status.PASSED


# --- VCS005 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "files",
    [
        {"models/model.pkl": PICKLE},
        {"features.npy": NPY},
        {"weights/best.pt": b"PK\x03\x04" + bytes(range(256)) * 800},
        {"data/train.csv.gz": b"\x1f\x8b\x08\x00" + b"x" * 200_000},  # magic bytes, no NUL
        {"models/model.pkl": PICKLE, "README.md": "# Model\n"},
    ],
)
def test_committed_binaries_fire(make_repo, run_rule, files):
    result = run_rule("VCS005", make_repo({**README, **files}))
    assert result.status is Status.FAILED
    assert "Git LFS or DVC" in result.findings[0].message


@pytest.mark.parametrize(
    "files",
    [
        {"models/model.pkl": "import pickle\n" + "# notes\n" * 20_000},  # Python text, not pickle
        {"models/model.pkl": LFS_POINTER},
        {"models/model.pt": PICKLE, ".gitattributes": "*.pt filter=lfs diff=lfs merge=lfs -text\n"},
        {"models/model.pkl": PICKLE, "models/model.pkl.dvc": DVC_FILE},
        {"models/tiny.pkl": pickle.dumps({"a": 1}, protocol=4)},  # under the size floor
        {"train.py": "import torch\n"},
    ],
)
def test_committed_binaries_quiet(make_repo, run_rule, files):
    assert run_rule("VCS005", make_repo({**README, **files})).status is Status.PASSED


# --- VCS006 ------------------------------------------------------------------------------------

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
    repo = make_repo(README)
    (repo.source.root / ".DS_Store").write_bytes(b"\x00\x00")
    assert run_rule("VCS006", repo).status is Status.PASSED


def test_junk_in_plain_folder_is_not_applicable(make_repo, run_rule):
    repo = make_repo({**README, ".DS_Store": b"\x00"}, git_repo=False)
    assert run_rule("VCS006", repo).status is Status.NOT_APPLICABLE


def test_plain_folder_is_judged_as_a_snapshot(make_repo, run_rule):
    """A downloaded archive has no git: its files are what the author published."""
    repo = make_repo({**README, "models/model.pkl": PICKLE}, git_repo=False)
    assert run_rule("VCS005", repo).status is Status.FAILED
    assert run_rule("VCS001", repo).status is Status.FAILED
