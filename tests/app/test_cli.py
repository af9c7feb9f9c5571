"""The command line: exit codes, outputs, colour, config and rubric errors, rule listing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from portfolio_lint import __version__
from portfolio_lint.app import cli
from tests.conftest import commit_all, write_tree
from tests.toy_rubric import STANDARD, rule_entry, toy_checks, write_rubric  # noqa: F401

pytestmark = pytest.mark.usefixtures("toy_checks")

SCHEMA = json.loads((Path(__file__).parents[2] / "docs" / "report-schema.json").read_text())
ANSI = re.compile(r"\x1b\[")
GOOD = {"README.md": "# Project\n", "app.py": "x = 1\n"}
BAD = {"README.md": "# Project\n", "app.py": "token = 'SECRET'\n"}


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture
def rubric_file(tmp_path):
    return write_rubric(tmp_path / "toy.toml", *STANDARD)


@pytest.fixture
def project(tmp_path):
    def build(files, name="project"):
        root = tmp_path / name
        root.mkdir()
        write_tree(root, files)
        commit_all(root)
        return root

    return build


def run(*args, env=None):
    result = CliRunner().invoke(cli.main, [str(a) for a in args], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def lint_json(root, rubric_file, *args):
    result = run(root, "--rubric", rubric_file, "--no-cache", "-f", "json", *args)
    return result, json.loads(result.stdout) if result.stdout.strip() else None


def test_json_report_validates_against_the_published_schema(project, rubric_file):
    result, report = lint_json(project(BAD), rubric_file)
    assert result.exit_code == 1
    jsonschema.Draft202012Validator(SCHEMA).validate(report)
    assert report["tool"]["version"] == __version__
    statuses = {r["code"]: r["status"] for r in report["results"]}
    assert statuses == {
        "DOC901": "passed",
        "DOC902": "partial",
        "SEC901": "failed",
        "QUA901": "not-applicable",
    }
    (finding,) = next(r for r in report["results"] if r["code"] == "SEC901")["findings"]
    assert finding["location"]["path"] == "app.py" and finding["location"]["line"] == 1
    assert finding["severity"] == "error"
    assert report["passed"] is False and report["commit"]


@pytest.mark.parametrize(
    ("files", "args", "code"),
    [
        (GOOD, [], 0),
        (BAD, [], 1),  # an error-severity finding
        (BAD, ["--exit-zero"], 0),
        (GOOD, ["--fail-under", "95"], 1),  # 100*(3+0.5+2)/6 = 91.7
        (GOOD, ["--fail-under", "90"], 0),
        (BAD, ["--ignore", "SEC901"], 0),
        (BAD, ["--select", "DOC"], 0),
        (GOOD, ["--select", "DOC", "--extend-select", "SEC901", "--fail-under", "95"], 1),
    ],
)
def test_exit_codes(project, rubric_file, files, args, code):
    result = run(project(files), "--rubric", rubric_file, "--no-cache", *args)
    assert result.exit_code == code, result.output


def test_crashed_check_exits_2_even_with_exit_zero_but_still_reports(project, tmp_path):
    rubric = write_rubric(
        tmp_path / "crash.toml",
        rule_entry("QUA901", "toy-crash"),
        rule_entry("DOC901", "toy-file-exists", path="README.md"),
    )
    out = tmp_path / "report.json"
    result = run(
        project(GOOD), "--rubric", rubric, "--no-cache", "--exit-zero", "-f", f"json:{out}"
    )
    assert result.exit_code == 2
    report = json.loads(out.read_text())
    jsonschema.Draft202012Validator(SCHEMA).validate(report)
    assert [r["status"] for r in report["results"]] == ["error", "passed"]
    assert report["score"] == 100.0
    assert report["passed"] is False  # as the exit code says, though the score is 100


def test_several_outputs_go_to_files_and_one_to_stdout(project, rubric_file, tmp_path):
    json_file, md_file = tmp_path / "out" / "r.json", tmp_path / "r.md"
    result = run(
        project(GOOD),
        "--rubric",
        rubric_file,
        "--no-cache",
        "-f",
        "text",
        "--output-format",
        f"json:{json_file}",
        "-f",
        f"markdown:{md_file}",
    )
    assert result.exit_code == 0
    assert "Score 91.7/100" in result.stdout
    assert json.loads(json_file.read_text())["score"] == 91.7
    assert "## portfolio-lint" in md_file.read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "yaml"], "unknown output format 'yaml'"),
        (["-f", "json", "-f", "text"], "only one format can go to stdout"),
        (["-f", "json:"], "empty file name"),
        (["--select", "DCO"], "`--select` names 'DCO'"),
        (["--ignore", "SEC99"], "`--ignore` names 'SEC99'"),
        (["--fail-under", "101"], "--fail-under"),
        (["--show", "some"], "--show"),
        (["--bogus"], "No such option"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(project, rubric_file, args, message):
    result = run(project(GOOD), "--rubric", rubric_file, "--no-cache", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_missing_target_is_a_usage_error(tmp_path, rubric_file):
    result = run(tmp_path / "nope", "--rubric", rubric_file)
    assert result.exit_code == 2 and "no such folder" in result.stderr


@pytest.mark.parametrize(
    ("config", "named"),
    [
        ("[tool.portfolio-lint]\nselct = ['DOC']\n", "unknown key `selct`"),
        ("[tool.portfolio-lint]\nfail-under = 'high'\n", "`fail-under`"),
        ("[tool.portfolio-lint]\nignore = ['DCO901']\n", "`ignore` names 'DCO901'"),
        ("[tool.portfolio-lint]\noptions.DOC902 = { scroe = 1 }\n", "has no option 'scroe'"),
        (
            "[tool.portfolio-lint]\nper-path-ignores = { 'nb/*' = ['XYZ1'] }\n",
            "`per-path-ignores.nb/*` names 'XYZ1'",
        ),
    ],
)
def test_bad_config_in_the_linted_repo_exits_2_naming_the_key(project, rubric_file, config, named):
    root = project({**GOOD, "pyproject.toml": config})
    result = run(root, "--rubric", rubric_file, "--no-cache")
    assert result.exit_code == 2
    assert named in result.stderr and "pyproject.toml" in result.stderr
    assert "Traceback" not in result.stderr
    isolated = run(root, "--rubric", rubric_file, "--no-cache", "--isolated")
    assert isolated.exit_code == 0  # graders: the repository's config is not read


def test_repo_config_selects_and_ignores_with_reason(project, rubric_file):
    config = 'select = ["DOC", "SEC"]\n[ignore-with-reason]\nDOC902 = "judged by hand"\n'
    result, report = lint_json(project({**GOOD, "portfolio-lint.toml": config}), rubric_file)
    assert result.exit_code == 0
    statuses = {r["code"]: (r["status"], r["reason"]) for r in report["results"]}
    assert statuses == {
        "DOC901": ("passed", None),
        "DOC902": ("ignored", "judged by hand"),
        "SEC901": ("passed", None),
    }


def test_repo_config_threshold_and_its_command_line_override(project, rubric_file):
    root = project({**GOOD, "pyproject.toml": "[tool.portfolio-lint]\nfail-under = 95\n"})
    result, report = lint_json(root, rubric_file)
    assert (result.exit_code, report["score"], report["fail_under"]) == (1, 91.7, 95.0)
    assert lint_json(root, rubric_file, "--fail-under", "50")[0].exit_code == 0


def test_inline_and_per_path_ignores_through_the_command(project, rubric_file):
    root = project(
        {
            "README.md": "# P\n",
            "app.py": "key = 'SECRET'  # portfolio-lint: ignore[SEC901]\n",
            "scratch/try.py": "SECRET\n",
            "portfolio-lint.toml": "[per-path-ignores]\n'scratch/**' = ['SEC']\n",
        }
    )
    result, report = lint_json(root, rubric_file)
    secret = next(r for r in report["results"] if r["code"] == "SEC901")
    assert secret["status"] == "passed" and secret["findings"] == []
    assert result.exit_code == 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"check": "no-such-check"}, "unknown check 'no-such-check'"),
        ({"options": {"path": "README.md", "colour": "red"}}, "has no option 'colour'"),
    ],
)
def test_bad_rubric_exits_2(project, tmp_path, change, message):
    entry = {**rule_entry("DOC901", "toy-file-exists", path="README.md"), **change}
    rubric = write_rubric(tmp_path / "bad.toml", entry)
    result = run(project(GOOD), "--rubric", rubric)
    assert result.exit_code == 2 and message in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_rubric_file_exits_2(project, tmp_path):
    result = run(project(GOOD), "--rubric", tmp_path / "missing.toml")
    assert result.exit_code == 2 and "cannot read rubric" in result.stderr


def test_no_colour_codes_without_a_terminal_with_no_color_or_in_machine_formats(
    project,
    rubric_file,
):
    root = project(BAD)
    plain = run(root, "--rubric", rubric_file, "--no-cache")
    forced = run(root, "--rubric", rubric_file, "--no-cache", "--color", "always")
    no_color = run(root, "--rubric", rubric_file, "--no-cache", env={"NO_COLOR": "1"})
    machine = run(root, "--rubric", rubric_file, "--no-cache", "--color", "always", "-f", "json")
    assert ANSI.search(forced.stdout)
    for result in (plain, no_color, machine):
        assert not ANSI.search(result.stdout) and not ANSI.search(result.stderr)
    assert "SEC901" in plain.stdout and "app.py:1" in plain.stdout


def test_auto_colour_follows_the_terminal_and_no_color(monkeypatch):
    class Terminal:
        def isatty(self):
            return True

    monkeypatch.setattr(cli.sys, "stdout", Terminal())
    assert cli._use_color("auto") is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli._use_color("auto") is False
    assert cli._use_color("always") is True and cli._use_color("never") is False


def test_text_report_quiet_verbose_and_show_all(project, rubric_file):
    root = project(BAD)
    base = [root, "--rubric", rubric_file, "--no-cache"]
    quiet = run(*base, "-q").stdout.strip().splitlines()
    assert len(quiet) == 1 and quiet[0].startswith("Score ")
    default = run(*base).stdout
    assert "fix: Fix SEC901." in default and "QUA901" not in default and "DOC901" not in default
    verbose = run(*base, "-v").stdout
    assert "not applicable: nothing to judge here" in verbose
    assert "DOC901" in run(*base, "--show", "all").stdout


def test_list_rules_text_and_json(rubric_file):
    text = run("--rubric", rubric_file, "--list-rules")
    assert text.exit_code == 0 and "DOC901" in text.stdout and "QUA901" in text.stdout
    listed = run("--rubric", rubric_file, "--list-rules", "-f", "json")
    document = json.loads(listed.stdout)
    assert [r["code"] for r in document["rules"]] == ["DOC901", "DOC902", "SEC901", "QUA901"]
    assert document["rules"][0]["options"] == {"path": "README.md"}


def test_explain(rubric_file):
    result = run("--rubric", rubric_file, "--explain", "sec901")
    assert result.exit_code == 0
    assert "Why SEC901 matters." in result.stdout and "Fix SEC901." in result.stdout
    unknown = run("--rubric", rubric_file, "--explain", "SEC999")
    assert unknown.exit_code == 2 and "no rule 'SEC999'" in unknown.stderr


def test_explain_takes_a_rule_name_as_well_as_a_code():
    by_name = run("--explain", "readme-results", "--color", "never")
    assert by_name.exit_code == 0, by_name.output
    assert by_name.stdout == run("--explain", "DOC005", "--color", "never").stdout
    assert "\nBad\n" in by_name.stdout and "\nGood\n" in by_name.stdout


def test_version_and_help_publish_the_formula():
    assert run("--version").stdout.strip().endswith(__version__)
    help_text = run("--help").stdout
    assert "100 * (earned - lost) / possible" in help_text and "Exit codes" in help_text


def test_run_options_reach_the_repo(project, rubric_file, monkeypatch, tmp_path):
    from portfolio_lint.engine import run as engine

    seen = {}

    def spy(repo, rubric, config=None):
        seen["options"] = repo.options
        return real(repo, rubric, config)

    real = engine.lint
    monkeypatch.setattr(engine, "lint", spy)
    coverage = tmp_path / "coverage.xml"
    coverage.write_text("<coverage/>")
    result = run(
        project(GOOD),
        "--rubric",
        rubric_file,
        "--no-cache",
        "--no-history",
        "--jobs",
        "1",
        "--coverage-file",
        coverage,
    )
    assert result.exit_code == 0
    options = seen["options"]
    assert (options.use_cache, options.history, options.jobs) == (False, False, 1)
    assert options.coverage_file == coverage.resolve()


def test_baseline_accepts_known_findings_only(project, rubric_file, tmp_path):
    root = project(BAD)
    baseline = tmp_path / "baseline.json"
    first = run(root, "--rubric", rubric_file, "--no-cache", "--write-baseline", baseline)
    assert first.exit_code == 1 and "SECRET" not in baseline.read_text()
    accepted = run(root, "--rubric", rubric_file, "--no-cache", "--baseline", baseline)
    assert accepted.exit_code == 0
    (root / "more.py").write_text("SECRET = 2\n")
    fresh = run(root, "--rubric", rubric_file, "--no-cache", "--baseline", baseline)
    assert fresh.exit_code == 1 and "more.py:1" in fresh.stdout and "app.py" not in fresh.stdout


def test_diff_base_reports_only_introduced_findings(project, rubric_file):
    root = project(BAD)
    (root / "new.py").write_text("SECRET\n")
    commit_all(root, "Add another")
    result, report = lint_json(root, rubric_file, "--diff-base", "HEAD~1")
    paths = [
        f["location"]["path"] for r in report["results"] for f in r["findings"] if f["location"]
    ]
    assert paths == ["new.py"] and result.exit_code == 1
    bad = run(root, "--rubric", rubric_file, "--no-cache", "--diff-base", "no-such-rev")
    assert bad.exit_code == 2
    assert bad.stderr == (
        "portfolio-lint: error: --diff-base no-such-rev: unknown revision 'no-such-rev'\n"
    )


@pytest.mark.parametrize(
    "fmt", ["json", "markdown", "html", "sarif", "github", "gitlab", "junit", "badge", "text"]
)
def test_every_registered_format_renders_without_colour_codes(project, rubric_file, tmp_path, fmt):
    out = tmp_path / f"report.{fmt}"
    result = run(
        project(BAD),
        "--rubric",
        rubric_file,
        "--no-cache",
        "--color",
        "always",
        "-f",
        f"{fmt}:{out}",
    )
    assert result.exit_code == 1
    written = out.read_text(encoding="utf-8")
    assert written.strip() and not ANSI.search(written)


def test_github_target_in_api_mode(rubric_file, monkeypatch):
    from tests.fake_github import FakeGitHub, FakeRepo, serve

    github = FakeGitHub()
    github.repos["ada/churn"] = FakeRepo({"README.md": b"# Churn\n", "app.py": b"SECRET\n"})
    with serve(github):
        monkeypatch.setenv("GITHUB_API_URL", github.base_url)
        monkeypatch.delenv("GITHUB_TOKEN", raising=False)
        monkeypatch.delenv("GH_TOKEN", raising=False)
        result, report = lint_json("gh:ada/churn", rubric_file, "--api")
        missing = run("gh:ada/nope", "--rubric", rubric_file, "--api", "--no-cache")
    assert result.exit_code == 1 and "ada/churn" in report["target"]
    secret = next(r for r in report["results"] if r["code"] == "SEC901")
    assert secret["findings"][0]["location"]["path"] == "app.py"
    assert missing.exit_code == 2 and "gh:ada/nope: cannot fetch" in missing.stderr


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("file:///srv/x.git", "file:///srv/x.git: --api needs a GitHub owner/repo target"),
        (
            "https://tok@gitlab.example/ada/churn",
            "https://***@gitlab.example/ada/churn: --api reads GitHub repositories only, "
            "not https://***@gitlab.example/ada/churn.git",
        ),
    ],
)
def test_api_mode_refuses_what_github_cannot_serve(target, message, monkeypatch):
    monkeypatch.delenv("GITHUB_SERVER_URL", raising=False)
    result = run(target, "--api", "--no-cache")
    assert result.exit_code == 2
    assert result.stderr == f"portfolio-lint: error: {message}\n"


@pytest.mark.parametrize(("name", "code"), [("strong", 0), ("weak", 1)])
def test_default_rubric_on_sample_portfolios(fixture_repo, tmp_path, name, code):
    out = tmp_path / f"{name}.json"
    result = run(fixture_repo(name), "--no-cache", "-f", "text", "-f", f"json:{out}")
    assert result.exit_code == code, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(SCHEMA).validate(report)
    assert report["rubric"] == "portfolio" and not any(
        r["status"] == "error" for r in report["results"]
    )
    assert f"Score {report['score']:.1f}/100" in result.stdout


@pytest.mark.parametrize(("verbose", "traceback"), [([], False), (["-v"], True)])
def test_internal_error_is_one_line_unless_verbose(
    project, rubric_file, monkeypatch, verbose, traceback
):
    from portfolio_lint.engine import run as engine

    def broken(*args, **kwargs):
        raise ValueError("engine exploded")

    monkeypatch.setattr(engine, "lint", broken)
    result = run(project(GOOD), "--rubric", rubric_file, "--no-cache", "--exit-zero", *verbose)
    assert result.exit_code == 2
    assert "internal error: ValueError: engine exploded" in result.stderr
    assert ("Traceback" in result.stderr) is traceback


def test_escapes_in_a_config_error_do_not_reach_the_terminal(project, rubric_file):
    # click strips ANSI only when stderr is not a terminal: on one, the key's escapes ran.
    root = project({**GOOD, "portfolio-lint.toml": '"\\u001b]0;pwned\\u0007\\u001b[2J" = 1\n'})
    result = CliRunner().invoke(
        cli.main, [str(root), "--rubric", str(rubric_file), "--no-cache"], color=True
    )
    assert result.exit_code == 2 and "unknown key" in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr


def test_a_bare_repository_is_linted_at_its_head(project, rubric_file, tmp_path):
    import git

    root = project(BAD)
    bare = tmp_path / "bare.git"
    git.Repo.clone_from(str(root), str(bare), bare=True).close()
    _, from_work_tree = lint_json(root, rubric_file)
    result, from_bare = lint_json(bare, rubric_file)
    assert result.exit_code == 1
    assert from_bare["target"] == str(bare)
    assert from_bare["commit"] == from_work_tree["commit"]
    assert [(r["code"], r["status"], len(r["findings"])) for r in from_bare["results"]] == [
        (r["code"], r["status"], len(r["findings"])) for r in from_work_tree["results"]
    ]

    git.Repo.init(tmp_path / "empty.git", bare=True).close()
    empty = run(tmp_path / "empty.git", "--rubric", rubric_file)
    assert empty.exit_code == 2 and "bare repository with no commits" in empty.output


def test_explain_lists_the_checks_options_with_defaults():
    from portfolio_lint.engine.rubric import default_rubric_path

    result = run("--rubric", default_rubric_path(), "--explain", "DAT002", "--color", "never")
    assert result.exit_code == 0
    assert "max-file-bytes = 10000000 (default)" in result.output
    custom = Path(__file__).parents[2] / "rules" / "examples" / "minimal.toml"
    set_here = run("--rubric", custom, "--explain", "DOC101", "--color", "never")
    assert 'pattern = "' in set_here.output and "(default)" not in set_here.output


def test_explain_shows_the_default_rules_examples_only_for_that_rule(tmp_path):
    from portfolio_lint.engine.rubric import default_rubric_path

    shown = run("--rubric", default_rubric_path(), "--explain", "DOC001", "--color", "never")
    assert shown.exit_code == 0
    assert "\nBad\n    " in shown.output and "\nGood\n    " in shown.output
    # A grader's rule bound to the same check under its own code may judge with other
    # options: the default rule's examples are not shown for it.
    grader = tmp_path / "grader.toml"
    grader.write_text(
        '[[rule]]\ncode = "DOC901"\nname = "has-readme"\ncheck = "readme-present"\n'
        'family = "DOC"\noptions = { min-words = 200 }\n'
    )
    bound = run("--rubric", grader, "--explain", "DOC901", "--color", "never")
    assert bound.exit_code == 0 and "check readme-present" in bound.output
    assert "\nBad\n" not in bound.output


@pytest.mark.parametrize("breaker", ["\n", "\r", "\u2028", "\x85"])
@pytest.mark.parametrize("verbose", [[], ["-v"], ["-vv"]])
def test_a_line_break_in_a_config_key_cannot_start_a_line_on_stderr(
    project, rubric_file, breaker, verbose
):
    # The Actions runner obeys `::error ...` at the start of any line of stderr.
    key = json.dumps(f"x{breaker}::error ::pwned")
    root = project({**GOOD, "portfolio-lint.toml": f"{key} = 1\n"})
    result = run(root, "--rubric", rubric_file, "--no-cache", *verbose)
    assert result.exit_code == 2 and "pwned" in result.stderr
    assert not [line for line in result.stderr.splitlines() if line.lstrip().startswith("::")]
    assert "unknown key" in result.stderr.splitlines()[-1]


def test_a_traceback_keeps_the_exception_message_on_one_line(project, rubric_file, monkeypatch):
    from portfolio_lint.engine import run as engine

    def broken(*args, **kwargs):
        raise ValueError("bad file 'a\n::error ::pwned.py'")

    monkeypatch.setattr(engine, "lint", broken)
    result = run(project(GOOD), "--rubric", rubric_file, "--no-cache", "-v")
    assert result.exit_code == 2 and "Traceback" in result.stderr
    assert "ValueError: bad file 'a\\n::error ::pwned.py'" in result.stderr
    assert not [line for line in result.stderr.splitlines() if line.lstrip().startswith("::")]


def test_python_warnings_are_shown_on_one_line(project, rubric_file, monkeypatch):
    import warnings

    from portfolio_lint.engine import run as engine

    lint = engine.lint

    def warns(*args, **kwargs):
        warnings.warn("odd file 'a\n::error ::pwned.py'", UserWarning, stacklevel=1)
        return lint(*args, **kwargs)

    monkeypatch.setattr(engine, "lint", warns)
    with warnings.catch_warnings():
        warnings.simplefilter("always")  # the suite turns warnings into errors
        result = run(project(GOOD), "--rubric", rubric_file, "--no-cache")
    assert result.exit_code == 0 and "UserWarning: odd file 'a\\n::error ::pwned.py'" in (
        result.stderr
    )
    assert not [line for line in result.stderr.splitlines() if line.lstrip().startswith("::")]


GH_TOKEN = "ghp_" + "Qw83LmT7bR4vZ8nW2pY6cX1dF5gH3jK0aS9u"
OLD_TOKEN = "ghp_" + "Zr61NpV2cK9tY4mB7xQ3wE8sD5fG0hJ1lP2o"


@pytest.fixture
def silenced_repo(tmp_path):
    """A key silenced with `gitleaks:allow` now, and another one that only the history holds."""
    root = tmp_path / "student"
    write_tree(root, {"old.py": f'TOKEN = "{OLD_TOKEN}"  # gitleaks:allow\n'})
    commit_all(root, "Add old settings")
    (root / "old.py").unlink()
    write_tree(root, {"app.py": f'TOKEN = "{GH_TOKEN}"  # gitleaks:allow\n'})
    commit_all(root, "Add settings")
    return root


def _secret_verdicts(root, *args):
    result = run(root, "--no-cache", "--select", "SEC001,VCS007", "-f", "json", *args)
    report = json.loads(result.stdout)
    statuses = {r["code"]: r["status"] for r in report["results"]}
    return result.exit_code, statuses, report["counts"]["inline_suppressions_ignored"]


def test_isolated_runs_do_not_honour_a_students_inline_suppressions(silenced_repo):
    assert _secret_verdicts(silenced_repo) == (0, {"SEC001": "passed", "VCS007": "passed"}, 0)
    code, statuses, overruled = _secret_verdicts(silenced_repo, "--isolated")
    assert (code, statuses, overruled) == (1, {"SEC001": "failed", "VCS007": "failed"}, 2)
    text = run(silenced_repo, "--no-cache", "--select", "SEC001,VCS007", "--isolated").stdout
    assert "2 inline suppressions not honoured" in text and GH_TOKEN not in text


@pytest.mark.parametrize(
    ("args", "statuses", "overruled"),
    [
        (["--honour-inline-ignores"], {"SEC001": "passed", "VCS007": "passed"}, 0),
        (["--allow-inline-ignore", "VCS007"], {"SEC001": "failed", "VCS007": "passed"}, 1),
    ],
)
def test_a_grader_can_opt_back_in_to_inline_suppressions(silenced_repo, args, statuses, overruled):
    assert _secret_verdicts(silenced_repo, "--isolated", *args)[1:] == (statuses, overruled)


def test_allowing_an_unknown_code_is_a_usage_error(silenced_repo):
    result = run(silenced_repo, "--isolated", "--allow-inline-ignore", "SEC01")
    assert result.exit_code == 2 and "--allow-inline-ignore" in result.stderr


def test_debug_log_shows_portfolio_lints_own_steps_only(tmp_path):
    import subprocess
    import sys

    root = tmp_path / "project"
    write_tree(root, {"README.md": "# Churn\n\nPredicts churn.\n", "train.py": "import os\n"})
    commit_all(root)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "portfolio_lint", str(root), "-vv", "--exit-zero"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    debug = [line for line in done.stderr.splitlines() if line.startswith("DEBUG:")]
    assert debug and all(line.startswith("DEBUG:portfolio_lint.") for line in debug)
    text = "\n".join(debug)
    for step in ("walked 2 files", "analysed 2 files", "check DOC001 (readme-present)", "git "):
        assert step in text, step


def test_list_rules_and_explain_show_the_effective_extends_rubric(tmp_path):
    rubric = tmp_path / "capstone.toml"
    rubric.write_text(
        '[rubric]\nname = "capstone"\nextends = "portfolio"\nremove = ["VCS011"]\n\n'
        '[overrides.DOC005]\nweight = 6\nseverity = "error"\n\n[grades]\nA = 93\nB = 85\n',
        encoding="utf-8",
    )
    listed = run("--rubric", rubric, "--list-rules", "--color", "never").stdout
    row = next(line for line in listed.splitlines() if line.startswith("DOC005"))
    assert "6 (was 3)" in row and "error (was warning)" in row
    assert "grades: A >= 93, B >= 85, else F" in listed and "VCS011" not in listed
    document = json.loads(run("--rubric", rubric, "--list-rules", "-f", "json").stdout)
    doc005 = next(r for r in document["rules"] if r["code"] == "DOC005")
    assert (doc005["weight"], doc005["severity"]) == (6, "error")
    assert document["grades"][0] == {"grade": "A", "min_score": 93}
    explained = run("--rubric", rubric, "--explain", "DOC005", "--color", "never").stdout
    assert "weight 6 (was 3) · severity error (was warning)" in explained
    gone = run("--rubric", rubric, "--explain", "VCS011")
    assert gone.exit_code == 2 and "no rule 'VCS011'" in gone.stderr


def test_a_rubrics_grade_bands_decide_the_reports_grade(tmp_path):
    project = tmp_path / "project"
    write_tree(project, {"README.md": "# Tiny\n"})
    rubric = tmp_path / "lenient.toml"
    rubric.write_text(
        '[rubric]\nname = "lenient"\nextends = "portfolio"\n\n[grades]\nOK = 0\n',
        encoding="utf-8",
    )
    result = run(project, "--rubric", rubric, "--no-cache", "-f", "json")
    report = json.loads(result.stdout)
    assert report["score"] < 60 and report["grade"] == "OK"
    default = json.loads(run(project, "--no-cache", "-f", "json").stdout)
    assert default["score"] == report["score"] and default["grade"] == "F"
