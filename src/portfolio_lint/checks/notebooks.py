"""Checks of the notebooks family (being written)."""
