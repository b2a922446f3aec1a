"""A bank as a whole: where it lives, opening it and handing out transactions, bringing its
schema to head (Alembic migrations), backups, `bank check` and `bank copy`, and the
sentences driver errors become."""
