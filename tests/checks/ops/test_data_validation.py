"""Tests of OPS003 data-validation: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from tests.checks.ops.conftest import TRAIN


@pytest.mark.parametrize(
    ("extra", "proof"),
    [
        ({"schema.py": "import pandera as pa\n"}, "imports pandera (schema.py:1)"),
        (
            {
                "checks.py": "import pandas as pd\n\n\ndef load(path):\n"
                "    df = pd.read_csv(path)\n"
                "    assert set(df.columns) == {'income', 'default'}\n"
            },
            "schema check (checks.py:6)",
        ),
    ],
)
def test_a_schema_library_or_explicit_checks_pass(make_repo, run_rule, extra, proof):
    result = run_rule("OPS003", make_repo({"train.py": TRAIN, **extra}))
    assert result.status is Status.PASSED
    assert proof in (result.summary or "")


def test_loading_straight_into_fit_fails(make_repo, run_rule):
    result = run_rule("OPS003", make_repo({"train.py": TRAIN}))
    assert result.status is Status.FAILED
    assert "pa.DataFrameSchema" in result.findings[0].message


def test_an_assert_in_a_test_does_not_count(make_repo, run_rule):
    test = "def test_cols(df):\n    assert list(df.columns) == ['income']\n"
    result = run_rule("OPS003", make_repo({"train.py": TRAIN, "tests/test_data.py": test}))
    assert result.status is Status.FAILED


def test_pydantic_counts_on_data_frames_not_in_request_or_settings_schemas(make_repo, run_rule):
    settings = "from pydantic_settings import BaseSettings\nfrom pydantic import BaseModel\n"
    result = run_rule("OPS003", make_repo({"train.py": TRAIN, "config.py": settings}))
    assert result.status is Status.FAILED
    rows = "import pandas as pd\nfrom pydantic import BaseModel\n\n\nclass Loan(BaseModel):\n"
    result = run_rule("OPS003", make_repo({"train.py": TRAIN, "rows.py": rows + "    x: int\n"}))
    assert result.summary == "data validated: pydantic schema on data (rows.py:2)"


def test_a_function_named_check_password_is_no_schema_check(make_repo, run_rule):
    auth = "def check_password(raw):\n    return len(raw) > 8\n"
    result = run_rule("OPS003", make_repo({"train.py": TRAIN, "auth.py": auth}))
    assert result.status is Status.FAILED
