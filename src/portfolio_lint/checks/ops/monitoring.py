"""Rule OPS005 (monitoring): its check, defaults and documentation."""

from __future__ import annotations

from portfolio_lint.checks.ops._shared import imported, missing
from portfolio_lint.checks.registry import check
from portfolio_lint.core.kinds import SERVING_APP
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.repo import Repo

LOGGING = ("structlog", "loguru", "pythonjsonlogger", "logging")
METRICS = (
    "prometheus_client", "prometheus_fastapi_instrumentator", "prometheus_flask_exporter",
    "opentelemetry", "statsd", "datadog", "ddtrace", "sentry_sdk", "bentoml",
)  # fmt: skip
DRIFT = (
    "evidently", "nannyml", "whylogs", "alibi_detect", "deepchecks", "frouros", "river.drift",
)  # fmt: skip
# (what, modules, share of the score in twentieths, the smallest example for a serving app)
PARTS = (
    ("logging", LOGGING, 6, "`log = structlog.get_logger()` and `log.info('prediction', "
     "latency_ms=ms, model_version=VERSION)` in the predict handler"),
    ("metrics", METRICS, 7, "`Instrumentator().instrument(app).expose(app)` "
     "(prometheus_fastapi_instrumentator) for request counts, errors and latency"),
    ("drift or data-quality monitoring", DRIFT, 7, "an Evidently `Report(metrics=["
     "DataDriftPreset()])` run on logged requests against the training data"),
)  # fmt: skip


@check("monitoring", code="OPS005", weight=1, severity=Severity.INFO, kinds=(SERVING_APP,))
def monitoring(repo: Repo) -> Verdict:
    """The served model is monitored: logs, metrics, and drift or data-quality checks.

    Why it matters:
        A deployed model degrades without an error: latency creeps up, inputs drift away
        from the training data. Logs, metrics and drift reports are how anyone finds out.

    How to fix:
        Log each prediction with structured fields, expose request metrics (Prometheus,
        OpenTelemetry), and compare live inputs with the training data (Evidently, NannyML,
        whylogs, alibi-detect).

    Bad:
        A FastAPI app whose only output is uvicorn's access log.

    Good:
        `structlog` in the handler, `Instrumentator().instrument(app).expose(app)`, and a
        scheduled Evidently drift report.
    """
    score = 0
    shown: list[str] = []
    findings: list[Finding] = []
    for what, modules, share, example in PARTS:
        proof = imported(repo, modules)
        if proof is not None:
            score += share
            shown.append(f"{what}: {proof}")
        else:
            findings.append(missing(f"No {what} in the serving code", example))
    return Verdict.partial(score / 20, findings, "; ".join(shown) or None)
