"""The bank, and all of dlquiz's SQL, in rooms by concern: schema, bank, journal, cards,
decks, exams, stats, interop (each one's __init__ says what it owns). Other packages import
a room's public names, never its inner modules (an import-linter contract)."""
