"""CI rules: Continuous integration, one rule per module."""
