"""Checks of the tests family (being written)."""
