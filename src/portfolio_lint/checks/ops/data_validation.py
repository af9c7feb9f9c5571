"""Rule OPS003 (data-validation): its check, defaults and documentation."""

from __future__ import annotations

import re

from portfolio_lint.checks.ops._shared import (
    Proof,
    imported,
    missing,
    search,
    uses_of,
)
from portfolio_lint.checks.registry import check
from portfolio_lint.core.kinds import TRAINING_PIPELINE
from portfolio_lint.core.model import Severity, Verdict
from portfolio_lint.facts.repo import Repo

# Libraries made to validate data frames and datasets: an import anywhere counts.
DATA_VALIDATORS = (
    "pandera", "great_expectations", "deepchecks", "tensorflow_data_validation", "frictionless",
    "pandantic", "dataframely",
)  # fmt: skip
# General schema libraries: they count in a module that handles data frames or arrays (in an
# API's request schemas or a settings class they are serving hygiene or configuration).
SCHEMA_LIBRARIES = ("pydantic", "marshmallow", "jsonschema", "cerberus", "schema", "voluptuous")
DATA_LIBRARIES = ("pandas", "polars", "numpy", "pyarrow", "dask", "pyspark")
SCHEMA_CHECK = re.compile(
    r"^[ \t]*(assert\b[^\n]*\b(columns|dtypes?|isna|isnull|notna|between)\b"
    r"|def\s+(validate|check)_\w*(schema|column|data|frame|input|feature|row|dtype)\w*\s*\("
    r"|raise\s+\w*(Schema|Validation|Value)Error\b[^\n]*column)",
    re.MULTILINE,
)


def _schema_on_data(repo: Repo) -> Proof | None:
    """A general schema library imported by a module that handles data frames or arrays."""
    data_files = {use.path for use in uses_of(repo, DATA_LIBRARIES)}
    for use in uses_of(repo, SCHEMA_LIBRARIES):
        if use.path in data_files:
            return Proof(use.path, use.line, f"{use.dotted.split('.')[0]} schema on data")
    return None


@check(
    "data-validation",
    code="OPS003",
    weight=1,
    severity=Severity.INFO,
    kinds=(TRAINING_PIPELINE,),  # a served app's request schemas count in serving-hygiene
)
def data_validation(repo: Repo) -> Verdict:
    """Input data is validated against a schema (pandera, Great Expectations, pydantic, checks).

    Why it matters:
        A renamed column or a new category in next month's data breaks a model silently; a
        schema check stops the pipeline at the step that got bad data, with a clear message.

    How to fix:
        Declare what a valid row looks like (a pandera schema, a Great Expectations suite, a
        pydantic model per row) and check the data with it where it enters the pipeline, or
        assert the columns and ranges explicitly.

    Bad:
        `df = pd.read_csv(path)` followed straight by `model.fit(df[FEATURES], df.target)`.

    Good:
        `schema = pa.DataFrameSchema({"age": pa.Column(int, pa.Check.ge(0))})` and
        `schema.validate(df)` in the loading step.
    """
    if library := imported(repo, DATA_VALIDATORS) or _schema_on_data(repo):
        return Verdict.passed(f"data validated: {library}")
    data_code = [use.path for use in uses_of(repo, DATA_LIBRARIES)]
    if explicit := search(repo, data_code, SCHEMA_CHECK, "schema check"):
        return Verdict.passed(f"data validated: {explicit}")
    return Verdict.failed(
        missing(
            "No data validation: no schema library (pandera, Great Expectations, pydantic) "
            "and no explicit column or range checks where the data is loaded",
            "`schema = pa.DataFrameSchema({'age': pa.Column(int, pa.Check.ge(0))})` then "
            "`schema.validate(df)` right after `pd.read_csv`",
        )
    )
