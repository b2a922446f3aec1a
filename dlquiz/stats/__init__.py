"""Progress statistics: pure functions that turn what the store aggregates (ratings per
study day, cards by state, answers and exams) into the numbers `dlquiz stats` shows, on an
explicit clock, time zone and day rollover; the service ties them to the bank."""
