"""What kind of project a repository is, from its files and imports only (issue 12 item 1).

One primary kind and any secondary ones, each with evidence ("FastAPI app in api/main.py:3").
An LLM / RAG application outranks a serving app (its UI is a secondary serving kind), a
serving app outranks a training pipeline, and notebooks outrank modules only when the
notebooks do the work. Two or more top-level folders that are projects of their own make a
monorepo, each project listed with its kind. `[tool.portfolio-lint] kind = "..."` overrides.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from portfolio_lint.core.kinds import (
    LIBRARY,
    LLM_APP,
    MONOREPO,
    NOTEBOOK_STUDY,
    OTHER,
    SERVING_APP,
    TRAINING_PIPELINE,
    ProjectKind,
)
from portfolio_lint.facts.module_uses import ModuleUse, first_use, module_uses
from portfolio_lint.facts.repo import Repo, repository_fact
from portfolio_lint.scanners.testing_paths import in_test_suite

# module -> what the evidence calls it
SERVING_MODULES = {
    "fastapi": "FastAPI app",
    "flask": "Flask app",
    "bentoml": "BentoML service",
    "streamlit": "Streamlit app",
    "gradio": "Gradio app",
    "chainlit": "Chainlit app",
    "django": "Django app",
    "litserve": "LitServe server",
    "ray.serve": "Ray Serve deployment",
    "mlserver": "MLServer model",
    "kserve": "KServe model",
    "dash": "Dash app",
    "panel": "Panel app",
    "aiohttp.web": "aiohttp server",
    "starlette": "Starlette app",
}
LLM_MODULES = {
    "openai": "OpenAI client",
    "anthropic": "Anthropic client",
    "langchain": "LangChain",
    "langchain_core": "LangChain",
    "langchain_openai": "LangChain",
    "langchain_community": "LangChain",
    "langgraph": "LangGraph",
    "llama_index": "LlamaIndex",
    "litellm": "LiteLLM",
    "cohere": "Cohere client",
    "google.generativeai": "Gemini client",
    "google.genai": "Gemini client",
    "groq": "Groq client",
    "mistralai": "Mistral client",
    "ollama": "Ollama client",
    "chromadb": "Chroma vector store",
    "pinecone": "Pinecone vector store",
    "qdrant_client": "Qdrant vector store",
    "weaviate": "Weaviate vector store",
    "haystack": "Haystack",
    "dspy": "DSPy",
    "vllm": "vLLM",
}
TRAINING_MODULES = (
    "torch", "tensorflow", "keras", "sklearn", "xgboost", "lightgbm", "catboost", "lightning",
    "pytorch_lightning", "jax", "flax", "transformers", "statsmodels", "prophet",
)  # fmt: skip
PROJECT_MARKERS = re.compile(
    r"^(readme(\.\w+)?|requirements[\w.-]*\.txt|pyproject\.toml|setup\.py|environment\.ya?ml"
    r"|dockerfile)$",
    re.IGNORECASE,
)
NOT_PROJECT_FOLDERS = frozenset(
    {"src", "tests", "test", "docs", "doc", "notebooks", "data", "scripts", "examples",
     "configs", "config", "assets", "images", "img", "models", "reports", ".github"}
)  # fmt: skip
PACKAGING = re.compile(r"^\s*\[(project|tool\.poetry)\]\s*$", re.MULTILINE)


@repository_fact
def project_kind(repo: Repo) -> ProjectKind:
    """The repository's kind: the config's `kind` if set, else detected."""
    detected = _detect(repo, "")
    projects = _projects(repo)
    if len(projects) >= 2:
        listed = tuple((folder, _detect(repo, folder + "/").kind) for folder in projects)
        evidence = tuple(f"{kind} in {folder}/" for folder, kind in listed)
        detected = ProjectKind(MONOREPO, (), evidence, projects=listed)
    if repo.config.kind is not None:
        source = repo.config.source or "config"
        return ProjectKind(
            repo.config.kind,
            tuple(k for k in (detected.kind, *detected.secondary) if k != repo.config.kind),
            (f"set by `kind` in {source}", *detected.evidence),
            overridden=True,
            projects=detected.projects,
        )
    return detected


def _projects(repo: Repo) -> list[str]:
    """Top-level folders that hold a project of their own (README or dependencies, and code)."""
    marked: set[str] = set()
    coded: set[str] = set()
    for entry in repo.files:
        parts = entry.path.split("/")
        if (
            len(parts) < 2
            or parts[0].lower() in NOT_PROJECT_FOLDERS
            or repo.is_vendored(entry.path)
        ):
            continue
        if len(parts) == 2 and PROJECT_MARKERS.match(parts[1]):
            marked.add(parts[0])
        if entry.path.endswith((".py", ".ipynb")):
            coded.add(parts[0])
    return sorted(marked & coded)


def _in(prefix: str, uses: Mapping[str, tuple[ModuleUse, ...]]) -> dict[str, tuple[ModuleUse, ...]]:
    if not prefix:
        return dict(uses)
    inside = {n: tuple(u for u in found if u.path.startswith(prefix)) for n, found in uses.items()}
    return {n: found for n, found in inside.items() if found}


def _detect(repo: Repo, prefix: str) -> ProjectKind:
    """The kind of the project whose files lie below `prefix` ('' for the whole repository)."""
    uses = _in(prefix, module_uses(repo))
    found: dict[str, str] = {}  # kind -> evidence, in order of precedence
    if llm := first_use(uses, LLM_MODULES):
        found[LLM_APP] = f"{LLM_MODULES[llm[0]]} in {llm[1]}"
    if serving := first_use(uses, SERVING_MODULES, python_only=True):
        found[SERVING_APP] = f"{SERVING_MODULES[serving[0]]} in {serving[1]}"
    shares = _code_shares(repo, prefix)
    trains_in = shares.trains_in
    if trains_in and (shares.modules >= shares.notebooks or trains_in.endswith(".py")):
        found[TRAINING_PIPELINE] = f"trains a model in {trains_in}"
    elif (
        shares.modules
        and not (shares.notebooks or found)
        and (ml := first_use(uses, TRAINING_MODULES))
    ):
        found[TRAINING_PIPELINE] = f"{ml[0]} used in {ml[1]}"
    if package := _package(repo, prefix):
        found[LIBRARY] = package
    if shares.notebooks:
        found[NOTEBOOK_STUDY] = f"{shares.notebooks} notebook(s), {shares.modules} Python module(s)"
    counts = {
        LLM_APP: _files(uses, LLM_MODULES),
        SERVING_APP: _files(uses, SERVING_MODULES),
        TRAINING_PIPELINE: shares.training_modules,
    }
    primary = _primary(found, shares, counts)
    secondary = tuple(k for k in found if k != primary)
    evidence = tuple(found[k] for k in (primary, *secondary) if k in found)
    return ProjectKind(primary, secondary, evidence or ("no code, notebooks or packaging",))


def _files(uses: Mapping[str, tuple[ModuleUse, ...]], modules: Mapping[str, str]) -> int:
    """How many Python modules import any of `modules`."""
    tops = {m.split(".", 1)[0] for m in modules}
    return len({u.path for top in tops for u in uses.get(top, ()) if u.path.endswith(".py")})


def _primary(found: Mapping[str, str], shares: CodeShares, counts: Mapping[str, int]) -> str:
    """Notebooks doing the work make a study (an LLM notebook is a study that uses an LLM); an
    LLM client in a project that trains more than it calls the LLM is a feature of it; a
    serving layer over three times as many training modules is the pipeline's front."""
    if shares.notebooks >= max(shares.modules, 1) and not {TRAINING_PIPELINE, SERVING_APP} & set(
        found
    ):
        return NOTEBOOK_STUDY
    order = [LLM_APP, SERVING_APP, TRAINING_PIPELINE, LIBRARY, NOTEBOOK_STUDY]
    trains = counts[TRAINING_PIPELINE]
    if TRAINING_PIPELINE in found and counts[LLM_APP] <= trains:
        order.remove(LLM_APP)
        order.insert(order.index(TRAINING_PIPELINE) + 1, LLM_APP)
    if TRAINING_PIPELINE in found and trains >= 3 * max(counts[SERVING_APP], 1):
        order.remove(SERVING_APP)
        order.insert(order.index(TRAINING_PIPELINE) + 1, SERVING_APP)
    return next((kind for kind in order if kind in found), OTHER)


@dataclass(frozen=True)
class CodeShares:
    """Python modules and notebooks (tests aside), modules that train, and the first that does."""

    modules: int
    notebooks: int
    training_modules: int
    trains_in: str | None


def _code_shares(repo: Repo, prefix: str) -> CodeShares:
    """What the code below `prefix` is made of (tests and vendored folders aside)."""
    modules = notebooks = training_modules = 0
    trains: list[tuple[bool, str]] = []
    for path, facts in repo.facts.items():
        if not path.startswith(prefix) or in_test_suite(path) or repo.is_vendored(path):
            continue
        seeding = None
        if facts.python is not None and path.rsplit("/", 1)[-1] != "setup.py":
            modules += 1
            seeding = facts.python.seeding
        elif facts.notebook is not None:
            notebooks += 1
            seeding = facts.notebook.seeding
        if seeding is not None and seeding.training_line is not None:
            trains.append((path.endswith(".ipynb"), f"{path}:{seeding.training_line}"))
            training_modules += facts.python is not None
    return CodeShares(modules, notebooks, training_modules, min(trains)[1] if trains else None)


def _package(repo: Repo, prefix: str) -> str | None:
    """`package declared in pyproject.toml` when the project is packaged for installation."""
    for name in ("pyproject.toml", "setup.py", "setup.cfg"):
        path = prefix + name
        if not repo.exists(path):
            continue
        if name == "pyproject.toml" and not PACKAGING.search(repo.read_text(path) or ""):
            continue
        return f"package declared in {path}"
    return None
