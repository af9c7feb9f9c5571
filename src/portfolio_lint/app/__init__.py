"""The only code that touches the terminal, the environment and output files: the CLI, one
lint run, output writing, the GitHub Action and batch grading."""
