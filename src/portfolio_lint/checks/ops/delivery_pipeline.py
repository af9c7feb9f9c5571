"""Rule OPS006 (delivery-pipeline): its check, defaults and documentation."""

from __future__ import annotations

import re

from portfolio_lint.checks.ops._shared import Proof, missing, search
from portfolio_lint.checks.registry import check
from portfolio_lint.core.kinds import LIBRARY, LLM_APP, SERVING_APP, TRAINING_PIPELINE
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.ci import ci_files, ci_test_commands
from portfolio_lint.facts.project_kind import project_kind
from portfolio_lint.facts.repo import Repo
from portfolio_lint.facts.testing_files import suite_files

DEPLOY_ACTIONS = re.compile(
    r"^(docker/(build-push|login|setup-buildx)-action|actions/deploy-pages"
    r"|peaceiris/actions-gh-pages"
    r"|JamesIves/github-pages-deploy-action|pypa/gh-action-pypi-publish|aws-actions/"
    r"|google-github-actions/(deploy|auth)|azure/(webapps-deploy|container-apps-deploy|login)"
    r"|superfly/flyctl-actions|akhileshns/heroku-deploy|softprops/action-gh-release"
    r"|ncipollo/release-action|huggingface/|iterative/setup-cml|appleboy/ssh-action)",
    re.IGNORECASE,
)
DEPLOY_COMMAND = re.compile(
    r"\b(docker (build|push|buildx|compose (build|push))|twine upload|python -m build|uv build"
    r"|uv publish|poetry (build|publish)|flyctl deploy|fly deploy"
    r"|gcloud (run|app|functions) deploy"
    r"|az (webapp|containerapp)|aws (ecr|ecs|lambda|s3 (cp|sync))|kubectl (apply|set image)"
    r"|helm (upgrade|install)|heroku|huggingface-cli upload|hf upload|modal deploy|railway up"
    r"|vercel|netlify deploy|mkdocs gh-deploy|bentoml (build|containerize)|sam deploy)\b"
    r"|huggingface\.co/spaces",
    re.IGNORECASE,
)
EVAL_COMMAND = re.compile(
    r"\b(evaluat\w*|eval\w*|validate_model|check_metrics|quality_gate|gate)\b"
    r"|dvc metrics diff|\bcml\b",
    re.IGNORECASE,
)
GATE_WORDS = re.compile(r"(threshold|min_\w+|fail[_-]under|--min\b|MIN_\w+|THRESHOLD)")
GATE_FAIL = re.compile(r"(sys\.exit\(|raise\s|assert\s|exit\(1\))")
METRIC_ASSERT = re.compile(
    r"^\s*assert\b[^\n]*\b(accuracy|acc|auc|roc_auc|f1|rmse|mae|mse|r2|precision|recall|score"
    r"|bleu|rouge|faithfulness|recall_at_\w+)\w*\b[^\n]*[<>]=?",
    re.IGNORECASE | re.MULTILINE,
)
SCRIPT = re.compile(r"[\w./-]+\.py\b")


def _deploy(repo: Repo) -> Proof | None:
    for ci in ci_files(repo):
        for action, line in ci.actions:
            if DEPLOY_ACTIONS.match(action):
                return Proof(ci.path, line, f"uses {action.split('@')[0]}")
        for command in ci.commands:
            if DEPLOY_COMMAND.search(command.text):
                return Proof(command.path, command.line, f"runs `{command.text[:60]}`")
    return None


def _gate(repo: Repo) -> Proof | None:
    """A CI step that evaluates the model and fails under a threshold."""
    for ci in ci_files(repo):
        for command in ci.commands:
            if not EVAL_COMMAND.search(command.text):
                continue
            if GATE_WORDS.search(command.text) or "dvc metrics diff" in command.text:
                return Proof(command.path, command.line, "evaluation gate")
            scripts = [s for s in SCRIPT.findall(command.text) if repo.exists(s)]
            for script in scripts:
                text = repo.read_text(script) or ""
                if GATE_WORDS.search(text) and GATE_FAIL.search(text):
                    return Proof(command.path, command.line, f"evaluation gate in {script}")
    if ci_test_commands(repo):
        suite = [f.path for f in suite_files(repo) if f.tests]
        return search(repo, suite, METRIC_ASSERT, "test fails under a metric threshold (run in CI)")
    return None


@check(
    "delivery-pipeline",
    code="OPS006",
    weight=1,
    severity=Severity.INFO,
    kinds=(TRAINING_PIPELINE, SERVING_APP, LLM_APP, LIBRARY),
)
def delivery_pipeline(repo: Repo) -> Verdict:
    """CI goes beyond tests: it builds or deploys, and gates on the model's quality.

    Why it matters:
        Continuous delivery is the step from "it passes tests" to "it ships": a job that
        builds the container, publishes the package or deploys the app, and a step that
        evaluates the model and refuses a release that scores below a threshold.

    How to fix:
        Add a CI job that builds and pushes the image (or publishes the package, deploys to
        Pages or Hugging Face Spaces), and a step that runs the evaluation and exits non-zero
        under the metric threshold.

    Bad:
        `.github/workflows/ci.yml` runs `pytest` and nothing else.

    Good:
        A `deploy` job with `docker/build-push-action`, after a step running
        `python evaluate.py --min-auc 0.85` that exits 1 below it.
    """
    if not ci_files(repo):
        return Verdict.failed(
            missing(
                "No CI configuration, so nothing builds, deploys or gates a model",
                "`.github/workflows/cd.yml` with a job using `docker/build-push-action`",
            )
        )
    findings: list[Finding] = []
    parts: list[float] = []
    shown: list[str] = []
    deploy = _deploy(repo)
    parts.append(1.0 if deploy else 0.0)
    if deploy:
        shown.append(f"delivery: {deploy}")
    else:
        findings.append(
            missing(
                "No build, release or deploy job in CI",
                "a job with `docker/build-push-action` (an app), `pypa/gh-action-pypi-publish` "
                "(a package) or `actions/deploy-pages` (a report or demo)",
            )
        )
    if project_kind(repo).kind != LIBRARY:
        gate = _gate(repo)
        parts.append(1.0 if gate else 0.0)
        if gate:
            shown.append(f"quality gate: {gate}")
        else:
            findings.append(
                missing(
                    "No model-quality gate: no CI step evaluates the model and fails under a "
                    "metric threshold",
                    "`- run: python evaluate.py --min-auc 0.85` where evaluate.py does "
                    "`sys.exit(1)` when the AUC is below it",
                )
            )
    return Verdict.partial(sum(parts) / len(parts), findings, "; ".join(shown) or None)
