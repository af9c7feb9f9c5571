"""VCS rules: Version control & history, one rule per module."""
