"""Checks of the history family (being written)."""
