"""Every output format of the hand-built sample reports (tests/render/conftest.py), byte for
byte.

The golden sample (a crashed check among every status, many findings, warnings) has a file
per format; two small reports, one failed without a crash and one passed, have one file each
holding every format (what they add is how each format words those outcomes). The samples are built
by hand, so adding a rule changes none of these files: they change only when a renderer
does. What the rules find on real portfolios is kept in the fixtures' JSON goldens
(test_fixture_goldens.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from portfolio_lint.core.model import Report
from portfolio_lint.render import format_names, renderer
from portfolio_lint.render.text import render as render_text

GOLDEN = Path(__file__).parent / "golden"
EXTENSIONS = {
    "text": "txt",
    "json": "json",
    "markdown": "md",
    "html": "html",
    "sarif": "sarif",
    "github": "github.txt",
    "junit": "junit.xml",
    "gitlab": "gitlab.json",
    "badge": "badge.json",
}
# (golden file, format, text renderer options): every format once, and a second text layout.
GOLDENS: tuple[tuple[str, str, Mapping[str, object]], ...] = (
    *((f"sample.{extension}", fmt, {}) for fmt, extension in EXTENSIONS.items()),
    ("sample-verbose-all.txt", "text", {"verbosity": 1, "show_all": True}),
)


def check_golden(path: Path, text: str, update: bool) -> None:
    """`text` is the golden at `path` (rewritten first with --update-golden)."""
    if update:
        path.write_text(text, encoding="utf-8")
    if not path.is_file():
        pytest.fail(f"no golden {path.name}: run pytest --update-golden and review the diff")
    assert text == path.read_text(encoding="utf-8")


def every_format(report: Report) -> str:
    """Each format's rendering of `report` under a `==> format <==` line."""
    return "".join(f"==> {fmt} <==\n{renderer(fmt)(report)}\n" for fmt in EXTENSIONS)


def test_every_format_has_a_golden() -> None:
    assert sorted(EXTENSIONS) == sorted(format_names())


@pytest.mark.parametrize(("name", "fmt", "options"), GOLDENS, ids=[g[0] for g in GOLDENS])
def test_golden(
    golden_sample: Report,
    update_golden: bool,
    name: str,
    fmt: str,
    options: Mapping[str, object],
) -> None:
    """A change in any layout is a reviewable diff (`pytest --update-golden`)."""
    assert golden_sample.outcome.value == "crashed"
    text = render_text(golden_sample, **options) if options else renderer(fmt)(golden_sample)
    check_golden(GOLDEN / name, text, update_golden)


@pytest.mark.parametrize("outcome", ["failed", "passed"])
def test_other_outcomes_in_every_format(
    request: pytest.FixtureRequest, update_golden: bool, outcome: str
) -> None:
    report = request.getfixturevalue(f"{outcome}_sample")
    assert report.outcome.value == outcome
    check_golden(GOLDEN / f"sample-{outcome}.every-format.txt", every_format(report), update_golden)
