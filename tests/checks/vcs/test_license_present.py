"""Tests of VCS003 license-present: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from portfolio_lint.sources.base import HostMetadata
from tests.checks.vcs.conftest import README


@pytest.mark.parametrize(
    "name",
    [
        "LICENSE",
        "LICENSE.md",
        "LICENSE.txt",
        "license",
        "LICENCE",
        "COPYING",
        "LICENSE-MIT",
        "License.rst",
        "UNLICENSE",
        "COPYING.LESSER",
    ],
)
def test_license_file_names(make_repo, run_rule, name):
    repo = make_repo({**README, name: "MIT License\n\nCopyright (c) 2026 Ada\n"})
    assert run_rule("VCS003", repo).status is Status.PASSED


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"README.md": "# Churn\n\n## License\n\nMIT\n"}, "only mentioned in the README"),
        ({"README.md": "# Отток\n\n## Лицензия\n\nMIT\n"}, "only mentioned in the README"),
        ({"README.md": "# Churn\n\n## Licencia\n\nMIT\n"}, "only mentioned in the README"),
        ({"README.md": "# 流失\n\n## 许可证\n\nMIT\n"}, "only mentioned in the README"),
        ({"README.md": "# Churn\n\nDistribuido bajo la licencia MIT.\n"}, "only mentioned"),
        ({"README.md": "# Churn\n\nReleased under the MIT licence.\n"}, "only mentioned"),
        (
            {
                "README.md": "# Churn\n\n[![License: MIT](https://img.shields.io/badge/License-MIT-"
                "yellow.svg)](https://opensource.org/licenses/MIT)\n"
            },
            "only mentioned",
        ),
        (
            {"README.md": "# Churn\n\nData: Kaggle Telco churn (licence: see the site).\n"},
            "No LICENSE file",
        ),  # a dataset's licence is not a claim about the code
        ({"README.md": "# Churn\n"}, "No LICENSE file"),
        ({**README, "LICENSE": ""}, "is empty"),
        ({**README, "docs/LICENSE": "MIT License\n"}, "No LICENSE file"),  # root only
        ({**README, "license_plate_detector.py": "x = 1\n"}, "No LICENSE file"),
    ],
)
def test_license_missing(make_repo, run_rule, files, message):
    result = run_rule("VCS003", make_repo(files))
    assert result.status is Status.FAILED
    assert message in result.findings[0].message


def test_license_from_host_metadata(make_repo, run_rule):
    repo = make_repo(README)
    repo.__dict__["metadata"] = HostMetadata(license="MIT")  # as the GitHub source reports it
    assert run_rule("VCS003", repo).status is Status.PASSED
