"""What each command does, as one library call the command line, the Python API and tests share:
`build` and `check` (`build`), and a `k2graph sparql` request (`sparql`)."""
