from portfolio_lint.cli import main

main()
