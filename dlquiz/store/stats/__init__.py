"""The statistics' SQL: the review log, the cards and the exam history aggregated in the
database, with the pieces written differently per dialect (SQLite, PostgreSQL)."""
