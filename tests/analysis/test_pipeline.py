"""The single per-file pass: which scanners run on which files, and notebook remapping."""

from __future__ import annotations

import json
import sys

import pytest

from portfolio_lint.analysis.pipeline import analyze_file, path_scan_kind
from portfolio_lint.analysis.runner import PARALLEL_MIN_FILES
from portfolio_lint.core.model import Status

# Assembled at run time so no scanner flags this test file itself.
OPENAI_KEY = "sk-" + "proj-Xk29fjQ8LmNpR4tVwZ7bYc3HdE6gA1sU0oKiJ5nT"


def jupyter(cells: list[dict[str, object]]) -> bytes:
    nb = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    return (json.dumps(nb, indent=1, sort_keys=True) + "\n").encode()


def raw_line_of(data: bytes, needle: str) -> int:
    lines = data.decode().split("\n")
    return next(n for n, line in enumerate(lines, start=1) if needle in line)


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("src/train.py", "python"),
        ("config/params.yaml", "config"),
        ("environment.yml", "config"),
        ("pyproject.toml", "config"),
        ("settings.json", "config"),
        ("setup.cfg", "config"),
        (".env", "config"),
        (".env.local", "config"),
        ("scripts/run.sh", "shell"),
        ("Makefile", "shell"),
        ("README.md", None),
        ("data/train.csv", None),
    ],
)
def test_path_scan_kind(path: str, kind: str | None) -> None:
    assert path_scan_kind(path) == kind


def test_python_file_gets_python_facts_paths_and_secrets() -> None:
    data = f'import os\nDATA = "/Users/ann/data.csv"\nKEY = "{OPENAI_KEY}"\n'.encode()
    facts = analyze_file("train.py", data)
    assert facts.python is not None and facts.python.imports == ("os",)
    assert [(h.detector, h.line) for h in facts.paths] == [("path-macos-home", 2)]
    assert [h.line for h in facts.secrets] == [3]
    assert OPENAI_KEY not in repr(facts)


@pytest.mark.parametrize(
    ("path", "paths"),
    [("conf.yaml", 1), ("run.sh", 1), ("notes.md", 0), ("Dockerfile", 0)],
)
def test_which_files_are_path_scanned(path: str, paths: int) -> None:
    facts = analyze_file(path, b"data_dir: /home/bob/data\n")
    assert len(facts.paths) == paths
    assert facts.python is None


def test_markdown_is_scanned_for_secrets() -> None:
    facts = analyze_file("README.md", f"Use key {OPENAI_KEY} to run\n".encode())
    assert len(facts.secrets) == 1


def test_binary_file_is_not_scanned() -> None:
    facts = analyze_file("model.py", b"\0/home/bob/x")
    assert facts.is_binary and facts.paths == () and facts.python is None


def test_notebook_hits_map_to_raw_lines_and_cells() -> None:
    stream = {
        "name": "stdout",
        "output_type": "stream",
        "text": ["loading\n", "wrote /home/ann/out/preds.csv\n"],
    }
    data = jupyter(
        [
            {"cell_type": "markdown", "metadata": {}, "source": ["See /Users/ann/x in prose\n"]},
            {
                "cell_type": "code",
                "execution_count": 1,
                "metadata": {},
                "outputs": [stream],
                "source": [
                    "import pandas as pd\n",
                    "df = pd.read_csv('/content/drive/MyDrive/d.csv')\n",
                ],
            },
            {
                "cell_type": "code",
                "execution_count": 2,
                "metadata": {},
                "outputs": [],
                "source": ["from sklearn import svm\n", f"openai.api_key = '{OPENAI_KEY}'\n"],
            },
        ]
    )
    facts = analyze_file("analysis.ipynb", data)
    assert facts.notebook is not None and len(facts.notebook.cells) == 3
    found = {(h.detector, h.line, h.cell, h.severity) for h in facts.paths}
    assert found == {
        ("path-colab", raw_line_of(data, "/content/drive"), 2, "warning"),
        ("path-linux-home", raw_line_of(data, "/home/ann/out"), 2, "info"),
    }
    [secret] = facts.secrets
    assert (secret.line, secret.cell) == (raw_line_of(data, "openai.api_key"), 3)


def test_notebook_image_payload_is_not_secret_scanned() -> None:
    payload = "iVBORw0KGgo" + "QUtJQTEyMzQ1Njc4OTBBQkNERUY" * 2000  # base64 noise
    figure = {
        "output_type": "display_data",
        "metadata": {},
        "data": {"image/png": payload, "text/plain": ["<Figure>"]},
    }
    data = jupyter(
        [
            {
                "cell_type": "code",
                "execution_count": 1,
                "metadata": {},
                "outputs": [figure],
                "source": ["plot()\n"],
            }
        ]
    )
    facts = analyze_file("plots.ipynb", data)
    assert facts.secrets == () and facts.paths == ()
    assert facts.notebook is not None and facts.notebook.cells[0].output_bytes > len(payload)


def test_malformed_notebook_is_a_fact_not_a_crash() -> None:
    facts = analyze_file("broken.ipynb", b'{"cells": [\n<<<<<<< HEAD\n')
    assert facts.notebook is not None and facts.notebook.error is not None


def test_truncated_notebook_is_not_parsed() -> None:
    facts = analyze_file("big.ipynb", b'{"cells": [', truncated=True)
    assert facts.notebook is not None and "scan limit" in (facts.notebook.error or "")


def test_inline_ignores_on_notebook_raw_lines() -> None:
    data = jupyter(
        [
            {
                "cell_type": "code",
                "execution_count": None,
                "metadata": {},
                "outputs": [],
                "source": ["p = '/home/a/b'  # portfolio-lint: ignore[DAT001]\n"],
            }
        ]
    )
    facts = analyze_file("nb.ipynb", data)
    [hit] = facts.paths
    assert facts.ignored_codes(hit.line) == ("DAT001",)


def test_python_data_files_are_not_parsed_into_a_giant_ast() -> None:
    # 200,000 list items: ast.parse of 2 MB like this held ~1 GB before.
    data = analyze_file("weights.py", b"W = [" + b"1," * 200_000 + b"]\n")
    assert data.python is None and not data.truncated
    text = "# " + "long comment " * 20_000 + "\ndef f():\n    return 1\n"
    code = analyze_file("big_comment.py", text.encode())
    assert code.python is not None and [f.name for f in code.python.functions] == ["f"]


# --- a broken secret scanner is loud -------------------------------------------------------

SCANNER = "portfolio_lint.scanners.secrets"


@pytest.fixture
def broken_scanner(monkeypatch: pytest.MonkeyPatch) -> None:
    """Importing the secret scanner fails, as a syntax error or missing dependency would."""
    monkeypatch.setitem(sys.modules, SCANNER, None)  # `import` raises ImportError


@pytest.mark.usefixtures("broken_scanner")
@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("train.py", f'KEY = "{OPENAI_KEY}"\n'.encode()),
        ("notes.md", f"key: {OPENAI_KEY}\n".encode()),
        (
            "eda.ipynb",
            jupyter(
                [
                    {
                        "cell_type": "code",
                        "execution_count": None,
                        "metadata": {},
                        "outputs": [],
                        "source": [f"key = '{OPENAI_KEY}'\n"],
                    }
                ]
            ),
        ),
    ],
)
def test_a_broken_scanner_raises_instead_of_finding_nothing(path: str, data: bytes) -> None:
    with pytest.raises(ImportError):
        analyze_file(path, data)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_broken_scanner_crashes_the_secret_rule_not_just_one_file(
    make_repo, run_rule, monkeypatch, jobs
):
    files = {f"src/m{i}.py": f"x = {i}\n" for i in range(PARALLEL_MIN_FILES if jobs > 1 else 3)}
    repo = make_repo({**files, "src/keys.py": f'KEY = "{OPENAI_KEY}"\n'}, git_repo=False, jobs=jobs)
    monkeypatch.setitem(sys.modules, SCANNER, None)
    result = run_rule("SEC001", repo)
    assert result.status is Status.ERROR  # a crashed check: the run fails with exit code 2
    assert "portfolio_lint.scanners.secrets" in (result.reason or "")
    assert repo.warnings == ()  # not one "analysis failed" warning per file


def test_a_working_scanner_finds_the_secret(make_repo, run_rule):
    repo = make_repo({"src/keys.py": f'KEY = "{OPENAI_KEY}"\n'}, git_repo=False)
    result = run_rule("SEC001", repo)
    assert result.status is Status.FAILED
    assert [f.location.path for f in result.findings if f.location] == ["src/keys.py"]
