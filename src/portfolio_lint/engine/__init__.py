"""Running a rubric over a repository: the run itself, baselines and `--diff-base`."""
