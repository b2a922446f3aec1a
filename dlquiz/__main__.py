"""`python -m dlquiz` runs the command line."""

from dlquiz.cli.main import main

main()
