"""Whole-repository facts the rules read: the README and its commands, dependency files, CI
files, the test suite and its configuration, coverage data and how secrets are used."""
