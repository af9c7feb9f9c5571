"""DAT rules: Data paths & data files, one rule per module."""
