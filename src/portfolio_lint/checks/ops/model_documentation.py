"""Rule OPS008 (model-documentation): its check, defaults and documentation."""

from __future__ import annotations

import re

from portfolio_lint.checks.ops._shared import files_named, missing
from portfolio_lint.checks.registry import check
from portfolio_lint.core.kinds import (
    LLM_APP,
    NOTEBOOK_STUDY,
    SERVING_APP,
    TRAINING_PIPELINE,
)
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.project_kind import project_kind
from portfolio_lint.facts.readme import Readme
from portfolio_lint.facts.repo import Repo

MODEL_CARD = re.compile(r"(^|/)(model[_-]?card|MODEL_CARD)[^/]*\.(md|rst|txt|ya?ml)$", re.I)
# (what, heading words, words in prose that also show it, the smallest README example)
SECTIONS = (
    ("data", re.compile(r"\b(data|dataset|datasets|corpus)\b", re.I), None,
     "`## Data` naming the source, size, date range and the target column"),
    ("metrics", re.compile(r"\b(results?|metrics?|evaluation|performance|benchmarks?|accuracy)\b",
                           re.I), None,
     "`## Results` with a table of the metric on the held-out test set against a baseline"),
    ("limitations", re.compile(r"\b(limitations?|caveats?|known issues|risks?|bias|ethic\w*)\b",
                               re.I),
     re.compile(r"\blimitations?\b|\bdoes not (work|generalise|generalize)\b", re.I),
     "`## Limitations`: where the model fails (classes, ranges, populations it never saw)"),
    ("intended use", re.compile(r"\b(intended use|use cases?|scope|audience|purpose|who is it for)"
                                r"\b", re.I),
     re.compile(r"\bintended (use|for|to)\b|\bnot (meant|intended) (for|to)\b", re.I),
     "`## Intended use`: who should use the predictions, for what, and what not to use them for"),
)  # fmt: skip
DEMO_LINK = re.compile(
    r"(huggingface\.co/spaces|\.streamlit\.app|share\.streamlit\.io|gradio\.live|\.onrender\.com"
    r"|\.herokuapp\.com|\.vercel\.app|\.netlify\.app|\.fly\.dev|\.railway\.app|\.hf\.space"
    r"|youtu\.?be|loom\.com)",
    re.IGNORECASE,
)
APP_KINDS = {SERVING_APP, LLM_APP}


def _sections(readme: Readme) -> tuple[list[str], list[tuple[str, str]]]:
    """The model-card sections the README shows, and the (what, example) of those it lacks."""
    shown, lacking = [], []
    for what, heading, prose, example in SECTIONS:
        at = next((h for h in readme.headings if heading.search(h.text)), None)
        if at is not None or (prose is not None and prose.search(readme.prose)):
            shown.append(what if at is None else f"{what} (README line {at.line})")
        else:
            lacking.append((what, example))
    return shown, lacking


def _demo(readme: Readme) -> str | None:
    for link in readme.links:
        if link.is_image and not link.target.lower().startswith("https://img.shields.io"):
            return f"screenshot at README line {link.line}"
        if DEMO_LINK.search(link.target) or "demo" in link.text.lower():
            return f"demo link at README line {link.line}"
    return None


@check(
    "model-documentation",
    code="OPS008",
    weight=1,
    severity=Severity.INFO,
    kinds=(NOTEBOOK_STUDY, TRAINING_PIPELINE, SERVING_APP, LLM_APP),
)
def model_documentation(repo: Repo) -> Verdict:
    """The model is documented: a model card, or README sections on data, metrics, limitations
    and intended use; apps show a demo link or screenshots.

    Why it matters:
        A reviewer decides in a minute whether a model is trustworthy: what data it saw, how
        well it does, where it fails and what it is for. An app with no demo or screenshot
        is rarely run by anyone.

    How to fix:
        Add a MODEL_CARD.md (or README sections) covering data, metrics, limitations and
        intended use; for an app, link the live demo or show a screenshot.

    Bad:
        A README with install steps only: no word on the data, the scores or the failure
        cases.

    Good:
        `## Data`, `## Results` (a table against a baseline), `## Limitations`,
        `## Intended use`, and `![demo](docs/demo.gif)`.
    """
    cards = files_named(repo, MODEL_CARD)
    readme = repo.readme
    app = bool(project_kind(repo).all_kinds & APP_KINDS)
    parts: list[float] = []
    shown: list[str] = []
    findings: list[Finding] = []
    if cards:
        parts.append(1.0)
        shown.append(f"model card {cards[0]}")
    elif readme is None:
        parts.append(0.0)
        findings.append(
            missing(
                "No model card and no README",
                "MODEL_CARD.md with Data, Metrics, Limitations and Intended use sections",
            )
        )
    else:
        found, lacking = _sections(readme)
        parts.append(len(found) / len(SECTIONS))
        shown.extend(found)
        for what, example in lacking:
            findings.append(
                Finding.at(
                    readme.path,
                    f"The README says nothing on the model's {what}; for example: {example}",
                    line=1,
                )
            )
    if app:
        demo = _demo(readme) if readme is not None else None
        parts.append(1.0 if demo else 0.0)
        if demo:
            shown.append(demo)
        else:
            findings.append(
                missing(
                    "No demo link or screenshot of the app",
                    "`![Demo](docs/demo.gif)` or a link to the Hugging Face "
                    "Space / Streamlit Community Cloud app in the README",
                )
            )
    return Verdict.partial(sum(parts) / len(parts), findings, "; ".join(shown) or None)
