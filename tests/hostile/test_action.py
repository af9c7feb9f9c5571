"""The Action never imports code from the workspace; no repository text forges workflow
commands, Markdown or SARIF URIs (issue 9, items 2, 9, 10 and 11)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import git
import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from portfolio_lint.app import action
from tests.app.test_action import make_fake_gh, make_workspace, run_action
from tests.conftest import AUTHOR, EPOCH, SHARED, git_date

# Modules a PR could add to shadow what the Action, pip, venv or the lint import.
HOSTILE_MODULES = (
    "click.py",
    "uuid.py",
    "json.py",
    "shlex.py",
    "tempfile.py",
    "yaml.py",
    "rich/__init__.py",
    "sitecustomize.py",
    "usercustomize.py",
    "pip/__init__.py",
    "pip/__main__.py",
    "venv/__init__.py",
    "venv/__main__.py",
    "portfolio_lint/__init__.py",
    "portfolio_lint/__main__.py",
    "portfolio_lint/action.py",
)
# What each of them does when imported: leave a marker, forge outputs and a workflow command.
PAYLOAD = """
import os, pathlib
pathlib.Path({marker!r}).write_text("imported", encoding="utf-8")
if os.environ.get("GITHUB_OUTPUT"):
    with open(os.environ["GITHUB_OUTPUT"], "a") as handle:
        handle.write("passed=true\\nexit-code=0\\nscore=100.0\\n")
print("::notice title=forged::imported from the workspace", flush=True)
"""


def plant_modules(folder: Path, markers: Path) -> None:
    """Every hostile module under `folder`, each writing its own marker in `markers`."""
    markers.mkdir(exist_ok=True)
    for name in HOSTILE_MODULES:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        marker = markers / f"{folder.name}-{name.replace('/', '_')}"
        path.write_text(PAYLOAD.format(marker=str(marker)), encoding="utf-8")


def test_the_hostile_workspace_runs_code_without_isolation(tmp_path):
    # The attack is real: a plain `python -m` from the checkout imports the PR's modules.
    plant_modules(tmp_path, tmp_path / "markers")
    subprocess.run(
        [sys.executable, "-m", "json.tool", os.devnull],
        cwd=tmp_path,
        check=False,
        capture_output=True,
    )
    assert list((tmp_path / "markers").iterdir())


@pytest.mark.parametrize("folder", ["", "project"])
def test_action_never_imports_from_the_workspace(tmp_path, folder):
    root = make_workspace(tmp_path, "weak")
    markers = tmp_path / "markers"
    plant_modules(root / folder, markers)
    runner = tmp_path / "runner"
    run = run_action(
        root,
        runner,
        make_fake_gh(tmp_path)(),
        {"path": "project", "fail-under": "70", "comment": "true"},
        env={"PYTHONPATH": os.pathsep.join([str(root), str(root / "project")])},
    )
    assert not list(markers.iterdir()), "a workspace module was imported"
    assert "forged" not in run.stdout
    report = json.loads(Path(run.outputs["report-json"]).read_text(encoding="utf-8"))
    assert run.outputs["passed"] == "false" and run.outputs["exit-code"] == "1"
    assert float(run.outputs["score"]) == pytest.approx(report["score"], abs=0.05)
    assert report["score"] < 70 and not report["passed"]
    assert "score=100.0" not in run.files["GITHUB_OUTPUT"].read_text(encoding="utf-8")
    assert run.step("Verdict").returncode == 1
    assert run.gh_calls  # the comment step ran too, with the token, and imported nothing
    # Every interpreter the action started was isolated and ran outside the workspace.
    assert {call["python"] for call in run.python_calls} == {"setup", "venv"}
    for call in run.python_calls:
        assert call["argv"][0] == "-I" and call["cwd"] == str(runner / "temp"), call


def test_lint_child_is_isolated_and_cannot_write_outputs(tmp_path, monkeypatch, capsys):
    # Whatever the lint prints, only this step's parsing of the JSON report sets outputs.
    output, summary = tmp_path / "output", tmp_path / "summary"
    output.write_text("", encoding="utf-8")
    seen: dict[str, Any] = {}

    real_run = subprocess.run

    def fake_lint(argv: list[str], **options: Any) -> subprocess.CompletedProcess[str]:
        if "portfolio_lint" not in argv:  # the step's own git calls (is the checkout shallow?)
            return real_run(argv, **options)
        seen.update(argv=argv, env=options["env"], cwd=options["cwd"])
        json_file = Path(next(a for a in argv if a.startswith("json:"))[len("json:") :])
        json_file.write_text(json.dumps({"score": 12.5, "grade": "F"}), encoding="utf-8")
        forged = (
            "::set-output name=passed::true\n::add-mask::x\n::stop-commands::tok\n"
            "passed=true\n  ::error ::indented\n::warning file=a.py::real\n"
        )
        return subprocess.CompletedProcess(argv, 1, forged, None)

    monkeypatch.setattr(action.subprocess, "run", fake_lint)
    for name, value in {
        "GITHUB_OUTPUT": output,
        "GITHUB_STEP_SUMMARY": summary,
        "GITHUB_ENV": tmp_path / "env",
        "GITHUB_WORKSPACE": tmp_path,
        "RUNNER_TEMP": tmp_path / "temp",
    }.items():
        monkeypatch.setenv(name, str(value))
    assert action.main(["run"]) == 0
    assert seen["argv"][:4] == [sys.executable, "-I", "-m", "portfolio_lint"]
    assert not set(action.RUNNER_FILES) & set(seen["env"]) and seen["cwd"] == tmp_path
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines())
    assert outputs["passed"] == "false" and outputs["score"] == "12.5"
    printed = capsys.readouterr().out.splitlines()
    commands = [line for line in printed if line.lstrip().startswith("::")]
    assert commands == ["::warning file=a.py::real"]


def test_lint_exit_0_without_a_report_does_not_pass(tmp_path, monkeypatch):
    output = tmp_path / "output"
    output.write_text("", encoding="utf-8")
    real_run = subprocess.run

    def no_report(argv: list[str], **options: Any) -> subprocess.CompletedProcess[str]:
        if "portfolio_lint" not in argv:  # the step's own git calls
            return real_run(argv, **options)
        return subprocess.CompletedProcess(argv, 0, "", None)

    monkeypatch.setattr(action.subprocess, "run", no_report)
    monkeypatch.setenv("GITHUB_OUTPUT", str(output))
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    monkeypatch.setenv("RUNNER_TEMP", str(tmp_path / "temp"))
    action.main(["run"])
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines())
    assert outputs == {"exit-code": "2", "passed": "false"}


# --- workflow commands (item 10) -------------------------------------------------------------

LINE_BREAKS = ("\n", "\r", "\u2028", "\x85", "\x0b")
ANNOTATION = re.compile(r"::(error|warning|notice) [a-z]+=[^:,]*(,[a-z]+=[^:,]*)*::.*")


def commit(root: Path, message: str) -> None:
    with git.Repo.init(root) if not (root / ".git").exists() else git.Repo(root) as repo:
        repo.git.add(A=True)
        stamp = git_date(EPOCH)
        repo.index.commit(
            message, author=AUTHOR, committer=AUTHOR, author_date=stamp, commit_date=stamp
        )


def hostile_repository(root: Path) -> Path:
    """File names and a commit subject that try to start a `::error` line in every stream."""
    root.mkdir()
    (root / "README.md").write_text("# Demo\n\nA demo.\n", encoding="utf-8")
    for index, breaker in enumerate(LINE_BREAKS):
        name = f"x{index}{breaker}::error ::pwned-name{index}.py"
        (root / name).write_text('DATA = "/Users/jdoe/data.csv"\n', encoding="utf-8")
    commit(root, "a\r::error::pwned-subject" + "a" * 60)  # vague: a keyboard mash
    return root


def lint_cli(target: Path, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(home / "cache"), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-I", "-m", "portfolio_lint", str(target), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )


def assert_no_forged_commands(text: str, *, ours: bool) -> None:
    """No line (as the runner or Python splits it, leading spaces trimmed) starts a
    workflow command, except our own well-formed annotations at column 0."""
    for line in text.splitlines():
        if line.lstrip().startswith("::"):
            assert ours and ANNOTATION.fullmatch(line), repr(line)


@pytest.mark.parametrize(
    ("fmt", "args"),
    [
        ("text", ["-v", "--show", "all"]),
        ("github", []),
        ("markdown", []),
        ("junit", []),
        ("html", []),
        ("json", []),
        ("sarif", []),
        ("gitlab", []),
    ],
)
def test_no_repository_text_starts_a_line_in_any_output(tmp_path, fmt, args):
    repository = hostile_repository(tmp_path / "repo")
    done = lint_cli(repository, "-f", fmt, *args, home=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    assert "pwned-name" in done.stdout  # the names are reported, neutralised
    assert_no_forged_commands(done.stdout, ours=fmt == "github")
    assert_no_forged_commands(done.stderr, ours=False)


def test_commit_subject_with_a_carriage_return_stays_on_its_line(tmp_path):
    done = lint_cli(hostile_repository(tmp_path / "repo"), "-f", "text", home=tmp_path)
    assert "a\\r::error::pwned-subject" in done.stdout


@pytest.mark.parametrize("breaker", LINE_BREAKS)
def test_config_key_with_a_line_break_cannot_forge_a_command_on_stderr(tmp_path, breaker):
    repository = tmp_path / "repo"
    repository.mkdir()
    key = json.dumps(f"bad{breaker}::error ::pwned-key")  # a TOML basic string, escaped
    (repository / "pyproject.toml").write_text(
        f"[tool.portfolio-lint]\n{key} = 1\n", encoding="utf-8"
    )
    for verbose in ([], ["-v"], ["-vv"]):
        done = lint_cli(repository, *verbose, home=tmp_path)
        assert done.returncode == 2 and "pwned-key" in done.stderr
        assert_no_forged_commands(done.stderr, ours=False)
        assert_no_forged_commands(done.stdout, ours=False)


# --- Markdown (item 9) -----------------------------------------------------------------------

SUBJECTS = (
    "\\`[x](http://e.example)@user<img>![](http://t.example/p.png)`" + "x" * 60,
    "\\``@user`<details>[y](http://e.example)" + "y" * 60,
    "```[z](http://e.example)``@user" + "z" * 60,
)
FILE_NAMES = (
    "@user.py",
    "![x](y).py",
    "a`b` [l](h).py",
    "<details>.py",
    "<img src=x>.py",
    "x\\`[l](http:e)`.py",
    "|pipe| @user.py",
    "&#64;user.py",
)


def tokens(markdown: str) -> Iterator[Token]:
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    stack = list(parser.parse(markdown))
    while stack:
        token = stack.pop()
        yield token
        stack.extend(token.children or ())


def assert_inert(markdown: str) -> None:
    """No link, image or raw HTML but our own <details> blocks, and no @mention."""
    for token in tokens(markdown):
        assert token.type not in ("link_open", "image", "html_inline"), token
        if token.type == "html_block":
            assert re.fullmatch(
                r"(<details>\n<summary>[^<]*<b>[A-Z]+\d+</b>[^<]*</summary>\n"
                r"|</details>\n)",
                token.content,
            ), token.content
        assert "@user" not in token.content, token
    assert "@user" not in markdown


def test_markdown_from_hostile_subjects_and_file_names_is_inert(tmp_path):
    root = tmp_path / "repo"
    root.mkdir()
    (root / "README.md").write_text("# Demo\n", encoding="utf-8")
    for name in FILE_NAMES:
        (root / name).write_text('DATA = "/Users/jdoe/data.csv"\n', encoding="utf-8")
    commit(root, "first")
    for subject in SUBJECTS:
        (root / "README.md").write_text(f"# Demo {subject[:8]}\n", encoding="utf-8")
        commit(root, subject)
    done = lint_cli(root, "-f", "markdown", home=tmp_path)
    assert "commit messages say nothing" in done.stdout and "pipe" in done.stdout
    assert_inert(done.stdout)


# --- SARIF URIs (item 11) --------------------------------------------------------------------

URI_NAMES = (
    "javascript:alert(1).py",
    "a b#x.py",
    "%2e%2e%2fetc.py",
    "q?x=1.py",
    "é ü.py",
    "back\\slash.py",
)


def sarif_uris(document: dict[str, Any]) -> list[str]:
    return [
        location["physicalLocation"]["artifactLocation"]["uri"]
        for result in document["runs"][0]["results"]
        for location in result["locations"]
    ]


def test_sarif_uris_are_percent_encoded_relative_references(tmp_path):
    root = tmp_path / "repo"
    (root / "src dir#1").mkdir(parents=True)
    for name in URI_NAMES:
        (root / "src dir#1" / name).write_text('P = "/Users/jdoe/x.csv"\n', encoding="utf-8")
    commit(root, "Add the data loaders")
    done = lint_cli(root, "-f", "sarif", home=tmp_path)
    document = json.loads(done.stdout)
    uris = {unquote(uri): uri for uri in sarif_uris(document)}
    for name in URI_NAMES:
        uri = uris[f"src dir#1/{name}"]
        parts = urlsplit(uri)
        assert (parts.scheme, parts.netloc, parts.query, parts.fragment) == ("", "", "", "")
        assert not re.search(r"[\s#?:\\]", uri) and unquote(uri) == f"src dir#1/{name}"
    assert uris["src dir#1/javascript:alert(1).py"] == "src%20dir%231/javascript%3Aalert(1).py"
    assert uris["src dir#1/%2e%2e%2fetc.py"] == "src%20dir%231/%252e%252e%252fetc.py"
    schema = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if schema.is_file():
        from jsonschema import Draft4Validator

        validator = Draft4Validator(json.loads(schema.read_text(encoding="utf-8")))
        assert not list(validator.iter_errors(document))


def test_action_prefix_in_sarif_is_encoded_too(tmp_path):
    sarif = tmp_path / "lint.sarif"
    sarif.write_text(
        json.dumps(
            {
                "runs": [
                    {
                        "results": [
                            {
                                "locations": [
                                    {"physicalLocation": {"artifactLocation": {"uri": "a%20b.py"}}}
                                ]
                            }
                        ]
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    action.relocate_sarif(sarif, "my dir#1:x/")
    [uri] = sarif_uris(json.loads(sarif.read_text(encoding="utf-8")))
    assert uri == "my%20dir%231%3Ax/a%20b.py" and unquote(uri) == "my dir#1:x/a b.py"
