"""SEC001-SEC003 on repositories built on disk, inline suppressions through the engine."""

from __future__ import annotations

import json
import random
import string

import pytest

from portfolio_lint.core.model import Severity, Status

ALNUM = string.ascii_letters + string.digits
RNG = random.Random(77)


def rand(size: int, alphabet: str = ALNUM) -> str:
    """Token-shaped strings are assembled at run time, never committed."""
    return "".join(RNG.choice(alphabet) for _ in range(size))


def openai_key() -> str:
    return "sk-proj-" + rand(100, ALNUM + "_-") + rand(4)


def hf_token() -> str:
    return "hf_" + rand(34, string.ascii_letters)


def pem() -> str:
    body = "\n".join(rand(64, ALNUM + "+/") for _ in range(6))
    return f"-----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----\n"


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


def findings_text(result) -> str:
    return "\n".join(
        f"{f.message} {f.evidence} {f.location} {f.fingerprint}" for f in result.findings
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
    ("files", "status"),
    [
        ({"settings.py": 'DB_PASSWORD = "{value}"\n'}, Status.FAILED),
        ({"deploy/app.yaml": "auth:\n  jwt_secret: {value}\n"}, Status.FAILED),
        ({"settings.py": 'DB_PASSWORD = os.environ["DB_PASSWORD"]\n'}, Status.PASSED),
        ({".env.example": "JWT_SECRET={value}\n"}, Status.PASSED),
        ({"tests/test_login.py": 'password = "test-password-123"\n'}, Status.PASSED),
    ],
)
def test_generic_secret_assignments_sec002(make_repo, run_rule, files, status):
    value = rand(20, ALNUM + "!#%")
    repo = make_repo({path: text.replace("{value}", value) for path, text in files.items()})
    result = run_rule("SEC002", repo)
    assert result.status is status
    assert value not in findings_text(result)


def test_compose_defaults_are_an_info_note_not_a_failure(make_repo, run_rule):
    compose = (
        "services:\n  postgres:\n    environment:\n      POSTGRES_PASSWORD: airflow123\n"
        "  app:\n    environment:\n      DATABASE_URL: mysql://root:root@db:3306/app\n"
    )
    repo = make_repo({"docker-compose.yml": compose})
    generic = run_rule("SEC002", repo)
    assert generic.status is Status.PASSED
    assert generic.findings and {f.severity for f in generic.findings} == {Severity.INFO}
    assert run_rule("SEC001", repo).status is Status.PASSED


@pytest.mark.parametrize(
    "files",
    [
        {".env": "OPENAI_API_KEY=your_key_here\n"},
        {".env.local": "DEBUG=1\n"},
        {"app/.env.production": "DEBUG=0\n"},
        {"kaggle.json": '{"username": "ada", "key": "0123"}\n'},
        {"credentials.json": '{"installed": {"client_id": "x"}}\n'},
        {"keys/trainer-sa.json": json.dumps({"type": "service_account", "private_key": "..."})},
        {"deploy/server.pem": "{pem}"},
        {"ssl/private.key": "{pem}"},
        {".ssh/id_rsa": "{pem}"},
        {"id_ed25519": "{pem}"},
        {".pypirc": "[pypi]\nusername = __token__\npassword = pypi-abc\n"},
        {".netrc": "machine api.wandb.ai\n  login user\n  password abc\n"},
        {".aws/credentials": "[default]\naws_access_key_id = x\n"},
        {".streamlit/secrets.toml": 'OPENAI_API_KEY = "sk-placeholder"\n'},
        {
            "token.json": '{"token": "ya29.x", "refresh_token": "1//0g", "client_id": "1.apps",'
            ' "client_secret": "x"}\n'
        },
        {"auth/token.pickle": b"\x80\x04\x95"},
    ],
)
def test_sensitive_files_fail_sec003(make_repo, run_rule, files):
    key = pem()
    repo = make_repo(
        {
            path: text.replace("{pem}", key) if isinstance(text, str) else text
            for path, text in files.items()
        }
    )
    result = run_rule("SEC003", repo)
    assert result.status is Status.FAILED
    assert [f.location.path for f in result.findings if f.location] == list(files)


@pytest.mark.parametrize(
    "files",
    [
        {".env.example": "OPENAI_API_KEY=\n"},
        {".env.sample": "OPENAI_API_KEY=\n"},
        {".env.template": "OPENAI_API_KEY=\n"},
        {"certs/ca.pem": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"},
        {"id_rsa.pub": "ssh-ed25519 AAAAC3Nza ada@laptop\n"},
        {".pypirc": "[distutils]\nindex-servers = pypi\n"},
        {"data/config.json": '{"type": "dataset", "rows": 10}\n'},
        {"src/env.py": "import os\n"},
        {".streamlit/config.toml": '[theme]\nbase = "dark"\n'},
        {"data/token.json": '{"token": "hello", "id": 3}\n'},  # a tokenizer's vocabulary entry
    ],
)
def test_harmless_files_pass_sec003(make_repo, run_rule, files):
    assert run_rule("SEC003", make_repo(files)).status is Status.PASSED


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


def test_pypirc_password_pattern_stays_on_its_line() -> None:
    from portfolio_lint.checks.secrets import PYPIRC_PASSWORD

    text = "[pypi]\n\n\n  password = pypi-AgEIcHlwaS5vcmc\n"
    match = PYPIRC_PASSWORD.search(text)
    assert match is not None and text[match.start() :].startswith("  password")
    assert PYPIRC_PASSWORD.search("password\n= x\n") is None


def test_an_s3_compatible_login_is_a_sec002_warning_not_a_sec001_error(make_repo, run_rule):
    import random
    import string

    rng = random.Random(5)
    secret = "".join(rng.choice(string.ascii_letters + string.digits + "/+") for _ in range(40))
    repo = make_repo(
        {
            "infra/minio.env": "AWS_ENDPOINT_URL=http://localhost:9000\n"
            f"AWS_ACCESS_KEY_ID=minioadmin\nAWS_SECRET_ACCESS_KEY={secret}\n"
        }
    )
    assert run_rule("SEC001", repo).status is Status.PASSED
    generic = run_rule("SEC002", repo)
    assert [f.severity for f in generic.findings] == [Severity.WARNING]
    assert "revoke" not in findings_text(generic).lower()
    assert secret not in findings_text(generic)


def test_an_openssh_key_in_a_workflow_fails_sec001(make_repo, run_rule):
    import random
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
