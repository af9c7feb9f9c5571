"""Tests of SEC002 no-generic-secrets: where it fires and where it stays quiet."""

from __future__ import annotations

import random
import string

import pytest

from portfolio_lint.core.model import Severity, Status
from tests.checks.secrets.conftest import ALNUM, findings_text, rand


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


def test_an_s3_compatible_login_is_a_sec002_warning_not_a_sec001_error(make_repo, run_rule):

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
