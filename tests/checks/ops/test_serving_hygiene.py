"""Tests of OPS004 serving-hygiene: where it fires and where it stays quiet."""

from __future__ import annotations

from portfolio_lint.core.model import Status
from tests.checks.ops.conftest import API, FLASK_API, GOOD_DOCKERFILE, STUDY


def test_a_sound_container_health_route_and_schemas_pass(make_repo, run_rule):
    files = {"api/main.py": API, "Dockerfile": GOOD_DOCKERFILE, ".dockerignore": ".env\n"}
    result = run_rule("OPS004", make_repo(files))
    assert result.status is Status.PASSED
    assert result.summary == "Dockerfile Dockerfile"


def test_each_container_mistake_is_named_at_its_line(make_repo, run_rule):
    dockerfile = (
        "FROM python:latest\nENV OPENAI_API_KEY=sk-test\nCOPY .env .\nCOPY . .\n"
        "RUN pip install fastapi scikit-learn\n"
    )
    result = run_rule("OPS004", make_repo({"api/main.py": API, "Dockerfile": dockerfile}))
    assert result.status is Status.PARTIAL
    lines = {(f.location.line, f.message.split(" ")[0]) for f in result.findings if f.location}
    assert lines == {(1, "base"), (5, "dependencies"), (2, "ENV"), (3, "the"), (1, "no"),
                     (1, "the")}  # fmt: skip
    assert result.score == (1 + 1) / 3  # no container practice shown; health and schemas are


def test_a_flask_api_without_docker_health_or_schema_fails(make_repo, run_rule):
    result = run_rule("OPS004", make_repo({"app.py": FLASK_API}))
    assert result.status is Status.FAILED
    messages = " ".join(f.message for f in result.findings)
    assert "No Dockerfile" in messages and "health" in messages and "BaseModel" in messages


def test_a_platform_config_counts_half_for_the_container(make_repo, run_rule):
    ui = "import streamlit as st\n\nst.title('Loan check')\n"
    result = run_rule("OPS004", make_repo({"app.py": ui, "Procfile": "web: streamlit run app.py"}))
    assert result.score == 0.5  # a Streamlit UI: no health route or request schema asked for


def test_a_notebook_study_is_not_judged_on_serving(make_repo, run_rule):
    result = run_rule("OPS004", make_repo({"study.ipynb": STUDY}))
    assert result.status is Status.NOT_APPLICABLE
    assert result.reason == "serving hygiene applies to serving apps; this is a notebook study"


def test_an_editors_dev_container_is_not_the_apps_image(make_repo, run_rule):
    dev = {".devcontainer/Dockerfile": GOOD_DOCKERFILE, ".devcontainer/.dockerignore": ".env\n"}
    result = run_rule("OPS004", make_repo({"api/main.py": API, **dev}))
    assert result.findings[0].message.startswith("No Dockerfile")
