"""The false-positive filters of the secret scanner, one behaviour each."""

from __future__ import annotations

import pytest

from portfolio_lint.scanners import secret_filters as filters

HEX40 = "3f786850e387550fdab836ed7e6dc881de23001b"
HEX64 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


@pytest.mark.parametrize(
    ("value", "strict", "expected"),
    [
        ("YOUR_API_KEY", False, True),
        ("<token>", False, True),
        ("xxxxxxxxxxxxxxxx", False, True),
        ("sk-...", False, True),
        ("AKIAIOSFODNN7EXAMPLE", False, True),
        ("replace-me-with-your-key", False, True),
        ("1234567890abcdef", False, True),
        ("test-password-123", True, True),
        ("test-password-123", False, False),  # weak words alone never hide a known-shape token
        ("Zq8vL2mX9pR4tW7k", True, False),
    ],
)
def test_is_placeholder(value, strict, expected):
    assert filters.is_placeholder(value, strict=strict) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("${DB_PASSWORD}", True),
        ("{{ secrets.TOKEN }}", True),
        ("$HF_TOKEN", True),
        ("%(password)s", True),
        ("<%= api_key %>", True),
        ("{api_key}", True),
        ("Zq8vL2mX9pR4tW7k", False),
        ("a$b", False),
    ],
)
def test_is_template(value, expected):
    assert filters.is_template(value) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" = os.environ.get(", True),
        (" = os.getenv(", True),
        (" = env(", True),
        (": process.env.", True),
        (" = st.secrets[", True),
        (" = userdata.get(", True),
        (" = ", False),
        (" = Client(", False),
    ],
)
def test_is_env_lookup(text, expected):
    assert filters.is_env_lookup(text) is expected


@pytest.mark.parametrize(
    ("value", "before", "expected"),
    [
        ("sha256:" + HEX64, "  secret: ", True),
        (HEX40, "commit_token = ", True),
        (HEX64, "--hash=sha256:", True),
        (HEX64, '"checksum": ', True),
        (HEX40, "api_token = ", False),  # a hex token with no hash word nearby is still a token
        ("Zq8vL2mX9pR4tW7k", "commit = ", False),
    ],
)
def test_in_hash_context(value, before, expected):
    assert filters.in_hash_context(value, before) is expected


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("session_token", True),
        ("run_token", True),
        ("api_key", False),
        ("PINECONE_API_KEY", False),
        ("client_secret", False),
        ("db_password", False),
    ],
)
def test_is_unkeyed_uuid(key, expected):
    assert filters.is_unkeyed_uuid("7c9e6679-7425-40de-944b-e07fc1f90ae7", key) is expected


def test_non_uuid_is_never_an_unkeyed_uuid():
    assert filters.is_unkeyed_uuid("Zq8vL2mX9pR4tW7k", "session_token") is False


@pytest.mark.parametrize(
    ("value", "line", "expected"),
    [
        ("lorem-ipsum-42", "", True),
        ("Zq8vL2mX9pR4", 'text = "Lorem ipsum dolor sit amet"', True),
        ("Zq8vL2mX9pR4", "password = ", False),
    ],
)
def test_is_lorem(value, line, expected):
    assert filters.is_lorem(value, line) is expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (".env.example", True),
        (".env.sample", True),
        (".env.template", True),
        ("config/settings.example.yaml", True),
        ("sample_config.yaml", True),
        (".env", False),
        (".env.local", False),
        ("config/prod.env", False),
    ],
)
def test_is_example_file(path, expected):
    assert filters.is_example_file(path) is expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("poetry.lock", True),
        ("uv.lock", True),
        ("Pipfile.lock", True),
        ("web/package-lock.json", True),
        ("data/raw.csv.dvc", True),
        ("dvc.lock", True),
        ("locksmith.py", False),
        ("package.json", False),
    ],
)
def test_is_lock_file(path, expected):
    assert filters.is_lock_file(path) is expected


@pytest.mark.parametrize(
    ("password", "user", "host", "expected"),
    [
        ("airflow", "airflow", "postgres", True),
        ("postgres", "", "", True),
        ("minioadmin", "", "", True),
        ("root", "root", "db", True),
        ("airflow123", "", "", True),
        ("airflow", "airflow", "db.acme-prod.net", False),  # a real host is never "local"
        ("Zq8vL2mX9pR4tW7k", "app", "localhost", False),
    ],
)
def test_is_dev_default(password, user, host, expected):
    assert filters.is_dev_default(password, user, host) is expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("docker-compose.yml", True),
        ("deploy/docker-compose.prod.yaml", True),
        ("compose.yaml", True),
        ("config.yaml", False),
        ("docker-compose.md", False),
    ],
)
def test_is_compose_file(path, expected):
    assert filters.is_compose_file(path) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("OPENAI_API_KEY", True),
        ("my_secret_name", True),
        ("apiKeyHeader", True),
        ("secrets/credentials.json", True),
        ("https://api.example.org", True),
        ("~/.netrc", True),
        ("Zq8vL2mX9pR4tW7k", False),
        ("django-insecure-x8#k2", False),
    ],
)
def test_is_identifier_or_path(value, expected):
    assert filters.is_identifier_or_path(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Zq8vL2mX9pR4tW7k", True),
        ("f3a9c2e81b7d4a60", True),
        ("aaaaaaaaaaaa", False),
        ("password", False),
        ("Ab1", False),
        ("abcdefghij", False),
    ],
)
def test_looks_random(value, expected):
    assert filters.looks_random(value, 3.0) is expected


def test_shannon_entropy_bounds():
    assert filters.shannon_entropy("") == 0.0
    assert filters.shannon_entropy("aaaa") == 0.0
    assert filters.shannon_entropy("abcd") == pytest.approx(2.0)


def test_camel_case_values_can_count_as_values_not_names():
    from portfolio_lint.scanners.secret_filters import is_identifier_or_path

    assert is_identifier_or_path("fQbuQst0kOp1Ct")
    assert not is_identifier_or_path("fQbuQst0kOp1Ct", camel_case=False)
    assert is_identifier_or_path("OPENAI_API_KEY", camel_case=False)
    assert is_identifier_or_path("key.json", camel_case=False)


def test_only_jwts_claiming_a_privileged_role_count():
    import base64
    import json

    from portfolio_lint.scanners.secret_filters import is_privileged_jwt

    def token(payload: bytes) -> str:
        part = base64.urlsafe_b64encode(payload).decode().rstrip("=")
        return f"eyJhbGciOiJIUzI1NiJ9.{part}.c2lnbmF0dXJl"

    assert is_privileged_jwt(token(json.dumps({"role": "service_role"}).encode()))
    assert not is_privileged_jwt(token(json.dumps({"role": "anon"}).encode()))
    assert not is_privileged_jwt(token(b"[1, 2]"))
    assert not is_privileged_jwt(token(b"\xff\xfe not json"))
    assert not is_privileged_jwt("eyJ.only-two")
