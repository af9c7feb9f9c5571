"""Rule OPS004 (serving-hygiene): its check, defaults and documentation."""

from __future__ import annotations

import re

from portfolio_lint.checks.ops._shared import API_MODULES, imported, missing, search, uses_of
from portfolio_lint.checks.registry import check
from portfolio_lint.core.kinds import SERVING_APP
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.dockerfiles import Dockerfile, Instruction, dockerfiles
from portfolio_lint.facts.repo import Repo

SECRET_NAME = re.compile(r"(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL)", re.IGNORECASE)
PINNED_INSTALL = re.compile(
    r"(pip3?|uv pip)\s+install\b[^&|;]*\s(-r|--requirement|-c|--constraint)\s"
    r"|\b(uv sync|poetry install|pipenv (install|sync)|conda env (create|update)|mamba env"
    r"|micromamba (install|create)|pip3? install\b[^&|;]*\s\.(\s|$|\[))"
)
BARE_PIP = re.compile(r"\bpip3?\s+install\s")
ENV_FILE = re.compile(r"(^|[\s/])[\w.-]*\.env(\s|$)")
HEALTH_ROUTE = re.compile(
    r"""["'](/api)?(/v\d)?/(health|healthz|healthcheck|ready|readyz|livez|ping|status)/?["']"""
)
BUILT_IN_HEALTH = ("bentoml", "litserve")  # they answer /healthz and /readyz themselves
SCHEMAS = (
    "pydantic", "marshmallow", "webargs", "jsonschema", "flask_pydantic", "rest_framework",
    "cerberus", "bentoml.io",
)  # fmt: skip
PLATFORMS = (
    "Procfile", "app.yaml", "fly.toml", "render.yaml", "railway.json", "vercel.json",
    "heroku.yml", "Chart.yaml",
)  # fmt: skip
DOCKER_EXAMPLE = (
    "`FROM python:3.11-slim`, `COPY requirements.txt .`, `RUN pip install --no-cache-dir -r "
    "requirements.txt`, `RUN useradd -m app` and `USER app`, and a .dockerignore listing .env, "
    "data/ and .git"
)
DOCKER_PRACTICES = 5
DEV_ONLY = re.compile(r"(^|/)\.devcontainer/")  # an editor's dev container, not the app's image


def _base_images(docker: Dockerfile) -> list[Finding]:
    stages = {
        f.arguments.split()[-1].lower() for f in docker.of("FROM") if " as " in f.arguments.lower()
    }
    found = []
    for base in docker.of("FROM"):
        image = next((w for w in base.arguments.split() if not w.startswith("--")), "")
        last = image.split("/")[-1]
        tag = last.partition(":")[2] if ":" in last else ""
        if image.lower() in stages or image == "scratch" or "@sha256:" in image:
            continue
        if not tag or tag == "latest" or "$" in tag:
            message = f"base image `{image}` has no pinned tag (e.g. `python:3.11-slim`)"
            found.append(Finding.at(docker.path, message, line=base.line))
    return found


def _install(docker: Dockerfile) -> list[Finding]:
    runs = docker.of("RUN")
    if any(PINNED_INSTALL.search(r.arguments) for r in runs):
        return []
    bare = next((r for r in runs if BARE_PIP.search(r.arguments)), None)
    message = (
        "dependencies are not installed from the pinned file "
        "(`RUN pip install --no-cache-dir -r requirements.txt`)"
    )
    return [Finding.at(docker.path, message, line=bare.line if bare else 1)]


def _variable(item: Instruction) -> str:
    return re.split(r"[=\s]", item.arguments, maxsplit=1)[0]


def _bakes_secret(item: Instruction) -> bool:
    name = _variable(item)
    has_value = "=" in item.arguments or " " in item.arguments.strip()
    return bool(SECRET_NAME.search(name)) and (item.keyword == "ARG" or has_value)


def _secrets(docker: Dockerfile) -> list[Finding]:
    found = [
        Finding.at(
            docker.path,
            f"{item.keyword} {_variable(item)} bakes a secret "
            "into the image; pass it at run time (`docker run -e` or a build secret mount)",
            line=item.line,
        )
        for item in docker.of("ENV", "ARG")
        if _bakes_secret(item)
    ]
    found += [
        Finding.at(
            docker.path,
            "the image copies a .env file, so its secrets sit in a layer; read them from the "
            "environment at run time",
            line=copy.line,
        )
        for copy in docker.of("COPY", "ADD")
        if ENV_FILE.search(copy.arguments)
    ]
    return found


def _dockerignore(docker: Dockerfile, repo: Repo) -> list[Finding]:
    folder = docker.path.rpartition("/")[0]
    candidates = {".dockerignore", f"{folder}/.dockerignore", f"{docker.path}.dockerignore"}
    if any(repo.exists(c.lstrip("/")) for c in candidates):
        return []
    message = "no .dockerignore: `COPY . .` sends .env, data and .git into the image"
    return [Finding.at(docker.path, message, line=1)]


def _user(docker: Dockerfile) -> list[Finding]:
    users = docker.of("USER")
    if users and users[-1].arguments.split(":")[0] not in ("root", "0"):
        return []
    message = "the container runs as root: add `RUN useradd -m app` and `USER app`"
    return [Finding.at(docker.path, message, line=users[-1].line if users else 1)]


def _container(repo: Repo) -> tuple[float, list[Finding], str]:
    """The share of container practices shown, the findings for the rest, and a summary."""
    files = [d for d in dockerfiles(repo) if not DEV_ONLY.search(d.path)]
    if not files:
        platform = next((p for p in PLATFORMS if repo.exists(p)), None)
        message = "No Dockerfile" + (f" (deployed through {platform})" if platform else "")
        finding = missing(f"{message}: the app cannot run the same way elsewhere", DOCKER_EXAMPLE)
        return (0.5 if platform else 0.0), [finding], ""
    docker = files[0]
    parts = [
        _base_images(docker),
        _install(docker),
        _secrets(docker),
        _dockerignore(docker, repo),
        _user(docker),
    ]
    shown = sum(1 for part in parts if not part)
    return shown / DOCKER_PRACTICES, [f for part in parts for f in part], docker.path


@check(
    "serving-hygiene",
    code="OPS004",
    weight=1,
    severity=Severity.WARNING,
    kinds=(SERVING_APP,),
)
def serving_hygiene(repo: Repo) -> Verdict:
    """The app ships in a sound container, answers a health check and validates requests.

    Why it matters:
        A served model is judged like any service: it must build the same way anywhere, keep
        secrets out of the image, not run as root, tell the platform it is alive, and refuse
        malformed requests instead of crashing inside the model.

    How to fix:
        Add a Dockerfile with a pinned base tag that installs the pinned requirements and
        runs as a non-root user, a .dockerignore, a `/health` route, and pydantic (or
        marshmallow) schemas for request bodies.

    Bad:
        `FROM python:latest`, `COPY . .`, `RUN pip install flask sklearn`, `ENV API_KEY=...`,
        and a `/predict` route that reads `request.json["income"]` unchecked.

    Good:
        `FROM python:3.11-slim`, `RUN pip install -r requirements.txt`, `USER app`, a
        .dockerignore, `@app.get("/health")`, and `def predict(loan: LoanRequest)`.
    """
    container, findings, dockerfile = _container(repo)
    apis = uses_of(repo, API_MODULES)
    parts = [container]
    if apis:
        api_files = [use.path for use in apis]
        built_in = imported(repo, BUILT_IN_HEALTH)
        health = built_in or search(repo, api_files, HEALTH_ROUTE, "health route")
        parts.append(1.0 if health else 0.0)
        if not health:
            findings.append(
                missing(
                    f"No health or readiness endpoint in {api_files[0]}",
                    '`@app.get("/health")` returning `{"status": "ok"}`',
                )
            )
        schema = imported(repo, SCHEMAS)
        parts.append(1.0 if schema else 0.0)
        if not schema:
            findings.append(
                missing(
                    f"Requests to {api_files[0]} are not validated (no pydantic or marshmallow "
                    "schema)",
                    "`class LoanRequest(BaseModel): income: float = Field(gt=0)` as the body of "
                    '`@app.post("/predict")`',
                )
            )
    summary = f"Dockerfile {dockerfile}" if dockerfile else None
    return Verdict.partial(sum(parts) / len(parts), findings, summary)
