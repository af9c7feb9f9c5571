"""TST rules: Tests & coverage, one rule per module."""
