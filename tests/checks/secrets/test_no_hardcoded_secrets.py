"""Tests of SEC001 no-hardcoded-secrets: where it fires and where it stays quiet."""

from __future__ import annotations

import json
import random
import string

import pytest

from portfolio_lint.core.model import Severity, Status
from tests.checks.secrets.conftest import ALNUM, findings_text, rand


def openai_key() -> str:
    return "sk-proj-" + rand(100, ALNUM + "_-") + rand(4)


def hf_token() -> str:
    return "hf_" + rand(34, string.ascii_letters)


def notebook(*sources: str) -> str:
    cells = [
        {
            "cell_type": "code",
            "execution_count": 1,
            "metadata": {},
            "outputs": [],
            "source": source.splitlines(keepends=True),
        }
        for source in sources
    ]
    return json.dumps(
        {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1
    )


@pytest.mark.parametrize(
    "files",
    [
        {"app.py": 'from openai import OpenAI\n\nclient = OpenAI(api_key="{key}")\n'},
        {"rag/chain.py": "import os\n", "rag/config.py": 'OPENAI_API_KEY = "{key}"\n'},
        {"notebooks/eda.ipynb": notebook("import openai\n", 'openai.api_key = "{key}"\n')},
        {"config/prod.env": "OPENAI_API_KEY={key}\n"},
    ],
)
def test_hardcoded_key_fails_sec001(make_repo, run_rule, files):
    key = openai_key()
    repo = make_repo({path: text.replace("{key}", key) for path, text in files.items()})
    result = run_rule("SEC001", repo)
    assert result.status is Status.FAILED
    assert len(result.findings) == 1
    assert result.findings[0].severity is Severity.ERROR
    assert key not in findings_text(result)


def test_notebook_finding_points_at_the_cell(make_repo, run_rule):
    token = hf_token()
    repo = make_repo({"nb.ipynb": notebook("x = 1\n", f'login(token="{token}")\n')})
    (finding,) = run_rule("SEC001", repo).findings
    assert finding.location is not None and finding.location.cell is not None


@pytest.mark.parametrize(
    "files",
    [
        {"app.py": 'import os\n\nclient = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n'},
        {".env": "OPENAI_API_KEY=your_openai_api_key_here\nHF_TOKEN=\n"},
        {".env.example": "OPENAI_API_KEY=sk-your-key-here\n"},
        {"README.md": '# Demo\n\n```bash\nexport OPENAI_API_KEY="sk-..."\n```\n'},
        {
            "docker-compose.yml": "services:\n  airflow:\n    environment:\n"
            "      AIRFLOW__DATABASE__SQL_ALCHEMY_CONN: postgresql+psycopg2://airflow:airflow@postgres/airflow\n"
        },
        {
            "poetry.lock": '[[package]]\nname = "numpy"\n'
            'files = [{file = "numpy.whl", hash = "sha256:' + rand(64, "0123456789abcdef") + '"}]\n'
        },
    ],
)
def test_no_hardcoded_key_passes_sec001(make_repo, run_rule, files):
    assert run_rule("SEC001", make_repo(files)).status is Status.PASSED


@pytest.mark.parametrize(
    ("comment", "code", "suppressed"),
    [
        ("# portfolio-lint: ignore[SEC001]", "SEC001", True),
        ("# gitleaks:allow", "SEC001", True),
        ("# pragma: allowlist secret", "SEC001", True),
        ("# portfolio-lint: ignore[SEC002]", "SEC001", False),
        ("# pragma: allowlist secret", "SEC002", True),
        ("# portfolio-lint: ignore[SEC002]", "SEC002", True),
        ("", "SEC001", False),
    ],
)
def test_inline_suppressions_through_the_engine(make_repo, run_rule, comment, code, suppressed):
    line = (
        f'client = OpenAI(api_key="{openai_key()}")'
        if code == "SEC001"
        else (f'DB_PASSWORD = "{rand(20)}"')
    )
    repo = make_repo({"app.py": f"import os\n{line}  {comment}\n"})
    result = run_rule(code, repo)
    assert (result.status is Status.PASSED) is suppressed


def test_an_openssh_key_in_a_workflow_fails_sec001(make_repo, run_rule):
    import string

    rng = random.Random(6)
    body = "\n".join(
        "".join(rng.choice(string.ascii_letters + "+/") for _ in range(70)) for _ in range(4)
    )
    key = (
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAA"
        f"AAAABAAAAMwAAAAtzc2gtZW\n{body}\n-----END OPENSSH PRIVATE KEY-----"
    )
    indented = key.replace("\n", "\n            ")
    repo = make_repo(
        {
            ".github/workflows/deploy.yml": "jobs:\n  deploy:\n    steps:\n"
            f"      - run: |\n          cat > key <<'EOF'\n            {indented}\n"
            "          EOF\n"
        }
    )
    result = run_rule("SEC001", repo)
    assert result.status is Status.FAILED
    assert "OPENSSH PRIVATE KEY" in findings_text(result)
    assert body.splitlines()[0] not in findings_text(result)


@pytest.mark.parametrize(
    ("path", "text", "advice"),
    [
        (".env", "OPENAI_API_KEY={key}\n", "git rm --cached"),
        ("tests/test_client.py", 'KEY = "{key}"\n', "a test needs no real key"),
        ("nb/explore.ipynb", notebook('api_key = "{key}"\n'), "jupyter nbconvert --clear-output"),
        ("app/settings.py", 'KEY = "{key}"\n', "read it from the environment"),
        (
            "app/db.py",
            'URL = "postgresql://admin:Zr8pQ2vLx9Tk@db.example.com:5432/app"\n',
            "change the database password",
        ),
    ],
)
def test_each_finding_says_the_way_out_that_fits_where_it_is(
    make_repo, run_rule, path, text, advice
):
    key = openai_key()
    result = run_rule("SEC001", make_repo({path: text.replace("{key}", key)}))
    [finding] = result.findings
    advices = [
        "git rm --cached",
        "a test needs no real key",
        "jupyter nbconvert --clear-output",
        "read it from the environment",
        "change the database password",
    ]
    assert [a for a in advices if a in finding.message] == [advice]  # that advice only
    assert key not in finding.message
