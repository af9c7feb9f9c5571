"""Checks of the data family (being written)."""
