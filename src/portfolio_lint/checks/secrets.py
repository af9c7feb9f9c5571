"""Checks of the secrets family (being written)."""
