"""Answer parsing (what people type) and checking (tolerances, partial credit, diagnosis)."""
