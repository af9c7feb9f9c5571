"""Per-file analysis: parse each file once, in parallel, cached by content hash."""
