"""DOC rules: README & docs, one rule per module."""
