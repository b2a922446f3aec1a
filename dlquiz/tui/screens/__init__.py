"""Screens of the study app: the study screen and the session summary."""
