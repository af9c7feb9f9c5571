"""Tests of QUA002 maintainability: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from tests.checks.quality.conftest import LIGHTNING, branchy, notebook


def test_maintainability_fires_on_a_huge_tangled_module(make_repo, run_rule):
    tangled = "".join(branchy(f"step{i}", 25) for i in range(12))
    result = run_rule("QUA002", make_repo({"pipeline.py": tangled, "util.py": LIGHTNING}))
    assert result.status is Status.PARTIAL
    assert result.score == pytest.approx(0.5)
    assert result.findings[0].location.path == "pipeline.py"
    assert "Maintainability index" in result.findings[0].message


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({"src/model.py": LIGHTNING}, Status.PASSED),
        ({"src/__init__.py": "", "src/model.py": LIGHTNING}, Status.PASSED),  # empty: not scored
        (
            {"tests/test_big.py": "".join(branchy(f"t{i}", 25) for i in range(12))},
            Status.NOT_APPLICABLE,
        ),
        ({"notebook.ipynb": notebook("x = 1\n")}, Status.NOT_APPLICABLE),
    ],
)
def test_maintainability_quiet(make_repo, run_rule, files, status):
    assert run_rule("QUA002", make_repo(files)).status is status


def commented_branchy(name: str, branches: int) -> str:
    """`branchy` with a comment on every branch."""
    return branchy(name, branches).replace(":\n        return", ":  # case\n        return")


# radon's index (LLOC, comment percentage) puts these on the other side of 19 from the old
# formula's (SLOC, comment count): a large module with a few comments is low (15.3, was 25.3),
# a well commented one is not (24.7, was 9.1).
LARGE_FEW_COMMENTS = "# Steps of the pipeline.\n" * 30 + "".join(
    branchy(f"step{i}", 12) for i in range(13)
)


WELL_COMMENTED = "".join(commented_branchy(f"step{i}", 12) for i in range(14))


def test_maintainability_uses_radons_index(make_repo, run_rule):
    result = run_rule(
        "QUA002", make_repo({"big.py": LARGE_FEW_COMMENTS, "commented.py": WELL_COMMENTED})
    )
    assert result.status is Status.PARTIAL
    assert [f.location.path for f in result.findings] == ["big.py"]
    assert "Maintainability index 15.3 (radon rank B" in result.findings[0].message


def test_maintainability_quiet_on_a_well_commented_module(make_repo, run_rule):
    assert run_rule("QUA002", make_repo({"commented.py": WELL_COMMENTED})).status is Status.PASSED
