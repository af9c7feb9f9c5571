"""Values shared by every layer (findings, results, reports), scoring and rule selection.
Imports nothing else of ours."""
