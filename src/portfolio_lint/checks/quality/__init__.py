"""QUA rules: Code quality & structure, one rule per module."""
