"""Helpers shared by several OPS rules; not a rule."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from portfolio_lint.core.model import Finding
from portfolio_lint.facts.module_uses import ModuleUse, first_use, module_uses
from portfolio_lint.facts.repo import Repo
from portfolio_lint.scanners.testing_paths import in_test_suite

# Frameworks that answer HTTP requests (a health route and request schemas make sense there);
# UI frameworks (Streamlit, Gradio...) validate input with their widgets.
API_MODULES = ("fastapi", "flask", "bentoml", "django", "litserve", "starlette", "aiohttp")
UI_MODULES = ("streamlit", "gradio", "chainlit", "dash", "panel")
LLM_MODULES = (
    "openai", "anthropic", "langchain", "langchain_core", "langchain_openai",
    "langchain_community", "langgraph", "llama_index", "litellm", "cohere",
    "google.generativeai", "google.genai", "groq", "mistralai", "ollama", "haystack", "dspy",
)  # fmt: skip


@dataclass(frozen=True)
class Proof:
    """Where a practice is shown: `path:line` and what was found there."""

    path: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.what} ({self.path}:{self.line})"


def imported(repo: Repo, modules: Iterable[str], *, tests: bool = False) -> Proof | None:
    """The first import of any of `modules` in the project's code (the suite too if `tests`)."""
    found = first_use(module_uses(repo, tests=tests), modules)
    if found is None:
        return None
    module, use = found
    return Proof(use.path, use.line, f"imports {module}")


def uses_of(repo: Repo, modules: Iterable[str]) -> list[ModuleUse]:
    """Every file's first import of any of `modules` (project code, tests aside)."""
    uses = module_uses(repo)
    found: dict[str, ModuleUse] = {}
    for module in modules:
        top = module.split(".", 1)[0]
        for use in uses.get(top, ()):
            if use.dotted == module or use.dotted.startswith(module + ".") or top == module:
                found.setdefault(use.path, use)
    return sorted(found.values(), key=lambda u: u.path)


def code_files(repo: Repo, *, notebooks: bool = True) -> list[str]:
    """The project's own Python modules (and notebooks), tests and vendored folders aside."""
    suffixes = (".py", ".ipynb") if notebooks else (".py",)
    return sorted(
        path
        for path in repo.facts
        if path.endswith(suffixes) and not in_test_suite(path) and not repo.is_vendored(path)
    )


def search(repo: Repo, paths: Iterable[str], pattern: re.Pattern[str], what: str) -> Proof | None:
    """The first line of `paths` (read through the Repo, capped) where `pattern` matches."""
    for path in paths:
        text = repo.read_text(path)
        match = pattern.search(text) if text else None
        if text is not None and match is not None:
            return Proof(path, text.count("\n", 0, match.start()) + 1, what)
    return None


def files_named(repo: Repo, pattern: re.Pattern[str]) -> list[str]:
    """Paths (vendored folders aside) whose path matches `pattern`, sorted."""
    return sorted(
        e.path for e in repo.files if pattern.search(e.path) and not repo.is_vendored(e.path)
    )


def missing(message: str, example: str) -> Finding:
    """A practice not shown: what is missing, and the smallest example for this project."""
    return Finding(f"{message}; for example: {example}")


def proven(proofs: Iterable[Proof | None]) -> str:
    """`MLflow (train.py:3); DVC metrics (dvc.yaml:9)` for a verdict's summary."""
    return "; ".join(str(p) for p in proofs if p is not None)
