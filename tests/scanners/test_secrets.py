"""The secret scanner: every detector fires on a realistic line, look-alikes stay quiet."""

from __future__ import annotations

import base64
import json
import random
import string
import uuid

import pytest

from portfolio_lint.scanners.secrets import load_detectors, redact, redact_text, scan_secrets

ALNUM = string.ascii_letters + string.digits
URLSAFE = ALNUM + "_-"
RNG = random.Random(2024)


def rand(size: int, alphabet: str = ALNUM) -> str:
    """Random characters: token-shaped strings are built at run time, never committed."""
    return "".join(RNG.choice(alphabet) for _ in range(size))


def pem(kind: str = "RSA ", sep: str = "\n") -> str:
    body = sep.join(rand(64, ALNUM + "+/") for _ in range(8))
    return f"-----BEGIN {kind}PRIVATE KEY-----{sep}{body}{sep}-----END {kind}PRIVATE KEY-----"


def jwt(role: str) -> str:
    """A Supabase-style JWT whose payload claims `role`."""

    def part(claims: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")

    payload = {"iss": "supabase", "ref": rand(20).lower(), "role": role, "iat": 1700000000}
    return f"{part({'alg': 'HS256', 'typ': 'JWT'})}.{part(payload)}.{rand(43, URLSAFE)}"


# detector id → (path, text, the secret value that must be reported)
def realistic_cases() -> list[tuple[str, str, str, str]]:
    gh, fine = "ghp_" + rand(36), "github_pat_" + rand(22) + "_" + rand(59)
    gitlab, openai = "glpat-" + rand(20), "sk-proj-" + rand(100, URLSAFE) + rand(4)
    legacy_openai = "sk-" + rand(20) + "T3Blbk" + "FJ" + rand(20)
    anthropic = "sk-ant-api03-" + rand(93, URLSAFE) + "AA"
    hf = "hf_" + rand(34, string.ascii_letters)
    aws_id = "AKIA" + rand(16, "ABCDEFGHJKLMNPQRSTZ234567")
    aws_secret, google = rand(40, ALNUM + "/+"), "AIza" + rand(35, URLSAFE)
    slack = f"xoxb-{rand(12, string.digits)}-{rand(13, string.digits)}-{rand(24)}"
    webhook = f"T{rand(10, string.ascii_uppercase)}/B{rand(10, string.ascii_uppercase)}/{rand(24)}"
    stripe, replicate, groq = "sk_" + "live_" + rand(40), "r8_" + rand(37), "gsk_" + rand(52)
    langsmith = f"lsv2_pt_{rand(32, '0123456789abcdef')}_{rand(10, '0123456789abcdef')}"
    pinecone, legacy = "pcsk_" + rand(6) + "_" + rand(62), str(uuid.UUID(int=RNG.getrandbits(128)))
    pypi = "pypi-AgEIcHlwaS5vcmc" + rand(80, URLSAFE) + rand(2)
    key, key_id = pem(), rand(40, "0123456789abcdef")
    password = rand(18)
    kaggle, wandb = rand(32, "0123456789abcdef"), rand(40, "0123456789abcdef")
    kaggle_json = f'{{"username":"ada","key":"{kaggle}"}}'
    telegram = rand(10, string.digits) + ":AA" + rand(33, URLSAFE)
    service_role, cohere = jwt("service_role"), rand(40)
    return [
        ("github-token", "src/api.py", f'g = Github("{gh}")\n', gh),
        ("github-fine-grained-token", ".github/release.sh", f"export GH_TOKEN={fine}\n", fine),
        ("gitlab-token", "ci/deploy.yaml", f"  private_token: {gitlab}\n", gitlab),
        ("openai-api-key", "app.py", f'client = OpenAI(api_key="{openai}")\n', openai),
        ("openai-api-key", "old.py", f"openai.api_key = '{legacy_openai}'\n", legacy_openai),
        (
            "anthropic-api-key",
            "chat.js",
            f"const client = new Anthropic({{ apiKey: '{anthropic}' }});\n",
            anthropic,
        ),
        ("huggingface-token", "train.py", f'login(token="{hf}")\n', hf),
        (
            "aws-access-key-id",
            "s3.py",
            f"s3 = boto3.client('s3', aws_access_key_id='{aws_id}')\n",
            aws_id,
        ),
        ("aws-secret-access-key", "s3.py", f"aws_secret_access_key = '{aws_secret}'\n", aws_secret),
        ("google-api-key", "maps.py", f'GOOGLE_API_KEY = "{google}"\n', google),
        ("slack-token", "bot.py", f'app = App(token="{slack}")\n', slack),
        (
            "slack-webhook",
            "notify.sh",
            f"curl -X POST https://hooks.slack.com/services/{webhook} -d @msg.json\n",
            webhook,
        ),
        ("stripe-live-key", "pay.js", f"const stripe = require('stripe')('{stripe}');\n", stripe),
        ("replicate-token", ".env.local", f"REPLICATE_API_TOKEN={replicate}\n", replicate),
        ("groq-api-key", "rag.py", f'llm = ChatGroq(groq_api_key="{groq}")\n', groq),
        ("langsmith-api-key", "config.yaml", f"langchain_api_key: {langsmith}\n", langsmith),
        ("pinecone-api-key", "index.py", f'pc = Pinecone(api_key="{pinecone}")\n', pinecone),
        ("pinecone-legacy-key", "index.py", f'PINECONE_API_KEY = "{legacy}"\n', legacy),
        ("pypi-token", ".pypirc", f"[pypi]\nusername = __token__\npassword = {pypi}\n", pypi),
        ("private-key", "deploy/server.pem", key + "\n", key.splitlines()[1]),
        ("gcp-service-account", "sa.json", f'{{\n  "private_key_id": "{key_id}",\n}}\n', key_id),
        ("kaggle-api-key", "setup.py", f"!echo '{kaggle_json}' > ~/.kaggle/kaggle.json\n", kaggle),
        ("wandb-api-key", "train.py", f'wandb.login(key="{wandb}")\n', wandb),
        ("telegram-bot-token", "bot.py", f"bot = telebot.TeleBot('{telegram}')\n", telegram),
        (
            "connection-url-password",
            "db.py",
            f'engine = create_engine("postgresql://ml:{password}@db.acme-prod.net:5432/app")\n',
            password,
        ),
        (
            "supabase-service-role-key",
            "lib/db.ts",
            f"const supabase = createClient(url, '{service_role}')\n",
            service_role,
        ),
        ("ai-provider-api-key", "rag.py", f'co = cohere.Client("{cohere}")\n', cohere),
    ]


CASES = realistic_cases()


@pytest.mark.parametrize(
    ("detector", "path", "text", "secret"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES]
)
def test_every_detector_fires_on_a_realistic_line(detector, path, text, secret):
    hits = [h for h in scan_secrets(path, text) if h.detector == detector]
    assert len(hits) == 1
    hit = hits[0]
    assert hit.severity == "error"
    line = text.splitlines()[hit.line - 1]
    assert line[hit.column - 1 :].startswith(secret)


def test_every_known_shape_detector_has_a_case():
    shaped = {d.id for d in load_detectors() if d.kind != "generic"}
    assert shaped == {case[0] for case in CASES}


def test_service_account_json_reports_the_key_and_its_id():
    key_id = rand(40, "0123456789abcdef")
    text = json.dumps(
        {
            "type": "service_account",
            "project_id": "p",
            "private_key_id": key_id,
            "private_key": pem("", "\n") + "\n",
        },
        indent=2,
    )
    found = {h.detector for h in scan_secrets("keys/sa.json", text)}
    assert found == {"gcp-service-account", "private-key"}


def test_key_inside_a_notebook_cell_is_found_through_json_escaping():
    token = "hf_" + rand(34, string.ascii_letters)
    cell = {
        "cell_type": "code",
        "source": ["from huggingface_hub import login\n", f'login(token="{token}")\n'],
        "outputs": [],
    }
    text = json.dumps({"cells": [cell], "nbformat": 4}, indent=1)
    (hit,) = scan_secrets("nb.ipynb", text)
    assert hit.detector == "huggingface-token"
    assert token in text.splitlines()[hit.line - 1]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("settings.py", 'db_password = "{}"\n'),
        ("prod.env", "DB_PASSWORD={}\n"),
        ("config.yaml", "auth:\n  api_key: {}\n"),
        ("deploy.sh", "export JWT_SECRET='{}'\n"),
        ("nb.ipynb", '  "client_secret = \\"{}\\"\\n",\n'),
        ("settings.py", "SECRET_KEY = 'django-insecure-{}'\n"),
    ],
)
def test_generic_assignment_of_a_random_value_is_a_warning(path, text):
    hits = scan_secrets(path, text.format(rand(20, ALNUM + "!#%")))
    assert [h.severity for h in hits] == ["warning"]


@pytest.mark.parametrize(
    ("path", "line"),
    [
        # placeholders
        ("app.py", 'api_key = "YOUR_API_KEY"'),
        ("app.py", 'client = OpenAI(api_key="sk-proj-your-key-here-xxxxxxxxxxxxxxxx")'),
        ("app.py", 'token = "<github-token>"'),
        ("app.py", 'GITHUB_TOKEN = "ghp_' + "x" * 36 + '"'),
        ("README.md", "The AWS example key `AKIAIOSFODNN7EXAMPLE` works with moto."),
        ("README.md", 'export OPENAI_API_KEY="sk-..."'),
        ("app.py", 'password = "changeme123"'),
        # templates
        ("deploy.yaml", "  password: ${{ secrets.DB_PASSWORD }}"),
        ("values.yaml", "  api_key: {{ .Values.apiKey }}"),
        ("app.py", 'api_key = "${OPENAI_KEY_V2}"'),
        ("app.py", 'api_key = "{{openai_key_v2}}"'),
        ("run.sh", "export HF_TOKEN=$HF_TOKEN_V2"),
        ("app.py", 'url = "postgresql://app:${DB_PASSWORD}@db.acme.net/app"'),
        # environment look-ups
        ("settings.py", 'SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY_V2")'),
        ("settings.py", 'SECRET_KEY = env("django-key-2024")'),
        ("colab.py", 'api_key = userdata.get("openai-key-2024")'),
        ("app.py", 'api_key = st.secrets["OPENAI_API_KEY"]'),
        # names, paths and ML vocabulary
        ("app.py", 'api_key = "OPENAI_API_KEY"'),
        ("app.py", 'credentials_path = "secrets/credentials.json"'),
        ("app.py", 'pad_token = "<|endoftext|>"'),
        ("app.py", 'tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.1-8B")'),
        ("app.py", "outputs = model.generate(ids, max_new_tokens=256)"),
        # hashes in hash contexts
        ("poetry.lock", '{file = "x.whl", hash = "sha256:' + rand(64, "0123456789abcdef") + '"}'),
        ("app.py", 'commit_token = "' + rand(40, "0123456789abcdef") + '"  # commit id'),
        ("config.yaml", "  secret: sha256:" + rand(64, "0123456789abcdef")),
        # UUIDs outside keyed contexts
        ("nb.py", f'session_token = "{uuid.UUID(int=RNG.getrandbits(128))}"'),
        # lorem
        ("fixtures.py", 'password = "lorem-ipsum-42x"'),
        # a time, a ratio or an id pair is not a Telegram token
        ("log.txt", "1712345678:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
        ("app.py", 'chat_id = "123456789:42"'),
    ],
)
def test_lookalikes_stay_quiet(path, line):
    assert scan_secrets(path, line + "\n") == []


def test_added_diff_lines_are_scanned_like_file_lines():
    token, password = "glpat-" + rand(20), rand(16, ALNUM + "!#")
    hits = scan_secrets("prod.env", f"+GITLAB_TOKEN={token}\n+DB_PASSWORD={password}\n")
    assert [(h.line, h.severity) for h in hits] == [(1, "error"), (2, "warning")]


def test_uuid_in_a_keyed_context_is_reported():
    value = str(uuid.UUID(int=RNG.getrandbits(128)))
    assert [h.severity for h in scan_secrets("app.py", f'api_key = "{value}"\n')] == ["warning"]


def test_example_files_hold_placeholders_not_secrets():
    text = "JWT_SECRET=Jk3-q9Zx-p2Lw7\nDB_PASSWORD=Xy7#kq2!pLm\n"
    assert scan_secrets(".env.example", text) == []
    assert len(scan_secrets("config/prod.env", text)) == 2


def test_real_key_in_an_example_file_is_still_reported():
    token = "gsk_" + rand(52)
    assert [h.detector for h in scan_secrets(".env.sample", f"GROQ_API_KEY={token}\n")] == [
        "groq-api-key"
    ]


@pytest.mark.parametrize(
    "line",
    [
        "      AIRFLOW__DATABASE__SQL_ALCHEMY_CONN: postgresql+psycopg2://airflow:airflow@postgres/airflow",
        "      POSTGRES_PASSWORD: airflow123",
        "      DATABASE_URL: mysql://root:root@db:3306/app",
    ],
)
def test_compose_development_defaults_are_notes_only(line):
    hits = scan_secrets("docker-compose.yml", f"services:\n  app:\n    environment:\n{line}\n")
    assert hits and {h.severity for h in hits} == {"info"}


def test_remote_connection_url_password_is_an_error_even_in_compose():
    password = rand(18)
    line = f"      DATABASE_URL: postgresql://app:{password}@db.acme-prod.net/app"
    (hit,) = scan_secrets("docker-compose.yml", line + "\n")
    assert hit.severity == "error"


@pytest.mark.parametrize(
    ("line", "severity"),
    [
        ('requests.get("https://admin:{pw}@api.acme-prod.net/v1")', "error"),
        ('MONGO_URI = "mongodb+srv://ada:{pw}@cluster0.ab1cd.mongodb.net/db"', "error"),
        ('proxy = "http://user:pass@proxy:3128"', "info"),
        ('MONGO_URI = "mongodb+srv://<username>:<password>@cluster0.mongodb.net"', None),
        ('url = f"postgresql://{{user}}:{{password}}@{{host}}/{{db}}"', None),
        ('DATABASE_URL = "postgresql://user:password@localhost:5432/db"', None),
        ("REDIS_URL = redis://localhost:6379/0", None),
    ],
)
def test_connection_urls(line, severity):
    hits = scan_secrets("app.py", line.format(pw=rand(16)) + "\n")
    assert [h.severity for h in hits] == ([severity] if severity else [])


def test_long_jwt_like_value_is_still_a_generic_finding():
    value = "eyJ" + rand(350, URLSAFE) + "." + rand(40, URLSAFE)
    assert [h.severity for h in scan_secrets("api.py", f'access_token = "{value}"\n')] == [
        "warning"
    ]


def test_base64_image_with_a_token_shaped_run_stays_quiet():
    blob = base64.b64encode(RNG.randbytes(3000)).decode()
    shaped = blob[:1000] + "AKIA" + rand(16, "ABCDEFGHJKLMNPQRSTZ234567") + blob[1000:]
    shaped += "AIza" + rand(35, ALNUM) + blob[:500]
    output = {"output_type": "display_data", "data": {"image/png": shaped}}
    assert scan_secrets("nb.ipynb", json.dumps({"cells": [{"outputs": [output]}]})) == []


def test_lock_files_and_dvc_hashes_stay_quiet():
    lock = "".join(
        f'{{file = "p{i}.whl", hash = "sha256:{rand(64, "0123456789abcdef")}"}}\n'
        for i in range(50)
    )
    dvc = f"outs:\n- md5: {rand(32, '0123456789abcdef')}\n  path: data.csv\n"
    npm = json.dumps({"integrity": "sha512-" + rand(86, ALNUM + "+/") + "=="})
    assert scan_secrets("poetry.lock", lock) == []
    assert scan_secrets("data.csv.dvc", dvc) == []
    assert scan_secrets("package-lock.json", npm) == []


def test_hits_are_redacted_and_keyed_by_a_hash():
    for _, path, text, secret in CASES:
        for hit in scan_secrets(path, text):
            rendered = " ".join((hit.evidence, hit.message, hit.key, repr(hit)))
            assert secret not in rendered
            assert secret[len(secret) // 2 :] not in rendered
            assert len(hit.key) >= 16 and all(c in "0123456789abcdef" for c in hit.key)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("ghp_" + "a" * 36, "ghp_…(40 chars)"),
        ("short", "…(5 chars)"),
        ("AKIA" + "B" * 16, "AKIA…(20 chars)"),
    ],
)
def test_redact_shows_a_prefix_and_the_length(value, expected):
    assert redact(value) == expected


def test_line_and_column_count_from_one_across_lines():
    token = "r8_" + rand(37)
    hits = scan_secrets("a.py", f"import replicate\n\nclient = replicate.Client('{token}')\n")
    assert [(h.line, h.column) for h in hits] == [(3, 28)]


def test_same_value_twice_on_a_line_is_one_hit_and_duplicates_across_lines_are_kept():
    token = "gsk_" + rand(52)
    text = f'GROQ_API_KEY = "{token}"  # {token}\nkey = "{token}"\n'
    assert [h.line for h in scan_secrets("a.py", text)] == [1, 2]


def test_offsets_stay_aligned_when_lowercasing_changes_the_length():
    token = "gsk_" + rand(52)
    text = "İstanbul İzmir " * 40 + f'\nGROQ_API_KEY = "{token}"\n'
    assert [(h.line, h.column) for h in scan_secrets("a.py", text)] == [(2, 17)]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n" * 1000,
        "x" * 2_000_000,
        "token " * 100_000,
        "password=\n" * 1000,
        "\x00\xff\ud800 api_key",
    ],
)
def test_odd_input_does_not_crash(text):
    assert isinstance(scan_secrets("f.txt", text), list)


# --- issue 9 item 17: OpenSSH keys in every container, JWTs, command lines, login calls ------


def openssh_key() -> tuple[str, str]:
    """An OpenSSH private key block and its first body line (real keys start with long `A` runs)."""
    first = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW"
    body = [first, *(rand(70, ALNUM + "+/") for _ in range(5)), rand(12, ALNUM) + "=="]
    return (
        "-----BEGIN OPENSSH PRIVATE KEY-----\n"
        + "\n".join(body)
        + "\n-----END OPENSSH PRIVATE KEY-----\n"
    ), first


def _openssh_containers() -> list[tuple[str, str]]:
    key, _ = openssh_key()
    indented = "    " + key.replace("\n", "\n    ")
    cell = {
        "cell_type": "code",
        "outputs": [],
        "source": ["KEY = '''\n", *(line + "\n" for line in key.splitlines()), "'''\n"],
    }
    return [
        ("keys/id_ed25519", key),
        ("deploy/values.yaml", "ssh:\n  privateKey: |\n" + indented),
        ("scripts/setup.sh", f"cat > ~/.ssh/id_ed25519 <<'EOF'\n{key}EOF\nchmod 600 x\n"),
        ("ssh.py", f'KEY = """{key}"""\n'),
        ("conf.json", json.dumps({"deploy_key": key})),
        ("nb.ipynb", json.dumps({"cells": [cell], "nbformat": 4}, indent=1)),
    ]


@pytest.mark.parametrize(
    ("path", "text"),
    _openssh_containers(),
    ids=["file", "yaml-block", "heredoc", "python", "json", "notebook"],
)
def test_openssh_private_key_is_found_in_every_container(path, text):
    hits = [h for h in scan_secrets(path, text) if h.detector == "private-key"]
    assert len(hits) == 1
    assert hits[0].severity == "error"
    assert hits[0].evidence.startswith("-----BEGIN OPENSSH PRIVATE KEY----- …(")


@pytest.mark.parametrize(
    "text",
    [
        "-----BEGIN OPENSSH PRIVATE KEY-----\n...\n-----END OPENSSH PRIVATE KEY-----\n",
        "-----BEGIN OPENSSH PRIVATE KEY-----\n<your key here>\n-----END OPENSSH PRIVATE KEY-----\n",
        "-----BEGIN OPENSSH PRIVATE KEY-----\n"
        + "A" * 70
        + "\n-----END OPENSSH PRIVATE KEY-----\n",
        'if line.startswith("-----BEGIN OPENSSH PRIVATE KEY-----"):\n    kind = "openssh"\n',
    ],
)
def test_openssh_key_placeholders_stay_quiet(text):
    assert scan_secrets("docs/keys.md", text) == []


def test_supabase_service_role_jwt_is_an_error_and_the_anon_key_is_quiet():
    service, anon = jwt("service_role"), jwt("anon")
    text = f"SUPABASE_ANON_KEY={anon}\nSUPABASE_SERVICE_ROLE_KEY={service}\n"
    hits = [
        h
        for h in scan_secrets("web/.env.production", text)
        if h.detector == "supabase-service-role-key"
    ]
    assert [(h.line, h.severity) for h in hits] == [(2, "error")]


@pytest.mark.parametrize(
    "token", ["eyJhbGciOiJIUzI1NiJ9.eyJub3QganNvbg.c2lnbmF0dXJlc2lnbmF0dXJlcw", "eyJ" + "x" * 5000]
)
def test_malformed_jwts_stay_quiet(token):
    assert not [
        h
        for h in scan_secrets("a.py", f'T = "{token}"\n')
        if h.detector == "supabase-service-role-key"
    ]


def command_line_cases() -> list[tuple[str, str, str]]:
    docker, mysql, curl, wget, smtp = rand(16), rand(12), rand(20), rand(14), rand(14)
    aws = rand(40, ALNUM + "/+")
    return [
        (
            ".github/workflows/push.yml",
            f"      - run: docker login -u ada -p {docker} ghcr.io\n",
            docker,
        ),
        ("scripts/backup.sh", f"mysqldump -u root -p{mysql} shop > shop.sql\n", mysql),
        ("README.md", f"curl -u ada:{curl} https://api.example.org/v1/models\n", curl),
        ("fetch.sh", f"wget --user=ada --password={wget} https://example.org/d.zip\n", wget),
        ("mail.py", f'server.login("ada@example.org", "{smtp}")\n', smtp),
        ("setup.sh", f"aws configure set aws_secret_access_key {aws}\n", aws),
    ]


@pytest.mark.parametrize(
    ("path", "text", "secret"),
    command_line_cases(),
    ids=["docker-login", "mysql-p", "curl-u", "wget", "smtp-login", "aws-set"],
)
def test_credentials_passed_positionally_are_reported(path, text, secret):
    hits = scan_secrets(path, text)
    assert len(hits) == 1
    assert text[hits[0].column - 1 :].startswith(secret)
    assert hits[0].severity in ("error", "warning")


@pytest.mark.parametrize(
    "line",
    [
        "docker login -u ada -p $DOCKER_PASSWORD ghcr.io",
        "docker login -u ada -p ${{ secrets.DOCKER_PASSWORD }} ghcr.io",
        'echo "$PW" | docker login -u ada --password-stdin ghcr.io',
        "docker login -u ada -p <password> ghcr.io",
        "mysql -u root -p shop",
        "mysql -u root -pchangeme shop",
        "mysql -u root -p$MYSQL_ROOT_PASSWORD shop",
        "curl -u user:password https://localhost:8080",
        "curl -u $USER:$TOKEN https://api.example.org",
        "curl -u ada:${API_TOKEN} https://api.example.org",
        'server.login(user, os.environ["SMTP_PASSWORD"])',
        "server.login(user, password)",
        'server.login("ada", "<app password>")',
        "aws configure set aws_secret_access_key $AWS_SECRET_ACCESS_KEY",
    ],
)
def test_command_line_placeholders_and_lookups_stay_quiet(line):
    assert scan_secrets("deploy.sh", line + "\n") == []


@pytest.mark.parametrize(
    ("line", "provider"),
    [
        ('co = cohere.Client("{}")', "Cohere"),
        ('co = cohere.ClientV2(api_key="{}")', "Cohere"),
        ("CO_API_KEY={}", "Cohere"),
        ('MISTRAL_API_KEY = "{}"', "Mistral"),
        ("together_api_key: {}", "Together AI"),
    ],
)
def test_provider_keys_known_only_by_context(line, provider):
    value = rand(40)
    (hit,) = scan_secrets("app.py" if "(" in line else "settings.env", line.format(value) + "\n")
    assert (hit.detector, hit.severity, hit.message) == (
        "ai-provider-api-key",
        "error",
        f"{provider} API key",
    )


@pytest.mark.parametrize(
    "line",
    [
        'co = cohere.Client(os.environ["CO_API_KEY"])',
        'co = cohere.Client("<your cohere api key>")',
        "CO_API_KEY=" + "x" * 40,
        'MISTRAL_MODEL = "mistral-large-latest"',
        "cohere_key_length = 40",
    ],
)
def test_provider_context_lookalikes_stay_quiet(line):
    assert scan_secrets("app.env", line + "\n") == []


# --- issue 9 item 18a: an S3-compatible login is not an AWS key ---------------------------------


@pytest.mark.parametrize(
    ("key_id", "severity"),
    [
        ("minioadmin", "warning"),
        ("AKIA" + "QWERTYUIOPASDFGH", "error"),
        (None, "error"),
    ],
)
def test_aws_secret_severity_follows_its_paired_key_id(key_id, severity):
    secret = rand(40, ALNUM + "/+")
    pair = f"AWS_ACCESS_KEY_ID={key_id}\n" if key_id else ""
    text = f"AWS_ENDPOINT_URL=http://localhost:9000\n{pair}AWS_SECRET_ACCESS_KEY={secret}\n"
    (hit,) = [
        h for h in scan_secrets("infra/minio.env", text) if h.detector == "aws-secret-access-key"
    ]
    assert hit.severity == severity
    assert hit.message.startswith("AWS secret") == (severity == "error")


# --- issue 9 item 13: every pattern runs in linear time ------------------------------------------


def _adversarial_inputs(keyword: str) -> dict[str, object]:
    """Runs of each alphabet a pattern loops on, with a tail that makes the match fail."""
    return {
        "letters": lambda n: keyword + "A" * n + "!",
        "spaces": lambda n: keyword + " " * n + "!",
        "assignments": lambda n: (keyword + "=") * (n // (len(keyword) + 1)),
        "equals-spaces": lambda n: keyword + ":" + " = " * (n // 3),
        "repeated-keyword": lambda n: keyword * (n // len(keyword)),
        "quotes": lambda n: (keyword + "='") * (n // (len(keyword) + 2)),
        "dashes": lambda n: keyword + "-" * n,
        "digits": lambda n: keyword + "1" * n + "-",
        "pem-header": lambda n: "-----BEGIN PRIVATE KEY-----\nComment:" + " " * n + "!",
        "pem-escapes": lambda n: "-----BEGIN PRIVATE KEY-----" + "\\n" * (n // 2) + "!",
        "url-colons": lambda n: "https://u:" + ":" * n,
        "jwt-run": lambda n: "eyJ" * (n // 3) + ".",
        "login-args": lambda n: "docker login" + " -p" * (n // 3),
    }


def _best_time(pattern, text: str) -> float:
    import time

    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _match in pattern.finditer(text):
            pass
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("detector", load_detectors(), ids=lambda d: d.id)
def test_every_pattern_runs_in_linear_time(detector):
    small = 2_000
    for name, make in _adversarial_inputs(detector.keywords[0]).items():
        short, long = (
            _best_time(detector.pattern, make(small)),
            _best_time(detector.pattern, make(4 * small)),
        )
        # Linear: 4x the input, about 4x the time. Quadratic would be 16x. Tiny times are noise.
        assert long < max(10 * short, 0.02), (name, short, long)


def test_a_crafted_megabyte_file_scans_quickly():
    import time

    text = ("-----BEGIN PRIVATE KEY-----\nComment:" + " " * 2000 + "!\n") * 400
    start = time.perf_counter()
    scan_secrets("key.pem", text)
    assert time.perf_counter() - start < 5.0


def test_camel_case_password_on_a_command_line_is_not_taken_for_a_name():
    (hit,) = scan_secrets("deploy.sh", "docker login -u ada -p fQbuQst0kOp1Ct ghcr.io\n")
    assert hit.detector == "command-line-password"
    # In an assignment a camelCase value is a name (a setting read elsewhere), as before.
    assert scan_secrets("app.yaml", "password: dbPasswordSetting\n") == []


# --- issue 9 item 5: redact_text, the pass every quoted text goes through ------------------------

GH = "ghp_" + "Qz8vLm3NpR7sTw2YkH5jXc4Bn6Df1Ga9Ke0W"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            f"privatelib @ git+https://ada:{GH}@github.com/a/b.git",
            "git+https://ada:ghp_…(40 chars)@",
        ),
        (f"pip install git+https://{GH}@github.com/a/b", "https://ghp_…(40 chars)@github.com"),
        (f"/Users/ada/{GH}/train.csv", "/Users/ada/ghp_…(40 chars)/train.csv"),
        (
            f"`python run_{GH}.py` needs run_{GH[:30]}",
            "run_ghp_…(40 chars).py` needs run_ghp_…(30 chars)",
        ),
        (f"data-{GH}.csv", "data-ghp_…(40 chars).csv"),
        (f"Update {GH[:36]}", "Update ghp_…(36 chars)"),
        (
            f"it runs `git clone https://x-access-token:{GH[:20]}...`",
            "x-access-token:ghp_…(20 chars)...",
        ),
        (
            "curl https://api.example.org/v1?access_token=Zq81kLmQ9pRtYu2W&page=2",
            "access_token=Zq81…(16 chars)&page=2",
        ),
        ("it runs `export DB_PASSWORD=Xyz123abc`", "DB_PASSWORD=…(9 chars)`"),
        ("it runs `mysql -u root -pXyz123abc9 shop`", "-pXy…(10 chars)"),
        ("postgresql://ml:S3cr3tPassw0rdX@db.acme.net/app", "ml:S3…(15 chars)@db.acme.net"),
    ],
)
def test_redact_text_hides_every_secret_shape_a_message_can_quote(text, expected):
    redacted = redact_text(text)
    assert expected in redacted
    assert redact_text(redacted) == redacted  # idempotent


@pytest.mark.parametrize(
    "text",
    [
        "max_new_tokens=256",
        "password: required",
        "token: 3 of 10",
        "PASSWORD=${DB_PASSWORD}",
        "password=os.environ['DB_PASSWORD']",
        "api_key: YOUR_API_KEY",
        "https://user:${TOKEN}@host/x",
        "see https://github.com/acme/repo/blob/main/README.md",
        "uses hf_hub_download and 3 more...",
        "Absolute path (home) exists only on the author's machine: /home/ada/data/train.csv",
        "GitHub token: ghp_…(40 chars)",
        "https://ada:ghp_…(40 chars)@…",
    ],
)
def test_redact_text_leaves_ordinary_text_alone(text):
    assert redact_text(text) == text


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "password=" * (n // 9),
        lambda n: "https://" + "u:" * (n // 2),
        lambda n: "ghp_" + "A" * n + "...",
        lambda n: "?token=" * (n // 7),
        lambda n: "x" * n + "…",
        lambda n: "://" + ":" * n + "@",
    ],
)
def test_redact_text_runs_in_linear_time(make):
    import time

    def best(text: str) -> float:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            redact_text(text)
            times.append(time.perf_counter() - start)
        return min(times)

    short, long = best(make(5_000)), best(make(20_000))
    assert long < max(10 * short, 0.05), (short, long)


@pytest.mark.parametrize(
    ("line", "detector"),
    [
        ('llm = Mistral(api_key="{}")', "ai-provider-api-key"),
        ('emb = CohereEmbeddings(cohere_api_key="{}")', "ai-provider-api-key"),
        ("PGPASSWORD={} psql -h db.example.org -U app", "command-env-password"),
        ("MYSQL_PWD={} mysqldump shop > shop.sql", "command-env-password"),
        ('curl -H "Authorization: Bearer {}" https://api.example.org', "authorization-header"),
        ('headers = {{"Authorization": "token {}"}}', "authorization-header"),
    ],
)
def test_more_credentials_known_by_their_command_or_call(line, detector):
    value = rand(40)
    (hit,) = scan_secrets("run.py", line.format(value) + "\n")
    assert hit.detector == detector
    assert hit.evidence == redact(value)


@pytest.mark.parametrize(
    "line",
    [
        "GITHUB_TOKEN=$TOKEN gh release create v1",
        "PGPASSWORD=changeme psql -h localhost",
        "PGPASSWORD=${{ secrets.PG }} psql -h db",
        'headers = {"Authorization": f"Bearer {token}"}',
        'curl -H "Authorization: Bearer $API_TOKEN" https://api.example.org',
        "Authorization: Bearer <token>",
        'llm = Mistral("mistral-large-latest")',
    ],
)
def test_more_lookalikes_stay_quiet(line):
    assert scan_secrets("run.sh", line + "\n") == []
