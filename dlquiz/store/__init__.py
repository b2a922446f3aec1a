"""The bank: SQLAlchemy models, Alembic migrations, and small typed repository functions."""
