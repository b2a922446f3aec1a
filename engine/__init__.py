"""NumPy reference implementations of deep-learning operations, the ground truth for generated questions."""
