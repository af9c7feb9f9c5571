"""Tests of SEC003 no-sensitive-files: where it fires and where it stays quiet."""

from __future__ import annotations

import json

import pytest

from portfolio_lint.core.model import Status
from tests.checks.secrets.conftest import ALNUM, rand


def pem() -> str:
    body = "\n".join(rand(64, ALNUM + "+/") for _ in range(6))
    return f"-----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----\n"


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
