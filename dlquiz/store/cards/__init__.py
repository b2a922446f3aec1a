"""Cards and their notes as the study side reads and writes them: rating writes, the study
queue and who may be studied, listings and card info, follow-ups, skill cards and built-in
twins."""
