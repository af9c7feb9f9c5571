"""ENV rules: Environment & reproducibility, one rule per module."""
