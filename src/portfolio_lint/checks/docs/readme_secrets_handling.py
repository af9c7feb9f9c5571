"""Rule DOC007 (readme-secrets-handling): its check, defaults and documentation."""

from __future__ import annotations

import re

from portfolio_lint.checks.docs._shared import project_readmes, require_readme
from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.repo import Repo
from portfolio_lint.facts.secret_usage import secret_signals

SECRETS_EXPLAINED = re.compile(
    r"\.env\b|environment variables?|env vars?|api[\s_-]?keys?|secrets?\b|\bexport [A-Z_]+="
    r"|\bset [A-Z_]+=|dotenv|variables? de entorno|variables? d'environnement"
    r"|umgebungsvariable|vari[áa]veis de ambiente|переменн\w+ окружения|环境变量|密钥|環境変数",
    re.IGNORECASE,
)


@check("readme-secrets-handling", code="DOC007", weight=2, severity=Severity.WARNING)
def readme_secrets_handling(repo: Repo) -> Verdict:
    """README explains how to provide the API keys and secrets the code needs.

    Why it matters:
        Projects that call APIs need keys; a README that says where keys go (an .env file,
        environment variables) shows the author keeps secrets out of code.

    How to fix:
        Say in the README which environment variables the project needs and how to set them, e.g.
        copy `.env.example` to `.env`.

    Bad:
        `app.py` reads `os.environ["OPENAI_API_KEY"]`; the README never mentions it.

    Good:
        "Copy `.env.example` to `.env` and set OPENAI_API_KEY before running."
    """
    readme = require_readme(repo)
    reasons, names = secret_signals(repo)
    if not reasons:
        raise Skip("the code reads no API keys or secrets")
    for document in project_readmes(repo, readme):
        explained = SECRETS_EXPLAINED.search(document.text)
        named = next((name for name in sorted(names) if name in document.text), None)
        if named or explained:
            where = "README" if document is readme else document.path
            return Verdict.passed(f"{where} mentions {named or (explained and explained.group(0))}")
    variables = f" ({', '.join(sorted(names)[:3])})" if names else ""
    message = (
        f"The project needs secrets ({'; '.join(reasons[:2])}) but the README does not"
        f" say how to set them{variables}: document the environment variables or .env"
    )
    return Verdict.failed(Finding.at(readme.path, message, line=1))
