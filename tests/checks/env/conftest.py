"""Fixtures and samples shared by the tests of several env rules."""

from __future__ import annotations

TOOL_ONLY = "[tool.ruff]\nline-length = 100\n[tool.pytest.ini_options]\naddopts = '-q'\n"
