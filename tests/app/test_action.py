"""The composite action's shell steps, run locally with a faked GITHUB_* environment and `gh`."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import git
import pytest
import yaml

from portfolio_lint.app import action
from tests.conftest import EPOCH, FIXTURES, ROOT, commit_all, write_tree

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS: list[dict[str, Any]] = ACTION["runs"]["steps"]
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
REPOSITORY = "ada/portfolio"
PR_NUMBER = 17
TOKEN = "fake-token-for-tests"

# The fake `gh`: logs every call, applies the one jq filter action.py uses, keeps comments in a
# JSON state file so a second run sees what the first one posted. Never touches the network.
FAKE_GH = r"""
import json, os, re, sys
state_path = os.environ["FAKE_GH_STATE"]
state = json.load(open(state_path))
args = sys.argv[1:]
stdin = "" if sys.stdin is None or sys.stdin.isatty() else sys.stdin.read()
with open(os.environ["FAKE_GH_LOG"], "a") as log:
    call = {"argv": args, "stdin": stdin, "token": os.environ.get("GH_TOKEN")}
    log.write(json.dumps(call) + "\n")
def denied():
    print('{"message":"Resource not accessible by integration","status":"403"}')
    print("gh: Resource not accessible by integration (HTTP 403)", file=sys.stderr)
    sys.exit(1)
if args[:1] != ["api"]:
    print("fake gh: only `gh api` is faked", file=sys.stderr); sys.exit(2)
method = args[args.index("-X") + 1] if "-X" in args else "GET"
endpoint = next(a for a in args[1:] if a.startswith("repos/"))
if method == "GET":
    if state.get("deny_read"):
        denied()
    jq = args[args.index("--jq") + 1]
    wanted = re.fullmatch(r'\.\[\] \| select\(\.body \| startswith\("(.*)"\)\) \| \.id', jq)
    if not wanted:
        print("fake gh: unexpected jq " + jq, file=sys.stderr); sys.exit(2)
    for comment in state["comments"]:
        if comment["body"].startswith(wanted.group(1)):
            print(comment["id"])
    sys.exit(0)
if state.get("deny_write"):
    denied()
field = args[args.index("-F") + 1]
assert field.startswith("body=@"), field
body = open(field[len("body=@"):], encoding="utf-8").read()
if method == "POST":
    comment = {"id": 1000 + len(state["comments"]), "body": body}
    state["comments"].append(comment)
else:
    comment = next(c for c in state["comments"] if endpoint.endswith(f"/{c['id']}"))
    comment["body"] = body
json.dump(state, open(state_path, "w"))
print(json.dumps(comment))
"""


# The fake setup: `python` on PATH stands for the interpreter actions/setup-python installs.
# It logs every call and only creates virtual environments; the environment's `python` logs
# its calls, fakes `pip install` (this test environment already has portfolio-lint) and runs
# everything else on the test interpreter with the arguments action.yml gave.
FAKE_SETUP_PYTHON = r"""
import json, os, sys
def log(kind):
    with open(os.environ["FAKE_PYTHON_LOG"], "a") as handle:
        handle.write(json.dumps({"python": kind, "argv": sys.argv[1:], "cwd": os.getcwd()}) + "\n")
log("setup")
args = sys.argv[1:]
if args[:3] != ["-I", "-m", "venv"]:
    print("fake setup-python: only `python -I -m venv` is faked", file=sys.stderr); sys.exit(97)
folder = os.path.join(args[-1], "bin")
os.makedirs(folder, exist_ok=True)
with open(os.path.join(folder, "python"), "w") as handle:
    handle.write(open(os.environ["FAKE_VENV_PYTHON"]).read())
os.chmod(os.path.join(folder, "python"), 0o755)
"""
FAKE_VENV_PYTHON = r"""
import json, os, sys
with open(os.environ["FAKE_PYTHON_LOG"], "a") as handle:
    handle.write(json.dumps({"python": "venv", "argv": sys.argv[1:], "cwd": os.getcwd()}) + "\n")
if sys.argv[1:4] == ["-I", "-m", "pip"]:
    sys.exit(0)
os.execv(sys.executable, [sys.executable, *sys.argv[1:]])
"""


@dataclass
class StepRun:
    """What one step did: skipped, or its exit code and captured output."""

    name: str
    skipped: bool
    returncode: int = 0
    stdout: str = ""
    stderr: str = ""


@dataclass
class ActionRun:
    """Every step of one action run, with the files the runner would read back."""

    steps: list[StepRun]
    files: Mapping[str, Path]
    gh_calls: list[dict[str, Any]] = field(default_factory=list)
    python_calls: list[dict[str, Any]] = field(default_factory=list)

    def step(self, name: str) -> StepRun:
        return next(s for s in self.steps if s.name == name)

    @property
    def outputs(self) -> dict[str, str]:
        return parse_outputs(self.files["GITHUB_OUTPUT"].read_text(encoding="utf-8"))

    @property
    def stdout(self) -> str:
        return "".join(s.stdout for s in self.steps)


def parse_outputs(text: str) -> dict[str, str]:
    """GITHUB_OUTPUT as the runner reads it: `name=value` lines and `name<<DELIM` heredocs."""
    values: dict[str, str] = {}
    lines = iter(text.splitlines())
    for line in lines:
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            body: list[str] = []
            for chunk in lines:
                if chunk == delimiter:
                    break
                body.append(chunk)
            else:
                raise AssertionError(f"unterminated heredoc for output {name}")
            values[name] = "\n".join(body)
        elif line:
            name, value = line.split("=", 1)
            values[name] = value
    return values


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a=1\nb=x=y\n", {"a": "1", "b": "x=y"}),
        ("md<<EOF\nline 1\nline=2\nEOF\nscore=9\n", {"md": "line 1\nline=2", "score": "9"}),
    ],
)
def test_output_file_parser(text, expected):
    assert parse_outputs(text) == expected


class Context:
    """The few expressions action.yml uses, resolved the way the runner would."""

    def __init__(
        self,
        inputs: Mapping[str, str],
        event_name: str,
        event: Mapping[str, Any],
        output_file: Path,
    ) -> None:
        self.event_name, self.event, self.output_file = event_name, event, output_file
        defaults = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
        unknown = set(inputs) - set(defaults)
        assert not unknown, f"inputs not declared in action.yml: {unknown}"
        self.inputs = {name: self.substitute(value) for name, value in defaults.items()}
        self.inputs.update(inputs)
        self.failed = False

    def value(self, expression: str) -> str:
        outputs = parse_outputs(self.output_file.read_text(encoding="utf-8"))
        if match := re.fullmatch(r"inputs\.([\w-]+)", expression):
            return self.inputs[match.group(1)]
        if match := re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression):
            return outputs.get(match.group(2), "")  # one GITHUB_OUTPUT file per test is enough
        if expression == "github.event.pull_request.number":
            return str(self.event.get("pull_request", {}).get("number", ""))
        if expression == "github.token":
            return TOKEN
        raise AssertionError(f"expression not supported by the test runner: {expression}")

    def substitute(self, text: str) -> str:
        return EXPRESSION.sub(lambda m: self.value(m.group(1)), text)

    def condition(self, raw: str | None) -> bool:
        if raw is None:  # success(): run only while nothing has failed
            return not self.failed
        terms = EXPRESSION.fullmatch(raw.strip())
        return all(self.term(t.strip()) for t in (terms.group(1) if terms else raw).split("&&"))

    def term(self, term: str) -> bool:
        if term == "always()":
            return True
        match = re.fullmatch(r"([\w.-]+) == '([^']*)'", term)
        assert match, f"condition not supported by the test runner: {term}"
        name, expected = match.groups()
        actual = self.event_name if name == "github.event_name" else self.value(name)
        return actual == expected


PYTHON = re.compile(r"python[\d.]*$|\$\w*/bin/python[\d.]*$", re.I)
VENV_LINE = 'VENV="$RUNNER_TEMP/portfolio-lint-venv"'


def python_commands(script: str) -> list[list[str]]:
    """Every command line of a `run:` script that starts a Python interpreter, as argv."""
    commands = [shlex.split(line) for line in script.splitlines() if line.strip()]
    return [argv for argv in commands if PYTHON.match(argv[0])]


def test_every_python_is_the_actions_own_venv_isolated_and_outside_the_workspace():
    commands = [argv for s in STEPS if "run" in s for argv in python_commands(s["run"])]
    assert len(commands) == 4  # venv, pip install, run, comment
    for argv in commands:
        assert argv[1] == "-I", argv  # no working directory, PYTHONPATH or user site
        if argv[2:4] == ["-m", "venv"]:
            assert argv[0] == "python" and argv[-1] == "$VENV", argv
        else:
            assert argv[0] == "$VENV/bin/python", argv
    for step in STEPS:
        lines = step.get("run", "").splitlines()
        if python_commands(step.get("run", "")):
            assert lines[:2] == ['cd "$RUNNER_TEMP"', VENV_LINE], step
        programs = {shlex.split(line)[0] for line in lines if line.strip()}
        assert not programs & {"pip", "pip3", "portfolio-lint"}, step  # PATH entry points
    assert [s["uses"].split("@")[0] for s in STEPS if "uses" in s] == ["actions/setup-python"]
    assert all(s.get("shell") == "bash" for s in STEPS if "run" in s)


def make_fake_gh(tmp_path: Path) -> Callable[..., Path]:
    """A `gh` and a setup-python `python` on PATH; returns a function that writes the gh
    state (existing comments, denied reads/writes) and gives the bin folder."""
    folder = tmp_path / "fake-bin"
    folder.mkdir()
    for name, source in (("gh", FAKE_GH), ("python", FAKE_SETUP_PYTHON)):
        script = folder / name
        # Isolated, as the fakes run among a hostile workspace's modules and PYTHONPATH.
        script.write_text(f"#!{sys.executable} -I\n{source}", encoding="utf-8")
        script.chmod(0o755)
    (folder / "venv-python").write_text(
        f"#!{sys.executable} -I\n{FAKE_VENV_PYTHON}", encoding="utf-8"
    )

    def configure(comments: list[dict[str, Any]] | None = None, **flags: bool) -> Path:
        state = {"comments": comments or [], **flags}
        (tmp_path / "gh-state.json").write_text(json.dumps(state), encoding="utf-8")
        return folder

    return configure


@pytest.fixture
def fake_gh(tmp_path: Path) -> Callable[..., Path]:
    """See `make_fake_gh`."""
    return make_fake_gh(tmp_path)


def make_workspace(tmp_path: Path, fixture: str) -> Path:
    """A checked-out repository holding a fixture under `project/`, as in the self-test
    workflow."""
    root = tmp_path / f"workspace-{fixture}"
    shutil.copytree(FIXTURES / fixture, root / "project")
    commit_all(root, "Add project", EPOCH - timedelta(days=30))
    return root


@pytest.fixture
def workspace(tmp_path: Path) -> Callable[[str], Path]:
    """See `make_workspace`."""
    return lambda fixture: make_workspace(tmp_path, fixture)


def pull_request_event(*, fork: bool) -> dict[str, Any]:
    head_repo = "mallory/portfolio" if fork else REPOSITORY
    return {
        "action": "opened",
        "number": PR_NUMBER,
        "pull_request": {
            "number": PR_NUMBER,
            "head": {"ref": "feature", "repo": {"full_name": head_repo, "fork": fork}},
            "base": {"ref": "main", "repo": {"full_name": REPOSITORY, "fork": False}},
        },
        "repository": {"full_name": REPOSITORY},
    }


def run_action(
    workspace: Path,
    runner: Path,
    gh_bin: Path,
    with_: Mapping[str, str],
    *,
    event_name: str = "pull_request",
    fork: bool = False,
    env: Mapping[str, str] | None = None,
    base_sha: str | None = None,
) -> ActionRun:
    """Run every `run:` step of action.yml as the runner would, with the fake setup-python;
    `env` adds variables the workflow might set (PYTHONPATH...)."""
    runner.mkdir(exist_ok=True)
    files = {
        name: runner / name.lower()
        for name in ("GITHUB_STEP_SUMMARY", "GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH")
    }
    for path in files.values():
        path.write_text("", encoding="utf-8")
    event = pull_request_event(fork=fork) if event_name == "pull_request" else {"ref": "main"}
    if base_sha is not None:
        event["pull_request"]["base"]["sha"] = base_sha
    event_path = runner / "event.json"
    event_path.write_text(json.dumps(event), encoding="utf-8")
    temp = runner / "temp"
    temp.mkdir(exist_ok=True)
    base_env = {
        **{name: str(path) for name, path in files.items()},
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_ACTION_PATH": str(ROOT),
        "GITHUB_EVENT_NAME": event_name,
        "GITHUB_EVENT_PATH": str(event_path),
        "GITHUB_REPOSITORY": REPOSITORY,
        "GITHUB_ACTIONS": "true",
        "CI": "true",
        "RUNNER_TEMP": str(temp),
        "HOME": os.environ.get("HOME", str(runner)),
        "PATH": os.pathsep.join([str(gh_bin), "/usr/bin", "/bin"]),
        "FAKE_PYTHON_LOG": str(runner / "python-calls.jsonl"),
        "FAKE_VENV_PYTHON": str(gh_bin / "venv-python"),
        "FAKE_GH_STATE": str(gh_bin.parent / "gh-state.json"),
        "FAKE_GH_LOG": str(runner / "gh-calls.jsonl"),
        "XDG_CACHE_HOME": str(runner / "cache"),  # the analysis cache stays in tmp_path
        "NO_COLOR": "1",
        **(env or {}),
    }
    context = Context(with_, event_name, event, files["GITHUB_OUTPUT"])
    steps: list[StepRun] = []
    for step in STEPS:
        if "uses" in step:
            continue
        if not context.condition(step.get("if")):
            steps.append(StepRun(step["name"], skipped=True))
            continue
        env = {
            **base_env,
            **{k: context.substitute(str(v)) for k, v in step.get("env", {}).items()},
        }
        done = subprocess.run(
            ["bash", "-e", "-c", step["run"]],
            cwd=workspace,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        steps.append(StepRun(step["name"], False, done.returncode, done.stdout, done.stderr))
        context.failed |= done.returncode != 0
    return ActionRun(
        steps, files, read_log(runner / "gh-calls.jsonl"), read_log(runner / "python-calls.jsonl")
    )


def read_log(path: Path) -> list[dict[str, Any]]:
    """The JSON lines a fake program logged (none when it never ran)."""
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def annotation_files(stdout: str) -> list[str]:
    return re.findall(r"^::\w+ (?:[^:]*,)?file=([^,:]*)", stdout, flags=re.M)


def test_strong_fixture_passes_with_summary_outputs_and_reports(workspace, fake_gh, tmp_path):
    run = run_action(
        workspace("strong"), tmp_path / "runner", fake_gh(), {"path": "project", "fail-under": "70"}
    )
    outputs = run.outputs
    report = json.loads(Path(outputs["report-json"]).read_text(encoding="utf-8"))
    assert float(outputs["score"]) == pytest.approx(report["score"], abs=0.05)
    assert report["score"] >= 70 and outputs["grade"] == report["grade"]
    assert outputs["passed"] == "true" and outputs["exit-code"] == "0"
    summary = run.files["GITHUB_STEP_SUMMARY"].read_text(encoding="utf-8")
    assert f"**Score: {report['score']:.1f} / 100 — grade {report['grade']}**" in summary
    sarif = json.loads(Path(outputs["sarif-file"]).read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and "sarif-2.1.0" in sarif["$schema"]
    assert "::notice title=portfolio-lint::portfolio-lint score" in run.stdout
    assert run.step("Sticky pull-request comment").skipped  # comment defaults to off
    assert not run.gh_calls
    assert run.step("Verdict").returncode == 0


def test_weak_fixture_fails_with_error_annotations_on_workspace_paths(workspace, fake_gh, tmp_path):
    root = workspace("weak")
    run = run_action(root, tmp_path / "runner", fake_gh(), {"path": "project", "fail-under": "70"})
    assert run.outputs["passed"] == "false" and float(run.outputs["score"]) < 70
    assert re.search(r"^::error file=", run.stdout, flags=re.M)
    assert re.search(r"^::warning file=", run.stdout, flags=re.M)
    # GitHub attaches annotations to repository paths, not to paths inside the linted folder.
    paths = annotation_files(run.stdout)
    assert paths and all((root / path).is_file() for path in paths), paths
    sarif = json.loads(Path(run.outputs["sarif-file"]).read_text(encoding="utf-8"))
    uris = [
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for result in sarif["runs"][0]["results"]
        for loc in result["locations"]
    ]
    assert uris and all((root / uri).is_file() for uri in uris), uris
    assert run.step("Run portfolio-lint").returncode == 0  # the verdict step fails the job
    assert run.step("Verdict").returncode == 1


def test_lint_at_the_workspace_root_keeps_paths_as_they_are(workspace, fake_gh, tmp_path):
    root = workspace("weak") / "project"
    commit_all(root)
    run = run_action(root, tmp_path / "runner", fake_gh(), {})
    paths = annotation_files(run.stdout)
    assert paths and all((root / path).is_file() for path in paths), paths
    assert run.step("Verdict").returncode == 1  # error-severity findings, no fail-under needed


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        ({"fail-under": "abc"}, "fail-under must be a number from 0 to 100, got 'abc'"),
        ({"fail-under": "nan"}, "fail-under must be a number"),
        ({"fail-under": "150"}, "fail-under must be a number"),
        ({"path": "no/such/folder"}, "wrote no report"),
        ({"args": "--select 'DOC"}, "args: No closing quotation"),
    ],
)
def test_bad_input_is_an_error_annotation_and_exit_2(workspace, fake_gh, tmp_path, inputs, message):
    run = run_action(workspace("strong"), tmp_path / "runner", fake_gh(), inputs)
    errors = [line for line in run.stdout.splitlines() if line.startswith("::error")]
    assert errors and message in errors[0]
    assert run.outputs["passed"] == "false" and "score" not in run.outputs
    assert run.step("Verdict").returncode == 2


def test_a_second_use_in_the_same_job_never_publishes_the_first_reports(
    workspace, fake_gh, tmp_path
):
    root, gh_bin, runner = workspace("strong"), fake_gh(), tmp_path / "runner"
    sarif = {"sarif-file": "lint.sarif"}
    first = run_action(root, runner, gh_bin, {"path": "project", **sarif})
    assert first.step("Verdict").returncode == 0 and (root / "lint.sarif").is_file()
    second = run_action(root, runner, gh_bin, {"path": "no/such/folder", **sarif})
    assert not {"score", "report-json", "sarif-file"} & set(second.outputs)
    assert not second.files["GITHUB_STEP_SUMMARY"].read_text(encoding="utf-8")
    assert second.step("Verdict").returncode == 2


def test_select_ignore_and_args_reach_the_command_line(workspace, fake_gh, tmp_path):
    root = workspace("weak")
    run = run_action(
        root,
        tmp_path / "runner",
        fake_gh(),
        {
            "path": "project",
            "select": "DOC,DAT",
            "ignore": "DOC001",
            "args": "--isolated --extend-ignore 'DAT002'",
            "sarif-file": "reports/lint.sarif",
        },
    )
    report = json.loads(Path(run.outputs["report-json"]).read_text(encoding="utf-8"))
    codes = {r["code"] for r in report["results"] if r["status"] != "ignored"}
    assert codes and all(c.startswith(("DOC", "DAT")) for c in codes)
    assert not {"DOC001", "DAT002"} & codes
    assert run.outputs["sarif-file"] == "reports/lint.sarif"  # relative to the workspace
    assert (root / "reports" / "lint.sarif").is_file()


def test_an_output_with_a_newline_cannot_forge_other_outputs(workspace, fake_gh, tmp_path):
    root = workspace("weak")
    run = run_action(
        root,
        tmp_path / "runner",
        fake_gh(),
        {"path": "project", "sarif-file": "out\npassed=true/lint.sarif"},
    )
    assert run.outputs["sarif-file"] == "out\npassed=true/lint.sarif"
    assert (root / "out\npassed=true" / "lint.sarif").is_file()
    assert run.outputs["passed"] == "false" and "<<ghadelimiter_" in run.files[
        "GITHUB_OUTPUT"
    ].read_text(encoding="utf-8")


def comment_calls(run: ActionRun) -> list[tuple[str, str]]:
    """(method, endpoint) of each `gh api` call."""
    found = []
    for call in run.gh_calls:
        argv = call["argv"]
        method = argv[argv.index("-X") + 1] if "-X" in argv else "GET"
        found.append((method, next(a for a in argv if a.startswith("repos/"))))
    return found


def test_sticky_comment_is_created_then_updated_in_place(workspace, fake_gh, tmp_path):
    root = workspace("weak")
    unrelated = {"id": 5, "body": "Nice work! <!-- portfolio-lint:sticky-comment -->"}
    gh_bin = fake_gh([unrelated])
    inputs = {"path": "project", "fail-under": "70", "comment": "true"}
    first = run_action(root, tmp_path / "first", gh_bin, inputs)
    assert comment_calls(first) == [
        ("GET", f"repos/{REPOSITORY}/issues/{PR_NUMBER}/comments"),
        ("POST", f"repos/{REPOSITORY}/issues/{PR_NUMBER}/comments"),
    ]
    assert all(call["token"] == TOKEN for call in first.gh_calls)
    second = run_action(root, tmp_path / "second", gh_bin, inputs)
    state = json.loads((tmp_path / "gh-state.json").read_text(encoding="utf-8"))
    created = state["comments"][1]
    assert comment_calls(second)[1] == (
        "PATCH",
        f"repos/{REPOSITORY}/issues/comments/{created['id']}",
    )
    assert len(state["comments"]) == 2 and state["comments"][0] == unrelated
    assert created["body"].startswith(action.MARKER + "\n## portfolio-lint")
    assert "created" in first.step("Sticky pull-request comment").stdout
    assert "updated" in second.step("Sticky pull-request comment").stdout
    for run in (first, second):
        assert run.step("Sticky pull-request comment").returncode == 0
        assert run.step("Verdict").returncode == 1  # commenting never changes the verdict


def test_existing_marker_comment_is_patched_never_duplicated(workspace, fake_gh, tmp_path):
    existing = [{"id": 41, "body": "hello"}, {"id": 777, "body": f"{action.MARKER}\nold report"}]
    run = run_action(
        workspace("strong"),
        tmp_path / "runner",
        fake_gh(existing),
        {"path": "project", "comment": "true"},
    )
    assert [method for method, _ in comment_calls(run)] == ["GET", "PATCH"]
    assert comment_calls(run)[1][1].endswith("/issues/comments/777")
    assert run.step("Verdict").returncode == 0


@pytest.mark.parametrize("denied", ["deny_write", "deny_read"])
def test_fork_pull_request_degrades_to_a_warning(workspace, fake_gh, tmp_path, denied):
    for fixture, verdict in (("strong", 0), ("weak", 1)):
        run = run_action(
            workspace(fixture),
            tmp_path / f"runner-{fixture}",
            fake_gh(**{denied: True}),
            {"path": "project", "fail-under": "70", "comment": "true"},
            fork=True,
        )
        step = run.step("Sticky pull-request comment")
        assert not step.skipped and step.returncode == 0
        warning = next(line for line in step.stdout.splitlines() if line.startswith("::warning"))
        assert "Resource not accessible by integration (HTTP 403)" in warning
        assert "fork" in warning and TOKEN not in step.stdout + step.stderr
        assert run.step("Verdict").returncode == verdict


@pytest.mark.parametrize("event_name", ["push", "workflow_dispatch"])
def test_no_comment_outside_pull_requests(workspace, fake_gh, tmp_path, event_name):
    run = run_action(
        workspace("strong"),
        tmp_path / "runner",
        fake_gh(),
        {"path": "project", "comment": "true"},
        event_name=event_name,
    )
    assert run.step("Sticky pull-request comment").skipped and not run.gh_calls
    assert run.step("Verdict").returncode == 0


def report_markdown(length: int) -> str:
    """Markdown shaped like the renderer's: rules in <details> blocks, `length` characters."""
    rule = "<details><summary>DAT001</summary>\n\n" + "- `a.py:1` absolute path\n" * 40
    text = "## portfolio-lint\n\n" + (rule + "\n</details>\n\n") * (length // len(rule) + 1)
    return text[:length]


@pytest.mark.parametrize(
    ("length", "whole"),
    [
        (500, True),
        (action.COMMENT_LIMIT - len(action.MARKER) - 1, True),  # exactly fits with the marker
        (action.COMMENT_LIMIT, False),  # the renderer's longest output
        (5 * action.COMMENT_LIMIT, False),
    ],
)
def test_comment_body_fits_githubs_limit_with_the_marker(length, whole):
    markdown = report_markdown(length)
    body = action.comment_body(markdown)
    assert body.startswith(action.MARKER + "\n## portfolio-lint\n")
    assert len(body) <= action.COMMENT_LIMIT
    assert (body == f"{action.MARKER}\n{markdown}") is whole
    if not whole:
        assert body.endswith(action.CUT_NOTE)
        assert body.count("<details>") == body.count("</details>")


def test_every_interpreter_the_action_starts_is_isolated_and_outside_the_workspace(
    workspace, fake_gh, tmp_path
):
    runner = tmp_path / "runner"
    run = run_action(workspace("strong"), runner, fake_gh(), {"path": "project", "comment": "true"})
    assert run.step("Verdict").returncode == 0
    kinds = [(call["python"], call["argv"][:4]) for call in run.python_calls]
    action_step = ["-I", "-m", "portfolio_lint.app.action"]
    assert kinds == [
        ("setup", ["-I", "-m", "venv", "--clear"]),
        ("venv", ["-I", "-m", "pip", "install"]),
        ("venv", [*action_step, "run"]),
        ("venv", [*action_step, "comment"]),
    ]
    assert {call["cwd"] for call in run.python_calls} == {str(runner / "temp")}


def test_lint_command_runs_this_interpreter_isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("INPUT_PATH", "project")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    monkeypatch.setenv("INPUT_SARIF_FILE", "out/lint.sarif")
    argv, files = action.lint_command(tmp_path / "temp")
    assert argv[:5] == [sys.executable, "-I", "-m", "portfolio_lint", "project"]
    assert files.sarif == tmp_path / "out" / "lint.sarif"  # the step runs elsewhere
    assert argv[5:13] == [
        "--output-format",
        "github",
        "--output-format",
        f"json:{tmp_path / 'temp' / 'portfolio-lint.json'}",
        "--output-format",
        f"markdown:{tmp_path / 'temp' / 'portfolio-lint.md'}",
        "--output-format",
        f"sarif:{tmp_path / 'out' / 'lint.sarif'}",
    ]


def test_workspace_prefix_is_read_against_the_workspace_not_the_working_directory(
    tmp_path, monkeypatch
):
    (tmp_path / "ws" / "a b").mkdir(parents=True)
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path / "ws"))
    monkeypatch.chdir(tmp_path)
    assert action.workspace_prefix("a b") == "a b/"
    assert action.workspace_prefix(".") == ""
    assert action.workspace_prefix(str(tmp_path)) == ""  # outside the workspace


def test_only_well_formed_annotations_of_the_lint_start_a_line():
    stdout = (
        "::error file=a.py,line=3,title=X::msg\n::add-mask::secret\n"
        "  ::stop-commands::t\n::notice title=portfolio-lint::score 50\nplain\n\n"
    )
    shown = action.annotations_only(stdout).splitlines()
    assert shown == [
        "::error file=a.py,line=3,title=X::msg",
        "portfolio-lint output: ::add-mask::secret",
        "portfolio-lint output:   ::stop-commands::t",
        "::notice title=portfolio-lint::score 50",
        "portfolio-lint output: plain",
    ]


def test_sarif_paths_in_an_odd_folder_are_encoded_after_relocation(fake_gh, tmp_path):
    root = tmp_path / "ws"
    shutil.copytree(FIXTURES / "weak", root / "my project#1")
    commit_all(root, "Add project", EPOCH - timedelta(days=30))
    run = run_action(root, tmp_path / "runner", fake_gh(), {"path": "my project#1"})
    sarif = json.loads(Path(run.outputs["sarif-file"]).read_text(encoding="utf-8"))
    uris = [
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for result in sarif["runs"][0]["results"]
        for loc in result["locations"]
    ]
    assert uris and all(uri.startswith("my%20project%231/") for uri in uris)
    assert all((root / unquote(uri)).is_file() for uri in uris)


def _pull_request_workspace(tmp_path: Path) -> tuple[Path, str]:
    """A workspace whose base commit is the weak project and whose head fixes part of it."""
    root = make_workspace(tmp_path, "weak")
    with git.Repo(root) as repo:
        base = repo.head.commit.hexsha
    readme = (
        "# House prices\n\nPredicts the sale price of a house in Ames from 79 features.\n\n"
        "## Install\n\n```bash\npip install -r requirements.txt\n```\n\n"
        "## Usage\n\n```bash\npython house_prices.py\n```\n"
    )
    write_tree(root / "project", {"README.md": readme, "requirements.txt": "pandas==2.2.2\n"})
    commit_all(root, "Document the project", EPOCH - timedelta(days=29))
    return root, base


def test_a_pull_request_shows_the_score_against_its_base(fake_gh, tmp_path):
    root, base = _pull_request_workspace(tmp_path)
    run = run_action(root, tmp_path / "runner", fake_gh(), {"path": "project"}, base_sha=base)
    outputs = run.outputs
    assert float(outputs["score-delta"]) > 0 and float(outputs["base-score"]) < float(
        outputs["score"]
    )
    report = json.loads(Path(outputs["report-json"]).read_text(encoding="utf-8"))
    meta = report["metadata"]
    assert meta["base-revision"] == base and int(meta["findings-fixed"]) >= 1
    summary = run.files["GITHUB_STEP_SUMMARY"].read_text(encoding="utf-8")
    line = f"Score {outputs['base-score']} → {outputs['score']} ({outputs['score-delta']})"
    assert line in summary and "findings fixed" in summary
    # Only what the pull request introduced is annotated: the weak project's old absolute
    # paths are not, though they still cost points.
    assert "Users/jdoe" not in run.stdout


def _shallow_clone(tmp_path: Path) -> tuple[Path, Path, str]:
    """A depth-1 clone of the pull-request workspace through a file:// origin."""
    root, base = _pull_request_workspace(tmp_path)
    origin = tmp_path / "origin.git"
    git.Repo.clone_from(root.as_uri(), origin, bare=True).close()
    shallow = tmp_path / "shallow"
    git.Repo.clone_from(origin.as_uri(), shallow, depth=1).close()
    return shallow, origin, base


def test_a_shallow_checkout_is_deepened_before_the_comparison(fake_gh, tmp_path):
    shallow, _, base = _shallow_clone(tmp_path)
    run = run_action(shallow, tmp_path / "runner", fake_gh(), {"path": "project"}, base_sha=base)
    assert run.outputs["score-delta"] and "could not be deepened" not in run.stdout
    with git.Repo(shallow) as repo:
        assert repo.git.rev_parse("--is-shallow-repository") == "false"


def test_a_shallow_checkout_that_cannot_be_deepened_is_a_warning(fake_gh, tmp_path):
    shallow, origin, base = _shallow_clone(tmp_path)
    shutil.rmtree(origin)  # the remote is gone: nothing to deepen from
    run = run_action(shallow, tmp_path / "runner", fake_gh(), {"path": "project"}, base_sha=base)
    assert re.search(
        r"^::warning title=portfolio-lint::shallow checkout could not be deepened",
        run.stdout,
        flags=re.M,
    )
    assert "history rules were skipped" in run.stdout
    assert run.outputs["score-delta"] == "" and run.outputs["score"]
