"""Checks of the vcs family (being written)."""
