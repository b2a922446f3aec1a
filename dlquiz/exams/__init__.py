"""Practice exams: assembly from a spec, grading, the debrief and printable copies (pure
where it can be; the service ties them to the bank and the question engine)."""
