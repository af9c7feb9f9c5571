"""`portfolio-lint fix`: create what a repository is missing, from the repository's own facts."""
