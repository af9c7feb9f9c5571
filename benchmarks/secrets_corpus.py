"""A labelled secrets corpus, generated at run time: real-shaped secrets and hard look-alikes.

No token literal is stored here: every secret is assembled from a seeded random generator, so
neither GitHub push protection nor our own scanner sees one in the source.
"""

from __future__ import annotations

import base64
import json
import random
import string
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ALNUM = string.ascii_letters + string.digits
URLSAFE = ALNUM + "_-"
UPPER32 = string.ascii_uppercase + "234567"
HEX = "0123456789abcdef"
B64 = ALNUM + "+/"


def rand(rng: random.Random, size: int, alphabet: str = ALNUM) -> str:
    """`size` characters drawn from `alphabet`."""
    return "".join(rng.choice(alphabet) for _ in range(size))


def pem_block(rng: random.Random, kind: str = "RSA ", lines: int = 12, sep: str = "\n") -> str:
    """A PEM private key block with a random body."""
    body = sep.join(rand(rng, 64, B64) for _ in range(lines))
    return f"-----BEGIN {kind}PRIVATE KEY-----{sep}{body}{sep}-----END {kind}PRIVATE KEY-----"


# Detector id → a value of its shape. Context-bound detectors give the whole assignment.
TOKENS: dict[str, Callable[[random.Random], str]] = {
    "github-token": lambda r: "ghp_" + rand(r, 36),
    "github-fine-grained-token": lambda r: "github_pat_" + rand(r, 22) + "_" + rand(r, 59),
    "gitlab-token": lambda r: "glpat-" + rand(r, 20),
    "openai-api-key": lambda r: "sk-proj-" + rand(r, 120, URLSAFE) + rand(r, 4),
    "anthropic-api-key": lambda r: "sk-ant-api03-" + rand(r, 93, URLSAFE) + "AA",
    "huggingface-token": lambda r: "hf_" + rand(r, 34, string.ascii_letters),
    "aws-access-key-id": lambda r: "AKIA" + rand(r, 16, UPPER32),
    "google-api-key": lambda r: "AIza" + rand(r, 35, URLSAFE),
    "slack-token": lambda r: (
        f"xoxb-{rand(r, 12, string.digits)}-{rand(r, 13, string.digits)}-" + rand(r, 24)
    ),
    "slack-webhook": lambda r: (
        "https://hooks.slack.com/services/T"
        + rand(r, 10, UPPER32)
        + "/B"
        + rand(r, 10, UPPER32)
        + "/"
        + rand(r, 24)
    ),
    "stripe-live-key": lambda r: "sk_" + "live_" + rand(r, 99),
    "replicate-token": lambda r: "r8_" + rand(r, 37),
    "groq-api-key": lambda r: "gsk_" + rand(r, 52),
    "langsmith-api-key": lambda r: "lsv2_pt_" + rand(r, 32, HEX) + "_" + rand(r, 10, HEX),
    "pinecone-api-key": lambda r: "pcsk_" + rand(r, 6) + "_" + rand(r, 62),
    "pypi-token": lambda r: "pypi-AgEIcHlwaS5vcmc" + rand(r, 120, URLSAFE) + rand(r, 2),
}

# Detector id → a realistic line holding a value of that shape (for values with no prefix).
KEYED: dict[str, Callable[[random.Random], tuple[str, str]]] = {
    "aws-secret-access-key": lambda r: (v := rand(r, 40, B64), f'aws_secret_access_key = "{v}"'),
    "pinecone-legacy-key": lambda r: (
        v := str(uuid.UUID(int=r.getrandbits(128), version=4)),
        f'PINECONE_API_KEY = "{v}"',
    ),
    "gcp-service-account": lambda r: (v := rand(r, 40, HEX), f'  "private_key_id": "{v}",'),
    "connection-url-password": lambda r: (
        v := rand(r, 18),
        f'DATABASE_URL = "postgresql://ml_app:{v}@db-{rand(r, 6).lower()}'
        '.eu-west-1.rds.amazonaws.com:5432/features"',
    ),
    "kaggle-api-key": lambda r: (
        v := rand(r, 32, HEX),
        f'!echo \'{{"username":"ada","key":"{v}"}}\' > ~/.kaggle/kaggle.json',
    ),
    "wandb-api-key": lambda r: (v := rand(r, 40, HEX), f'wandb.login(key="{v}")'),
    "generic-password": lambda r: (v := rand(r, 16, ALNUM + "!#%"), f'db_password = "{v}"'),
    "generic-django": lambda r: (
        v := "django-insecure-" + rand(r, 40, ALNUM + "!@^&(-_=+)"),
        f"SECRET_KEY = '{v}'",
    ),
    "generic-token": lambda r: (v := rand(r, 32, HEX + "ABCDEF"), f'WANDB_API_KEY = "{v}"'),
}

ENV_NAMES = {
    "github-token": "GITHUB_TOKEN",
    "github-fine-grained-token": "GH_PAT",
    "gitlab-token": "GITLAB_TOKEN",
    "openai-api-key": "OPENAI_API_KEY",
    "anthropic-api-key": "ANTHROPIC_API_KEY",
    "huggingface-token": "HF_TOKEN",
    "aws-access-key-id": "AWS_ACCESS_KEY_ID",
    "google-api-key": "GOOGLE_API_KEY",
    "slack-token": "SLACK_BOT_TOKEN",
    "slack-webhook": "SLACK_WEBHOOK_URL",
    "stripe-live-key": "STRIPE_KEY",
    "replicate-token": "REPLICATE_API_TOKEN",
    "groq-api-key": "GROQ_API_KEY",
    "langsmith-api-key": "LANGCHAIN_API_KEY",
    "pinecone-api-key": "PINECONE_API_KEY",
    "pypi-token": "TWINE_PASSWORD",
}
CONTEXTS = ("python", "notebook", "env", "yaml", "shell", "js")

FILLER_PY = (
    "import numpy as np",
    "import pandas as pd",
    "from sklearn.model_selection import train_test_split",
    "df = pd.read_csv(DATA_DIR / 'train.csv')",
    "X_train, X_test, y_train, y_test = train_test_split(X, y)",
    "model.fit(X_train, y_train, epochs=10, batch_size=32)",
    "tokenizer = AutoTokenizer.from_pretrained('bert-base-uncased')",
    "outputs = model.generate(input_ids, max_new_tokens=256, pad_token_id=tokenizer.eos_token_id)",
    "loss = criterion(logits.view(-1, num_labels), labels.view(-1))",
    "print(f'accuracy: {acc:.3f}')",
    "def preprocess(text: str) -> str:",
    "    return text.strip().lower()",
    "",
    "for epoch in range(num_epochs):",
    "    optimizer.zero_grad()",
    "    scheduler.step()",
    "mlflow.log_metric('val_loss', val_loss, step=epoch)",
    "plt.savefig('figures/confusion.png')",
    "embeddings = np.load('artifacts/embeddings.npy')",
    "# TODO: tune the learning rate",
    "retriever = vectorstore.as_retriever(search_kwargs={'k': 4})",
    "token_count = len(tokens)",
)
LOOKALIKES: dict[str, tuple[str, ...]] = {
    "python": (
        'openai.api_key = os.environ["OPENAI_API_KEY"]',
        'api_key = os.getenv("GROQ_API_KEY")',
        'HF_TOKEN = os.environ.get("HF_TOKEN", "")',
        'client = OpenAI(api_key="sk-...")',
        'api_key = "YOUR_API_KEY"',
        'token = "<your-github-token>"',
        'password = "changeme"',
        'GITHUB_TOKEN = "ghp_' + "x" * 36 + '"',
        'SECRET_KEY = env("DJANGO_SECRET_KEY")',
        'db_password = getpass.getpass("Database password: ")',
        'api_key = st.secrets["OPENAI_API_KEY"]',
        'secret = userdata.get("HF_TOKEN")',
        'pad_token = "<|endoftext|>"',
        'eos_token = "</s>"',
        'password = "{{ db_password }}"',
        'aws_key = "AKIAIOSFODNN7EXAMPLE"',
        'api_key = "OPENAI_API_KEY"',
        'credentials_path = "secrets/credentials.json"',
        'token_file = "~/.cache/huggingface/token"',
        'password = "${POSTGRES_PASSWORD}"',
        'text = "Lorem ipsum dolor sit amet, consectetur adipiscing elit"',
    ),
    "js": (
        "const apiKey = process.env.OPENAI_API_KEY;",
        "const token = 'YOUR_TOKEN_HERE';",
        "const secret = `${process.env.JWT_SECRET}`;",
        "fetch(url, { headers: { Authorization: `Bearer ${token}` } });",
    ),
    "shell": (
        'export OPENAI_API_KEY="${OPENAI_API_KEY:?set it first}"',
        "export HF_TOKEN=$HF_TOKEN",
        'curl -H "Authorization: token $GITHUB_TOKEN" https://api.github.com/user',
        "pip install --require-hashes -r requirements.txt",
    ),
    "yaml": (
        "  password: ${{ secrets.DB_PASSWORD }}",
        "  api_key: {{ .Values.apiKey }}",
        "  token: <insert token>",
        "      GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}",
    ),
    "env": (
        "OPENAI_API_KEY=your_openai_api_key_here",
        "HF_TOKEN=",
        "DB_PASSWORD=changeme",
        "SECRET_KEY=<generate-one>",
    ),
}


@dataclass
class Corpus:
    """Files written below `root` and the labelled secret units in them."""

    root: Path
    rng: random.Random
    units: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    labels: dict[str, list[frozenset[int]]] = field(default_factory=dict)

    def write(self, path: str, text: str, secrets: Sequence[tuple[str, ...]] = ()) -> None:
        """Write a file and label the lines holding each secret (a unit of one or more needles)."""
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        lines = text.splitlines()
        for needles in secrets:
            found = frozenset(
                number for number, line in enumerate(lines, 1) if any(x in line for x in needles)
            )
            assert found, f"secret not written to {path}"
            self.labels.setdefault(path, []).append(found)

    def filler(self, count: int) -> list[str]:
        return [self.rng.choice(FILLER_PY) for _ in range(count)]

    def lookalikes(self, context: str, count: int) -> list[str]:
        pool = LOOKALIKES.get(context, LOOKALIKES["python"])
        return [self.rng.choice(pool) for _ in range(count)]


def secret_line(context: str, name: str, value: str) -> str:
    """`value` assigned to `name` the way a file of `context` would hold it."""
    return {
        "python": f'{name} = "{value}"',
        "notebook": f'{name.lower()} = "{value}"',
        "env": f"{name}={value}",
        "yaml": f"  {name.lower()}: {value}",
        "shell": f'export {name}="{value}"',
        "js": f"const {name.lower()} = '{value}';",
    }[context]


def notebook(cells: list[list[str]], rng: random.Random, image_bytes: int) -> str:
    """An nbformat 4 notebook (indent 1, one source line per JSON line) with a PNG output."""
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + rng.randbytes(image_bytes)).decode()
    nb_cells = []
    for source in cells:
        nb_cells.append(
            {
                "cell_type": "code",
                "execution_count": 1,
                "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "metadata": {},
                "source": [line + "\n" for line in source],
                "outputs": [
                    {
                        "output_type": "display_data",
                        "metadata": {},
                        "data": {"image/png": png, "text/plain": ["<Figure size 640x480>"]},
                    }
                ],
            }
        )
    meta = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    return json.dumps(
        {"cells": nb_cells, "metadata": meta, "nbformat": 4, "nbformat_minor": 5}, indent=1
    )


def generate(root: Path, seed: int = 7, scale: int = 1) -> dict[str, list[frozenset[int]]]:
    """Write the corpus below `root`; returns path → labelled secret units (sets of lines)."""
    corpus = Corpus(root, random.Random(seed))
    for _ in range(scale):
        _positives(corpus)
        _generic(corpus)
        _negatives(corpus)
        _issue9_kinds(corpus)
        _issue9_negatives(corpus)
    return corpus.labels


EXTENSIONS = {
    "python": ".py",
    "notebook": ".ipynb",
    "env": ".env",
    "yaml": ".yaml",
    "shell": ".sh",
    "js": ".js",
}


def _place(
    corpus: Corpus, context: str, stem: str, lines: list[str], needles: list[tuple[str, ...]]
) -> None:
    rng = corpus.rng
    body = corpus.filler(rng.randint(40, 160)) if context in ("python", "notebook") else []
    body += corpus.lookalikes(context, 4)
    for line in lines:
        body.insert(rng.randint(0, len(body)), line)
    suffix = EXTENSIONS[context]
    path = f"{stem}_{rng.randrange(10**6)}{suffix}"
    if context == "notebook":
        chunks = [body[i : i + 12] for i in range(0, len(body), 12)]
        corpus.write(path, notebook(chunks, rng, rng.randint(2000, 20000)), needles)
    else:
        corpus.write(path, "\n".join(body) + "\n", needles)


def _positives(corpus: Corpus) -> None:
    rng = corpus.rng
    for detector, make in TOKENS.items():
        for context in CONTEXTS:
            value = make(rng)
            line = secret_line(context, ENV_NAMES[detector], value)
            _place(corpus, context, f"src/{detector}", [line], [(value,)])
    for detector, keyed in KEYED.items():
        for context in ("python", "notebook"):
            value, line = keyed(rng)
            _place(corpus, context, f"app/{detector}", [line], [(value,)])
    for index in range(3):
        block = pem_block(rng, rng.choice(("RSA ", "", "OPENSSH ", "EC ")))
        corpus.write(f"deploy/server{index}.pem", block + "\n", [tuple(block.splitlines())])
        key_id, escaped = rand(rng, 40, HEX), pem_block(rng, "", 26, "\\n")
        account = (
            '{\n  "type": "service_account",\n  "project_id": "churn-ml",\n'
            f'  "private_key_id": "{key_id}",\n  "private_key": "{escaped}\\n",\n'
            '  "client_email": "trainer@churn-ml.iam.gserviceaccount.com"\n}\n'
        )
        corpus.write(f"keys/sa-{index}.json", account, [(key_id, escaped[40:80])])


def _generic(corpus: Corpus) -> None:
    rng = corpus.rng
    for index in range(8):
        value = rand(rng, rng.randint(12, 24), ALNUM + "!#%")
        corpus.write(
            f"config/prod{index}.env",
            f"DEBUG=false\nDB_HOST=db.internal\nDB_PASSWORD={value}\nLOG_LEVEL=info\n",
            [(value,)],
        )
        value = rand(rng, 32, ALNUM)
        corpus.write(
            f"config/service{index}.yaml",
            f"service:\n  name: scorer\n  port: 8080\n  auth:\n    api_key: {value}\n",
            [(value,)],
        )


def _negatives(corpus: Corpus) -> None:
    rng = corpus.rng
    hex64 = lambda: rand(rng, 64, HEX)  # noqa: E731
    packages = [f"pkg{rand(rng, 5).lower()}" for _ in range(120)]
    corpus.write(
        "poetry.lock",
        "".join(
            f'[[package]]\nname = "{p}"\nversion = "1.{i}.0"\nfiles = [\n'
            f'    {{file = "{p}-1.{i}.0-py3-none-any.whl", hash = "sha256:{hex64()}"}},\n'
            f'    {{file = "{p}-1.{i}.0.tar.gz", hash = "sha256:{hex64()}"}},\n]\n\n'
            for i, p in enumerate(packages)
        ),
    )
    corpus.write(
        "uv.lock",
        "".join(
            f'[[package]]\nname = "{p}"\nsdist = {{ url = "https://files.pythonhosted.org/{p}.tar.gz",'
            f' hash = "sha256:{hex64()}", size = {rng.randint(1000, 99999)} }}\n\n'
            for p in packages
        ),
    )
    corpus.write(
        "web/package-lock.json",
        json.dumps(
            {
                "packages": {
                    f"node_modules/{p}": {
                        "version": "2.0.1",
                        "resolved": f"https://registry.npmjs.org/{p}",
                        "integrity": "sha512-" + rand(rng, 86, B64) + "==",
                    }
                    for p in packages
                }
            },
            indent=2,
        ),
    )
    corpus.write(
        "Pipfile.lock",
        json.dumps(
            {
                "default": {
                    p: {"hashes": [f"sha256:{hex64()}", f"sha256:{hex64()}"], "version": "==1.0"}
                    for p in packages
                }
            },
            indent=4,
        ),
    )
    corpus.write(
        "requirements.txt",
        "".join(f"{p}==1.0.0 \\\n    --hash=sha256:{hex64()}\n" for p in packages[:40]),
    )
    for index in range(5):
        corpus.write(
            f"data/raw{index}.csv.dvc",
            f"outs:\n- md5: {rand(rng, 32, HEX)}\n"
            f"  size: {rng.randint(10**5, 10**8)}\n  path: raw{index}.csv\n",
        )
    corpus.write(
        "dvc.lock",
        "".join(
            f"  train{i}:\n    cmd: python train.py\n    deps:\n    - path: data/raw.csv\n"
            f"      md5: {rand(rng, 32, HEX)}\n"
            for i in range(30)
        ),
    )
    corpus.write(
        ".pre-commit-config.yaml",
        "repos:\n- repo: https://github.com/psf/black\n"
        f"  rev: {rand(rng, 40, HEX)}\n  hooks:\n  - id: black\n",
    )
    corpus.write(
        "docker-compose.yml",
        (
            "services:\n  postgres:\n    image: postgres:15\n    environment:\n"
            "      POSTGRES_USER: airflow\n      POSTGRES_PASSWORD: airflow\n"
            "      POSTGRES_DB: airflow\n"
            "  airflow:\n    environment:\n"
            "      AIRFLOW__DATABASE__SQL_ALCHEMY_CONN: postgresql+psycopg2://airflow:airflow@postgres/airflow\n"
            "      AIRFLOW__CELERY__BROKER_URL: redis://:redis@redis:6379/0\n"
            "      _AIRFLOW_WWW_USER_PASSWORD: airflow\n  minio:\n    environment:\n"
            "      MINIO_ROOT_PASSWORD: minioadmin\n      MLFLOW_TRACKING_URI: http://mlflow:5000\n"
            "  db:\n    environment:\n      MYSQL_ROOT_PASSWORD: root\n"
            "      DATABASE_URL: mysql://root:root@db:3306/app\n"
        ),
    )
    corpus.write(
        ".env.example",
        "OPENAI_API_KEY=your_openai_api_key_here\nHF_TOKEN=\n"
        "PINECONE_API_KEY=<your-pinecone-key>\nDATABASE_URL=postgresql://user:password@localhost:5432/db\n"
        "SECRET_KEY=change-me-in-production\n",
    )
    corpus.write(
        "README.md",
        (
            '# RAG demo\n\n## Setup\n\n```bash\nexport OPENAI_API_KEY="sk-..."\n'
            "echo 'GROQ_API_KEY=gsk_your_key_here' >> .env\n```\n\n"
            "Set `HF_TOKEN` to your Hugging Face token (it starts with `hf_`).\n"
            "The AWS example key `AKIAIOSFODNN7EXAMPLE` is from the AWS docs.\n"
            "Use `Authorization: Bearer <token>` in requests.\n"
        ),
    )
    for index in range(5):
        corpus.write(
            f"tests/test_auth{index}.py",
            (
                "import pytest\n\n\ndef test_login(client):\n"
                '    password = "test-password-123"\n    token = "fake-token-for-tests"\n'
                '    api_key = "dummy_api_key"\n    assert client.login("ada", password)\n\n\n'
                "def test_hash():\n"
                f'    commit_sha = "{rand(rng, 40, HEX)}"\n'
                f'    assert sha256(b"x").hexdigest() == "{hex64()}"\n'
            ),
        )
    for index in range(12):
        cells = [
            [
                *corpus.filler(10),
                f'run_id = "{uuid.UUID(int=rng.getrandbits(128), version=4)}"',
                f'experiment_id = "{uuid.UUID(int=rng.getrandbits(128), version=4)}"',
                f"# commit {rand(rng, 40, HEX)}",
                *corpus.lookalikes("python", 3),
            ]
            for _ in range(4)
        ]
        corpus.write(f"notebooks/eda{index}.ipynb", notebook(cells, rng, rng.randint(20000, 60000)))
    lorem = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. " * 30
    corpus.write("docs/about.md", lorem + "\n")
    corpus.write(
        "app/settings.py",
        "\n".join(
            [
                "import os",
                'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]',
                'DATABASES = {"default": {"PASSWORD": os.getenv("DB_PASSWORD")}}',
                f'MODEL_SHA256 = "{hex64()}"',
                f'GIT_COMMIT = "{rand(rng, 40, HEX)}"',
                'TOKENIZER = "meta-llama/Llama-3.1-8B-Instruct"',
                'API_KEY_HEADER = "X-API-Key"',
                'PASSWORD_RESET_URL = "/accounts/password/reset/"',
            ]
        )
        + "\n",
    )


# --- kinds added for issue 9: keys in containers, service-role JWTs, context-only provider keys,
# credentials on command lines and in login calls; each with look-alikes that must stay quiet.


def openssh_block(rng: random.Random) -> str:
    """An OpenSSH private key: a fixed header of `A` runs, then random base64 lines."""
    head = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW"
    lines = [head, *(rand(rng, 70, B64) for _ in range(6)), rand(rng, 20, ALNUM) + "=="]
    body = "\n".join(lines)
    return f"-----BEGIN OPENSSH PRIVATE KEY-----\n{body}\n-----END OPENSSH PRIVATE KEY-----"


def jwt(rng: random.Random, role: str) -> str:
    """A Supabase-style HS256 JWT whose payload claims `role`."""

    def part(claims: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")

    claims = {
        "iss": "supabase",
        "ref": rand(rng, 20).lower(),
        "role": role,
        "iat": 1_700_000_000 + rng.randrange(10**6),
        "exp": 2_000_000_000,
    }
    return f"{part({'alg': 'HS256', 'typ': 'JWT'})}.{part(claims)}.{rand(rng, 43, URLSAFE)}"


def _key_containers(corpus: Corpus, index: int) -> None:
    rng = corpus.rng
    key = openssh_block(rng)
    lines = key.splitlines()
    indented = "\n".join("    " + line for line in lines)
    corpus.write(
        f"deploy/values{index}.yaml",
        f"replicas: 2\nssh:\n  deployKey: |\n{indented}\n",
        [(lines[1],)],
    )
    key = openssh_block(rng)
    corpus.write(
        f"scripts/provision{index}.sh",
        "set -e\nmkdir -p ~/.ssh\n"
        f"cat > ~/.ssh/id_ed25519 <<'EOF'\n{key}\nEOF\nchmod 600 ~/.ssh/id_ed25519\n",
        [(key.splitlines()[1],)],
    )
    key = openssh_block(rng)
    cells = [[*corpus.filler(6), 'DEPLOY_KEY = """', *key.splitlines(), '"""']]
    corpus.write(
        f"notebooks/deploy{index}.ipynb", notebook(cells, rng, 4000), [(key.splitlines()[1],)]
    )


def _command_lines(rng: random.Random) -> list[tuple[str, str]]:
    """(line, secret) pairs: credentials passed positionally to a command or a login call."""
    values = [rand(rng, rng.randint(12, 20), ALNUM) for _ in range(6)]
    aws = rand(rng, 40, B64)
    return [
        (f"docker login -u ci-bot -p {values[0]} registry.gitlab.com", values[0]),
        (f"mysqldump -u root -p{values[1]} features > backup.sql", values[1]),
        (f"curl -u admin:{values[2]} https://search.internal.example.org/_cat/indices", values[2]),
        (f"aws configure set aws_secret_access_key {aws}", aws),
        (f'server.login("reports@example.org", "{values[3]}")', values[3]),
        (f"wget --user=ada --password={values[4]} https://files.example.org/raw.zip", values[4]),
        (f"PGPASSWORD={values[5]} psql -h db.example.org -U app -c 'select 1'", values[5]),
        (f'curl -H "Authorization: Bearer {aws[:32]}" https://api.example.org/v1', aws[:32]),
    ]


def _issue9_kinds(corpus: Corpus) -> None:
    rng = corpus.rng
    for index in range(3):
        _key_containers(corpus, index)
    for index in range(4):
        service = jwt(rng, "service_role")
        corpus.write(
            f"web/lib/supabase{index}.ts",
            "import { createClient } from '@supabase/supabase-js'\n"
            f"const url = 'https://{rand(rng, 20).lower()}.supabase.co'\n"
            f"export const admin = createClient(url, '{service}')\n",
            [(service,)],
        )
    for index in range(4):
        cohere, mistral, co_env = rand(rng, 40), rand(rng, 32), rand(rng, 40)
        _place(
            corpus,
            "python",
            f"rag/providers{index}",
            [
                f'co = cohere.Client("{cohere}")',
                f'MISTRAL_API_KEY = "{mistral}"',
            ],
            [(cohere,), (mistral,)],
        )
        corpus.write(
            f"config/providers{index}.env", f"CO_API_KEY={co_env}\nLOG_LEVEL=info\n", [(co_env,)]
        )
    for index in range(3):
        pairs = _command_lines(rng)
        body = ["#!/usr/bin/env bash", "set -euo pipefail", *(line for line, _ in pairs[:4])]
        corpus.write(
            f"ops/deploy{index}.sh", "\n".join(body) + "\n", [(secret,) for _, secret in pairs[:4]]
        )
        _place(corpus, "python", f"ops/notify{index}", [pairs[4][0]], [(pairs[4][1],)])
        corpus.write(
            f"ops/fetch{index}.sh",
            "\n".join(line for line, _ in pairs[5:]) + "\n",
            [(secret,) for _, secret in pairs[5:]],
        )


ISSUE9_LOOKALIKES = (
    "docker login -u ci-bot -p $CI_REGISTRY_PASSWORD $CI_REGISTRY",
    "docker login -u ${{ github.actor }} -p ${{ secrets.GITHUB_TOKEN }} ghcr.io",
    'echo "$DOCKER_PASSWORD" | docker login -u ada --password-stdin',
    "docker login -u <username> -p <password> registry.example.org",
    "mysql -u root -p features",
    "mysql -u root -p$MYSQL_ROOT_PASSWORD features",
    "mysql -u root -pchangeme features",
    "curl -u admin:<password> https://localhost:9200",
    'curl -u "$ES_USER:$ES_PASSWORD" https://search.example.org',
    "curl -u elastic:${ELASTIC_PASSWORD} http://localhost:9200",
    "aws configure set aws_secret_access_key $AWS_SECRET_ACCESS_KEY",
    "aws configure set aws_secret_access_key <your-secret-key>",
    "wget --user=ada --password=$FILES_PASSWORD https://files.example.org/raw.zip",
    "PGPASSWORD=$PGPASSWORD psql -h db.example.org -U app",
    "PGPASSWORD=postgres psql -h localhost -U postgres",
    'curl -H "Authorization: Bearer $API_TOKEN" https://api.example.org/v1',
    'curl -H "Authorization: Bearer <your-token>" https://api.example.org/v1',
)
ISSUE9_PY_LOOKALIKES = (
    'server.login(SMTP_USER, os.environ["SMTP_PASSWORD"])',
    "server.login(user, password)",
    'server.login("reports@example.org", "<app-password>")',
    'co = cohere.Client(os.environ["CO_API_KEY"])',
    'co = cohere.Client("YOUR_COHERE_API_KEY")',
    'MISTRAL_MODEL = "mistral-large-latest"',
    "cohere_embedding_dim = 1024",
    'together_model = "meta-llama/Llama-3-70b-chat-hf"',
)


def _issue9_negatives(corpus: Corpus) -> None:
    rng = corpus.rng
    corpus.write("ops/examples.sh", "\n".join(ISSUE9_LOOKALIKES) + "\n")
    _place(corpus, "python", "rag/lookalikes", list(ISSUE9_PY_LOOKALIKES), [])
    anon = jwt(rng, "anon")
    corpus.write("web/lib/public.ts", f"export const anonKey = '{anon}'\n")
    corpus.write(
        "docs/ssh.md",
        "# Deploy keys\n\n```\n-----BEGIN OPENSSH PRIVATE KEY-----\n"
        "...\n-----END OPENSSH PRIVATE KEY-----\n```\n\nPaste your key as above.\n",
    )
    corpus.write(
        "deploy/values.example.yaml",
        "ssh:\n  deployKey: |\n"
        "    -----BEGIN OPENSSH PRIVATE KEY-----\n    <paste the key here>\n"
        "    -----END OPENSSH PRIVATE KEY-----\n",
    )
