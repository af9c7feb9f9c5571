"""Which files should never be committed, by name and (for some) by content."""

from __future__ import annotations

import pytest

from portfolio_lint.facts.sensitive_files import sensitive_reason

PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\n"
SERVICE = '{"type": "service_account", "private_key": "-----BEGIN"}'
TOKEN = '{"refresh_token": "1//0g", "client_id": "1.apps", "client_secret": "x"}'


@pytest.mark.parametrize(
    ("path", "text", "reason"),
    [
        (".env", "", "environment file .env"),
        ("app/.env.production", "", "environment file .env.production"),
        ("kaggle.json", "", "Kaggle API credentials"),
        ("home/.aws/credentials", "", "AWS credentials file"),
        (".streamlit/secrets.toml", "", "Streamlit secrets file"),
        ("token.json", TOKEN, "Google OAuth token token.json"),
        ("auth/token.pickle", "", "Google OAuth token token.pickle"),
        ("keys/id_ed25519", "", "SSH private key id_ed25519"),
        (".netrc", "", ".netrc with login credentials"),
        (".pypirc", "[pypi]\npassword = hunter2\n", ".pypirc with a repository password"),
        ("certs/server.key", PEM, "private key file server.key"),
        ("client_secret_123.json", "{}", "credentials file client_secret_123.json"),
        ("gcp/key.json", SERVICE, "Google service-account key key.json"),
    ],
)
def test_sensitive_files_have_a_reason(path: str, text: str, reason: str) -> None:
    found = sensitive_reason(path, lambda: text)
    assert found is not None and found.startswith(reason)


@pytest.mark.parametrize(
    ("path", "text"),
    [
        (".env.example", ""),
        (".env.template", ""),
        ("id_rsa.pub", "ssh-ed25519 AAAA"),
        ("certs/ca.pem", "-----BEGIN CERTIFICATE-----\n"),
        (".pypirc", "[distutils]\nindex-servers = pypi\n"),
        ("data/token.json", '{"token": "hello"}'),
        ("data/config.json", '{"type": "dataset"}'),
        ("src/env.py", "import os\n"),
    ],
)
def test_harmless_files_have_none(path: str, text: str) -> None:
    assert sensitive_reason(path, lambda: text) is None


def test_content_is_read_only_when_the_name_needs_it() -> None:
    reads: list[str] = []

    def read() -> str:
        reads.append("read")
        return ""

    assert sensitive_reason(".env", read) is not None
    assert sensitive_reason("model.py", read) is None
    assert reads == []
    sensitive_reason("token.json", read)
    assert reads  # token.json is judged by its content


def test_pypirc_password_pattern_stays_on_its_line() -> None:
    from portfolio_lint.facts.sensitive_files import PYPIRC_PASSWORD

    text = "[pypi]\n\n\n  password = pypi-AgEIcHlwaS5vcmc\n"
    match = PYPIRC_PASSWORD.search(text)
    assert match is not None and text[match.start() :].startswith("  password")
    assert PYPIRC_PASSWORD.search("password\n= x\n") is None
