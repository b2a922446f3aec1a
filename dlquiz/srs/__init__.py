"""Scheduling: FSRS (through the `fsrs` package), the review queue, recording and undo."""
