"""Notes files into decks: importing (all or nothing), keeping a deck in step with its files,
the built-in deck, and renaming or deleting decks and notes."""
