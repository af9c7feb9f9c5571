"""The pre-commit hooks, run by pre-commit itself (`pre-commit try-repo`) in a real repository.

The hook's environment is built offline: no package index (PIP_NO_INDEX) and no build isolation,
with this environment's packages on PYTHONPATH, so pip finds every dependency installed and
only builds portfolio-lint from this checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import commit_all, write_tree

ROOT = Path(__file__).resolve().parents[1]
KEY = "sk-proj-" + "Qm3xT8vLw2Rk9sPz4Hn7Yb1Cd6Fg0Jt5Ua2Ve8Xi3Ol7Nq4Wr9Sy1Zc6Ep0Gh5Dk2Mb"
PROJECT = {
    "README.md": "# Churn\n\nPredicts which customers leave a telecom plan.\n",
    "train.py": "import pandas as pd\n\ndf = pd.read_csv('/Users/ada/churn.csv')\n",
    "requirements.txt": "pandas==2.2.2\n",
}

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def pre_commit(repo: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/bin", "/bin"]),
        "HOME": str(home),
        "XDG_CACHE_HOME": str(home / "cache"),
        "PRE_COMMIT_HOME": str(home / "pre-commit"),
        "PIP_NO_INDEX": "1",
        "PIP_NO_BUILD_ISOLATION": "0",  # pip reads this one inverted: 0 turns isolation off
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PYTHONPATH": sysconfig.get_paths()["purelib"],
        "GIT_AUTHOR_NAME": "Ada",
        "GIT_AUTHOR_EMAIL": "ada@example.com",
        "GIT_COMMITTER_NAME": "Ada",
        "GIT_COMMITTER_EMAIL": "ada@example.com",
    }
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), *args, "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_the_commit_hook_judges_the_change_and_the_push_hook_the_past(tmp_path: Path) -> None:
    repo, home = tmp_path / "student", tmp_path / "home"
    # The past: a key committed, then removed; an absolute path still in train.py.
    write_tree(repo, {**PROJECT, "config.py": f'OPENAI_API_KEY = "{KEY}"\n'})
    commit_all(repo, "Start")
    (repo / "config.py").write_text("import os\n\nKEY = os.environ['OPENAI_API_KEY']\n")
    commit_all(repo, "Read the key from the environment")

    clean_change = pre_commit(repo, home, "portfolio-lint")
    assert clean_change.returncode == 0, clean_change.stdout + clean_change.stderr

    full = pre_commit(repo, home, "portfolio-lint-full", "--hook-stage", "pre-push")
    assert full.returncode == 1, full.stdout + full.stderr
    assert "VCS007" in full.stdout and "ignore-with-reason" in full.stdout
    assert KEY not in full.stdout

    write_tree(repo, {"notebook_key.py": f'KEY = "{KEY}"\n'})  # a new leak in this change
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, capture_output=True)
    leaking_change = pre_commit(repo, home, "portfolio-lint")
    assert leaking_change.returncode == 1, leaking_change.stdout + leaking_change.stderr
    assert "SEC001" in leaking_change.stdout and "DAT001" not in leaking_change.stdout
    assert KEY not in leaking_change.stdout
