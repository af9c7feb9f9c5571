"""The GitHub Action's steps: run the lint with inputs from the environment, publish results.

action.yml runs this module from the action's own virtual environment with an isolated
interpreter (`python -I`) outside the workspace, and the lint runs the same way: nothing from
the pull request's checkout is ever imported. Step outputs are written here only, from the
lint's exit code and the JSON report this step asked for.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from portfolio_lint.render.escapes import one_line
from portfolio_lint.render.github import escape_data, escape_property
from portfolio_lint.render.markdown import MAX_CHARS as COMMENT_LIMIT
from portfolio_lint.render.markdown import truncated
from portfolio_lint.render.sarif import relative_uri
from portfolio_lint.untrusted.atomic import write_atomically
from portfolio_lint.untrusted.hardened_git import GitError, run_git

MARKER = "<!-- portfolio-lint:sticky-comment -->"
CUT_NOTE = "\n\n> **Comment truncated** to fit GitHub's limit; the job summary has the report.\n"


# Files the runner reads commands from: only this process writes them, never the lint.
RUNNER_FILES = ("GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH", "GITHUB_STEP_SUMMARY", "GITHUB_STATE")
# An annotation as render.github writes it: properties and data escaped, one line.
ANNOTATION = re.compile(
    r"::(?:error|warning|notice) (?:[A-Za-z]+=[^:,\r\n]*,)*"
    r"[A-Za-z]+=[^:,\r\n]*::[^\r\n]*"
)


def _annotate(level: str, message: str) -> None:
    print(f"::{level} title=portfolio-lint::{escape_data(message)}", flush=True)


def _append(variable: str, text: str) -> None:
    target = os.environ.get(variable)
    if target:
        with Path(target).open("a", encoding="utf-8") as handle:
            handle.write(text)


def _set_outputs(values: dict[str, str]) -> None:
    lines = []
    for key, value in values.items():
        if "\n" in value or "\r" in value:  # a path with a newline must not forge outputs
            delimiter = f"ghadelimiter_{uuid.uuid4()}"
            lines.append(f"{key}<<{delimiter}\n{value}\n{delimiter}\n")
        else:
            lines.append(f"{key}={value}\n")
    _append("GITHUB_OUTPUT", "".join(lines))


def workspace() -> Path:
    """The checkout (GITHUB_WORKSPACE; the working directory outside Actions)."""
    return Path(os.environ.get("GITHUB_WORKSPACE") or ".").resolve()


def in_workspace(path: str) -> Path:
    """An input path, relative to the workspace (this step does not run there)."""
    return workspace() / Path(path).expanduser()


@dataclass(frozen=True)
class ReportFiles:
    """Where the lint writes the reports this step publishes (field name = format name)."""

    json: Path
    markdown: Path
    sarif: Path

    def output_options(self) -> list[str]:
        """`--output-format FMT:FILE` for each, in field order."""
        pairs = [(f.name, getattr(self, f.name)) for f in fields(self)]
        return [arg for kind, path in pairs for arg in ("--output-format", f"{kind}:{path}")]


def lint_command(temp: Path) -> tuple[list[str], ReportFiles]:
    """The portfolio-lint argv built from INPUT_* variables, and the report files it writes.

    The lint runs on this interpreter, isolated (`-I`: no working directory, script folder,
    PYTHON* variables or user site on the import path).
    """
    sarif = os.environ.get("INPUT_SARIF_FILE")
    files = ReportFiles(
        json=temp / "portfolio-lint.json",
        markdown=temp / "portfolio-lint.md",
        sarif=in_workspace(sarif) if sarif else temp / "portfolio-lint.sarif",
    )
    # The lint runs in the workspace, so the target (a folder or a URL) is passed as written.
    argv = [sys.executable, "-I", "-m", "portfolio_lint", os.environ.get("INPUT_PATH") or "."]
    argv += ["--output-format", "github"]
    argv += files.output_options()
    fail_under = os.environ.get("INPUT_FAIL_UNDER", "").strip()
    if fail_under:
        try:  # a bad number is a usage error before anything runs
            in_range = 0 <= float(fail_under) <= 100  # False for nan too
        except ValueError:
            in_range = False
        if not in_range:
            raise ValueError(f"fail-under must be a number from 0 to 100, got {fail_under!r}")
        argv += ["--fail-under", fail_under]
    for name, option in (("INPUT_SELECT", "--select"), ("INPUT_IGNORE", "--ignore")):
        value = os.environ.get(name, "").strip()
        if value:
            argv += [option, value]
    try:
        argv += shlex.split(os.environ.get("INPUT_ARGS", ""))
    except ValueError as error:  # unbalanced quotes
        raise ValueError(f"args: {error}") from None
    return argv, files


SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


def pull_request_base() -> str | None:
    """The pull request's base commit from the event payload (None outside pull requests)."""
    if os.environ.get("GITHUB_EVENT_NAME") not in ("pull_request", "pull_request_target"):
        return None
    try:
        event = json.loads(Path(os.environ.get("GITHUB_EVENT_PATH", "")).read_text("utf-8"))
        sha = event["pull_request"]["base"]["sha"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return sha if isinstance(sha, str) and SHA.fullmatch(sha) else None


def history_arguments(root: Path, base: str | None) -> list[str]:
    """What the checkout lets the lint do: deepen a shallow clone (the history rules and the
    base commit need it), then `--diff-base BASE` on a pull request; on failure a warning and
    `--no-history` (shallow) or no score change (base missing)."""
    try:
        shallow = run_git(root, ["rev-parse", "--is-shallow-repository"]).strip() == b"true"
    except GitError:
        return []  # not a git checkout: the lint says what it can
    if shallow:
        try:
            run_git(root, ["fetch", "--unshallow", "--no-tags", "--quiet", "origin"], timeout=600)
        except GitError as error:
            _annotate(
                "warning",
                f"shallow checkout could not be deepened ({error}): history rules were "
                "skipped and the score is not compared with the base. Use "
                "actions/checkout with fetch-depth: 0.",
            )
            return ["--no-history"]
    if base is None:
        return []
    try:
        run_git(root, ["cat-file", "-e", f"{base}^{{commit}}"])
    except GitError:
        try:
            run_git(root, ["fetch", "--no-tags", "--quiet", "origin", base], timeout=600)
        except GitError as error:
            _annotate(
                "warning", f"base commit {base[:12]} not available ({error}): no score change"
            )
            return []
    return ["--diff-base", base]


def workspace_prefix(target: str) -> str:
    """The lint target's folder relative to the workspace, with a slash ('' at its root).

    Report paths are relative to the linted folder; GitHub wants annotation and SARIF paths
    relative to the repository, so `path: fixtures/strong` needs them prefixed.
    """
    root = workspace()
    try:
        relative = in_workspace(target).resolve().relative_to(root)
    except (OSError, ValueError):  # outside the workspace: nothing GitHub could point at
        return ""
    return "" if relative == Path() else relative.as_posix() + "/"


def relocate_annotations(text: str, prefix: str) -> str:
    """Workflow commands with `file=` made relative to the workspace."""
    if not prefix:
        return text
    escaped = escape_property(prefix)
    # Property values are escaped (no ':' or ','), so the properties end at the first '::'.
    return re.sub(r"^(::\w+ (?:[^:]*,)?file=)", lambda m: m.group(1) + escaped, text, flags=re.M)


def annotations_only(text: str) -> str:
    """The lint's stdout as this step prints it: its annotations, and any other line shown
    with a prefix and escaped, so only a well-formed annotation can start a line."""
    lines = []
    for line in text.splitlines():
        if ANNOTATION.fullmatch(line):
            lines.append(line + "\n")
        elif line.strip():
            lines.append(f"portfolio-lint output: {escape_data(line)}\n")
    return "".join(lines)


def _child_environment() -> dict[str, str]:
    """The lint's environment: no runner command files (it never writes outputs)."""
    return {k: v for k, v in os.environ.items() if k not in RUNNER_FILES}


def relocate_sarif(path: Path, prefix: str) -> None:
    """Rewrite the SARIF file so every artifact URI is relative to the workspace."""
    if not prefix or not path.is_file():
        return
    document = json.loads(path.read_text(encoding="utf-8"))

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            artifact = node.get("artifactLocation")
            if isinstance(artifact, dict) and isinstance(artifact.get("uri"), str):
                artifact["uri"] = relative_uri(prefix) + artifact["uri"]
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(document)
    write_atomically(path, json.dumps(document, indent=2) + "\n", durable=False)


def run() -> int:
    """Lint, write the job summary and outputs; the exit code goes to the `exit-code` output."""
    runner_temp = os.environ.get("RUNNER_TEMP")
    if runner_temp:
        Path(runner_temp).mkdir(parents=True, exist_ok=True)
    # A folder of its own per run: a second use of the action in the same job must never
    # publish the reports the first one left in RUNNER_TEMP.
    temp = Path(tempfile.mkdtemp(prefix="portfolio-lint-", dir=runner_temp or None))
    try:
        argv, files = lint_command(temp)
    except ValueError as error:
        _annotate("error", f"bad input: {error}")
        _set_outputs({"exit-code": "2", "passed": "false"})
        return 0
    if not any(arg.startswith(("--diff-base", "--no-history")) for arg in argv):
        argv += history_arguments(workspace(), pull_request_base())
    files.sarif.parent.mkdir(parents=True, exist_ok=True)
    files.sarif.unlink(missing_ok=True)  # an old SARIF at the chosen path is not this run's
    # The workspace as working directory: relative paths in `args` mean what the user wrote.
    lint = subprocess.run(
        argv,
        check=False,
        stdout=subprocess.PIPE,
        encoding="utf-8",
        errors="replace",
        cwd=workspace(),
        env=_child_environment(),
    )
    prefix = workspace_prefix(os.environ.get("INPUT_PATH") or ".")
    print(relocate_annotations(annotations_only(lint.stdout), prefix), end="", flush=True)
    relocate_sarif(files.sarif, prefix)
    _set_outputs(_outputs(lint.returncode, files))
    return 0


def _read_report(path: Path) -> dict[str, Any] | None:
    """The JSON report the lint wrote, or None when there is none or it does not parse."""
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return report if isinstance(report, dict) else None


def _outputs(code: int, files: ReportFiles) -> dict[str, str]:
    """Step outputs from the lint's exit code and its JSON report; no report is exit code 2."""
    report = _read_report(files.json)
    if report is None:
        _annotate("error", f"portfolio-lint exited with {code} and wrote no report")
        code = 2
    outputs = {"exit-code": str(code), "passed": str(code == 0).lower()}
    if files.markdown.is_file():
        _append("GITHUB_STEP_SUMMARY", files.markdown.read_text(encoding="utf-8") + "\n")
        outputs["report-markdown"] = str(files.markdown)
    if report is not None:
        score = report.get("score")
        found = report.get("metadata")
        metadata: dict[str, Any] = found if isinstance(found, dict) else {}
        outputs.update(
            score=f"{score:.1f}" if isinstance(score, (int, float)) else "",
            grade=one_line(str(report.get("grade", ""))),
            **{
                "report-json": str(files.json),
                "score-delta": one_line(str(metadata.get("score-delta", ""))),
                "base-score": one_line(str(metadata.get("base-score", ""))),
            },
        )
    if files.sarif.is_file():
        outputs["sarif-file"] = os.environ.get("INPUT_SARIF_FILE") or str(files.sarif)
    return outputs


def comment() -> int:
    """Create or update the sticky PR comment; a read-only token (fork PR) is only a warning."""
    repository = os.environ.get("GITHUB_REPOSITORY", "")
    number = os.environ.get("PR_NUMBER", "")
    markdown = Path(os.environ.get("REPORT_MARKDOWN") or "/nonexistent")
    if not (repository and number and markdown.is_file()):
        _annotate("warning", "no pull request or report to comment on; comment skipped")
        return 0
    body = markdown.parent / "portfolio-lint-comment.md"
    write_atomically(body, comment_body(markdown.read_text(encoding="utf-8")), durable=False)
    found = subprocess.run(
        [
            "gh",
            "api",
            "--paginate",
            f"repos/{repository}/issues/{number}/comments",
            "--jq",
            f'.[] | select(.body | startswith("{MARKER}")) | .id',
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if found.returncode != 0:
        return _comment_failed(found.stderr)
    existing = found.stdout.split()
    if existing:
        target = ["-X", "PATCH", f"repos/{repository}/issues/comments/{existing[0]}"]
    else:
        target = ["-X", "POST", f"repos/{repository}/issues/{number}/comments"]
    posted = subprocess.run(
        ["gh", "api", *target, "-F", f"body=@{body}"], capture_output=True, text=True, check=False
    )
    if posted.returncode != 0:
        return _comment_failed(posted.stderr)
    print("portfolio-lint: pull-request comment " + ("updated" if existing else "created"))
    return 0


def comment_body(markdown: str) -> str:
    """The marker and the report, cut at a line so the whole body fits GitHub's limit."""
    return truncated(f"{MARKER}\n{markdown}", COMMENT_LIMIT, CUT_NOTE)


def _comment_failed(stderr: str) -> int:
    reason = (stderr.strip().splitlines() or ["unknown error"])[-1]
    _annotate(
        "warning",
        f"could not post the PR comment ({reason}). Pull requests from forks get a read-only "
        "token; the job summary and annotations carry the report.",
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    """`python -m portfolio_lint.app.action run|comment`."""
    args = sys.argv[1:] if argv is None else argv
    steps = {"run": run, "comment": comment}
    if len(args) != 1 or args[0] not in steps:
        print("usage: python -m portfolio_lint.app.action run|comment", file=sys.stderr)
        return 2
    return steps[args[0]]()


if __name__ == "__main__":
    sys.exit(main())
