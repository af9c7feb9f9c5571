"""Checks of the ci family (being written)."""
