"""Everything that touches untrusted bytes first: capped file reads (`reads`), hardened git
(`hardened_git`) and bounded TOML/YAML/INI/JSON parsing (`parsers`)."""
