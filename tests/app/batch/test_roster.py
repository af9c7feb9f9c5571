"""Rosters: tolerant CSV parsing, organisation listing with pagination, deterministic shards."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio_lint.app.batch.roster import (
    Assignment,
    RosterError,
    org_assignments,
    parse_shard,
    read_roster,
    shard,
)
from portfolio_lint.sources.github import ApiSettings, client
from tests.fake_github import FakeGitHub, FakeRepo, serve


def test_roster_tolerates_bom_extra_columns_blank_lines_and_case(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "\ufeffSection,Student Name,Email,Repository URL\n"
        "A,Ada Lovelace,ada@example.com,gh:ada/churn\n"
        "\n"
        ",,,\n"
        "B,Alan Turing,alan@example.com,https://github.com/alan/enigma\n"
        "B,No Repo,x@example.com,\n"
        "B,Ada Lovelace,ada@example.com,gh:ada/churn\n",
        encoding="utf-8",
    )
    warnings: list[str] = []
    assignments = read_roster(roster, warn=warnings.append)
    assert assignments == [
        Assignment("Ada Lovelace", "gh:ada/churn"),
        Assignment("Alan Turing", "https://github.com/alan/enigma"),
    ]
    assert [a.columns for a in assignments] == [
        (("Section", "A"), ("Email", "ada@example.com")),
        (("Section", "B"), ("Email", "alan@example.com")),
    ]
    assert warnings == [
        "roster line 7 repeats line 2 (Ada Lovelace, gh:ada/churn): graded once, as line 2"
    ]


def test_roster_without_student_column_uses_the_repo(tmp_path: Path) -> None:
    roster = tmp_path / "r.csv"
    roster.write_text("repo\nada/churn\n")
    assert read_roster(roster) == [Assignment("ada/churn", "ada/churn")]


@pytest.mark.parametrize("content", ["", "student,grade\nada,10\n"])
def test_unusable_roster_is_a_clear_error(tmp_path: Path, content: str) -> None:
    roster = tmp_path / "r.csv"
    roster.write_text(content)
    with pytest.raises(RosterError):
        read_roster(roster)


def test_assignment_keys_are_safe_and_unique() -> None:
    first = Assignment("../../etc/passwd", "gh:a/b")
    second = Assignment("../../etc/passwd", "gh:a/c")
    assert "/" not in first.key and not first.key.startswith(".")
    assert first.key != second.key


def test_org_listing_paginates_filters_prefix_and_skips_archived() -> None:
    fake = FakeGitHub()
    for index in range(130):
        fake.repos[f"bootcamp/capstone-s{index:03d}"] = FakeRepo({"README.md": b"x"})
    fake.repos["bootcamp/capstone-old"] = FakeRepo({"README.md": b"x"}, archived=True)
    fake.repos["bootcamp/website"] = FakeRepo({"README.md": b"x"})
    fake.orgs["bootcamp"] = sorted(fake.repos)
    with serve(fake):
        github = client(ApiSettings(base_url=fake.base_url, backoff=0.0))
        found = org_assignments(github, "bootcamp", "capstone-")
    assert len(found) == 130
    assert found[0] == Assignment("s000", "gh:bootcamp/capstone-s000")
    assert fake.faults.requests["/orgs/bootcamp/repos"] == 2  # 132 repositories, 100 a page


def test_shards_partition_the_roster_deterministically() -> None:
    roster = [Assignment(f"s{i}", f"gh:org/repo-{i}") for i in range(50)]
    parts = [shard(roster, index, 4) for index in range(1, 5)]
    assert sorted(a.repo for part in parts for a in part) == sorted(a.repo for a in roster)
    assert shard(list(reversed(roster)), 2, 4) == list(reversed(parts[1]))
    assert all(parts)


@pytest.mark.parametrize(("size", "count"), [(13, 3), (30, 4), (7, 7), (3, 5)])
def test_shards_are_balanced(size: int, count: int) -> None:
    roster = [
        Assignment(f"s{i}", f"gh:org/{name}")
        for i, name in enumerate(sorted(f"repo-{i * 7919 % 1000}" for i in range(size)))
    ]
    sizes = [len(shard(roster, index, count)) for index in range(1, count + 1)]
    assert sum(sizes) == size
    assert max(sizes) - min(sizes) <= 1


@pytest.mark.parametrize("text", ["0/4", "5/4", "a/b", "3"])
def test_bad_shard_spec(text: str) -> None:
    with pytest.raises(RosterError):
        parse_shard(text)


def test_relative_folders_are_read_beside_the_roster(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cohort = tmp_path / "cohort"
    (cohort / "repos" / "ada").mkdir(parents=True)
    roster = cohort / "roster.csv"
    roster.write_text("student,repo\nada,repos/ada\nbob,octo/capstone\ncyd,gh:octo/x\n")
    monkeypatch.chdir(tmp_path)  # not the roster's folder
    repos = {a.student: a.repo for a in read_roster(roster)}
    assert repos == {
        "ada": str((cohort / "repos" / "ada").resolve()),
        "bob": "octo/capstone",
        "cyd": "gh:octo/x",
    }


@pytest.mark.parametrize("repo", ["/", "..", "../outside", "{home}", "file:///"])
def test_a_local_path_outside_the_roster_folder_is_refused(tmp_path: Path, repo: str) -> None:
    (tmp_path / "outside").mkdir()
    course = tmp_path / "course"
    course.mkdir()
    roster = course / "roster.csv"
    roster.write_text(f"student,repo\nmallory,{repo.replace('{home}', str(Path.home()))}\n")
    (assignment,) = read_roster(roster)
    assert assignment.refusal and "outside the roster's folder" in assignment.refusal


def test_an_allowed_local_root_is_graded_and_its_paths_resolved(tmp_path: Path) -> None:
    (tmp_path / "shared" / "ada").mkdir(parents=True)
    course = tmp_path / "course"
    course.mkdir()
    (course / "ada").symlink_to(tmp_path / "shared" / "ada")
    roster = course / "roster.csv"
    roster.write_text("student,repo\nada,ada\n")
    assert read_roster(roster)[0].refusal is not None
    (assignment,) = read_roster(roster, local_roots=[tmp_path / "shared"])
    assert assignment == Assignment("ada", str((tmp_path / "shared" / "ada").resolve()))


def test_a_tab_separated_utf16_roster_with_cr_line_ends(tmp_path: Path) -> None:
    roster = tmp_path / "r.txt"
    roster.write_bytes("student\trepo\rZoë\tgh:z/r\r".encode("utf-16"))
    assert read_roster(roster) == [Assignment("Zoë", "gh:z/r")]


def test_report_keys_keep_dots_and_differ_by_case() -> None:
    names = ("ada.lovelace", "ada.byron", "Ada.Lovelace")
    keys = {Assignment(name, "gh:a/b").key for name in names}
    assert len({key.lower() for key in keys}) == 3
    assert all(key.startswith(("ada.", "Ada.")) for key in keys)


def test_duplicates_compare_names_without_case_and_columns_hide_credentials(
    tmp_path: Path,
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "student,repo,homepage,email,email\n"
        "Ada,gh:ada/churn,https://ada:s3cret@example.com/x,a@x.test,a2@x.test\n"
        " ada ,gh:ada/other,,,\n",
        encoding="utf-8",
    )
    warnings: list[str] = []
    first, second = read_roster(roster, warn=warnings.append)
    assert (first.student, second.student) == ("Ada", "ada")
    assert warnings == [
        "roster lines 2 and 3 name the same student ada with different repositories: "
        "both are graded, as two gradebook rows"
    ]
    assert dict(first.columns) == {
        "homepage": "https://***@example.com/x",
        "email": "a@x.test",
        "email_2": "a2@x.test",
    }
