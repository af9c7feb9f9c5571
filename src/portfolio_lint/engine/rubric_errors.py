"""The one error a rubric that cannot be used raises."""

from __future__ import annotations


class RubricError(Exception):
    """A rubric that cannot be used; the message names the file and the entry."""
