"""`portfolio-lint batch` end to end: outputs, options, real subprocesses, kill and resume."""

from __future__ import annotations

import csv
import io
import json
import os
import runpy
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from portfolio_lint.app import cli
from portfolio_lint.app.batch.grade import GradeSettings
from portfolio_lint.app.batch.runner import grade_cohort
from tests.app.batch.conftest import (
    DAN_AT_DEADLINE,
    README_FULL,
    STUDENTS,
    TEST_FILE,
    Cohort,
    build_cohort,
    by_student,
    verdicts,
)

CONSOLE_SCRIPT = Path(sys.executable).parent / "portfolio-lint"


def batch(*args: object) -> Result:
    """`portfolio-lint batch ARGS`, through the top-level command's dispatch."""
    return CliRunner().invoke(cli.main, ["batch", *(str(a) for a in args)])


def cohort_args(cohort: Cohort, output: Path) -> list[object]:
    return ["--roster", cohort.roster, "--rubric", cohort.rubric, "--output-dir", output]


def gradebook(output: Path) -> dict[str, dict[str, str]]:
    rows = csv.DictReader(io.StringIO((output / "gradebook.csv").read_text(encoding="utf-8")))
    return {row["student"]: row for row in rows}


def results(output: Path) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = json.loads((output / "results.json").read_text())["results"]
    return records


def test_batch_writes_gradebook_results_reports_and_dashboard(
    cohort: Cohort, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = batch(*cohort_args(cohort, out))
    assert result.exit_code == 0, result.output
    # Not a terminal: no progress bar, only the closing summary on stderr.
    [summary] = result.stderr.splitlines()
    assert summary.startswith("5 repositories: 4 graded, 0 unchanged, 1 error")
    rows = gradebook(out)
    assert {s: (float(rows[s]["score"]), rows[s]["grade"]) for s in STUDENTS} == {
        s: (e.score, e.grade) for s, (_, e) in STUDENTS.items()
    }
    assert rows["eve"]["status"] == "error" and rows["eve"]["error"]
    records = by_student(results(out))
    dashboard = (out / "index.html").read_text()
    for student, (_, expected) in STUDENTS.items():
        key = records[student]["key"]
        markdown = (out / "reports" / f"{key}.md").read_text()
        assert f"Score: {expected.score:.1f} / 100 — grade {expected.grade}" in markdown
        # Feedback opens with the student, the repository, the commit and its date.
        commit = cohort.commits[student][-1]
        assert markdown.startswith(f"# Feedback for {student}\n")
        assert f"| Commit | `{commit[:12]}` (committed 2026-01-" in markdown
        plain = (out / "reports" / f"{key}.txt").read_text()
        assert plain.startswith(f"Feedback for {student}\nRepository: {cohort.url(student)}\n")
        assert records[student]["committed"].startswith("2026-01-")
        assert (
            (out / "reports" / f"{key}.html")
            .read_text()
            .lstrip()
            .lower()
            .startswith("<!doctype html")
        )
        assert f"reports/{key}.html" in dashboard
    assert not list((out / "reports").glob(f"{records['eve']['key']}.*"))
    # The second run grades nothing and says so.
    again = batch(*cohort_args(cohort, out))
    assert "0 graded, 4 unchanged, 1 error" in again.stderr
    assert gradebook(out) == rows


@pytest.mark.parametrize(
    "deadline",
    [
        "2026-01-15T10:00:00+00:00",
        "2026-01-15T10:00:00",
        "2026-01-15T11:00:00+01:00",
        "2026-01-15T10:00:00Z",
    ],
)
def test_as_of_grades_the_commit_before_the_deadline(
    cohort: Cohort, tmp_path: Path, deadline: str
) -> None:
    out = tmp_path / "out"
    result = batch(*cohort_args(cohort, out), "--as-of", deadline)
    assert result.exit_code == 0, result.output
    dan = gradebook(out)["dan"]
    assert dan["commit"] == cohort.commits["dan"][0]
    assert (float(dan["score"]), dan["grade"]) == (DAN_AT_DEADLINE.score, DAN_AT_DEADLINE.grade)
    assert gradebook(out)["ada"]["commit"] == cohort.commits["ada"][-1]


def test_shards_are_disjoint_cover_the_roster_and_are_deterministic(tmp_path: Path) -> None:
    cohort = build_cohort(
        tmp_path / "c", {f"s{i:02d}": [({"README.md": README_FULL}, 1)] for i in range(12)}
    )
    parts = []
    for index in (1, 2, 3):
        out = tmp_path / f"shard{index}"
        assert batch(*cohort_args(cohort, out), "--shard", f"{index}/3").exit_code == 0
        parts.append(set(gradebook(out)))
    everyone = {a.student for a in cohort.assignments()}
    assert set().union(*parts) == everyone
    assert sum(len(part) for part in parts) == len(everyone)
    assert all(parts)
    again = tmp_path / "shard2-again"
    assert batch(*cohort_args(cohort, again), "--shard", "2/3").exit_code == 0
    assert set(gradebook(again)) == parts[1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "next friday"], "ISO 8601"),
        (["--shard", "4/3"], "--shard must be I/N"),
        (["--rubric", "{bad_rubric}"], "not valid TOML"),
        (["--ignore", "DOC001,DOC99"], "'DOC99' matches no rule of the rubric"),
        (["--select", "XYZ"], "'XYZ' matches no rule of the rubric"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    cohort: Cohort, tmp_path: Path, args: list[str], message: str
) -> None:
    bad_rubric = tmp_path / "bad.toml"
    bad_rubric.write_text("[[rule]\n")
    extra = [a.replace("{bad_rubric}", str(bad_rubric)) for a in args]
    result = batch("--roster", cohort.roster, "-o", tmp_path / "out", *extra)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out" / "gradebook.csv").exists()


def test_a_roster_or_an_organisation_is_required(tmp_path: Path) -> None:
    result = batch("-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "--roster" in result.output


def test_the_entry_point_does_nothing_when_imported_as_a_workers_main() -> None:
    # spawn/forkserver workers import the parent's `python -m portfolio_lint` main module under
    # this name: the command must not start again inside them.
    namespace = runpy.run_module("portfolio_lint", run_name="__mp_main__")
    assert callable(namespace["main"])


def launchers() -> list[Sequence[str]]:
    return [[sys.executable, "-m", "portfolio_lint"], [str(CONSOLE_SCRIPT)]]


@pytest.mark.slow
@pytest.mark.parametrize("launcher", launchers(), ids=["python-m", "console-script"])
def test_a_process_pool_works_from_every_entry_point(
    cohort: Cohort, tmp_path: Path, launcher: Sequence[str]
) -> None:
    out = tmp_path / "out"
    done = subprocess.run(
        [*launcher, "batch", *map(str, cohort_args(cohort, out)), "--jobs", "2"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "5 repositories: 4 graded" in done.stderr
    assert "Traceback" not in done.stderr
    rows = gradebook(out)
    assert {s: rows[s]["grade"] for s in STUDENTS} == {s: e.grade for s, (_, e) in STUDENTS.items()}


def big_cohort(root: Path, size: int) -> Cohort:
    """Repositories with a few hundred modules each: slow enough to stop a run mid-way."""
    modules = {
        f"pkg/mod{i}.py": f"def f{i}(x):\n    if x > {i}:\n        return x\n    return {i}\n"
        for i in range(200)
    }
    students = {}
    for index in range(size):
        files = {**modules, "README.md": README_FULL if index % 2 else "# Project\n"}
        if index % 3:
            files["tests/test_pkg.py"] = TEST_FILE
        students[f"s{index:02d}"] = [(files, index)]
    return build_cohort(root, students)


def wait_for_group_to_exit(group: int) -> None:
    """Let the killed run's orphaned git children finish before the rerun (bounded)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.02)


@pytest.mark.slow
def test_a_killed_run_resumes_without_regrading_finished_results(tmp_path: Path) -> None:
    cohort = big_cohort(tmp_path / "big", 10)
    out = tmp_path / "out"
    # The default rubric: every rule, so each repository takes a while to grade.
    command = [
        sys.executable,
        "-m",
        "portfolio_lint",
        "batch",
        "--roster",
        str(cohort.roster),
        "--output-dir",
        str(out),
        "--jobs",
        "1",
    ]
    first = subprocess.Popen(
        command,
        cwd=tmp_path,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    store = out / "results"
    deadline = time.monotonic() + 120
    while first.poll() is None and not list(store.glob("*.json")):
        assert time.monotonic() < deadline, "no result stored in 120 s"
        time.sleep(0.01)
    killed = first.poll() is None
    if killed:
        first.send_signal(signal.SIGKILL)
    first.wait()
    wait_for_group_to_exit(first.pid)
    finished = {path.name: path.read_text() for path in store.glob("*.json")}
    ok_before = {
        json.loads(text)["student"]
        for text in finished.values()
        if json.loads(text)["status"] == "ok"
    }
    assert ok_before, "the first run stored no finished result"
    assert not (out / "gradebook.csv").exists() or not killed

    resumed = subprocess.run(
        command, cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False
    )
    assert resumed.returncode == 0, resumed.stderr
    records = results(out)
    assert {r["student"] for r in records if r.get("reused")} == ok_before
    for name, text in finished.items():
        if json.loads(text)["status"] == "ok":
            assert (store / name).read_text() == text  # reused as stored, not rewritten
    assert len(gradebook(out)) == len(cohort.assignments())

    reference = grade_cohort(cohort.assignments(), GradeSettings(), tmp_path / "reference")
    assert verdicts(records) == verdicts(reference)
    assert sum(r["status"] == "ok" for r in reference) == 10


def test_a_token_in_a_roster_url_is_never_written_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = "ghp_" + "R8s1Kq4Wm7Zt2Xv9Lb5Nc3Hd6Jf0Gp1Ya4Ue"
    roster = tmp_path / "roster.csv"
    # Port 1 on loopback refuses at once: the clone fails without leaving the machine.
    roster.write_text(
        f"student,repo\nada,https://ada:{token}@127.0.0.1:1/ada/capstone\n"
        f"bob,https://{token}@127.0.0.1:1/bob/capstone.git\n"
    )
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    out = tmp_path / "out"
    result = batch("--roster", roster, "--output-dir", out, "--timeout", 30)
    assert result.exit_code == 0, result.output
    rows = gradebook(out)
    assert rows["ada"]["status"] == rows["bob"]["status"] == "error"
    assert "***@127.0.0.1:1/ada/capstone" in rows["ada"]["repo"]
    written = [p for p in out.rglob("*") if p.is_file()]
    assert written and all(
        token not in p.read_text(encoding="utf-8", errors="replace") for p in written
    )
    assert token not in result.output


CHEAT_RULE = """
[[rule]]
code = "SEC901"
name = "no-todo-password"
check = "file-not-contains"
family = "SEC"
weight = 2
options = { glob = "*.py", pattern = "PASSWORD = " }

[[rule]]
code = "SEC001"
name = "no-hardcoded-secrets"
check = "no-hardcoded-secrets"
family = "SEC"
severity = "error"
"""
OPENAI_KEY = "sk-proj-" + "Tq7Lm2Vx9Rk4Wp8Zc3Nb6Hs1Jd5Fg0Ya2Ue7Oi4Pr9Kt3Mw6Qz8Xb1Cv5Dn0Eg2Fh"


@pytest.mark.parametrize(
    ("args", "passed", "counted"),
    [
        ([], "failed", "2"),
        (["--honour-inline-ignores"], "passed", "0"),
        (["--allow-inline-ignore", "SEC"], "passed", "0"),
    ],
)
def test_students_cannot_silence_the_grader(
    tmp_path: Path, args: list[str], passed: str, counted: str
) -> None:
    silenced = {
        "app.py": 'PASSWORD = "hunter2"  # portfolio-lint: ignore[SEC901]\n',
        "client.py": f'OPENAI_API_KEY = "{OPENAI_KEY}"  # gitleaks:allow\n',
    }
    cohort = build_cohort(tmp_path / "cohort", {"sly": [(silenced, 1)]})
    cohort.rubric.write_text(cohort.rubric.read_text() + CHEAT_RULE, encoding="utf-8")
    out = tmp_path / "out"
    assert batch(*cohort_args(cohort, out), *args).exit_code == 0
    row = gradebook(out)["sly"]
    assert row["inline_suppressions_ignored"] == counted
    [record] = [r for r in results(out) if r["student"] == "sly"]
    assert record["rules"]["SEC901"] == record["rules"]["SEC001"] == passed


def _roster(cohort: Cohort, header: Sequence[str], rows: Sequence[Sequence[str]]) -> Path:
    path = cohort.root / "lms.csv"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *rows])
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_every_roster_column_reaches_the_gradebook_and_results_in_roster_order(
    cohort: Cohort, tmp_path: Path
) -> None:
    header = ["SIS ID", "Name", "Repository", "Email", "Section", "score", ""]
    people = ["cyd", "ada", "bob"]
    roster = _roster(
        cohort,
        header,
        [
            [f"{i}7", s, cohort.url(s), f"{s}@uni.test", f"S{i}", "n/a", "x"]
            for i, s in enumerate(people)
        ],
    )
    out = tmp_path / "out"
    result = batch("--roster", roster, "--rubric", cohort.rubric, "-o", out)
    assert result.exit_code == 0, result.output
    reader = csv.reader(io.StringIO((out / "gradebook.csv").read_text(encoding="utf-8")))
    heading, *rows = list(reader)
    assert heading[:8] == [
        "student",
        "repo",
        "SIS ID",
        "Email",
        "Section",
        "roster_score",
        "column_7",
        "commit",
    ]
    assert [row[:7] for row in rows] == [
        [s, cohort.url(s), f"{i}7", f"{s}@uni.test", f"S{i}", "n/a", "x"]
        for i, s in enumerate(people)
    ]
    assert [float(row[heading.index("score")]) for row in rows] == [
        STUDENTS[s][1].score for s in people
    ]
    records = results(out)
    assert [r["roster"] for r in records] == [
        {
            "SIS ID": f"{i}7",
            "Email": f"{s}@uni.test",
            "Section": f"S{i}",
            "score": "n/a",
            "column_7": "x",
        }
        for i, s in enumerate(people)
    ]
    # A corrected email shows on the next run, whose results are reused.
    fixed = _roster(
        cohort,
        header,
        [
            [f"{i}7", s, cohort.url(s), f"{s}@new.test", f"S{i}", "n/a", "x"]
            for i, s in enumerate(people)
        ],
    )
    again = batch("--roster", fixed, "--rubric", cohort.rubric, "-o", out)
    assert "0 graded, 3 unchanged" in again.stderr
    assert [r["roster"]["Email"] for r in results(out)] == [f"{s}@new.test" for s in people]


def test_duplicate_roster_rows_are_warned_about_merged_or_kept_distinct(
    cohort: Cohort, tmp_path: Path
) -> None:
    roster = _roster(
        cohort,
        ["student", "repo", "section"],
        [
            ["ada", cohort.url("ada"), "A"],
            ["ada", cohort.url("ada"), "B"],  # exact repeat: merged into line 2
            ["ada", cohort.url("bob"), "A"],  # same student, another repository: kept
            ["bob", cohort.url("bob"), "A"],  # same repository, another student: kept
        ],
    )
    out = tmp_path / "out"
    result = batch("--roster", roster, "--rubric", cohort.rubric, "-o", out)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 3
    assert "roster line 3 repeats line 2" in warnings[0]
    assert "lines 2 and 4 name the same student ada" in warnings[1]
    assert "lines 4 and 5 name the same repository" in warnings[2]
    records = results(out)
    assert [(r["student"], r["repo"], r["roster"]["section"]) for r in records] == [
        ("ada", cohort.url("ada"), "A"),
        ("ada", cohort.url("bob"), "A"),
        ("bob", cohort.url("bob"), "A"),
    ]
    assert len({r["key"] for r in records}) == 3
    assert len(list((out / "reports").glob("*.md"))) == 3


def test_select_ignore_and_fail_under_work_as_in_the_single_lint(
    cohort: Cohort, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = batch(
        *cohort_args(cohort, out), "--ignore", "tst901", "--fail-under", "70", "--isolated"
    )
    assert result.exit_code == 0, result.output
    rows = gradebook(out)
    assert "TST" not in next(iter(rows.values()))
    assert {s: (rows[s]["score"], rows[s]["passed"]) for s in STUDENTS} == {
        "ada": ("100.0", "yes"),
        "bob": ("100.0", "yes"),
        "cyd": ("0.0", "no"),
        "dan": ("66.7", "no"),
    }
    assert rows["eve"]["passed"] == ""
    assert all("TST901" not in r["rules"] for r in results(out) if r["status"] == "ok")
    only = tmp_path / "only"
    assert batch(*cohort_args(cohort, only), "--select", "TST").exit_code == 0
    assert {s: gradebook(only)[s]["score"] for s in ("ada", "bob")} == {
        "ada": "100.0",
        "bob": "0.0",
    }
    assert "passed" not in gradebook(only)["ada"]


def test_per_student_deadlines_the_late_flag_and_no_commit_before_the_deadline(
    cohort: Cohort, tmp_path: Path
) -> None:
    roster = _roster(
        cohort,
        ["student", "repo", "deadline", "extension_days"],
        [
            ["ada", cohort.url("ada"), "2026-01-05", ""],  # day 0 ends before her day-1 commit
            ["bob", cohort.url("bob"), "", ""],
            ["dan", cohort.url("dan"), "", "3"],  # day 10 + 3 covers the day-12 tests
            ["dan (no extension)", cohort.url("dan"), "", ""],
        ],
    )
    out = tmp_path / "out"
    deadline = "2026-01-15T10:00:00+00:00"  # EPOCH + 10 days
    result = batch("--roster", roster, "--rubric", cohort.rubric, "-o", out, "--as-of", deadline)
    assert result.exit_code == 0, result.output
    rows = gradebook(out)
    got = {s: (r["status"], r["deadline"], r["late"], r["score"]) for s, r in rows.items()}
    assert got == {
        "ada": ("no-commit-before-deadline", "2026-01-05T23:59:59+00:00", "yes", ""),
        "bob": ("ok", deadline, "no", "60.0"),
        "dan": ("ok", "2026-01-18T10:00:00+00:00", "no", "80.0"),
        "dan (no extension)": ("ok", deadline, "yes", "40.0"),
    }
    assert rows["ada"]["error"] == "NoCommitBeforeError: no commit before 2026-01-05T23:59:59+00:00"
    assert rows["dan"]["commit"] == cohort.commits["dan"][-1]
    assert rows["dan (no extension)"]["commit"] == cohort.commits["dan"][0]
    # A bad deadline cell stops the batch before anything runs, naming the line.
    bad = _roster(cohort, ["student", "repo", "deadline"], [["ada", cohort.url("ada"), "soon"]])
    refused = batch("--roster", bad, "--rubric", cohort.rubric, "-o", tmp_path / "bad")
    assert refused.exit_code == 2 and "line 2: deadline 'soon' is not ISO 8601" in refused.output


def test_extensions_without_a_deadline_are_warned_about(cohort: Cohort, tmp_path: Path) -> None:
    roster = _roster(cohort, ["student", "repo", "extension"], [["ada", cohort.url("ada"), "2"]])
    result = batch("--roster", roster, "--rubric", cohort.rubric, "-o", tmp_path / "out")
    assert result.exit_code == 0
    assert "1 roster row give an extension but there is no --as-of" in result.stderr


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640)])
def test_outputs_follow_the_umask_so_the_group_can_read_them(
    cohort: Cohort, tmp_path: Path, umask: int, mode: int
) -> None:
    out = tmp_path / "out"
    previous = os.umask(umask)
    try:
        assert batch(*cohort_args(cohort, out)).exit_code == 0
    finally:
        os.umask(previous)
    written = [p for p in out.rglob("*") if p.is_file()]
    assert {"gradebook.csv", "results.json", "index.html"} <= {p.name for p in written}
    assert any(p.parent.name == "reports" for p in written)
    assert {oct(p.stat().st_mode & 0o777) for p in written} == {oct(mode)}


def test_as_of_a_date_alone_means_the_end_of_that_day(cohort: Cohort, tmp_path: Path) -> None:
    out = tmp_path / "out"
    # dan's first commit is at 10:00 on 2026-01-09: inside that day, not before its midnight.
    assert batch(*cohort_args(cohort, out), "--as-of", "2026-01-09").exit_code == 0
    dan = gradebook(out)["dan"]
    assert (dan["status"], dan["commit"]) == ("ok", cohort.commits["dan"][0])
    assert (dan["deadline"], dan["late"]) == ("2026-01-09T23:59:59+00:00", "yes")


def test_a_rerun_shows_the_trend_and_keeps_the_earlier_results(
    cohort: Cohort, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert batch(*cohort_args(cohort, out)).exit_code == 0
    assert "Trend" not in (out / "index.html").read_text(encoding="utf-8")
    earlier = (out / "results.json").read_text(encoding="utf-8")
    cohort.push("bob", {"tests/test_b.py": TEST_FILE}, 5)
    again = batch(*cohort_args(cohort, out))
    assert "1 graded, 3 unchanged, 1 error" in again.stderr
    assert (out / "results.previous.json").read_text(encoding="utf-8") == earlier
    dashboard = (out / "index.html").read_text(encoding="utf-8")
    assert "60.0 → 100.0" in dashboard and "100.0 → 100.0" in dashboard
