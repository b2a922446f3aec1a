"""Reusable widgets of the study app; each carries its own DEFAULT_CSS."""
