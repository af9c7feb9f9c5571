"""Tests of ENV004 readme-referenced-files-exist: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status


@pytest.mark.parametrize(
    ("readme", "extra", "missing"),
    [
        ("```bash\npip install -r requirements.txt\n```\n", {"requirements.txt": "x\n"}, []),
        ("```bash\npip install -r requirements.txt\n```\n", {}, ["requirements.txt"]),
        ("```bash\nconda env create -f env/conda.yml\n```\n", {}, ["env/conda.yml"]),
        ("```bash\nconda env create\n```\n", {"environment.yaml": "name: a\n"}, []),
        (
            "```bash\npython src/train.py\nbash scripts/run.sh\n```\n",
            {"src/train.py": ""},
            ["scripts/run.sh"],
        ),
        ("```bash\ncp .env.example .env\n```\n", {}, [".env.example"]),
        ("```bash\ndocker compose -f deploy/compose.yml up\n```\n", {}, ["deploy/compose.yml"]),
        ("```bash\ndocker compose up\n```\n", {"docker-compose.yaml": "services: {}\n"}, []),
        ("```bash\nmake train\n```\n", {}, ["Makefile"]),
        ("```bash\npip install -e .\n```\n", {"pyproject.toml": "[project]\nname='a'\n"}, []),
        ("```bash\ncd backend\npython app.py\n```\n", {"backend/app.py": ""}, []),
        ("```bash\ngit clone https://x/y.git\ncd y\npython app.py\n```\n", {"app.py": ""}, []),
        ("```bash\ncd /opt/somewhere\npython app.py\n```\n", {}, []),
        ("```bash\npython app.py\n```\n", {"src/app.py": ""}, ["app.py"]),
        ("```bash\npython <your_script>.py\npython path/to/x.py\n```\n", {"a.py": ""}, []),
        (
            "See [setup](docs/setup.md).\n",
            {"docs/setup.md": "```\npip install -r req.txt\n```\n"},
            ["req.txt"],
        ),
        (
            "- [house prices](house-prices/)\n",
            {
                "house-prices/README.md": (
                    "```\npip install -r requirements.txt\npython train.py\n```\n"
                ),
                "house-prices/requirements.txt": "pandas\n",
                "house-prices/train.py": "",
            },
            [],
        ),
        (
            "See [setup](docs/setup.md).\n",
            {
                "docs/setup.md": "```\npip install -r requirements.txt\n```\n",
                "requirements.txt": "",
            },
            [],
        ),
    ],
)
def test_readme_referenced_files_exist(make_repo, run_rule, readme, extra, missing):
    result = run_rule("ENV004", make_repo({"README.md": "# Demo\n\n" + readme, **extra}))
    if result.status is Status.NOT_APPLICABLE:
        assert missing == []
        return
    assert [f.key for f in result.findings] == missing
    assert (result.status is Status.PASSED) is (not missing)


def test_referenced_file_finding_hints_at_the_real_location(make_repo, run_rule):
    repo = make_repo({"README.md": "# A\n\n```\npython app.py\n```\n", "src/app.py": ""})
    finding = run_rule("ENV004", repo).findings[0]
    assert finding.location.line == 4
    assert "src/app.py" in finding.message


@pytest.mark.parametrize(
    "files",
    [
        {"a.py": ""},
        {"README.md": "# A\n\nInstall the requirements.\n"},
        {"README.md": "# A\n\n```bash\npip install pandas\n```\n"},
    ],
)
def test_referenced_files_skip(make_repo, run_rule, files):
    assert run_rule("ENV004", make_repo(files)).status is Status.NOT_APPLICABLE
