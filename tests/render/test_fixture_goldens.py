"""Every output format on every sample portfolio, byte for byte against golden files."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from portfolio_lint import __version__
from portfolio_lint.app import lint_run
from portfolio_lint.app.request import LintRequest
from portfolio_lint.core.model import Report
from portfolio_lint.render import format_names, renderer
from tests.conftest import EPOCH, FIXTURES, commit_all

GOLDEN = Path(__file__).parent / "golden" / "fixtures"
SAMPLES = ("strong", "weak", "notebook-only", "middling")
EXTENSIONS = {
    "text": "txt",
    "json": "json",
    "markdown": "md",
    "html": "html",
    "sarif": "sarif",
    "github": "github.txt",
    "junit": "junit.xml",
    "gitlab": "gitlab.json",
    "badge": "badge.json",
}
# The command line's defaults with --no-cache, as in test_cli's fixture runs: history is read.
CLI_REQUEST = LintRequest(no_cache=True, quiet=True)
VERSION = re.compile(rf"(?<![\w.]){re.escape(__version__)}(?![\w.])")


def copy_fixture(base: Path, name: str) -> Path:
    """The fixture as a committed git repository (pinned author and date, as fixture_repo)."""
    root = base / name
    shutil.copytree(FIXTURES / name, root)
    commit_all(root, "Add project", EPOCH - timedelta(days=30))
    return root


def lint_like_the_cli(root: Path, jobs: int = 0) -> Report:
    """The report `portfolio-lint ROOT --no-cache` renders (same source, config, rubric)."""
    request = replace(CLI_REQUEST, jobs=jobs)
    source = lint_run.open_source(str(root), api=False)
    config, warnings, selection = lint_run.load_config(source, request)
    rubric, config = lint_run.bind(lint_run.load_rubric(None), config, selection)
    return lint_run.lint_report(source, rubric, config, warnings, request)


def normalise(text: str, root: Path) -> str:
    """Replace only what differs between runs: the temporary copy's path and the tool version.

    Reports carry no timestamps or durations; the commit id is stable (pinned author, date and
    content), so it stays, and a fixture edit shows up in every golden as it should.
    """
    for path in {str(root.resolve()), str(root)}:
        text = text.replace(path, "<FIXTURE>")
    return VERSION.sub("<VERSION>", text)


@pytest.fixture(scope="module")
def linted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Report, Path]]:
    """Each sample linted once for the whole module."""
    base = tmp_path_factory.mktemp("goldens")
    return {
        name: (lint_like_the_cli(root), root)
        for name, root in ((n, copy_fixture(base, n)) for n in SAMPLES)
    }


def test_every_format_has_a_golden_extension():
    assert sorted(EXTENSIONS) == sorted(format_names())


@pytest.mark.parametrize("fmt", list(EXTENSIONS))
@pytest.mark.parametrize("sample", SAMPLES)
def test_golden(linted, update_golden, sample, fmt):
    """A change in any check, score or layout is a reviewable diff (`pytest --update-golden`)."""
    report, root = linted[sample]
    text = normalise(renderer(fmt)(report), root)
    assert str(root.parent.resolve()) not in text  # no temporary path slipped past normalise
    path = GOLDEN / f"{sample}.{EXTENSIONS[fmt]}"
    if update_golden:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if not path.is_file():
        pytest.fail(f"no golden {path.name}: run pytest --update-golden and review the diff")
    assert text == path.read_text(encoding="utf-8")


def test_linting_does_not_depend_on_folder_or_worker_count(linted, tmp_path):
    """A second copy elsewhere, analysed in-process, renders the same after normalisation."""
    report, root = linted["middling"]
    again = copy_fixture(tmp_path / "elsewhere", "middling")
    second = lint_like_the_cli(again, jobs=1)
    for fmt in ("json", "text", "sarif"):
        assert normalise(renderer(fmt)(second), again) == normalise(renderer(fmt)(report), root)
