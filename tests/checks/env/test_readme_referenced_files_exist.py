"""Tests of ENV004 readme-referenced-files-exist: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status


@pytest.mark.parametrize(
    ("readme", "extra", "missing"),
    [
        ("```bash\npip install -r requirements.txt\n```\n", {"requirements.txt": "x\n"}, []),
        ("```bash\npip install -r requirements.txt\n```\n", {}, ["requirements.txt"]),
        # `./` and `.` name the folder the command runs in, which always exists
        ("Lint it as `./`, or run `ls ./` first.\n```bash\ncp ./ /tmp/copy\n```\n", {}, []),
        # issue 11 item 3: config paths, modules, Windows paths, plain lines, created files
        (
            "```bash\npython train.py --config configs/base.yaml\n```\n",
            {"train.py": ""},
            ["configs/base.yaml"],
        ),
        (
            "```bash\npython train.py --config configs/base.yaml -o out/run.yaml\n```\n",
            {"train.py": "", "configs/base.yaml": ""},
            [],
        ),
        (
            "```bash\ncp configs/example.yaml configs/local.yaml\n"
            "python train.py --config configs/local.yaml\n```\n",
            {"train.py": "", "configs/example.yaml": ""},
            [],
        ),
        ("```bash\npython -m churn.train\n```\n", {"churn/__init__.py": ""}, ["churn/train.py"]),
        ("```bash\npython -m churn.train\n```\n", {"src/churn/train.py": ""}, []),
        ("```bash\npython -m spacy.cli download en\n```\n", {}, []),
        ("```bash\nuvicorn api.main:app --reload\n```\n", {"api/app.py": ""}, ["api/main.py"]),
        ("```bash\nuvicorn api.main:app --reload\n```\n", {"src/api/main.py": ""}, []),
        ("Procfile: `gunicorn app:app`\n", {"backend/app.py": ""}, []),
        (
            "```bash\ncp .env.example .env\n```\n",
            {".gitignore": ".env\n.env.*\n"},
            [".env.example"],  # ignored, so never committed: the copy fails
        ),
        (
            "```bash\ncd web\nnpm ci\n```\n\n```bash\ncd api && uvicorn main:app\n```\n\n"
            "```bash\nmake start\n```\n",
            {"web/package.json": "{}", "api/main.py": "", "Makefile": "start:\n"},
            [],  # `cd api` only makes sense from the root: a new terminal there
        ),
        (
            "```bash\ncd web && npm install\n```\n\n```bash\ndocker compose up\n```\n",
            {"web/package.json": "{}", "compose.yaml": "services: {}\n"},
            [],
        ),
        ("Procfile: `gunicorn app:app`\n", {"backend/main.py": ""}, ["app.py"]),
        ("```powershell\npython scripts\\run_api.py\n```\n", {"scripts/run_api.py": ""}, []),
        ("```powershell\npython scripts\\run_api.py\n```\n", {}, ["scripts/run_api.py"]),
        ("```bash\ndocker compose logs -f api\n```\n", {}, []),
        (
            "```bash\npython train.py --config configs/local.yaml\n```\n",
            {"train.py": "", ".gitignore": "configs/local.yaml\n"},
            [],
        ),
        ("1. pip install -r requirements.txt\n", {}, ["requirements.txt"]),
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
