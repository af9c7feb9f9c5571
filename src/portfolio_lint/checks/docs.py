"""Checks of the docs family (being written)."""
