"""benchmarks/eval_portfolios.py: the judged list, the statistics and one real lint run."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT, commit_all, write_tree


def load_script() -> ModuleType:
    path = ROOT / "benchmarks" / "eval_portfolios.py"
    spec = importlib.util.spec_from_file_location("eval_portfolios", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_portfolios"] = module
    spec.loader.exec_module(module)
    return module


ev = load_script()

ENTRY_TOML = """
[[repo]]
name = "{name}"
commit = "{commit}"
tier = "{tier}"
kind = "notebook study"
reason = "test entry"
"""


def outcome(name: str, tier: str, score: float | None) -> object:
    entry = ev.Entry(name, "0" * 40, tier, "library", "")
    return ev.Outcome(entry, score=score, grade="C" if score is not None else None)


def test_average_ranks_share_tied_positions() -> None:
    assert ev.average_ranks([10.0, 30.0, 20.0, 20.0]) == [1.0, 4.0, 2.5, 2.5]


def test_spearman_follows_order_and_averages_ties() -> None:
    assert ev.spearman([1.0, 2.0, 3.0], [10.0, 20.0, 30.0]) == pytest.approx(1.0)
    assert ev.spearman([1.0, 2.0, 3.0], [30.0, 20.0, 10.0]) == pytest.approx(-1.0)
    # ranks (1, 2.5, 2.5, 4) against (1.5, 1.5, 3.5, 3.5): cov 3, variances 4.5 and 4
    assert ev.spearman([1.0, 2.0, 2.0, 3.0], [1.0, 1.0, 2.0, 2.0]) == pytest.approx(
        3 / (4.5 * 4) ** 0.5
    )


def test_spearman_is_undefined_for_a_constant_side() -> None:
    assert ev.spearman([1.0, 2.0, 3.0], [2.0, 2.0, 2.0]) is None


def test_inverted_pairs_are_poor_scoring_at_least_a_polished_one() -> None:
    outcomes = [
        outcome("poor/high", "poor", 70.0),
        outcome("poor/low", "poor", 50.0),
        outcome("polished/low", "polished", 70.0),
        outcome("polished/high", "polished", 90.0),
        outcome("middling/top", "middling", 99.0),
        outcome("poor/unscored", "poor", None),
    ]
    pairs = ev.inverted_pairs(outcomes)
    assert [(low.entry.name, high.entry.name) for low, high in pairs] == [
        ("poor/high", "polished/low")
    ]
    assert ev.tier_means(outcomes) == {"polished": 80.0, "middling": 99.0, "poor": 60.0}


def test_the_shipped_list_is_valid_and_mixed() -> None:
    entries = ev.load_entries(ev.DEFAULT_LIST)
    assert len(entries) >= 30
    assert {entry.tier for entry in entries} == set(ev.TIER_RANK)
    assert all(entry.reason for entry in entries)


@pytest.mark.parametrize(
    ("name", "commit", "tier", "problem"),
    [
        ("a/b", "1" * 40, "great", "unknown tier"),
        ("a/b", "abc", "poor", "full lowercase hex"),
    ],
)
def test_a_bad_entry_is_refused(
    tmp_path: Path, name: str, commit: str, tier: str, problem: str
) -> None:
    listing = tmp_path / "list.toml"
    listing.write_text(ENTRY_TOML.format(name=name, commit=commit, tier=tier), encoding="utf-8")
    with pytest.raises(ValueError, match=problem):
        ev.load_entries(listing)


def test_a_repository_listed_twice_is_refused(tmp_path: Path) -> None:
    one = ENTRY_TOML.format(name="a/b", commit="1" * 40, tier="poor")
    listing = tmp_path / "list.toml"
    listing.write_text(one + one, encoding="utf-8")
    with pytest.raises(ValueError, match="listed twice: a/b"):
        ev.load_entries(listing)


def test_fetch_prints_clone_and_checkout_of_the_pinned_commit(
    capsys: pytest.CaptureFixture[str],
) -> None:
    entry = ev.Entry("owner/name", "a" * 40, "poor", "library", "")
    ev.print_fetch_commands([entry], Path("/x"))
    out = capsys.readouterr().out
    assert "git clone --quiet https://github.com/owner/name.git /x/owner+name" in out
    assert f"checkout --quiet --detach {'a' * 40}" in out


def test_a_pinned_checkout_is_linted_and_a_moved_one_is_skipped(tmp_path: Path) -> None:
    repo = tmp_path / "repos" / "owner+name"
    write_tree(repo, {"README.md": "# Title\n", "train.py": "print('hi')\n"})
    head = commit_all(repo)
    pinned = ev.Entry("owner/name", head, "poor", "training pipeline", "")
    done = ev.evaluate(pinned, tmp_path / "repos", timeout=120)
    assert done.problem is None
    assert done.score is not None and 0 <= done.score <= 100
    assert done.grade in ev.GRADE_TIER
    assert "DOC001" in done.failed_rules  # a title-only README

    moved = ev.Entry("owner/name", "f" * 40, "poor", "training pipeline", "")
    skipped = ev.evaluate(moved, tmp_path / "repos", timeout=120)
    assert skipped.score is None
    assert skipped.problem == f"HEAD is {head[:12]}, pinned {'f' * 12}"

    absent = ev.evaluate(ev.Entry("other/repo", head, "poor", "library", ""), tmp_path, 120)
    assert absent.problem is not None and absent.problem.startswith("no checkout")


def test_main_exits_1_when_an_entry_is_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listing = tmp_path / "list.toml"
    listing.write_text(
        ENTRY_TOML.format(name="gone/repo", commit="1" * 40, tier="poor"), encoding="utf-8"
    )
    out_json = tmp_path / "out.json"
    code = ev.main(["--list", str(listing), "--repos", str(tmp_path), "--json", str(out_json)])
    assert code == 1
    assert "skipped: no checkout" in capsys.readouterr().out
    assert '"skipped": 1' in out_json.read_text(encoding="utf-8")
