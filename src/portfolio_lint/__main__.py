"""`python -m portfolio_lint`: the command line."""

from portfolio_lint.app.cli import main

# Guarded: spawn and forkserver workers import the parent's __main__ (as __mp_main__), and an
# unguarded call would start the whole command again inside every worker.
if __name__ == "__main__":
    main()
