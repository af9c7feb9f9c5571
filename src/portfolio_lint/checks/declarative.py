"""Checks of the declarative family (being written)."""
