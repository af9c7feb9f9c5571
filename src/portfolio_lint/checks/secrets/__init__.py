"""SEC rules: Secrets, one rule per module."""
