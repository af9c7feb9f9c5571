"""Checks of the env family (being written)."""
