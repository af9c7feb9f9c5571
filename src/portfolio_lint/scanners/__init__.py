"""Reusable scanners over file text: notebooks, absolute paths, secrets."""
