"""Secrets are redacted wherever repository text enters a report or the cache; baselines use a
keyed hash; secret patterns run in linear time.

Each repository here is built on disk the way a student would push it: a GitHub token in a
requirements VCS URL, a README command, an absolute path, a CI command and a commit subject.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import stat
import string
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from portfolio_lint.app import cli
from portfolio_lint.render import FORMATS
from tests.conftest import commit_all, write_tree

ALNUM = string.ascii_letters + string.digits
RNG = random.Random(917)
CHANNELS = ("requirements", "readme", "path", "ci", "ci-url", "subject")


def token() -> str:
    """A GitHub-token-shaped value built at run time (never committed)."""
    return "ghp_" + "".join(RNG.choice(ALNUM) for _ in range(36))


@pytest.fixture
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Cache and config folders inside tmp_path, as the CLI finds them (XDG variables)."""
    dirs = {"cache": tmp_path / "xdg-cache", "config": tmp_path / "xdg-config"}
    monkeypatch.setenv("XDG_CACHE_HOME", str(dirs["cache"]))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(dirs["config"]))
    monkeypatch.delenv("PORTFOLIO_LINT_BASELINE_KEY", raising=False)
    return dirs


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """A umask that would leave new files readable by everyone."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def leaky_repository(root: Path) -> dict[str, str]:
    """A repository quoting a different token in each place a non-secret rule reads."""
    tokens = {channel: token() for channel in CHANNELS}
    write_tree(
        root,
        {
            "requirements.txt": "numpy==1.26.4\n"
            f"privatelib @ git+https://ada:{tokens['requirements']}@github.com/acme/lib.git\n",
            "README.md": "# Demo\n\nTrains a model.\n\n## Usage\n\n```bash\n"
            f"python train_model.py --hub-token {tokens['readme']}\n```\n",
            "src/load.py": "import pandas as pd\n\n\ndef load():\n"
            f'    return pd.read_csv("/Users/ada/{tokens["path"]}/train.csv")\n',
            ".github/workflows/ci.yml": "name: ci\non: push\njobs:\n  build:\n"
            "    runs-on: ubuntu-latest\n    steps:\n"
            f"      - run: ./deploy.sh {tokens['ci']}\n"
            f"      - run: git clone https://x-access-token:{tokens['ci-url']}@github.com/acme/d.git\n",
        },
    )
    commit_all(root, "Add the project")
    (root / "notes.txt").write_text("notes\n")
    commit_all(root, f"Update {tokens['subject']}.txt")
    return tokens


def lint(root: Path, out: Path, *extra: str) -> tuple[str, dict[str, str]]:
    """Lint `root` writing every output format into `out`; stdout and the files' text."""
    out.mkdir(exist_ok=True)
    formats = [f"{kind}:{out / kind}" for kind in FORMATS]
    args = [str(root), *(a for f in formats for a in ("-f", f)), *extra]
    result = CliRunner().invoke(cli.main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.output, {kind: (out / kind).read_text(encoding="utf-8") for kind in FORMATS}


def files_text(folder: Path) -> Iterator[tuple[Path, bytes]]:
    for path in folder.rglob("*"):
        if path.is_file():
            yield path, path.read_bytes()


def test_tokens_are_redacted_in_every_format_and_in_the_cache(
    tmp_path: Path, private_dirs: dict[str, Path]
) -> None:
    root = tmp_path / "student"
    root.mkdir()
    tokens = leaky_repository(root)
    for run in ("fresh", "cached"):  # the second run reads facts and history from the cache
        stdout, outputs = lint(root, tmp_path / run)
        for secret in tokens.values():
            assert secret not in stdout
            for kind, text in outputs.items():
                assert secret not in text, (run, kind)
            assert secret[:20] not in stdout + "".join(outputs.values())
        report = json.loads(outputs["json"])
        quoted = {
            f["rule"] if "rule" in f else r["code"]
            for r in report["results"]
            for f in r.get("findings", [])
            if "ghp_…(" in f["message"] or "ghp…(" in f["message"]
        }
        # The findings still show, redacted: the dependency, the README command, the path,
        # the CI commands and the commit subject (a VCS rule quotes vague subjects).
        assert {"ENV002", "ENV004", "DAT001", "CI002"} <= quoted, (run, quoted)
        assert any(code.startswith("VCS") for code in quoted), (run, quoted)
    cache_files = dict(files_text(private_dirs["cache"]))
    assert cache_files, "the analysis cache was not written"
    for path, data in cache_files.items():
        for secret in tokens.values():
            assert secret.encode() not in data, path


def test_cache_files_are_private_whatever_the_umask(
    tmp_path: Path, private_dirs: dict[str, Path], loose_umask: None
) -> None:
    root = tmp_path / "student"
    root.mkdir()
    write_tree(root, {"README.md": "# Demo\n", "train.py": "print('hi')\n"})
    commit_all(root)
    lint(root, tmp_path / "out")
    folder = private_dirs["cache"] / "portfolio-lint"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    databases = [p for p in folder.iterdir() if p.is_file()]
    assert databases
    for path in databases:
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path


def test_readable_cache_files_of_an_older_version_are_made_private(
    tmp_path: Path, private_dirs: dict[str, Path]
) -> None:
    root = tmp_path / "student"
    root.mkdir()
    write_tree(root, {"README.md": "# Demo\n"})
    commit_all(root)
    lint(root, tmp_path / "first")
    folder = private_dirs["cache"] / "portfolio-lint"
    folder.chmod(0o755)
    for path in folder.iterdir():
        path.chmod(0o644)
    lint(root, tmp_path / "second")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path


def test_baseline_holds_keyed_hashes_and_still_suppresses(
    tmp_path: Path, private_dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    password = "Summer2024!"  # weak: guessable from a plain hash
    root = tmp_path / "student"
    root.mkdir()
    write_tree(root, {"README.md": "# Demo\n", "settings.py": f'DB_PASSWORD = "{password}"\n'})
    commit_all(root)
    baseline = tmp_path / "baseline.json"
    _, first = lint(root, tmp_path / "first", "--write-baseline", str(baseline))
    assert "SEC002" in first["json"]
    text = baseline.read_text()
    digest = hashlib.sha256(password.encode()).hexdigest()
    for leak in (password, digest, digest[:24], digest[:16]):
        assert leak not in text
    fingerprints = [
        f["fingerprint"]
        for r in json.loads(first["json"])["results"]
        for f in r.get("findings", [])
    ]
    assert fingerprints and not any(fp in text for fp in fingerprints)
    _, second = lint(root, tmp_path / "second", "--baseline", str(baseline))
    assert not any(
        r.get("findings") and r["code"] == "SEC002" for r in json.loads(second["json"])["results"]
    )
    # Another user's key (or none shared) matches nothing: the finding is new to them.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "someone-else"))
    _, third = lint(root, tmp_path / "third", "--baseline", str(baseline))
    assert any(
        r.get("findings") and r["code"] == "SEC002" for r in json.loads(third["json"])["results"]
    )


def secret_fingerprints(report_json: str, code: str) -> list[str]:
    return [
        f["fingerprint"]
        for r in json.loads(report_json)["results"]
        if r["code"] == code
        for f in r.get("findings", [])
    ]


def test_report_fingerprints_carry_nothing_of_the_secret_but_baselines_tell_secrets_apart(
    tmp_path: Path, private_dirs: dict[str, Path]
) -> None:
    # Two weak passwords with the same redacted form: a fingerprint computed from the value
    # (SARIF uploads it to code scanning) would let anyone test guesses of it offline.
    fingerprints, baselines = [], []
    for name, password in (("first", "Summer2024!"), ("second", "Sunset1999?")):
        root = tmp_path / name
        root.mkdir()
        write_tree(root, {"README.md": "# Demo\n", "settings.py": f'DB_PASSWORD = "{password}"\n'})
        commit_all(root)
        baselines.append(tmp_path / f"{name}.baseline.json")
        _, outputs = lint(root, tmp_path / f"{name}-out", "--write-baseline", str(baselines[-1]))
        fingerprints.append(secret_fingerprints(outputs["json"], "SEC002"))
        assert password not in outputs["sarif"]
    assert fingerprints[0] and fingerprints[0] == fingerprints[1]
    # The second repository's password is not the one the first baseline accepted.
    _, outputs = lint(tmp_path / "second", tmp_path / "cross", "--baseline", str(baselines[0]))
    assert secret_fingerprints(outputs["json"], "SEC002")


def crafted_file(size: int) -> str:
    """Lines made to make a backtracking secret pattern work quadratically on each window."""
    units = [
        "-----BEGIN PRIVATE KEY-----\nComment:" + " " * 1400 + "!\n",
        "-----BEGIN OPENSSH PRIVATE KEY-----" + "\\n" * 700 + "!\n",
        "password" + " =" * 700 + "\n",
        "docker login" + " -p" * 450 + "\n",
        "eyJ" * 450 + ".\n",
        "aws_secret_access_key" + " " * 1400 + "!\n",
        "https://u:" + ":" * 1400 + "\n",
    ]
    block = "".join(units)
    return (block * (size // len(block) + 1))[:size]


def test_an_eight_mebibyte_crafted_file_lints_quickly(
    tmp_path: Path, private_dirs: dict[str, Path]
) -> None:
    root = tmp_path / "student"
    root.mkdir()
    write_tree(root, {"README.md": "# Demo\n", "keys.txt": crafted_file(8 * 1024 * 1024 - 4096)})
    commit_all(root)
    start = time.perf_counter()
    lint(root, tmp_path / "out", "--no-cache", "--no-history")
    # The backtracking pattern took 94 s on such a file; linear patterns take a few seconds.
    assert time.perf_counter() - start < 30
