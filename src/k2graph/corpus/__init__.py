"""Reading the corpus: strict YAML, the curated record formats, their validation, and loading.

`load.load_corpus` is the only code that reads `sources/`; everything after it works on typed,
validated records and the document texts it returns.
"""
