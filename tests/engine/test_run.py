"""The engine: stamping codes and severities, skips, crash isolation, suppression, scoring."""

from __future__ import annotations

import pytest

from portfolio_lint.core.config import Config
from portfolio_lint.core.model import Outcome, Severity, Status
from portfolio_lint.engine.run import lint
from tests.notebooks import notebook_json
from tests.toy_rubric import STANDARD, rule_entry, toy_checks, toy_rubric  # noqa: F401

pytestmark = pytest.mark.usefixtures("toy_checks")


def by_code(report):
    return {result.rule.code: result for result in report.results}


def test_statuses_scores_and_stamping(make_repo):
    repo = make_repo({"README.md": "# hi\n", "app.py": "x = 1\nkey = 'SECRET'\n"})
    report = lint(repo, toy_rubric(*STANDARD), Config())
    results = by_code(report)
    assert results["DOC901"].status is Status.PASSED
    assert results["DOC902"].status is Status.PARTIAL and results["DOC902"].score == 0.5
    secret = results["SEC901"]
    assert secret.status is Status.FAILED
    assert [(f.code, f.severity, str(f.location)) for f in secret.findings] == [
        ("SEC901", Severity.ERROR, "app.py:2")
    ]
    assert results["QUA901"].status is Status.NOT_APPLICABLE
    assert results["QUA901"].reason == "nothing to judge here"
    # 100 * (3*1 + 1*0.5 + 2*0) / (3 + 1 + 2); the skipped weight-5 rule does not count
    assert report.score == pytest.approx(58.3)
    assert report.grade == "F"
    assert report.has_errors and not report.passed


def test_crashing_check_is_isolated(make_repo):
    rubric = toy_rubric(
        rule_entry("QUA901", "toy-crash", weight=10),
        rule_entry("DOC901", "toy-file-exists", path="README.md"),
    )
    report = lint(make_repo({"README.md": "# hi\n"}), rubric, Config())
    results = by_code(report)
    assert results["QUA901"].status is Status.ERROR
    assert "RuntimeError: boom" in (results["QUA901"].reason or "")
    assert results["DOC901"].status is Status.PASSED
    assert report.score == 100.0  # the crashed rule does not count
    # ... so the score cannot say the run passed: a crash is one outcome everywhere
    assert report.crashed and report.outcome is Outcome.CRASHED and not report.passed


@pytest.mark.parametrize(
    ("entries", "fail_under", "outcome"),
    [
        ([rule_entry("DOC901", "toy-file-exists", path="README.md")], None, Outcome.PASSED),
        (
            [
                rule_entry("DOC901", "toy-file-exists", path="README.md", severity="error"),
                rule_entry("DOC902", "toy-file-exists", path="LICENSE", severity="error"),
            ],
            None,
            Outcome.FAILED,
        ),
        ([rule_entry("DOC902", "toy-half")], 90.0, Outcome.FAILED),
        ([rule_entry("DOC902", "toy-half")], 40.0, Outcome.PASSED),
        (
            [rule_entry("DOC902", "toy-half", severity="error"), rule_entry("QUA901", "toy-crash")],
            90.0,
            Outcome.CRASHED,
        ),
        (
            [rule_entry("QUA901", "toy-skip"), rule_entry("QUA902", "toy-crash")],
            None,
            Outcome.CRASHED,
        ),
    ],
)
def test_outcome(make_repo, entries, fail_under, outcome):
    report = lint(
        make_repo({"README.md": "# hi\n"}), toy_rubric(*entries), Config(fail_under=fail_under)
    )
    assert report.outcome is outcome
    assert report.passed is (outcome is Outcome.PASSED)


def test_per_path_ignores_drop_findings_and_restore_the_score(make_repo):
    repo = make_repo({"src/a.py": "SECRET\n", "notebooks/b.py": "SECRET\n"})
    rubric = toy_rubric(rule_entry("SEC901", "toy-grep", pattern="SECRET"))
    partial = lint(repo, rubric, Config(per_path_ignores=(("notebooks/**", ("SEC",)),)))
    assert [str(f.location) for f in partial.results[0].findings] == ["src/a.py:1"]
    everything = Config(per_path_ignores=(("*.py", ("SEC901",)),))
    cleared = lint(repo, rubric, everything)
    assert cleared.results[0].status is Status.PASSED and cleared.score == 100.0


@pytest.mark.parametrize(
    ("comment", "suppressed"),
    [
        ("# portfolio-lint: ignore[SEC901]", True),
        ("# portfolio-lint: ignore[sec]", True),  # a family prefix, any case
        ("# portfolio-lint: ignore[DOC001, SEC901]", True),
        ("# portfolio-lint: ignore[DOC001]", False),  # another rule
        ("# portfolio-lint: ignore", False),  # no codes: suppresses nothing
    ],
)
def test_inline_ignore(make_repo, comment, suppressed):
    repo = make_repo({"app.py": f"token = 'SECRET'  {comment}\nother = 'SECRET'\n"})
    rubric = toy_rubric(rule_entry("SEC901", "toy-grep", pattern="SECRET"))
    lines = [f.location.line for f in lint(repo, rubric, Config()).results[0].findings]
    assert lines == ([2] if suppressed else [1, 2])


def test_inline_ignore_in_markdown_comment(make_repo):
    repo = make_repo({"notes.md": "SECRET <!-- portfolio-lint: ignore[SEC901] -->\n"})
    rubric = toy_rubric(rule_entry("SEC901", "toy-grep", pattern="SECRET", glob="*.md"))
    assert lint(repo, rubric, Config()).results[0].status is Status.PASSED


def test_ignored_with_reason_shows_and_does_not_count(make_repo):
    repo = make_repo({"README.md": "# hi\n", "app.py": "SECRET\n"})
    config = Config(ignore_reasons={"DOC902": "graded by hand"})
    report = lint(repo, toy_rubric(*STANDARD), config)
    ignored = by_code(report)["DOC902"]
    assert ignored.status is Status.IGNORED and ignored.reason == "graded by hand"
    assert report.score == pytest.approx(100.0 * 3 / (3 + 2))


def test_exclude_hides_files_from_checks(make_repo):
    repo_files = {"vendor/lib.py": "SECRET\n", "app.py": "ok\n"}
    rubric = toy_rubric(rule_entry("SEC901", "toy-grep", pattern="SECRET"))
    assert lint(make_repo(repo_files), rubric, Config()).results[0].status is Status.FAILED
    from portfolio_lint.facts.repo import Repo

    base = make_repo(repo_files)
    excluded = Repo(base.source, Config(exclude=("vendor/",)), base.options)
    assert lint(excluded, rubric, excluded.config).results[0].status is Status.PASSED


def test_exclude_also_hides_findings_about_paths_no_longer_in_the_tree(make_repo, monkeypatch):
    """History rules name paths of old commits; an excluded folder stays out of them too."""
    from portfolio_lint.checks import registry
    from portfolio_lint.core.model import Finding, Verdict

    def old_path(repo):
        """Reports a file an old commit held."""
        return Verdict.from_findings([Finding.at("fixtures/old/.env", "committed once")])

    monkeypatch.setitem(
        registry._REGISTRY, "toy-old-path", registry.CheckSpec("toy-old-path", old_path, "old", {})
    )
    rubric = toy_rubric(rule_entry("VCS901", "toy-old-path"))
    repo = make_repo({"app.py": "x = 1\n"})
    assert lint(repo, rubric, Config()).results[0].status is Status.FAILED
    assert lint(repo, rubric, Config(exclude=("fixtures/**",))).results[0].status is Status.PASSED


def test_options_from_config_reach_the_check(make_repo):
    rubric = toy_rubric(rule_entry("DOC902", "toy-half"))
    report = lint(make_repo({"a.txt": "x"}), rubric, Config(options={"DOC902": {"score": 0.25}}))
    assert report.results[0].score == 0.25


def test_nothing_applicable_gives_no_score(make_repo):
    report = lint(make_repo({"a.txt": "x"}), toy_rubric(rule_entry("QUA901", "toy-skip")), Config())
    assert report.score is None and report.grade == "-" and report.passed


def test_config_globs_that_could_backtrack_for_hours_are_dropped(make_repo):
    from portfolio_lint.facts.repo import Repo

    hostile = "*a" * 26 + "*b"  # against a long name of a's: hours in the regex engine
    files = {"a" * (120 + i) + "c.py": "SECRET\n" for i in range(5)}
    config = Config(exclude=(hostile, "*.tmp"), per_path_ignores=((hostile, ("SEC",)),))
    repo = Repo(make_repo({**files, "x.tmp": "SECRET\n"}).source, config)
    report = lint(repo, toy_rubric(rule_entry("SEC901", "toy-grep", pattern="SECRET")), config)
    assert len(report.results[0].findings) == 5  # x.tmp excluded; nothing ignored
    assert sum("wildcards not applied" in w for w in report.warnings) == 2


# --- issue 9 item 5: the one gate where repository text enters a report --------------------------

TOKEN = "ghp_" + "Qz8vLm3NpR7sTw2YkH5jXc4Bn6Df1Ga9Ke0W"


@pytest.fixture
def quoting_checks():
    from portfolio_lint.checks import registry
    from portfolio_lint.core.model import Finding, Verdict

    def quotes(repo):
        """Quotes repository text the way ENV002, DAT001 or CI002 do."""
        return Verdict.failed(
            Finding.at(
                "requirements.txt",
                f"unpinned: git+https://ada:{TOKEN}@github.com/a/b",
                line=1,
                evidence=f"/Users/ada/{TOKEN}/x.csv",
            ),
            Finding.at("ci.yml", f"never runs the tests (it runs `./deploy.sh {TOKEN[:30]}...`)"),
            Finding("README quotes https://api.example.org/v1?api_key=Zx81kLmQ9pRtYu2W&x=1"),
            Finding.at("notes.md", "GitHub token: ghp_…(40 chars)", evidence="ghp_…(40 chars)"),
            summary=f"ran `git clone https://{TOKEN}@github.com/a/b`",
        )

    def crashes(repo):
        """Crashes with repository text in the error."""
        raise ValueError(f"bad line: token={TOKEN}")

    registry.check("test-only-quotes")(quotes)
    registry.check("test-only-crashes")(crashes)
    yield
    registry._REGISTRY.pop("test-only-quotes")
    registry._REGISTRY.pop("test-only-crashes")


def test_secrets_in_any_finding_text_are_redacted(make_repo, quoting_checks):
    rubric = toy_rubric(
        rule_entry("QUA901", "test-only-quotes"), rule_entry("QUA902", "test-only-crashes")
    )
    report = lint(make_repo({"README.md": "# hi\n"}), rubric, Config())
    results = by_code(report)
    texts = [f.message for f in report.findings] + [f.evidence or "" for f in report.findings]
    texts += [results["QUA901"].summary or "", results["QUA902"].reason or ""]
    assert not any(TOKEN[:20] in text for text in texts), texts
    first, cut, query, already = results["QUA901"].findings
    assert first.message == "unpinned: git+https://ada:ghp_…(40 chars)@github.com/a/b"
    assert first.evidence == "/Users/ada/ghp_…(40 chars)/x.csv"
    assert cut.message.endswith("`./deploy.sh ghp_…(30 chars)...`)")
    assert "api_key=Zx81…(16 chars)&x=1" in query.message
    assert (already.message, already.evidence) == (
        "GitHub token: ghp_…(40 chars)",
        "ghp_…(40 chars)",
    )
    assert results["QUA902"].status is Status.ERROR


def test_text_without_secrets_is_left_alone(make_repo):
    repo = make_repo({"README.md": "# hi\n", "app.py": "x = 1\nkey = 'SECRET'\n"})
    before = lint(repo, toy_rubric(*STANDARD), Config())
    messages = [f.message for f in before.findings]
    assert messages and all("…(" not in m for m in messages)


def test_an_ignore_reason_from_the_repository_is_redacted(make_repo):
    repo = make_repo({"README.md": "# hi\n", "app.py": "SECRET\n"})
    config = Config(ignore_reasons={"DOC902": f"old key {TOKEN} is revoked"})
    ignored = by_code(lint(repo, toy_rubric(*STANDARD), config))["DOC902"]
    assert ignored.reason == "old key ghp_…(40 chars) is revoked"


def test_a_practice_whose_prerequisite_is_missing_counts_as_not_shown(make_repo):
    rubric = toy_rubric(
        rule_entry("DOC901", "toy-file-exists", weight=2, path="README.md"),
        rule_entry("DOC902", "toy-needs-readme", weight=3),
        rule_entry("DOC903", "toy-needs-readme", weight=3, role="problem"),
    )
    results = by_code(lint(make_repo({"a.py": "x = 1\n"}), rubric, Config()))
    shown = results["DOC902"]
    assert (shown.status, shown.score, shown.findings) == (Status.FAILED, 0.0, ())
    assert shown.reason == "no README (see toy-file-exists)"
    # A problem check that cannot run has found no problem: it stays out of the score.
    assert results["DOC903"].status is Status.NOT_APPLICABLE
    with_readme = lint(make_repo({"README.md": "# hi\n"}), rubric, Config())
    assert with_readme.score == 100.0


def test_practices_earn_and_problems_cost(make_repo):
    rubric = toy_rubric(
        rule_entry("DOC901", "toy-file-exists", weight=4, path="README.md"),
        rule_entry("DOC902", "toy-half", weight=4),
        rule_entry("SEC901", "toy-grep", weight=2, role="problem", pattern="SECRET"),
        rule_entry("SEC902", "toy-grep", weight=50, role="problem", pattern="NEVER"),
    )
    repo = make_repo({"README.md": "# hi\n", "app.py": "key = 'SECRET'\n"})
    report = lint(repo, rubric, Config())
    # earned 4 + 2 of possible 8; the failed problem costs its weight 2; the clean one adds 0
    assert report.score == pytest.approx(100 * (6 - 2) / 8)


@pytest.mark.parametrize(
    ("honour", "allowed", "lines", "overruled"),
    [
        (True, (), [2], 0),  # a single lint: the author's comment is honoured
        (False, (), [1, 2], 1),  # a graded run: it is not, and it is counted
        (False, ("SEC",), [2], 0),  # ... unless the grader allows that rule
        (False, ("DOC",), [1, 2], 1),  # ... or allows others only
    ],
)
def test_graded_runs_do_not_honour_inline_suppressions(
    make_repo, honour, allowed, lines, overruled
):
    repo = make_repo({"app.py": "token = 'SECRET'  # gitleaks:allow\nother = 'SECRET'\n"})
    rubric = toy_rubric(
        rule_entry("SEC901", "toy-grep", pattern="SECRET"),
        rule_entry("DOC901", "toy-file-exists", path="app.py"),
    )
    config = Config(honour_inline_ignores=honour, inline_ignores_allowed=allowed)
    report = lint(repo, rubric, config)
    result = by_code(report)["SEC901"]
    assert [f.location.line for f in result.findings] == lines
    assert result.suppressions_ignored == report.suppressions_ignored == overruled


def test_a_rule_that_passes_only_thanks_to_suppressions_says_so(make_repo):
    from portfolio_lint.render.text import render

    repo = make_repo({"app.py": "token = 'SECRET'  # portfolio-lint: ignore[SEC901]\n"})
    rubric = toy_rubric(rule_entry("SEC901", "toy-grep", pattern="SECRET"))
    report = lint(repo, rubric, Config())
    [result] = report.results
    assert (result.status, result.score, result.suppressed) == (Status.PASSED, 1.0, 1)
    text = render(report, verbosity=1)
    assert "SEC901" in text and "suppressed (1 finding ignored)" in text and "100%" not in text
    clean = lint(make_repo({"app.py": "x = 1\n"}), rubric, Config()).results[0]
    assert clean.suppressed == 0


def test_a_rubric_rule_for_other_kinds_is_not_applicable_with_the_reason(memory_repo):
    from portfolio_lint.engine.rubric import parse_rubric

    entry = {
        "code": "CAP001",
        "name": "tracks-experiments",
        "check": "import-used",
        "family": "CAP",
        "kinds": ["training-pipeline"],
        "options": {"module": "mlflow"},
    }
    rubric = parse_rubric({"families": {"CAP": "Capstone"}, "rule": [entry]}, source="cap.toml")
    study = notebook_json("import pandas as pd", "df = pd.read_csv('x.csv')")
    (skipped,) = lint(memory_repo({"eda.ipynb": study}), rubric).results
    assert skipped.status is Status.NOT_APPLICABLE
    assert (
        skipped.reason
        == "tracks experiments applies to training pipelines; this is a notebook study"
    )
    train = "import pandas as pd\nfrom sklearn.svm import SVC\n\nSVC().fit([[0]], [1])\n"
    (judged,) = lint(memory_repo({"train.py": train}), rubric).results
    assert judged.status is Status.FAILED
    assert "`mlflow`" in judged.findings[0].message


def test_a_crash_while_telling_the_kind_does_not_stop_the_run(memory_repo, monkeypatch):
    import portfolio_lint.engine.run as engine

    def broken(repo):
        raise RuntimeError("facts unavailable")

    monkeypatch.setattr(engine, "project_kind", broken)
    report = lint(memory_repo({"README.md": "# Demo\n"}), toy_rubric(*STANDARD))
    assert report.project is not None and report.project.kind == "other"
    assert report.project.evidence == ("not detected: RuntimeError: facts unavailable",)
    assert report.results
