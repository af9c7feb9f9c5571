"""Where a repository's files come from: a local folder, a clone, or the GitHub API."""
