"""Checks of the quality family (being written)."""
