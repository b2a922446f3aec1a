"""PostgreSQL's options of the bank's partial and covering indexes, given to them only when
tables are created from the models on PostgreSQL.

models.py declares each of these indexes with its SQLite condition alone. Naming a
`postgresql_*` option there makes SQLAlchemy import its whole PostgreSQL dialect (with the
asyncpg, psycopg and pg8000 adapters) to check the option's name: some 30-40 ms of every
command, on a SQLite bank too. A new bank is created from the models
(store/bank/migrate.create_at_head), so this listener is what gives its PostgreSQL indexes
their conditions and included columns; banks upgraded from older revisions get the same
options from the migrations. tests/unit/stats/test_schema.py and
tests/unit/store/test_new_bank_schema.py hold the two to the same indexes on both backends.
"""

from __future__ import annotations

from sqlalchemy import Connection, MetaData

# columns PostgreSQL keeps in the index itself, so the statistics read the index alone
INCLUDED = {"ix_review_logs_retention": ["rating", "last_interval"],
            "ix_review_logs_repeats": ["id"]}


def add_postgresql_options(metadata: MetaData, connection: Connection, **_: object) -> None:
    """Before `create_all` on PostgreSQL: each partial index gets its SQLite condition as
    its PostgreSQL condition too, and the covering ones their included columns."""
    if connection.dialect.name != "postgresql":
        return
    for table in metadata.tables.values():
        for index in table.indexes:
            options = index.dialect_options["postgresql"]
            condition = index.dialect_options["sqlite"]["where"]
            if condition is not None:
                options["where"] = condition
            if index.name in INCLUDED:
                options["include"] = INCLUDED[index.name]
