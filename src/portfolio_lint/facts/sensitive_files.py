"""Files that should never be in a repository: .env, credentials JSON, private keys, tokens."""

from __future__ import annotations

import re
from collections.abc import Callable

from portfolio_lint.core.repo_paths import path_name, path_suffix
from portfolio_lint.scanners.secret_filters import is_example_file

KEY_FILES = ("id_rsa", "id_dsa", "id_ecdsa", "id_ed25519")
PRIVATE_KEY = re.compile(r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----")
SERVICE_ACCOUNT = re.compile(r'"type"\s*:\s*"service_account"')
# Google's API quickstarts save the user's credentials as token.json (token.pickle before).
OAUTH_TOKEN = re.compile(
    r'"refresh_token"\s*:\s*"[^"]+".*"client_(?:id|secret)"'
    r'|"client_(?:id|secret)"\s*:.*"refresh_token"\s*:\s*"[^"]+"',
    re.S,
)
PYPIRC_PASSWORD = re.compile(r"^[ \t]*password[ \t]*[:=][ \t]*\S", re.MULTILINE)
CREDENTIAL_JSON = re.compile(r"^(?:credentials|client_secrets?|service[-_]account)[\w.\-]*\.json$")


def sensitive_reason(path: str, read: Callable[[], str]) -> str | None:
    """Why the file at `path` should not be in a repository, or None; `read` gives its text."""
    name = path_name(path)
    lowered = name.lower()
    suffix = path_suffix(lowered)
    if (lowered == ".env" or lowered.startswith(".env.")) and not is_example_file(lowered):
        return f"environment file {name} (keep it local; commit a .env.example instead)"
    if lowered == "kaggle.json":
        return "Kaggle API credentials (kaggle.json)"
    if path.lower().endswith(".aws/credentials"):
        return "AWS credentials file"
    if path.lower().endswith(".streamlit/secrets.toml"):
        return "Streamlit secrets file (keep it local; set secrets in the app's settings)"
    if lowered == "token.pickle" or (lowered == "token.json" and OAUTH_TOKEN.search(read())):
        return f"Google OAuth token {name} (its refresh token opens the account)"
    if lowered in KEY_FILES:
        return f"SSH private key {name}"
    if lowered in (".netrc", "_netrc"):
        return f"{name} with login credentials"
    if lowered == ".pypirc" and PYPIRC_PASSWORD.search(read()):
        return ".pypirc with a repository password"
    if suffix in (".pem", ".key", ".ppk") and PRIVATE_KEY.search(read()):
        return f"private key file {name}"
    if suffix == ".json":
        if CREDENTIAL_JSON.match(lowered):
            return f"credentials file {name}"
        if _is_service_account(read()):
            return f"Google service-account key {name}"
    return None


def _is_service_account(text: str) -> bool:
    return bool(SERVICE_ACCOUNT.search(text)) and '"private_key"' in text
