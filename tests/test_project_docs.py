"""The README, docs and CI script stay in step with the code they describe."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from portfolio_lint import cli, config

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def bash_blocks(text: str) -> list[str]:
    return re.findall(r"```bash\n(.*?)\n```", text, flags=re.DOTALL)


def test_ci_runs_exactly_the_readme_test_command():
    test_command = next(block for block in bash_blocks(README) if "pytest" in block)
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "#!/usr/bin/env bash" and "set -euo pipefail" in lines
    assert lines[-1] == test_command


def test_quickstart_lints_a_fixture_that_exists():
    quickstart = bash_blocks(README)[0]
    target = re.search(r"portfolio-lint (fixtures/\S+)", quickstart)
    assert target and (ROOT / target.group(1)).is_dir()


def test_readme_lists_every_rule_of_the_default_rubric():
    rubric = tomllib.loads((ROOT / "rules" / "portfolio.toml").read_text(encoding="utf-8"))
    for rule in rubric["rule"]:
        assert re.search(rf"\| {rule['code']} \| `{rule['name']}` \| {rule['weight']:g} \|",
                         README), rule["code"]


def test_readme_documents_every_option_and_the_formula():
    for parameter in cli.main.params:
        for name in parameter.opts:
            if name.startswith("--"):
                assert name in README, name
    assert "Σ wᵣ·sᵣ / Σ wᵣ" in README and "A ≥ 90" in README


def test_configuration_doc_names_every_key():
    documented = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    for key in [*config._PARSERS, "ignore", "ignore-with-reason"]:
        assert re.search(rf"^{re.escape(key)} = |\.{re.escape(key)}\]", documented, re.M), key
