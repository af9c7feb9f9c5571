"""portfolio-lint: lint an AI/ML portfolio repository."""

__version__ = "0.1.0"
