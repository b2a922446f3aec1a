"""dlquiz: a spaced-repetition study tool for deep-learning interviews."""

__version__ = "0.1.0"
