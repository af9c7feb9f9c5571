"""Fixtures and samples shared by the tests of several data rules."""

from __future__ import annotations

README = {"README.md": "# Project\n"}
