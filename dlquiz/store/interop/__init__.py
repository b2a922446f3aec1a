"""What other programs' formats (Anki packages, CSV, Markdown) read from the bank and write
into it."""
