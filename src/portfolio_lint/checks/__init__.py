"""The rules: a folder per family, one module per rule; `catalog` imports every rule module."""
