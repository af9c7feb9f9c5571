"""Rule OPS007 (llm-practices): its check, defaults and documentation."""

from __future__ import annotations

import re

from portfolio_lint.checks.ops._shared import (
    LLM_MODULES,
    Proof,
    code_files,
    files_named,
    imported,
    missing,
    search,
    uses_of,
)
from portfolio_lint.checks.registry import check
from portfolio_lint.core.kinds import LLM_APP
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.repo import Repo
from portfolio_lint.scanners.testing_paths import in_test_suite

# Clients of hosted models, which need an API key (local runtimes such as Ollama do not).
HOSTED = (
    "openai", "anthropic", "langchain_openai", "langchain_anthropic", "cohere", "groq",
    "mistralai", "google.generativeai", "google.genai", "litellm", "together", "replicate",
)  # fmt: skip
EVAL_LIBRARIES = ("ragas", "deepeval", "trulens_eval", "trulens", "promptfoo", "langsmith")
EVAL_FILES = re.compile(
    r"(^|/)(promptfooconfig\.ya?ml|evals?/[^/]+\.(jsonl?|csv|ya?ml|py)"
    r"|[^/]*(golden|qa_pairs|eval_set|evalset|test_questions|ground_truth)[^/]*"
    r"\.(jsonl?|csv|ya?ml))$",
    re.IGNORECASE,
)
PROMPT_FILES = re.compile(
    r"(^|/)(prompts?/[^/]+|[^/]*prompt[^/]*\.(txt|md|ya?ml|json|jinja2?|j2|tmpl)"
    r"|[^/]+\.prompty?)$",
    re.IGNORECASE,
)
PROMPT_TEMPLATES = re.compile(
    r"\b(PromptTemplate|ChatPromptTemplate|from_template|hub\.pull|PromptTemplate\.from_file"
    r"|jinja2\.Template|Environment\(loader)"
)
KEYS_FROM_ENV = re.compile(
    r"\b(os\.environ|os\.getenv|getenv\(|load_dotenv|st\.secrets|environ\.get|BaseSettings)"
)
TOKEN_GUARD = re.compile(
    r"\b(max_tokens|max_output_tokens|max_new_tokens|max_completion_tokens|num_predict"
    r"|token_limit|max_input_tokens|tiktoken|count_tokens|get_openai_callback|rate_limit"
    r"|RateLimiter|budget)\b"
)

LLM_TOPS = frozenset(m.split(".")[0] for m in LLM_MODULES)
LLM_WORDS = re.compile(r"(rag|llm|chain|agent|chat|retriev|answer)", re.IGNORECASE)


def _evaluation(repo: Repo) -> Proof | None:
    if library := imported(repo, EVAL_LIBRARIES, tests=True):
        return library
    files = files_named(repo, EVAL_FILES)
    if files:
        return Proof(files[0], 1, "evaluation set")
    for path, facts in sorted(repo.facts.items()):
        if not in_test_suite(path) or facts.python is None:
            continue
        for site in facts.python.import_sites:
            if site.name in LLM_TOPS or LLM_WORDS.search(site.dotted):
                return Proof(path, site.line, "tests over the LLM code")
    return None


@check("llm-practices", code="OPS007", weight=1, severity=Severity.WARNING, kinds=(LLM_APP,))
def llm_practices(repo: Repo) -> Verdict:
    """The LLM / RAG app is evaluated, keeps prompts in files, reads keys from the environment
    and guards its token spend.

    Why it matters:
        An LLM app that is never evaluated cannot show it answers correctly, prompts buried
        in string literals cannot be reviewed or versioned, a key in the code leaks, and an
        unbounded call can run up a bill.

    How to fix:
        Keep a small golden set of questions and expected answers and test against it (ragas,
        deepeval, promptfoo or pytest), move prompts to `prompts/*.txt` or templates, read
        keys with `os.environ`, and cap `max_tokens` on every call.

    Bad:
        `client = OpenAI(api_key="sk-...")` and a 40-line f-string prompt inside `answer()`,
        with no evaluation at all.

    Good:
        `prompts/answer.txt`, `OpenAI()` reading `OPENAI_API_KEY`, `max_tokens=512`, and
        `tests/test_rag.py` scoring `eval/golden.jsonl` with ragas.
    """
    llm_files = [u.path for u in uses_of(repo, LLM_MODULES)]
    hosted = bool(uses_of(repo, HOSTED))
    code = [*llm_files, *(p for p in code_files(repo, notebooks=False) if p not in llm_files)]
    findings: list[Finding] = []
    shown: list[str] = []
    prompt_files = files_named(repo, PROMPT_FILES)
    checks = (
        ("evaluation", _evaluation(repo),
         "No evaluation set or evaluation tests",
         "`eval/golden.jsonl` with question/answer pairs and `tests/test_answers.py` that "
         "asserts the RAG answer contains the expected fact (or a ragas/deepeval score)"),
        ("prompts", Proof(prompt_files[0], 1, "prompt file") if prompt_files
         else search(repo, llm_files, PROMPT_TEMPLATES, "prompt template"),
         "Prompts are string literals in the code",
         "`prompts/answer.txt` read with `Path('prompts/answer.txt').read_text()` or a "
         "`ChatPromptTemplate.from_template(...)` kept in one module"),
        ("keys", search(repo, code, KEYS_FROM_ENV, "key read from the environment")
         if hosted else Proof(llm_files[0], 1, "a local model: no API key") if llm_files
         else None,
         "API keys are not read from the environment",
         "`OpenAI(api_key=os.environ['OPENAI_API_KEY'])` with the key in an untracked .env"),
        ("token guard", search(repo, code, TOKEN_GUARD, "token limit"),
         "No cost or token-limit guard on the model calls",
         "`client.chat.completions.create(..., max_tokens=512)`"),
    )  # fmt: skip
    for what, proof, message, example in checks:
        if proof is not None:
            shown.append(f"{what}: {proof}")
        else:
            findings.append(missing(message, example))
    return Verdict.partial(len(shown) / len(checks), findings, "; ".join(shown) or None)
