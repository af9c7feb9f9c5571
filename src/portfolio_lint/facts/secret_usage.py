"""Whether a project uses API keys or other secrets: imports, env lookups, example env files."""

from __future__ import annotations

import re

from portfolio_lint.facts.code_texts import code_texts
from portfolio_lint.facts.repo import Repo, repository_fact

SECRET_CLIENTS = frozenset(
    {
        "openai",
        "anthropic",
        "langchain",
        "langchain_openai",
        "langchain_anthropic",
        "langchain_community",
        "langchain_google_genai",
        "llama_index",
        "cohere",
        "groq",
        "mistralai",
        "replicate",
        "together",
        "pinecone",
        "weaviate",
        "qdrant_client",
        "supabase",
        "dotenv",
        "tweepy",
        "praw",
        "spotipy",
        "stripe",
        "twilio",
        "boto3",
        "kaggle",
        "googleapiclient",
        "elevenlabs",
        "voyageai",
        "tavily",
        "serpapi",
        "wandb",
    }
)
ENV_LOOKUP = re.compile(
    r"(?:environ(?:\.get)?\s*[\[(]|getenv\s*\(|secrets\s*\[|userdata\.get\s*\()\s*\\?[\"']"
    r"([A-Z0-9_]*(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIALS?)[A-Z0-9_]*)\\?[\"']"
)
ENV_EXAMPLES = re.compile(
    r"(^|/)(\.env(\.[\w-]+)?|[\w-]*\.env|\.envrc|secrets\.toml(\.example)?)$", re.IGNORECASE
)


@repository_fact
def secret_signals(repo: Repo) -> tuple[tuple[str, ...], frozenset[str]]:
    """Human-readable reasons the project needs secrets, and the variable names it reads."""
    reasons: list[str] = []
    names: set[str] = set()
    clients: set[str] = set()
    for facts in repo.facts.values():
        if facts.python is not None:
            clients.update(set(facts.python.imports) & SECRET_CLIENTS)
    if clients:
        reasons.append(f"imports {', '.join(sorted(clients)[:4])}")
    examples = [
        e.path for e in repo.files if ENV_EXAMPLES.search(e.path) and not repo.is_vendored(e.path)
    ]
    if examples:
        reasons.append(f"has {examples[0]}")
    for path, text in code_texts(repo):
        if "environ" in text or "getenv" in text or "secrets" in text or "userdata" in text:
            found = set(ENV_LOOKUP.findall(text))
            if found and not names:
                reasons.append(f"{path} reads {sorted(found)[0]}")
            names.update(found)
    return tuple(reasons), frozenset(names)
