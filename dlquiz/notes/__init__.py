"""Markdown notes -> Note records. Pure: no database, no UI, no network.

Import from the submodules (`dlquiz.notes.parser`, `.model`, `.errors`, ...): this package
file stays empty so that light users such as `.formulas` don't pay for markdown-it.
"""
