"""The one list of rule modules: importing this registers every check and default rule.

A new rule module is added here (a test fails when a module under checks/<family>/ is not).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import ModuleType

from portfolio_lint.checks import declarative
from portfolio_lint.checks.ci import ci_config_present, ci_runs_tests
from portfolio_lint.checks.data import data_dirs_ignored, no_absolute_paths, no_committed_data_files
from portfolio_lint.checks.docs import (
    readme_architecture,
    readme_broken_links,
    readme_install_steps,
    readme_present,
    readme_problem_statement,
    readme_results,
    readme_secrets_handling,
    readme_usage,
)
from portfolio_lint.checks.env import (
    dependencies_declared,
    dependencies_pinned,
    python_version_declared,
    readme_referenced_files_exist,
)
from portfolio_lint.checks.quality import (
    docstring_coverage,
    low_complexity,
    maintainability,
    modular_code,
    notebook_error_outputs,
    notebook_execution_order,
    notebook_output_size,
    notebooks_valid,
)
from portfolio_lint.checks.registry import CheckSpec, registered_checks
from portfolio_lint.checks.secrets import (
    no_generic_secrets,
    no_hardcoded_secrets,
    no_sensitive_files,
)
from portfolio_lint.checks.testing import (
    coverage_configured,
    coverage_measured,
    framework_configured,
    tests_exist,
)
from portfolio_lint.checks.vcs import (
    commit_cadence,
    commit_messages,
    gitignore_env,
    gitignore_present,
    history_large_binaries,
    history_secrets,
    history_sensitive_files,
    license_present,
    no_committed_binaries,
    no_committed_junk,
    no_large_files,
)

RULE_MODULES: tuple[ModuleType, ...] = (
    readme_architecture,
    readme_broken_links,
    readme_install_steps,
    readme_present,
    readme_problem_statement,
    readme_results,
    readme_secrets_handling,
    readme_usage,
    dependencies_declared,
    dependencies_pinned,
    python_version_declared,
    readme_referenced_files_exist,
    coverage_configured,
    coverage_measured,
    framework_configured,
    tests_exist,
    ci_config_present,
    ci_runs_tests,
    data_dirs_ignored,
    no_absolute_paths,
    no_committed_data_files,
    no_generic_secrets,
    no_hardcoded_secrets,
    no_sensitive_files,
    docstring_coverage,
    low_complexity,
    maintainability,
    modular_code,
    notebook_error_outputs,
    notebook_execution_order,
    notebook_output_size,
    notebooks_valid,
    commit_cadence,
    commit_messages,
    gitignore_env,
    gitignore_present,
    history_large_binaries,
    history_secrets,
    history_sensitive_files,
    license_present,
    no_committed_binaries,
    no_committed_junk,
    no_large_files,
)
CHECK_MODULES: tuple[ModuleType, ...] = (declarative, *RULE_MODULES)


def all_checks() -> Mapping[str, CheckSpec]:
    """Every check of the catalog by name."""
    return registered_checks()
