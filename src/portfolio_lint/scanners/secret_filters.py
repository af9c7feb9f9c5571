"""Filters for the classic false positives of secret scanning: small pure predicates."""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
from collections import Counter

PLACEHOLDER_WORDS = (
    "your",
    "example",
    "placeholder",
    "xxxx",
    "changeme",
    "change_me",
    "change-me",
    "dummy",
    "fake",
    "sample",
    "redacted",
    "insert",
    "replace",
    "here",
    "todo",
    "fixme",
    "mock",
    "<",
    ">",
    "...",
    "…",
    "***",
    "####",
)
# Words that mark a generic value as made up; too common inside random tokens to use there.
WEAK_PLACEHOLDER_WORDS = ("test", "secret", "password", "token", "default", "demo", "local")
TEMPLATE = re.compile(r"\$\{|\$\(|\{\{|\}\}|<%|%\(|^\$[A-Za-z_]|^\{[\w.\-]*\}$|^%[A-Za-z_]+%$")
ENV_LOOKUP = re.compile(
    r"environ|getenv|process\.env|\benv\(|\bENV\[|\bconfig\(|secrets?\[|userdata\.get|"
    r"getpass|keyring|vault|\bSecret\(|get_secret|dotenv|settings\.",
)
HASH_CONTEXT = re.compile(
    r"sha\d*|md5|--hash|integrity|checksum|digest|hash|commit|\brev\b|etag|fingerprint|blake2"
)
HASH_PREFIX = re.compile(r"^(?:sha(?:1|224|256|384|512)|md5|blake2b?)[:\-=]", re.IGNORECASE)
HEX_DIGEST = re.compile(r"^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{128})$", re.I)
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
UUID_KEYS = re.compile(r"api[_\-]?key|apikey|secret|passw|auth", re.IGNORECASE)
IDENTIFIER = re.compile(
    r"^(?:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[a-z][a-z0-9]*(?:[_.\-][a-z][a-z0-9]*)+|"
    r"[a-z]+(?:[A-Z][a-z0-9]+)+|[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+)$"
)
FILE_NAME = re.compile(r"\.(?:json|ya?ml|txt|csv|pem|key|pkl|pt|bin|env|cfg|ini|toml|py|md)$", re.I)
REPEATS = re.compile(r"(.)\1{4,}")
SEQUENCES = ("12345678", "abcdefgh", "qwertyui", "01234567")
LOREM = ("lorem", "ipsum", "dolor sit")
# JWT `role` claims that bypass row-level security (Supabase's service key and its admin).
PRIVILEGED_ROLES = frozenset({"service_role", "supabase_admin"})
MAX_JWT_PAYLOAD = 4096

EXAMPLE_SUFFIXES = (".example", ".sample", ".template", ".dist", ".tpl", ".defaults", ".tmpl")
LOCK_FILES = frozenset(
    {
        "poetry.lock",
        "uv.lock",
        "pipfile.lock",
        "package-lock.json",
        "yarn.lock",
        "pnpm-lock.yaml",
        "pdm.lock",
        "conda-lock.yml",
        "dvc.lock",
        "cargo.lock",
        "composer.lock",
    }
)
CODE_SUFFIXES = frozenset(
    {
        ".py",
        ".pyw",
        ".ipynb",
        ".js",
        ".jsx",
        ".ts",
        ".tsx",
        ".java",
        ".kt",
        ".go",
        ".rs",
        ".rb",
        ".php",
        ".c",
        ".h",
        ".cpp",
        ".cs",
        ".r",
        ".scala",
        ".swift",
        ".m",
        ".jl",
        ".md",
        ".rst",
        ".html",
        ".json",
    }
)
# Compose service names (`postgres`, `db`) have no dots: they only resolve inside the stack.
LOCAL_HOSTS = re.compile(
    r"^(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[?::1\]?|host\.docker\.internal|"
    r"[a-z][a-z0-9_\-]*)$",
    re.IGNORECASE,
)
DEV_DEFAULTS = frozenset(
    {
        "postgres",
        "postgresql",
        "airflow",
        "admin",
        "root",
        "password",
        "pass",
        "passwd",
        "secret",
        "example",
        "test",
        "user",
        "guest",
        "mysql",
        "mongo",
        "mongodb",
        "redis",
        "rabbitmq",
        "changeme",
        "default",
        "dev",
        "local",
        "minio",
        "minioadmin",
        "superset",
        "mlflow",
        "grafana",
        "prefect",
        "dagster",
        "metabase",
        "django",
        "flask",
        "app",
        "demo",
        "docker",
    }
)


def file_name(path: str) -> str:
    """The lower-cased last component of a POSIX path (cheaper than PurePosixPath per call)."""
    return path.rsplit("/", 1)[-1].lower()


def shannon_entropy(value: str) -> float:
    """Bits of Shannon entropy per character of `value`."""
    if not value:
        return 0.0
    size = len(value)
    return -sum(n / size * math.log2(n / size) for n in Counter(value).values())


def char_classes(value: str) -> int:
    """How many of lower, upper, digit and other characters `value` mixes."""
    return (
        any(c.islower() for c in value)
        + any(c.isupper() for c in value)
        + any(c.isdigit() for c in value)
        + any(not c.isalnum() for c in value)
    )


def looks_random(value: str, min_entropy: float) -> bool:
    """A generic value worth reporting: long enough, mixed characters, high entropy."""
    return len(value) >= 8 and char_classes(value) >= 2 and shannon_entropy(value) >= min_entropy


def is_placeholder(value: str, *, strict: bool = False) -> bool:
    """Made-up values: YOUR_API_KEY, <token>, xxx, sk-..., 12345678; `strict` adds common words."""
    lowered = value.lower()
    if any(word in lowered for word in PLACEHOLDER_WORDS):
        return True
    if REPEATS.search(lowered) or any(seq in lowered for seq in SEQUENCES):
        return True
    return strict and any(word in lowered for word in WEAK_PLACEHOLDER_WORDS)


def is_template(value: str) -> bool:
    """Template references: ${VAR}, {{ var }}, $VAR, %(var)s, <%= var %>, {name}."""
    return bool(TEMPLATE.search(value))


def is_env_lookup(text: str) -> bool:
    """Whether `text` (the code around a value) reads it from the environment or a vault."""
    return bool(ENV_LOOKUP.search(text))


def in_hash_context(value: str, before: str) -> bool:
    """Digests: `sha256:` prefixes, or hex digests where the line talks about hashes/commits."""
    if HASH_PREFIX.match(value):
        return True
    return bool(HEX_DIGEST.match(value)) and bool(HASH_CONTEXT.search(before.lower()))


def is_unkeyed_uuid(value: str, key: str) -> bool:
    """A UUID is an id unless its key names an API key, secret or password."""
    return bool(UUID.match(value)) and not UUID_KEYS.search(key)


def is_lorem(value: str, line: str) -> bool:
    """Filler text (lorem ipsum) in the value or on its line."""
    lowered = (value + " " + line).lower()
    return any(word in lowered for word in LOREM)


def is_identifier_or_path(value: str, *, camel_case: bool = True) -> bool:
    """Names, paths and URLs assigned to secret-ish keys (`"OPENAI_API_KEY"`, `"key.json"`).

    `camel_case=False` keeps camelCase values (a random password can look like `fQbuQst0k`):
    for command-line arguments, where a variable would be written `$NAME`.
    """
    if FILE_NAME.search(value) or "://" in value:
        return True
    if IDENTIFIER.match(value) and (camel_case or "_" in value or "." in value or "-" in value):
        return True
    return value.startswith(("/", "./", "../", "~/", "http", "C:\\"))


def is_example_file(path: str) -> bool:
    """`.env.example`, `config.sample.yaml`, `settings.template`: made to hold placeholders."""
    name = file_name(path)
    if name.endswith(EXAMPLE_SUFFIXES):
        return True
    return any(word in name for word in ("example", "sample", "template"))


def is_lock_file(path: str) -> bool:
    """Dependency and pipeline lock files (full of hashes, never secrets by assignment)."""
    name = file_name(path)
    return name in LOCK_FILES or name.endswith(".dvc")


def is_code_file(path: str) -> bool:
    """Source code and documents, where unquoted `key = value` is code, not configuration."""
    name = file_name(path)
    return "." in name and name[name.rindex(".") :] in CODE_SUFFIXES


def is_compose_file(path: str) -> bool:
    """docker-compose / compose files, whose passwords are local development defaults."""
    name = file_name(path)
    return name.startswith(("docker-compose", "compose")) and name.endswith((".yml", ".yaml"))


def is_dev_default(password: str, user: str = "", host: str = "") -> bool:
    """Local development credentials: `airflow:airflow@postgres`, `POSTGRES_PASSWORD: postgres`."""
    if host and not LOCAL_HOSTS.match(host):
        return False
    lowered = password.lower()
    core = lowered.rstrip("0123456789!_-.")
    if lowered == user.lower() or core in DEV_DEFAULTS or core == user.lower():
        return True
    return shannon_entropy(password) < 3.0


def is_privileged_jwt(token: str) -> bool:
    """Whether a JWT's payload claims a role that bypasses access rules (`service_role`).

    Anonymous keys (`role: anon`) are public by design and ship in every front end.
    """
    parts = token.split(".")
    if len(parts) != 3 or len(parts[1]) > MAX_JWT_PAYLOAD:
        return False
    try:
        raw = base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4))
        claims = json.loads(raw)
    except (binascii.Error, ValueError):
        return False
    return isinstance(claims, dict) and claims.get("role") in PRIVILEGED_ROLES
