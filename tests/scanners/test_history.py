"""History scanner: one streaming pass over `git log -p`, parsed into our own values."""

from __future__ import annotations

import os
from collections.abc import Generator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from portfolio_lint.scanners import history as history_module
from portfolio_lint.scanners.history import _unquote, scan_history
from tests.conftest import EPOCH, commit_all, write_tree

TOKEN = "ghp_" + "Xk29QmT7bR4vL8nW2pY6cZ1dF5gH3jK0aS9e"
AWS_ID = "AKIA" + "QX7RT2MB9KD4LW6P"
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "Zq8hT3nVw2"
PARIS = timezone(timedelta(hours=1))


def _remove(root: Path, *paths: str) -> None:
    for path in paths:
        (root / path).unlink()


def test_a_key_deleted_later_is_found_in_the_commit_that_added_it(tmp_path: Path) -> None:
    write_tree(tmp_path, {"README.md": "# x\n", "src/config.py": "DEBUG = True\n"})
    commit_all(tmp_path, "Add project", EPOCH)
    write_tree(tmp_path, {"src/config.py": f'DEBUG = True\nAPI = "x"\nGITHUB_TOKEN = "{TOKEN}"\n'})
    leaking = commit_all(tmp_path, "Configure the GitHub client", EPOCH + timedelta(days=1))
    write_tree(tmp_path, {"src/config.py": "import os\nGITHUB_TOKEN = os.environ['GH']\n"})
    commit_all(tmp_path, "Read the token from the environment", EPOCH + timedelta(days=2))
    found = scan_history(tmp_path)
    assert [(s.commit, s.path, s.hit.line) for s in found.secrets] == [
        (leaking, "src/config.py", 3)
    ]
    assert TOKEN not in repr(found)  # evidence is redacted


def test_aws_key_pair_in_the_root_commit(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "deploy.py": (
                f'aws_access_key_id = "{AWS_ID}"\naws_secret_access_key = "{AWS_SECRET}"\n'
            )
        },
    )
    root_commit = commit_all(tmp_path, "Initial commit")
    found = scan_history(tmp_path)
    assert {(s.commit, s.path) for s in found.secrets} == {(root_commit, "deploy.py")}
    assert {s.hit.line for s in found.secrets} <= {1, 2}


def test_allow_pragmas_are_marked_and_placeholders_are_not_hits(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "a.py": f'TOKEN = "{TOKEN}"  # gitleaks:allow\n',
            ".env.example": "OPENAI_API_KEY=your_key_here\n",
        },
    )
    commit_all(tmp_path)
    # The pragma is the repository's own word: the engine decides whether to honour it.
    assert [(s.path, s.allowed) for s in scan_history(tmp_path).secrets] == [("a.py", True)]


def test_commits_are_newest_first_with_tz_aware_author_dates(tmp_path: Path) -> None:
    when = datetime(2026, 3, 1, 23, 30, tzinfo=PARIS)
    write_tree(tmp_path, {"a.py": "1\n"})
    first = commit_all(tmp_path, "Add a", when)
    write_tree(tmp_path, {"a.py": "2\n"})
    second = commit_all(tmp_path, "Change a", when + timedelta(days=3))
    commits = scan_history(tmp_path).commits
    assert [(c.sha, c.subject) for c in commits] == [(second, "Change a"), (first, "Add a")]
    assert [c.added_lines for c in commits] == [1, 1]
    assert commits[1].when == when and commits[1].when.utcoffset() == timedelta(hours=1)


def test_added_paths_keep_the_first_commit_even_after_removal(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.py": "", ".env": "OPENAI_API_KEY=sk-test\n"})
    first = commit_all(tmp_path, "Add")
    _remove(tmp_path, ".env")
    second = commit_all(tmp_path, "Remove env", EPOCH + timedelta(hours=1))
    write_tree(tmp_path, {"b.py": ""})
    third = commit_all(tmp_path, "Add b", EPOCH + timedelta(hours=2))
    added = {a.path: a.commit for a in scan_history(tmp_path).added_paths}
    assert added == {"a.py": first, ".env": first, "b.py": third}
    assert second not in added.values()


def test_large_blobs_are_sized_even_when_deleted(tmp_path: Path) -> None:
    write_tree(tmp_path, {"model.bin": os.urandom(700_000), "small.bin": os.urandom(1000)})
    added = commit_all(tmp_path, "Add model")
    _remove(tmp_path, "model.bin")
    commit_all(tmp_path, "Drop model", EPOCH + timedelta(hours=1))
    blobs = scan_history(tmp_path).large_blobs
    assert [(b.path, b.size, b.commit) for b in blobs] == [("model.bin", 700_000, added)]


@pytest.mark.parametrize(
    "name",
    [
        "with space/conf ig.py",
        "données/clé.py",
        'quote"d.py',
        "tab\there.py",
        "++ plus.py",
    ],
)
def test_unusual_paths_are_reported_as_written(tmp_path: Path, name: str) -> None:
    write_tree(tmp_path, {name: f'TOKEN = "{TOKEN}"\n'})
    commit_all(tmp_path)
    found = scan_history(tmp_path)
    assert [s.path for s in found.secrets] == [name]
    assert [a.path for a in found.added_paths] == [name]


def test_added_lines_that_look_like_diff_headers_do_not_confuse_the_parser(tmp_path: Path) -> None:
    tricky = "++ b/fake.py\n+++ b/other.py\n@@ -1 +1 @@\ndiff --git a/x b/x\n"
    write_tree(tmp_path, {"notes.md": tricky + f'token = "{TOKEN}"\n'})
    commit_all(tmp_path)
    found = scan_history(tmp_path)
    assert [(s.path, s.hit.line) for s in found.secrets] == [("notes.md", 5)]


def test_huge_lines_and_binaries_are_skipped_quickly(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "one-line.csv": "1," * (3 * 1024 * 1024),
            "image.png": b"\x89PNG\r\n\x1a\n\x00" + os.urandom(5000),
            "app.py": f'TOKEN = "{TOKEN}"\n',
        },
    )
    commit_all(tmp_path)
    assert [s.path for s in scan_history(tmp_path).secrets] == ["app.py"]


def test_empty_repository_has_no_commits(tmp_path: Path) -> None:
    import git

    git.Repo.init(tmp_path).close()
    found = scan_history(tmp_path)
    assert found.commits == () and found.notes == ("no commits",)


def test_commit_cap_stops_the_stream(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for day in range(4):
        write_tree(tmp_path, {"log.txt": f"{day}\n"})
        commit_all(tmp_path, f"Day {day}", EPOCH + timedelta(days=day))
    monkeypatch.setattr(history_module, "MAX_COMMITS", 2)
    found = scan_history(tmp_path)
    assert [c.subject for c in found.commits] == ["Day 3", "Day 2"]
    assert found.notes and "more than 2 commits" in found.notes[0]


@pytest.mark.parametrize(
    ("raw", "path"),
    [
        (b"plain/path.py", "plain/path.py"),
        (b'"tab\\there"', "tab\there"),
        (b'"quote\\"d"', 'quote"d'),
        (b'"caf\\303\\251"', "café"),
        (b'"trailing\\\\"', "trailing\\"),
    ],
)
def test_unquote(raw: bytes, path: str) -> None:
    assert _unquote(raw) == path


def test_lines_and_counts_survive_missing_final_newlines(tmp_path: Path) -> None:
    # "\ No newline at end of file" follows the removed block and the added block
    write_tree(tmp_path, {"a.py": "x = 1\ny = 2"})
    commit_all(tmp_path, "first", EPOCH)
    write_tree(tmp_path, {"a.py": f'x = 1\ny = 3\nTOKEN = "{TOKEN}"'})
    second = commit_all(tmp_path, "second", EPOCH + timedelta(days=1))
    found = scan_history(tmp_path)
    assert [(s.commit, s.hit.line) for s in found.secrets] == [(second, 3)]
    assert [c.added_lines for c in found.commits] == [2, 2]


def test_hits_map_to_lines_across_several_hunks(tmp_path: Path) -> None:
    base = [f"line_{n} = {n}" for n in range(1, 21)]
    write_tree(tmp_path, {"cfg.py": "\n".join(base) + "\n"})
    commit_all(tmp_path, "base", EPOCH)
    changed = list(base)
    changed[2] = "line_3 = 'changed'"
    changed[15] = f'TOKEN = "{TOKEN}"'
    write_tree(tmp_path, {"cfg.py": "\r\n".join(changed) + "\r\n"})
    commit_all(tmp_path, "edit", EPOCH + timedelta(days=1))
    found = scan_history(tmp_path)
    assert [s.hit.line for s in found.secrets] == [16]


def test_the_per_file_budget_stops_scanning_but_not_counting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history_module, "MAX_ADDED_BYTES", 1000)
    filler = "".join(f"row_{n} = {n}\n" for n in range(400))
    write_tree(
        tmp_path,
        {"early.py": f'TOKEN = "{TOKEN}"\n' + filler, "late.py": filler + f'TOKEN = "{TOKEN}"\n'},
    )
    commit_all(tmp_path)
    found = scan_history(tmp_path)
    assert [s.path for s in found.secrets] == ["early.py"]
    assert found.commits[0].added_lines == 802


def test_a_hunk_shorter_than_its_header_hands_the_rest_back() -> None:
    # git never writes this; the parser must still not swallow the next file's header
    parser = history_module._LogParser({})
    parser.feed(
        [
            b"\0\0" + b"a" * 40 + b" 0 2026-01-01T00:00:00+00:00 odd\n",
            b"diff --git a/x.py b/x.py\n",
            b"+++ b/x.py\n",
            b"@@ -0,0 +1,3 @@\n",
            b"+first\n",
            b"diff --git a/y.py b/y.py\n",
            b"+++ b/y.py\n",
            b"@@ -0,0 +1 @@\n",
            f'+TOKEN = "{TOKEN}"\n'.encode(),
        ]
    )
    found = parser.result()
    assert [(s.path, s.hit.line) for s in found.secrets] == [("y.py", 1)]
    assert found.commits[0].added_lines == 2


def test_history_key_follows_head(tmp_path: Path) -> None:
    import git

    git.Repo.init(tmp_path).close()
    assert history_module.history_key(tmp_path) is None  # no commits yet
    write_tree(tmp_path, {"a.txt": "1\n"})
    first = commit_all(tmp_path, "one")
    key = history_module.history_key(tmp_path)
    assert key is not None and key.startswith(first) and "shallow=false" in key
    write_tree(tmp_path, {"a.txt": "2\n"})
    commit_all(tmp_path, "two")
    assert history_module.history_key(tmp_path) != key


def test_paths_of_huge_blobs_leave_the_patch_pass_but_not_the_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Huge blobs are listed by a raw-only pass: same findings, no blob loaded by `log -p`."""
    import random

    blob = random.Random(3).randbytes(700_000)
    write_tree(tmp_path, {"models/big weights.bin": blob, "train.py": "x = 1\n"})
    commit_all(tmp_path, "weights", EPOCH)
    write_tree(
        tmp_path, {"models/big weights.bin": blob[::-1], "keys.py": f'GITHUB_TOKEN = "{TOKEN}"\n'}
    )
    commit_all(tmp_path, "more weights and a key", EPOCH + timedelta(days=1))
    _remove(tmp_path, "models/big weights.bin")
    commit_all(tmp_path, "drop weights", EPOCH + timedelta(days=2))

    monkeypatch.setattr(history_module, "HUGE_BLOB", 10**12)
    whole = scan_history(tmp_path)
    patch_args: list[list[str]] = []
    real = history_module.stream_git_blocks

    def spy(root: Path, args: list[str], **kwargs: float) -> object:
        if "-p" in args:
            patch_args.append(list(args))
        return real(root, args, **kwargs)

    monkeypatch.setattr(history_module, "HUGE_BLOB", 600_000)
    monkeypatch.setattr(history_module, "stream_git_blocks", spy)
    split = scan_history(tmp_path)
    assert patch_args and ":(exclude,literal)models/big weights.bin" in patch_args[0]
    assert sorted(split.large_blobs, key=repr) == sorted(whole.large_blobs, key=repr)
    assert len(split.large_blobs) == 2
    assert split.added_paths == whole.added_paths
    assert split.secrets == whole.secrets and len(split.secrets) == 1
    assert split.commits == whole.commits


# --- .env files that held no values (VCS008 reports them for information) ------------------


def _env_steps(tmp_path: Path, *versions: str | bytes | None) -> list[str]:
    """Commit each version of .env (None removes it); return the scan's valueless files."""
    for day, content in enumerate(versions):
        if content is None:
            _remove(tmp_path, ".env")
        else:
            write_tree(tmp_path, {".env": content, "log.md": f"{day}\n"})
        commit_all(tmp_path, f"step {day}", EPOCH + timedelta(days=day))
    return list(scan_history(tmp_path).valueless_env_files)


@pytest.mark.parametrize(
    "versions",
    [
        ("API_KEY=\n", None),
        ("# settings\nexport API_KEY=\nDEBUG = ''\n\nURL=\"\"  # fill in\n", None),
        ("", None),
        ("A=\n", "A=\nB=\n", None),
    ],
)
def test_a_env_file_of_empty_keys_held_no_values(
    tmp_path: Path, versions: tuple[str | None, ...]
) -> None:
    assert _env_steps(tmp_path, *versions) == [".env"]


@pytest.mark.parametrize(
    "versions",
    [
        ("API_KEY=abc\n", None),
        ("API_KEY=\n", "API_KEY=sk-live-123\n", "API_KEY=\n", None),
        ("API_KEY=abc\n", "API_KEY=\n", None),
        (b"API_KEY=\x00binary\n", None),
        ("API_KEY\n", None),
        ("A=\n" + "B=" + "v" * 600_000 + "\n", None),
        ("".join(f"EMPTY_KEY_NUMBER_{i}=\n" for i in range(30_000)), None),  # past the budget
    ],
)
def test_a_env_file_that_ever_held_a_value_or_was_not_read_is_not_valueless(
    tmp_path: Path, versions: tuple[str | bytes | None, ...]
) -> None:
    assert _env_steps(tmp_path, *versions) == []


def test_only_env_files_are_tracked(tmp_path: Path) -> None:
    write_tree(tmp_path, {"config/.env.local": "A=\n", "settings.py": "A=\n"})
    commit_all(tmp_path)
    assert scan_history(tmp_path).valueless_env_files == ("config/.env.local",)


def test_log_arguments_pin_every_output_shaping_option() -> None:
    args = history_module._log_args("abc", patch=True, exclude=["big.bin"])
    for option in (
        "-U0",
        "--inter-hunk-context=0",
        "--no-ext-diff",
        "--no-textconv",
        "--submodule=short",
        "--no-color",
        "--no-renames",
        "--no-relative",
        "--src-prefix=a/",
        "--dst-prefix=b/",
        "--no-follow",
        "--no-notes",
        "--no-mailmap",
        "--encoding=UTF-8",
        "--diff-algorithm=default",
        "--full-index",
    ):
        assert option in args
    assert args.index("--") < args.index(":(exclude,literal)big.bin")


def test_subjects_are_capped(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.txt": "x\n"})
    commit_all(tmp_path, "s" * 50_000)
    (commit,) = scan_history(tmp_path).commits
    assert commit.subject == "s" * history_module.MAX_SUBJECT_CHARS


# --- text that the repository's attributes show as binary ----------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def _mixed_history(root: Path, attributes: str = "") -> None:
    """Text, a token added then removed, .env files, a PNG and a big binary, over 3 commits."""
    write_tree(
        root,
        {
            ".gitattributes": attributes,
            "README.md": "# x\n",
            "app.py": f'TOKEN = "{TOKEN}"\n',
            ".env": "KEY=\n",
            "logo.png": PNG,
            "weights.bin": b"\0" + os.urandom(600 * 1024),
        },
    )
    commit_all(root, "Add", EPOCH)
    write_tree(
        root,
        {
            "app.py": "TOKEN = None\nx = 1\n",
            ".env": "KEY=1\n",
            "logo.png": PNG + b"\0\1",
            "weights.bin": b"\0" + os.urandom(600 * 1024),
        },
    )
    commit_all(root, "Change", EPOCH + timedelta(days=1))
    _remove(root, ".env", "logo.png")
    commit_all(root, "Remove", EPOCH + timedelta(days=2))


def _unread(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Make every blob read return nothing (the scan as it was); the names asked for."""
    asked: list[list[str]] = []

    def read_nothing(
        root: Path, names: list[str], **_: object
    ) -> Generator[tuple[str, bytes], None, None]:
        asked.append(list(names))
        yield from ()

    monkeypatch.setattr(history_module, "read_blobs", read_nothing)
    return asked


def test_without_attributes_the_scan_is_what_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _mixed_history(tmp_path)
    scanned = scan_history(tmp_path)
    assert [(s.path, s.hit.line) for s in scanned.secrets] == [("app.py", 1)]
    assert scanned.valueless_env_files == ()
    asked = _unread(monkeypatch)
    assert scan_history(tmp_path) == scanned
    # the second PNG and big binary versions follow binary ones: they might have been text
    assert len(asked) == 1 and len(asked[0]) == 2


def test_text_only_history_starts_no_blob_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(tmp_path, {"app.py": f'TOKEN = "{TOKEN}"\n'})
    commit_all(tmp_path)
    asked = _unread(monkeypatch)
    assert [s.path for s in scan_history(tmp_path).secrets] == ["app.py"]
    assert asked == []


def test_hidden_text_is_scanned_and_binaries_stay_binary(tmp_path: Path) -> None:
    _mixed_history(tmp_path, "* -diff\n")
    found = scan_history(tmp_path)
    assert [(s.path, s.hit.line, s.commit) for s in found.secrets] == [
        ("app.py", 1, found.commits[2].sha)
    ]
    assert found.commits[2].added_lines == 0  # whole blobs are not counted as added lines
    assert found.valueless_env_files == ()  # its second version held a value


def test_one_blob_at_two_hidden_paths_is_reported_at_both(tmp_path: Path) -> None:
    text = f'TOKEN = "{TOKEN}"\n'
    write_tree(tmp_path, {".gitattributes": "*.py -diff\n", "a.py": text, "b/c.py": text})
    commit_all(tmp_path)
    assert sorted(s.path for s in scan_history(tmp_path).secrets) == ["a.py", "b/c.py"]


def test_a_hidden_key_kept_over_several_commits_is_dated_to_its_first(tmp_path: Path) -> None:
    from portfolio_lint.checks.vcs.history_secrets import history_secrets
    from portfolio_lint.facts.repo import Repo, RunOptions
    from portfolio_lint.sources.local import LocalSource

    write_tree(tmp_path, {".gitattributes": "*.py -diff\n", "app.py": f'T = "{TOKEN}"\n'})
    first = commit_all(tmp_path, "Add", EPOCH)
    write_tree(tmp_path, {"app.py": f'T = "{TOKEN}"\nx = 1\n'})
    commit_all(tmp_path, "Change", EPOCH + timedelta(days=1))
    write_tree(tmp_path, {"app.py": "x = 1\n"})
    commit_all(tmp_path, "Remove", EPOCH + timedelta(days=2))
    found = scan_history(tmp_path)
    assert [s.commit for s in found.secrets] == [found.commits[1].sha, first]
    verdict = history_secrets(Repo(LocalSource(tmp_path), options=RunOptions(use_cache=False)))
    assert [first[:8] in f.message for f in verdict.findings] == [True]


def test_hidden_reads_stop_at_their_budget_smallest_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history_module, "MAX_HIDDEN_READ", 1024 * 1024)
    write_tree(
        tmp_path,
        {
            ".gitattributes": "* -diff\n",
            **{f"pad{i}.bin": b"\0" + os.urandom(700 * 1024) for i in range(3)},
            "zz.py": f'TOKEN = "{TOKEN}"\n',
        },
    )
    commit_all(tmp_path)
    found = scan_history(tmp_path)
    assert [s.path for s in found.secrets] == ["zz.py"]
    assert any("stopped reading" in note for note in found.notes)


def test_text_too_big_for_git_to_diff_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = "x = 1\n" * (4 * 1024 * 1024 // 6 + 10) + f'TOKEN = "{TOKEN}"\n'
    write_tree(
        tmp_path, {".gitattributes": "small.py -diff\n", "big.py": big, "small.py": "y = 2\n"}
    )
    commit_all(tmp_path)
    asked = _unread(monkeypatch)
    assert scan_history(tmp_path).secrets == ()  # as without attributes: git calls it binary
    assert len(asked) == 1 and len(asked[0]) == 1


def test_added_real_binaries_are_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(tmp_path, {"logo.png": PNG, "model.pkl": b"\x80\x04\0" + TOKEN.encode()})
    commit_all(tmp_path)
    asked = _unread(monkeypatch)
    assert scan_history(tmp_path).secrets == ()
    assert asked == []


def test_text_after_a_binary_version_of_its_file_is_scanned(tmp_path: Path) -> None:
    write_tree(tmp_path, {"app.py": b"\0 placeholder\n"})
    commit_all(tmp_path, "Add", EPOCH)
    write_tree(tmp_path, {"app.py": f'TOKEN = "{TOKEN}"\n'})
    leaking = commit_all(tmp_path, "Leak", EPOCH + timedelta(days=1))
    write_tree(tmp_path, {"app.py": "TOKEN = None\n"})
    commit_all(tmp_path, "Remove", EPOCH + timedelta(days=2))
    assert [(s.path, s.commit) for s in scan_history(tmp_path).secrets] == [("app.py", leaking)]


def test_a_driver_named_by_attributes_leaves_the_blob_to_be_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(
        tmp_path,
        {".gitattributes": "*.bin diff=weights\n*.png diff\n", "a.bin": PNG, "b.png": PNG + b"\1"},
    )
    commit_all(tmp_path)
    asked = _unread(monkeypatch)
    scan_history(tmp_path)
    assert [len(names) for names in asked] == [1]  # a.bin: git may not have judged its bytes


def test_a_blob_shown_as_text_at_one_path_and_hidden_at_another_is_found_at_both(
    tmp_path: Path,
) -> None:
    text = f'TOKEN = "{TOKEN}"\n'
    write_tree(tmp_path, {".gitattributes": "b.py -diff\n", "a.txt": text, "b.py": text})
    commit_all(tmp_path)
    assert sorted(s.path for s in scan_history(tmp_path).secrets) == ["a.txt", "b.py"]


def test_a_folders_history_has_its_commits_and_its_paths(tmp_path: Path) -> None:
    write_tree(tmp_path, {"nlp/app.py": "x = 1\n", "nlp-old/app.py": "x = 1\n"})
    first = commit_all(tmp_path, "Both", EPOCH)
    write_tree(tmp_path, {"nlp-old/app.py": f'TOKEN = "{TOKEN}"\n'})  # a sibling's name prefix
    commit_all(tmp_path, "Old one", EPOCH + timedelta(days=1))
    write_tree(tmp_path, {"nlp/app.py": f'TOKEN = "{TOKEN}"\n'})
    leak = commit_all(tmp_path, "Leak", EPOCH + timedelta(days=2))
    found = scan_history(tmp_path, folder="nlp")
    assert [c.sha for c in found.commits] == [leak, first]
    assert [(s.path, s.commit) for s in found.secrets] == [("app.py", leak)]
    assert {p.path for p in found.added_paths} == {"app.py"}
    assert history_module.history_key(tmp_path, "nlp") != history_module.history_key(tmp_path)


def test_a_folders_hidden_text_is_asked_about_at_its_repository_path(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            ".gitattributes": "nlp/app.py -diff\n",
            "nlp/app.py": f'T = "{TOKEN}"\n',
            "nlp/w.bin": PNG,
        },
    )
    commit_all(tmp_path)
    found = scan_history(tmp_path, folder="nlp")
    assert [s.path for s in found.secrets] == ["app.py"]


def test_log_arguments_of_a_folder_are_relative_to_it() -> None:
    args = history_module._log_args("abc", patch=True, exclude=["big.bin"], folder="a b")
    assert "--relative=a b/" in args and "--no-relative" not in args
    assert args[args.index("--") :] == ["--", ":(literal)a b/", ":(exclude,literal)a b/big.bin"]
