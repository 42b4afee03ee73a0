"""`python -m k2graph` runs the command line."""

from k2graph.cli import main

main()
