"""What the bank holds and hands out: the SQLAlchemy tables and column types, card states and
ratings, the store's error types and the frozen records other packages receive."""
