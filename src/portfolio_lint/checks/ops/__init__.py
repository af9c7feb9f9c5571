"""OPS rules: MLOps & delivery practices, judged by the kind of project (issue 12)."""
