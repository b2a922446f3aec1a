"""Anki packages, CSV and Markdown in and out. The formats are read and written here (pure
where they can be); the bank is read and written only through dlquiz.store.interop."""
