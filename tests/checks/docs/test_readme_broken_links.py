"""Tests of DOC008 readme-broken-links: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status


@pytest.mark.parametrize(
    ("readme", "extra", "broken"),
    [
        (
            "[guide](docs/guide.md) ![arch](img/arch.png)\n",
            {"docs/guide.md": "x", "img/arch.png": b"\x89PNG\0"},
            [],
        ),
        (
            "[data](data/) [sec](docs/guide.md#setup) [q](docs/guide.md?plain=1)\n",
            {"data/a.csv": "a\n", "docs/guide.md": "x"},
            [],
        ),
        (
            "[spaced](docs/my%20guide.md) [root](/docs/guide.md)\n",
            {"docs/my guide.md": "x", "docs/guide.md": "x"},
            [],
        ),
        (
            "[site](https://x.org) [mail](mailto:a@b.c) [top](#usage) "
            "[up](../../wiki) [ok](a.py)\n",
            {"a.py": ""},
            [],
        ),
        (
            "Intro\n\nsee [missing](docs/missing.md)\n\n![img](assets/gone.png)\n",
            {},
            ["docs/missing.md", "assets/gone.png"],
        ),
        ('<img src="figures/loss.png" width="400">\n', {}, ["figures/loss.png"]),
        ("[case](Docs/Guide.md)\n", {"docs/guide.md": "x"}, ["Docs/Guide.md"]),
    ],
)
def test_readme_broken_links(make_repo, run_rule, readme, extra, broken):
    result = run_rule("DOC008", make_repo({"README.md": "# Demo\n\n" + readme, **extra}))
    assert [f.key for f in result.findings] == broken
    assert (result.status is Status.PASSED) is (not broken)


def test_broken_link_findings_have_their_own_line(make_repo, run_rule):
    readme = "# Demo\n\nFirst line\nsecond line with [x](nope.md)\n"
    result = run_rule("DOC008", make_repo({"README.md": readme}))
    assert result.findings[0].location.line == 4


def test_broken_links_skip_without_relative_links(make_repo, run_rule):
    result = run_rule("DOC008", make_repo({"README.md": "# Demo\n\n[a](https://a.b)\n"}))
    assert result.status is Status.NOT_APPLICABLE
